"""Server admin commands: `/facts-reload`, `/quizset`, `/scores reset`.

Each is hidden from members by default permissions (Manage Server) and checks the permission
again at run time, because a server admin can re-grant a command to anyone in the Integrations
settings. (`/facts-reload` is a top-level command, not `/facts reload`: Discord applies default
permissions to a whole command group, and `/facts info` is for everyone.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.facts import FactPackError
from bot.core.model import QuizMode
from bot.core.storage import ServerSettingError
from bot.discord_app import i18n, render
from bot.discord_app.broadcast import BroadcastError
from bot.discord_app.checks import ADMIN_PERMISSIONS, manage_guild_at_runtime
from bot.discord_app.errors import NO_MENTIONS, UserFacingError
from bot.discord_app.i18n import N_
from bot.discord_app.views import ConfirmView

if TYPE_CHECKING:
    from bot.core.knowledge import KnowledgeHolder
    from bot.discord_app.client import TriviaBot


async def reload_here(
    knowledge: KnowledgeHolder, locale: discord.Locale | None = None
) -> tuple[bool, str]:
    """Reload this process's packs: (swapped?, the admin's reply). A broken pack is refused."""
    try:
        fresh = await knowledge.reload()
    except FactPackError as exc:
        return False, render.reload_failed_text(exc.problems, locale=locale)
    return True, render.reload_ok_text(fresh.facts, locale)


class AdminCog(commands.Cog):
    scores = app_commands.Group(
        name="scores",
        description="Manage this server's scores",
        default_permissions=ADMIN_PERMISSIONS,
        guild_only=True,
    )

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="facts-reload", description="Re-read the fact packs from disk (admins)"
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @manage_guild_at_runtime()
    async def facts_reload(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        locale = i18n.locale_of(interaction)
        if self.bot.broadcast is not None:
            # Every cluster reloads (each validating its own) and reports back here.
            try:
                results = await self.bot.broadcast.reload_everywhere(
                    locale.value if locale else None
                )
            except BroadcastError as exc:
                raise UserFacingError(
                    "The other clusters cannot be reached right now (the connection to the "
                    "database is down), so nothing was reloaded. Try again in a minute."
                ) from exc
            text = render.reload_everywhere_text(results, locale)
        else:
            _ok, text = await reload_here(self.bot.knowledge, locale)
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="quizset", description="View or change this server's quiz settings")
    @app_commands.describe(
        seconds="Seconds to answer each question (5-120)",
        questions="Questions in a round (1-50)",
        mode="Default way to answer",
        hints="Whether hints are shown",
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @manage_guild_at_runtime()
    async def quizset(
        self,
        interaction: discord.Interaction,
        seconds: app_commands.Range[int, 5, 120] | None = None,
        questions: app_commands.Range[int, 1, 50] | None = None,
        mode: QuizMode | None = None,
        hints: bool | None = None,
    ) -> None:
        assert interaction.guild_id is not None  # guild_only
        changes: dict[str, object] = {}
        if seconds is not None:
            changes["question_seconds"] = float(seconds)
        if questions is not None:
            changes["round_length"] = questions
        if mode is not None:
            changes["mode"] = mode
        if hints is not None:
            changes["hints"] = hints
        try:
            if changes:
                settings = await self.bot.store.update_settings(interaction.guild_id, **changes)
            else:
                settings = await self.bot.store.get_settings(interaction.guild_id)
        except ServerSettingError as exc:
            raise UserFacingError(str(exc)) from exc  # slash options keep to the ranges
        title = N_("Quiz settings updated") if changes else N_("Quiz settings")
        embed = render.settings_embed(title, settings, i18n.locale_of(interaction))
        await interaction.response.send_message(
            embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    @scores.command(name="reset", description="Delete every score in this server (asks first)")
    @manage_guild_at_runtime()
    async def scores_reset(self, interaction: discord.Interaction) -> None:
        guild_id = interaction.guild_id
        assert guild_id is not None  # guild_only group
        locale = i18n.locale_of(interaction)

        async def reset() -> str:
            removed = await self.bot.store.reset_guild(guild_id)
            return i18n.text(
                "Scores reset: {count} player(s) removed from this server's leaderboard.",
                locale,
                count=removed,
            )

        view = ConfirmView(
            interaction.user.id, reset, self.bot.boot_id, locale, confirm_label=N_("Yes, reset")
        )
        await interaction.response.send_message(
            i18n.text(
                "Reset **all** scores and round history of this server? This cannot be undone.",
                locale,
            ),
            view=view,
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )
        view.message = await interaction.original_response()
