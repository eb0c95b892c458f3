"""English, Simplified and Traditional Chinese: gettext catalogs compiled with Babel.

Catalogs live in `bot/locales/<lang>/LC_MESSAGES/bot.po` (edit) and `bot.mo` (compiled with
`pybabel compile -D bot -d bot/locales`; a test keeps them in step). The English text is the
message id. Command and option names stay English; `CatalogTranslator` gives Discord the
descriptions and choice names, and `text()` translates what the bot writes, following the
user's locale, then the server's, else English.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import discord
from discord import app_commands

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locales"
# Discord's locale -> the catalog's language folder
LANGUAGES: dict[discord.Locale, str] = {
    discord.Locale.chinese: "zh_CN",
    discord.Locale.taiwan_chinese: "zh_TW",
}
TRANSLATED = {
    app_commands.TranslationContextLocation.command_description,
    app_commands.TranslationContextLocation.group_description,
    app_commands.TranslationContextLocation.parameter_description,
    app_commands.TranslationContextLocation.choice_name,
}


def _load(language: str) -> gettext.NullTranslations:
    return gettext.translation("bot", LOCALE_DIR, languages=[language], fallback=False)


CATALOGS: dict[discord.Locale, gettext.NullTranslations] = {
    locale: _load(language) for locale, language in LANGUAGES.items()
}


def locale_of(interaction: discord.Interaction) -> discord.Locale:
    """The user's language if we have it, else the server's, else English."""
    for locale in (interaction.locale, interaction.guild_locale):
        if locale in CATALOGS:
            return locale
    return discord.Locale.american_english


def text(message: str, locale: discord.Locale | None, **values: object) -> str:
    """`message` in `locale` (English if untranslated), with `{placeholders}` filled in."""
    catalog = CATALOGS.get(locale) if locale is not None else None
    translated = catalog.gettext(message) if catalog is not None else message
    return translated.format(**values) if values else translated


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
