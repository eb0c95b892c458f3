"""`/cooldowns`: server admins view or change the cooldowns on /ask, /quote and /quiz start."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.cooldowns import COMMANDS, MAX_SECONDS, CooldownError, CooldownLimits
from bot.discord_app.checks import manage_guild_at_runtime
from bot.discord_app.errors import NO_MENTIONS, UserFacingError

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot

Seconds = app_commands.Range[int, 0, MAX_SECONDS]


def _seconds(value: float) -> str:
    return "off" if value <= 0 else f"{value:g} s"


def cooldowns_text(title: str, limits: dict[str, CooldownLimits]) -> str:
    lines = [f"**{title}** (per player / per channel)"]
    for command in COMMANDS:
        limit = limits[command]
        lines.append(f"`/{command}`: {_seconds(limit.per_user)} / {_seconds(limit.per_channel)}")
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
                "Say which command to change: `/cooldowns command:ask per_user:10`."
            )
        title = "Cooldowns"
        if changing and command is not None:
            current = (await guard.limits(guild_id))[command]
            wanted = CooldownLimits(
                float(per_user) if per_user is not None else current.per_user,
                float(per_channel) if per_channel is not None else current.per_channel,
            )
            try:
                await guard.set_limits(guild_id, command, wanted)
            except CooldownError as exc:
                raise UserFacingError(str(exc)) from exc
            title = "Cooldowns updated"
        text = cooldowns_text(title, await guard.limits(guild_id))
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
