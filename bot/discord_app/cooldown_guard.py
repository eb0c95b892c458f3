"""Applies the cooldowns of `bot.core.cooldowns` to slash commands, before any command runs.

`TriviaTree.interaction_check` calls `CooldownGuard.check` for every command interaction, so the
cogs stay unaware of it. A refusal is a private reply that says how long to wait. Each server's
limits are read from the store once and cached until an admin changes them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import discord

from bot.core.cooldowns import COMMANDS, DEFAULT_LIMITS, CooldownLimits, Cooldowns, Refusal
from bot.discord_app import i18n
from bot.discord_app.errors import UserFacingError

if TYPE_CHECKING:
    from bot.core.store_contract import ScoreStoreContract


class OnCooldown(UserFacingError):
    """The command was refused by a cooldown; the message says how long to wait."""


def refusal_text(refusal: Refusal, locale: discord.Locale | None = None) -> str:
    minutes, seconds = refusal.wait_parts()
    if minutes and seconds:
        wait = i18n.text("{minutes} min {seconds} s", locale, minutes=minutes, seconds=seconds)
    elif minutes:
        wait = i18n.text("{minutes} min", locale, minutes=minutes)
    else:
        wait = i18n.text("{seconds} s", locale, seconds=seconds)
    command = f"/{refusal.command}"
    if refusal.scope == "user":
        return i18n.text(
            "Slow down: you can use {command} again in {wait}.", locale, command=command, wait=wait
        )
    return i18n.text(
        "Slow down: {command} can be used in this channel again in {wait}.",
        locale,
        command=command,
        wait=wait,
    )


class CooldownGuard:
    def __init__(self, store: ScoreStoreContract, clock: Callable[[], float]) -> None:
        self._store = store
        self._cooldowns = Cooldowns(clock)
        self._limits: dict[int, dict[str, CooldownLimits]] = {}  # guild -> limits, cached
        # Clusters: tells the others to forget their copy (`bot.discord_app.broadcast`).
        self.on_change: Callable[[int], Awaitable[None]] | None = None

    async def limits(self, guild_id: int | None) -> dict[str, CooldownLimits]:
        if guild_id is None:  # direct messages: the defaults
            return DEFAULT_LIMITS
        cached = self._limits.get(guild_id)
        if cached is None:
            cached = self._limits[guild_id] = await self._store.get_cooldowns(guild_id)
        return cached

    async def set_limits(self, guild_id: int, command: str, limits: CooldownLimits) -> None:
        await self._store.set_cooldown(guild_id, command, limits)
        self.forget(guild_id)
        if self.on_change is not None:
            await self.on_change(guild_id)

    def forget(self, guild_id: int) -> None:
        """Drop the cached limits: the next check reads them from the store again."""
        self._limits.pop(guild_id, None)

    async def check(self, interaction: discord.Interaction) -> None:
        """Raise OnCooldown if this command interaction must wait; otherwise count the use."""
        if interaction.type is not discord.InteractionType.application_command:
            return  # autocomplete, buttons: never limited
        command = interaction.command
        if command is None or command.qualified_name not in COMMANDS:
            return
        name = command.qualified_name
        limits = (await self.limits(interaction.guild_id))[name]
        refusal = self._cooldowns.try_use(
            name,
            limits,
            guild_id=interaction.guild_id or 0,
            channel_id=interaction.channel_id or 0,
            user_id=interaction.user.id,
        )
        if refusal is not None:
            raise OnCooldown(refusal_text(refusal, i18n.locale_of(interaction)))
