"""`/quote [query]`: a quote from the film or its makers, by words or speaker; random without."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.spoilers import HELD_QUOTE, quote_spoils, safe_random
from bot.discord_app import render
from bot.discord_app.errors import NO_MENTIONS
from bot.discord_app.open_question import open_fact

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot


class QuoteCog(commands.Cog):
    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot
        self._rng = random.Random()

    @app_commands.command(name="quote", description="A quote from Us and Them or its makers")
    @app_commands.describe(query="Words from the quote or a speaker, e.g. xiaoxiao")
    async def quote(
        self,
        interaction: discord.Interaction,
        query: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        index = self.bot.knowledge.current.quotes
        running = open_fact(self.bot, interaction.channel_id)
        if query is None or not query.strip():
            found = safe_random(index, self._rng, running) if index.quotes else None
        else:
            hits = index.search(query, limit=1)
            found = hits[0] if hits else None
        random_held = found is None and running is not None and not (query or "").strip()
        if random_held or (found is not None and quote_spoils(running, found)):
            await interaction.response.send_message(
                HELD_QUOTE, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        if found is None:
            await interaction.response.send_message(
                f"No quote matches {render.user_text(query or '', 100)}. "
                "Try a speaker (xiaoxiao, jianqing, rene liu) or a word from the line.",
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )
            return
        await interaction.response.send_message(
            embed=render.quote_embed(found), allowed_mentions=NO_MENTIONS
        )
