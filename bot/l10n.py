"""Message catalogs for English, Simplified and Traditional Chinese, shared by every front end.

The English text is the message id; `bot/locales/<lang>/LC_MESSAGES/bot.po` holds the Chinese
(edit there, compile with `pybabel compile -D bot -d bot/locales`, commit the `.mo`: see
docs/translations.md). No discord import here: the console uses it too.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

LOCALE_DIR = Path(__file__).resolve().parent / "locales"
# Locale as Discord and `--locale` spell it -> the catalog's folder; English needs no catalog.
FOLDERS = {"zh-CN": "zh_CN", "zh-TW": "zh_TW"}
LOCALES = ("en", *FOLDERS)


def _load(folder: str) -> gettext.NullTranslations:
    return gettext.translation("bot", LOCALE_DIR, languages=[folder], fallback=False)


class _Catalogs(Mapping[str, gettext.NullTranslations]):
    """The catalogs by locale, each read when first used: a command that only writes English
    (`python -m bot ask`) never reads them (a few ms of every start)."""

    def __init__(self, folders: Mapping[str, str]) -> None:
        self._folders = folders
        self._read: dict[str, gettext.NullTranslations] = {}

    def __getitem__(self, locale: str) -> gettext.NullTranslations:
        found = self._read.get(locale)
        if found is None:
            found = self._read[locale] = _load(self._folders[locale])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._folders)

    def __len__(self) -> int:
        return len(self._folders)


CATALOGS: Mapping[str, gettext.NullTranslations] = _Catalogs(FOLDERS)


def N_(message: str) -> str:
    """Marks `message` for the catalog where it is defined; `translate` it where it is shown."""
    return message


def translate(message: str, locale: str | None, **values: object) -> str:
    """`message` in `locale` (English when untranslated), with `{placeholders}` filled in."""
    catalog = CATALOGS.get(locale) if locale else None
    translated = catalog.gettext(message) if catalog is not None else message
    return translated.format(**values) if values else translated


class Translator(Protocol):
    """`tr(message, **values)`: a message id in one locale, placeholders filled in."""

    def __call__(self, message: str, /, **values: object) -> str: ...


def translator(locale: str | None) -> Translator:
    """`translate` bound to one locale: what core helpers that word a message are handed."""

    def tr(message: str, /, **values: object) -> str:
        return translate(message, locale, **values)

    return tr


english = translator(None)


def _wide(char: str) -> bool:
    """CJK text and punctuation (compared, not a regex: compiling that character class is a
    few ms of every start)."""
    return (
        "\u3000" <= char <= "\u303f" or "\u3400" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"
    )


def join(first: str, second: str) -> str:
    """Two sentences in a row: a space between English ones, none beside Chinese (which
    writes sentences without spaces: "…不如直说。你是想问…")."""
    if not first or not second:
        return first + second
    if _wide(first[-1]) or _wide(second[0]):
        return first + second
    return f"{first} {second}"


# The core's words for sorts, modes and difficulties, as a player reads them (`translate` each).
WORDS = {
    "points": N_("points"),
    "wins": N_("wins"),
    "accuracy": N_("accuracy"),
    "typed": N_("typed"),
    "choice": N_("choice"),
    "easy": N_("easy"),
    "medium": N_("medium"),
    "hard": N_("hard"),
}
