"""`/sync`: the bot owner pushes the command definitions to Discord now."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app import i18n
from bot.discord_app.checks import owner_only
from bot.discord_app.errors import NO_MENTIONS

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot


class OwnerCog(commands.Cog):
    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    @app_commands.command(name="sync", description="Sync slash commands now (bot owner only)")
    @app_commands.default_permissions(administrator=True)
    @owner_only()
    async def sync(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        count = await self.bot.sync_commands(force=True)
        locale = i18n.locale_of(interaction)
        if count is None:
            text = i18n.text("Sync failed; see the log.", locale)
        else:
            text = i18n.text("Synced {count} commands.", locale, count=count)
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
