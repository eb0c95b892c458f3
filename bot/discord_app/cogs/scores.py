"""`/leaderboard` and `/stats`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app import render
from bot.discord_app.errors import NO_MENTIONS

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot

Scope = Literal["server", "global"]


class ScoresCog(commands.Cog):
    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    @app_commands.command(name="leaderboard", description="Top quiz players")
    @app_commands.describe(
        scope="This server or every server", sort="What to rank by", page="Page number"
    )
    async def leaderboard(
        self,
        interaction: discord.Interaction,
        scope: Scope = "server",
        sort: Literal["points", "wins", "accuracy"] = "points",
        page: app_commands.Range[int, 1, 1000] = 1,
    ) -> None:
        guild_id = interaction.guild_id if scope == "server" else None
        if scope == "server" and guild_id is None:
            scope, guild_id = "global", None  # in DMs only the global board exists
        board = await self.bot.store.leaderboard(guild_id, sort=sort, page=page, per_page=10)
        scope_name = "this server" if guild_id is not None else "all servers"
        await interaction.response.send_message(
            embed=render.leaderboard_embed(board, scope_name), allowed_mentions=NO_MENTIONS
        )

    @app_commands.command(name="stats", description="Quiz stats for you or another player")
    @app_commands.describe(user="Whose stats (default: yours)", scope="This server or everywhere")
    async def stats(
        self,
        interaction: discord.Interaction,
        user: discord.User | None = None,
        scope: Scope = "server",
    ) -> None:
        target = user or interaction.user
        guild_id = interaction.guild_id if scope == "server" else None
        stats = await self.bot.store.player_stats(guild_id, target.id)
        scope_name = "this server" if guild_id is not None else "all servers"
        embed = render.stats_embed(stats, target.display_name, scope_name)
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_MENTIONS)
