"""Keep the gettext catalogs in bot/locales in step with the code (docs/translations.md).

    .venv/bin/python tools/catalogs.py update    # new English strings into every bot.po
    .venv/bin/python tools/catalogs.py compile   # bot.po -> bot.mo (the .mo files are committed)
    .venv/bin/python tools/catalogs.py check     # exit 1 when a catalog lags the code

The English text is the message id. The template is what Babel extracts from the files that
babel.cfg names (calls to `text`, `tr`, `UserFacingError` and `N_`) plus the slash commands'
descriptions and choice names, which Discord shows through `CatalogTranslator`.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.l10n import FOLDERS, LOCALE_DIR  # noqa: E402 (after the path above)

KEYWORDS = {**DEFAULT_KEYWORDS, "text": None, "tr": None, "UserFacingError": None}
CHOICES_KEPT = {"ask", "quote", "quiz start"}  # command names offered as choices stay English


def code_strings() -> Iterator[str]:
    """The English strings the bot writes, as Babel extracts them from the code."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = extract_from_dir(
        ROOT / "bot", method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
    )
    # Babel reports every f-string inside a call (the values we pass are f-strings): not useful.
    with contextlib.redirect_stderr(io.StringIO()):
        messages = [message for _file, _line, message, _comments, _context in found]
    yield from (m for m in messages if isinstance(m, str) and m)


def command_strings() -> Iterator[str]:
    """Descriptions and choice names of every slash command (names stay English)."""
    from discord import app_commands

    from bot.discord_app.cogs import COGS

    def walk(item: app_commands.Command | app_commands.Group) -> Iterator[str]:
        yield item.description
        if isinstance(item, app_commands.Group):
            for child in item.commands:
                yield from walk(child)
            return
        for parameter in item.parameters:
            yield parameter.description
            for choice in parameter.choices:
                if choice.name not in CHOICES_KEPT:
                    yield choice.name

    for cog in COGS:
        for command in cog.__cog_app_commands__:
            yield from walk(command)


def template() -> Catalog:
    catalog = Catalog(project="us-and-them-bot", version="0.1.0")
    for message in [*command_strings(), *code_strings()]:
        if message and message != "…":
            catalog.add(message)
    return catalog


def po_path(folder: str) -> Path:
    return LOCALE_DIR / folder / "LC_MESSAGES" / "bot.po"


def read(folder: str) -> Catalog:
    with po_path(folder).open("rb") as f:
        return read_po(f, locale=folder)


def update() -> None:
    """Add new strings (untranslated) to every catalog and drop the ones the code lost."""
    wanted = template()
    for folder in FOLDERS.values():
        catalog = read(folder)
        catalog.update(wanted, no_fuzzy_matching=True)
        with po_path(folder).open("wb") as f:
            write_po(f, catalog, width=100, omit_header=False, ignore_obsolete=True)


def compile_all() -> None:
    for folder in FOLDERS.values():
        catalog = read(folder)
        with po_path(folder).with_suffix(".mo").open("wb") as f:
            write_mo(f, catalog)


def lagging() -> list[str]:
    """What keeps the catalogs from matching the code: missing, untranslated, stale."""
    wanted = {m.id for m in template() if m.id}
    problems = []
    for folder in FOLDERS.values():
        catalog = read(folder)
        have = {m.id for m in catalog if m.id}
        problems += [f"{folder}: not in the catalog: {m!r}" for m in sorted(wanted - have)]
        problems += [f"{folder}: no longer in the code: {m!r}" for m in sorted(have - wanted)]
        problems += [f"{folder}: untranslated: {m.id!r}" for m in catalog if m.id and not m.string]
    return problems


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        problems = lagging()
        print("\n".join(problems) or "catalogs match the code")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
