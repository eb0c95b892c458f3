"""The one place app-command and component errors become replies.

Users get a short ephemeral sentence; the details (command, user, guild, traceback) go to the
log with a short reference so an admin can find them.
"""

from __future__ import annotations

import logging
import secrets

import discord
from discord import app_commands

from bot.discord_app import i18n

log = logging.getLogger(__name__)
NO_MENTIONS = discord.AllowedMentions.none()


class Localised(Exception):
    """An error whose message is a catalog id plus values: shown in the user's language."""

    def __init__(self, message: str, /, **values: object) -> None:
        super().__init__(message.format(**values) if values else message)
        self.message = message
        self.values = values

    def localised(self, locale: discord.Locale | None) -> str:
        return i18n.text(self.message, locale, **self.values)


class UserFacingError(Localised, app_commands.AppCommandError):
    """A problem the user can fix; its message (a catalog id) is shown translated."""


class MissingPermission(Localised, app_commands.CheckFailure):
    """The user lacks a permission the command needs; the message says which."""


def describe(error: BaseException, locale: discord.Locale | None = None) -> str | None:
    """A user-facing message for expected errors, or None for bugs."""
    if isinstance(error, app_commands.CommandInvokeError) and isinstance(
        error.original, UserFacingError
    ):
        error = error.original
    if isinstance(error, Localised):
        return error.localised(locale)
    if isinstance(error, app_commands.MissingPermissions):
        return i18n.text("You need the Manage Server permission to do that.", locale)
    if isinstance(error, app_commands.NoPrivateMessage):
        return i18n.text("This command only works in a server.", locale)
    if isinstance(error, app_commands.CommandOnCooldown):
        wait = f"{error.retry_after:.0f}"
        return i18n.text("Slow down: try again in {seconds} s.", locale, seconds=wait)
    if isinstance(error, app_commands.CheckFailure):
        return i18n.text("You can't use this command here.", locale)
    return None


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Reply privately whether or not the interaction was already answered."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
    except discord.HTTPException:
        log.warning("Could not send an error reply for interaction %s", interaction.id)


async def handle_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Reply with a short message; log anything unexpected with a reference id."""
    locale = i18n.locale_of(interaction)
    message = describe(error, locale)
    if message is None:
        ref = secrets.token_hex(3)
        command = interaction.command.qualified_name if interaction.command else "component"
        log.error(
            "Error %s in %s (user %s, guild %s, channel %s)",
            ref,
            command,
            interaction.user.id,
            interaction.guild_id,
            interaction.channel_id,
            exc_info=error,
        )
        message = i18n.text(
            "Something went wrong on my side (ref `{ref}`); it has been logged.", locale, ref=ref
        )
    await send_ephemeral(interaction, message)
