"""`/cooldowns`: server admins view or change the cooldowns on /ask, /quote and /quiz start."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.cooldowns import COMMANDS, MAX_SECONDS, CooldownError, CooldownLimits
from bot.discord_app import i18n
from bot.discord_app.checks import manage_guild_at_runtime
from bot.discord_app.errors import NO_MENTIONS, UserFacingError
from bot.discord_app.i18n import N_

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot

Seconds = app_commands.Range[int, 0, MAX_SECONDS]


def _seconds(value: float, locale: discord.Locale | None) -> str:
    if value <= 0:
        return i18n.text("off", locale)
    return i18n.text("{seconds} s", locale, seconds=f"{value:g}")


def cooldowns_text(
    title: str, limits: dict[str, CooldownLimits], locale: discord.Locale | None = None
) -> str:
    heading = i18n.text(title, locale)
    lines = [i18n.text("**{title}** (per player / per channel)", locale, title=heading)]
    for command in COMMANDS:
        limit = limits[command]
        per_user, per_channel = (
            _seconds(limit.per_user, locale),
            _seconds(limit.per_channel, locale),
        )
        lines.append(f"`/{command}`: {per_user} / {per_channel}")
    return "\n".join(lines)


class FairPlayCog(commands.Cog):
    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="cooldowns", description="View or change the cooldowns on /ask, /quote, /quiz start"
    )
    @app_commands.describe(
        command="Which command to change",
        per_user=f"Seconds between two uses by one player (0 = off, up to {MAX_SECONDS})",
        per_channel=f"Seconds between two uses in one channel (0 = off, up to {MAX_SECONDS})",
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @manage_guild_at_runtime()
    async def cooldowns(
        self,
        interaction: discord.Interaction,
        command: Literal["ask", "quote", "quiz start"] | None = None,
        per_user: Seconds | None = None,
        per_channel: Seconds | None = None,
    ) -> None:
        guild_id = interaction.guild_id
        assert guild_id is not None  # guild_only
        guard = self.bot.cooldowns
        changing = per_user is not None or per_channel is not None
        if changing and command is None:
            raise UserFacingError(
                "Say which command to change: {example}.",
                example="`/cooldowns command:ask per_user:10`",
            )
        title = N_("Cooldowns")
        if changing and command is not None:
            current = (await guard.limits(guild_id))[command]
            wanted = CooldownLimits(
                float(per_user) if per_user is not None else current.per_user,
                float(per_channel) if per_channel is not None else current.per_channel,
            )
            try:
                await guard.set_limits(guild_id, command, wanted)
            except CooldownError as exc:
                raise UserFacingError(str(exc)) from exc  # slash options keep to the range
            title = N_("Cooldowns updated")
        text = cooldowns_text(title, await guard.limits(guild_id), i18n.locale_of(interaction))
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
