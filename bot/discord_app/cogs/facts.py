"""`/facts info`: what the bot knows (counts, categories, sources); `/facts reports`: players'
reports of wrong or unclear questions, for server admins (checked at run time: Discord's default
permissions would hide the whole `/facts` group)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app import i18n, render
from bot.discord_app.checks import manage_guild_at_runtime
from bot.discord_app.errors import NO_MENTIONS, UserFacingError
from bot.discord_app.reports import reports_csv, reports_text

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot


class FactsCog(commands.Cog):
    facts = app_commands.Group(name="facts", description="What the bot knows about the film")
    reports = app_commands.Group(
        name="reports", description="Reports of wrong or unclear questions (admins)", parent=facts
    )

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    @facts.command(name="info", description="How many facts, quotes and sources I know")
    async def info(self, interaction: discord.Interaction) -> None:
        facts = self.bot.knowledge.current.facts
        embed = render.facts_info_embed(facts, i18n.locale_of(interaction))
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_MENTIONS)

    @reports.command(name="list", description="Players' reports of questions (admins)")
    @app_commands.describe(show="Open reports only, or all")
    @manage_guild_at_runtime()
    async def reports_list(
        self, interaction: discord.Interaction, show: Literal["open", "all"] = "open"
    ) -> None:
        assert interaction.guild_id is not None  # the check refuses direct messages
        found = await self.bot.store.reports(interaction.guild_id, open_only=show == "open")
        await interaction.response.send_message(
            reports_text(found, show == "open", i18n.locale_of(interaction)),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @reports.command(name="resolve", description="Mark a report as dealt with (admins)")
    @app_commands.describe(report="The report's number, from /facts reports list")
    @manage_guild_at_runtime()
    async def reports_resolve(
        self, interaction: discord.Interaction, report: app_commands.Range[int, 1]
    ) -> None:
        assert interaction.guild_id is not None
        done = await self.bot.store.resolve_report(
            interaction.guild_id, report, interaction.user.id
        )
        if not done:
            raise UserFacingError(
                "There is no open report #{id} in this server; {command} shows the open ones.",
                id=report,
                command="`/facts reports list`",
            )
        await interaction.response.send_message(
            i18n.text("Report #{id} resolved.", i18n.locale_of(interaction), id=report),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @reports.command(name="export", description="All reports as a CSV file (admins)")
    @app_commands.describe(show="Open reports only, or all")
    @manage_guild_at_runtime()
    async def reports_export(
        self, interaction: discord.Interaction, show: Literal["open", "all"] = "all"
    ) -> None:
        assert interaction.guild_id is not None
        found = await self.bot.store.reports(interaction.guild_id, open_only=show == "open")
        data = discord.File(io.BytesIO(reports_csv(found)), filename="question-reports.csv")
        await interaction.response.send_message(
            i18n.text("{count} report(s).", i18n.locale_of(interaction), count=len(found)),
            file=data,
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )
