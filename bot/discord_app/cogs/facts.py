"""`/facts info`: what the bot knows (counts, categories, sources)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app import render
from bot.discord_app.errors import NO_MENTIONS

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot


class FactsCog(commands.Cog):
    facts = app_commands.Group(name="facts", description="What the bot knows about the film")

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    @facts.command(name="info", description="How many facts, quotes and sources I know")
    async def info(self, interaction: discord.Interaction) -> None:
        embed = render.facts_info_embed(self.bot.knowledge.current.facts)
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_MENTIONS)
