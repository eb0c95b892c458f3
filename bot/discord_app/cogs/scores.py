"""`/leaderboard` and `/stats`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.storage import LeaderboardPage
from bot.discord_app import i18n, render
from bot.discord_app.errors import NO_MENTIONS
from bot.discord_app.views import PagerView

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot

Scope = Literal["server", "global"]
PER_PAGE = 10


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
        guild_id = interaction.guild_id if scope == "server" else None  # DMs: global only
        shown: Scope = "server" if guild_id is not None else "global"
        locale = i18n.locale_of(interaction)

        async def fetch(number: int) -> LeaderboardPage:
            return await self.bot.store.leaderboard(
                guild_id, sort=sort, page=number, per_page=PER_PAGE
            )

        board = await fetch(page)
        embed = render.leaderboard_embed(board, shown, locale)
        if board.pages == 1:
            await interaction.response.send_message(embed=embed, allowed_mentions=NO_MENTIONS)
            return
        view = PagerView(
            board,
            fetch,
            lambda b: render.leaderboard_embed(b, shown, locale),
            self.bot.boot_id,
            locale,
        )
        await interaction.response.send_message(
            embed=embed, view=view, allowed_mentions=NO_MENTIONS
        )
        view.message = await interaction.original_response()

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
        shown: Scope = "server" if guild_id is not None else "global"
        locale = i18n.locale_of(interaction)
        embed = render.stats_embed(stats, target.display_name, shown, locale)
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_MENTIONS)
