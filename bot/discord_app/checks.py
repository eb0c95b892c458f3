"""Run-time permission checks.

Default member permissions only hide a command in the client, and a server admin can re-grant it
to anyone under Server Settings -> Integrations. Admin commands therefore check Manage Server
again when they run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import discord
from discord import app_commands

from bot.discord_app.errors import MissingPermission
from bot.discord_app.i18n import N_

T = TypeVar("T")
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)


def is_moderator(interaction: discord.Interaction) -> bool:
    return interaction.guild_id is not None and interaction.permissions.manage_guild


def manage_guild_at_runtime() -> Callable[[T], T]:
    def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        if not interaction.permissions.manage_guild:
            raise MissingPermission(N_("You need the **Manage Server** permission to do that."))
        return True

    return app_commands.check(predicate)


def owner_only() -> Callable[[T], T]:
    async def predicate(interaction: discord.Interaction) -> bool:
        if not await interaction.client.is_owner(interaction.user):  # type: ignore[attr-defined]
            raise MissingPermission(N_("Only the bot's owner can do that."))
        return True

    return app_commands.check(predicate)
