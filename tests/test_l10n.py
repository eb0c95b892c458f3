"""The catalogs (bot/locales) against the code: every string the bot writes is in both Chinese
catalogs, translated, with the English message's placeholders, compiled, within Discord's limits;
and no English sentence in the Discord front end or the console bypasses them."""

from __future__ import annotations

import ast
import gettext
import re
import sys
from pathlib import Path

import discord
import pytest
from babel.messages.pofile import read_po

from bot.l10n import FOLDERS, LOCALE_DIR, LOCALES, translate

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import catalogs  # noqa: E402 (tools/catalogs.py: the same extraction `update` uses)

PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")
HAN = re.compile(r"[\u4e00-\u9fff]")
CHINESE = sorted(FOLDERS)


@pytest.fixture(scope="module")
def wanted() -> list[str]:
    return sorted({m.id for m in catalogs.template() if m.id})


def _po(locale: str) -> dict[str, str]:
    with (LOCALE_DIR / FOLDERS[locale] / "LC_MESSAGES" / "bot.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and not m.fuzzy}


def test_the_catalogs_follow_the_code() -> None:
    # A new text("...") or tr("...") not yet in bot.po, or one the code dropped, fails here:
    # `.venv/bin/python tools/catalogs.py update`, translate, then `... compile`.
    assert catalogs.lagging() == []


@pytest.mark.parametrize("locale", CHINESE)
def test_every_message_is_translated_with_its_placeholders_and_compiled(
    locale: str, wanted: list[str]
) -> None:
    po = _po(locale)
    compiled = gettext.translation("bot", LOCALE_DIR, languages=[FOLDERS[locale]])
    for message in wanted:
        translated = po.get(message)
        assert translated, f"{locale}: no translation of {message!r}"
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(message)), (
            f"{locale}: the placeholders of {message!r} differ in {translated!r}"
        )
        assert compiled.gettext(message) == translated, f"{locale}: recompile the .mo"
        assert HAN.search(translated), f"{locale}: {translated!r} has no Chinese"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_renders_in_every_locale(locale: str, wanted: list[str]) -> None:
    for message in wanted:
        values = {name: f"<{name}>" for name in PLACEHOLDER.findall(message)}
        shown = translate(message, locale if locale != "en" else None, **values)
        assert all(v in shown for v in values.values()), (locale, message, shown)
        assert "{" not in shown.replace("{{", ""), (locale, message, shown)
        assert len(shown) <= 2000  # a Discord message's content


@pytest.mark.parametrize("locale", CHINESE)
def test_discord_limits_hold_in_every_locale(locale: str) -> None:
    tr = discord.Locale(locale)
    for text in catalogs.command_strings():
        assert len(translate(text, locale)) <= 100, f"{locale}: {text!r} over Discord's 100"
    from bot.discord_app.quiz_views import AnswerModal
    from bot.discord_app.reports import ReportModal, report_view
    from bot.discord_app.views import ConfirmView, PagerView

    async def nothing() -> str:
        return ""

    async def build() -> list[discord.ui.View | discord.ui.Modal]:
        page = _page()
        return [
            ConfirmView(1, nothing, "boot", tr, confirm_label="Yes, reset"),
            PagerView(page, None, None, "boot", tr),  # type: ignore[arg-type]
            report_view("a-fact", tr),
            AnswerModal(None, tr, "boot"),  # type: ignore[arg-type]
            ReportModal("a-fact", tr, "boot"),
        ]

    import asyncio

    for item in asyncio.run(build()):
        if isinstance(item, discord.ui.Modal):
            payload = item.to_dict()
            assert len(payload["title"]) <= 45, payload["title"]
            for row in payload["components"]:
                for field in row["components"]:
                    assert len(field.get("label", "")) <= 45, field
                    assert len(field.get("placeholder", "")) <= 100, field
        else:
            for row in item.to_components():
                for button in row["components"]:
                    assert 0 < len(button["label"]) <= 80, button


def _page() -> object:
    from bot.core.storage import LeaderboardPage

    fields = LeaderboardPage.__dataclass_fields__
    values = {name: 1 for name in fields}
    values.update(entries=(), sort="points", guild_id=None)
    return LeaderboardPage(**{k: v for k, v in values.items() if k in fields})


# -- English that bypasses the catalogs --------------------------------------------------------

# Calls whose string arguments are catalog ids (checked above) or never shown to a player.
TRANSLATED_CALLS = {"text", "tr", "translate", "N_", "UserFacingError", "NotAllowed"}
NOT_SHOWN_CALLS = {"debug", "info", "warning", "error", "exception", "critical", "compile"}
NOT_SHOWN_CALLS |= {"getLogger", "RuntimeError", "Counter", "Gauge", "Histogram"}  # metrics' help
NOT_SHOWN_CALLS |= {"execute", "fetch", "fetchrow", "fetchval", "BroadcastError"}  # SQL, internal
NOT_SHOWN_KEYWORDS = {"custom_id", "name", "filename", "metavar", "prog", "emoji"}
# Slash command descriptions (shown through CatalogTranslator, checked by command_strings) and
# the console's --help (argparse's own words stay English too).
DESCRIBED_KEYWORDS = {"description", "help"}
ENGLISH = re.compile(r"[A-Za-z]{2,}[ ,;:.!?]+[A-Za-z]{2,}")
CODE = re.compile(r"`[^`]*`")  # a command to type: stays as typed
# Left in English on purpose, each with its reason.
KEPT = {
    # stored with a report for the admins, as the documents' titles are (English)
    "unknown (no longer in the fact packs)",
    # the film's name when a pack names none (the packs' names are English)
    "the film",
    # a broken terminal ends the console: argparse and the OS say the rest in English too
    "input stopped: ",
    "must be a positive number, e.g. 10 for timers ten times faster (got ",
    # one cluster's result for a reload another cluster asked for: the request has no language
    "the reload failed unexpectedly; see this cluster's log",
}


def _strings_shown(tree: ast.AST) -> list[tuple[int, str]]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            skip.add(id(first.value))  # a docstring
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in TRANSLATED_CALLS | NOT_SHOWN_CALLS or name == "describe":
                skip.update(id(n) for arg in node.args for n in ast.walk(arg))
                skip.update(id(n) for kw in node.keywords for n in ast.walk(kw.value))
            for kw in node.keywords:
                if kw.arg in NOT_SHOWN_KEYWORDS | DESCRIBED_KEYWORDS:
                    skip.update(id(n) for n in ast.walk(kw.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):  # Literal["typed", "choice"]: option values
            skip.update(id(n) for n in ast.walk(node.slice))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            found.append((node.lineno, node.value))
    return found


def test_no_english_sentence_in_the_front_ends_bypasses_the_catalogs() -> None:
    files = sorted((ROOT / "bot" / "discord_app").rglob("*.py"))
    files += sorted((ROOT / "bot" / "console").glob("*.py"))
    assert len(files) > 20
    bypassing = []
    for path in files:
        for line, value in _strings_shown(ast.parse(path.read_text(encoding="utf-8"))):
            if ENGLISH.search(CODE.sub("", value)) and value not in KEPT:
                bypassing.append(f"{path.relative_to(ROOT)}:{line}: {value!r}")
    assert bypassing == []
