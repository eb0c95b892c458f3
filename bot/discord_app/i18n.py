"""English, Simplified and Traditional Chinese in Discord (catalogs: `bot.l10n`).

Command and option names stay English; `CatalogTranslator` gives Discord the descriptions and
choice names, and `text()` translates what the bot writes, following the user's locale, then the
server's, else English. Messages posted to a channel for nobody in particular (a round cut short
by a restart) follow the server's locale (`guild_locale`).
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.l10n import CATALOGS as _BY_NAME
from bot.l10n import FOLDERS, LOCALE_DIR, N_, Translator, translate
from bot.l10n import translator as l10n_translator

__all__ = ["LANGUAGES", "LOCALE_DIR", "N_", "CatalogTranslator", "locale_of", "text"]

# Discord's locale -> the catalog's language folder
LANGUAGES: dict[discord.Locale, str] = {discord.Locale(name): f for name, f in FOLDERS.items()}
TRANSLATED = {
    app_commands.TranslationContextLocation.command_description,
    app_commands.TranslationContextLocation.group_description,
    app_commands.TranslationContextLocation.parameter_description,
    app_commands.TranslationContextLocation.choice_name,
}
CATALOGS = {locale: _BY_NAME[locale.value] for locale in LANGUAGES}


def locale_of(interaction: discord.Interaction) -> discord.Locale:
    """The user's language if we have it, else the server's, else English."""
    for locale in (interaction.locale, interaction.guild_locale):
        if locale in CATALOGS:
            return locale
    return discord.Locale.american_english


def guild_locale(guild: discord.Guild | None) -> discord.Locale | None:
    """The server's language, for messages that answer nobody in particular."""
    if guild is not None and guild.preferred_locale in CATALOGS:
        return guild.preferred_locale
    return None


def text(message: str, locale: discord.Locale | None, **values: object) -> str:
    """`message` in `locale` (English if untranslated), with `{placeholders}` filled in."""
    return translate(message, locale.value if locale is not None else None, **values)


def translator(locale: discord.Locale | None) -> Translator:
    """What core helpers that word a message are handed (`tr`), for this Discord locale."""
    return l10n_translator(locale.value if locale is not None else None)


class CatalogTranslator(app_commands.Translator):
    """Descriptions and choice names for Discord's client; names stay English."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        catalog = CATALOGS.get(locale)
        if catalog is None or context.location not in TRANSLATED:
            return None
        translated = catalog.gettext(string.message)
        return translated if translated != string.message else None
