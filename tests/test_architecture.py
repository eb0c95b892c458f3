"""The core, the console and the tools never load discord.py: they run where Discord is absent;
configuration is read in one place, `bot/settings.py`."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_core_console_and_tools_do_not_import_discord(repo_root: Path) -> None:
    modules = sorted(
        ".".join(p.relative_to(repo_root).with_suffix("").parts)
        for folder in ("bot/core", "bot/console", "bot/eval")
        for p in (repo_root / folder).glob("*.py")
    )
    modules += ["bot.cli.ask", "bot.cli.quote", "bot.cli.facts_cmd", "bot.cli.facts_try"]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'discord' or m.startswith('discord.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=repo_root, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert len(modules) > 10  # the glob found the core


_ENV_NAMES = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}


def _environment_reads(file: Path) -> list[str]:
    """Lines of ``file`` that read the environment or a .env file themselves."""
    found = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in _ENV_NAMES:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module in {"os", "dotenv", "posix"}:
            names = {a.name for a in node.names}
            if node.module == "dotenv" or names & _ENV_NAMES:
                found.append(f"{node.lineno}: from {node.module} import {sorted(names)}")
        elif isinstance(node, ast.Import) and any(a.name == "dotenv" for a in node.names):
            found.append(f"{node.lineno}: import dotenv")
    return found


def test_only_the_settings_module_reads_the_environment(repo_root: Path) -> None:
    """Every variable is read, checked and documented in bot/settings.py; the rest of the bot
    is handed paths and options, so no setting is honoured by one command and not another."""
    readers = {
        f"{file.relative_to(repo_root)}:{line}"
        for file in sorted((repo_root / "bot").rglob("*.py"))
        if file != repo_root / "bot" / "settings.py"
        for line in _environment_reads(file)
    }
    assert readers == set(), "read the setting in bot/settings.py and pass it in"
    assert _environment_reads(repo_root / "bot" / "settings.py")  # the check sees a read


def test_front_ends_take_their_indexes_from_the_one_knowledge_bundle(repo_root: Path) -> None:
    """Discord, the console and the CLI build no matcher, quote index or answer checker of
    their own: each takes them from `bot.core.knowledge.Knowledge`, so none can drift."""
    built = {
        f"{file.relative_to(repo_root)}:{node.lineno}: {node.func.id}(...)"
        for folder in ("cli", "console", "discord_app")
        for file in sorted((repo_root / "bot" / folder).rglob("*.py"))
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"Matcher", "QuoteIndex", "AnswerChecker", "build_matcher"}
    }
    assert built == set(), "use Knowledge (bot/core/knowledge.py) instead"


def _exception_classes(file: Path) -> list[str]:
    """Module-level classes of ``file`` that derive from an exception (by the base's name)."""
    endings = ("Error", "Exception", "Failure", "Warning")
    return [
        node.name
        for node in ast.parse(file.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef)
        and any(ast.unparse(base).split(".")[-1].endswith(endings) for base in node.bases)
    ]


def test_each_exception_name_has_one_home(repo_root: Path) -> None:
    """Two exceptions of one name (a quiz rule's NotAllowed, Discord's missing permission) are
    caught for one another by a reader, and by an `except` that imports the wrong one."""
    homes: dict[str, list[str]] = {}
    for file in sorted((repo_root / "bot").rglob("*.py")):
        for name in _exception_classes(file):
            homes.setdefault(name, []).append(str(file.relative_to(repo_root)))
    twins = {name: files for name, files in homes.items() if len(files) > 1}
    assert twins == {}
    assert "QuizError" in homes  # the scan finds the core's exceptions


def test_the_runtime_core_needs_no_test_requirement(repo_root: Path) -> None:
    """The evaluation's baselines (rank-bm25, installed with the test tools) live in bot/eval:
    nothing in bot/core imports them, so the bot runs from requirements/run.txt alone."""
    test_only = {"rank_bm25", "pytest", "simcord", "mypy"}
    imported = {
        f"{file.relative_to(repo_root)}: {name}"
        for file in sorted((repo_root / "bot" / "core").glob("*.py"))
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        )
        if name.split(".")[0] in test_only
    }
    assert imported == set()


def test_the_bot_is_handed_its_cogs(repo_root: Path) -> None:
    """The cogs import the bot class (for its type); the bot does not import them back: `run`
    (and a test) hand it the tuple of cogs to add."""
    client = repo_root / "bot" / "discord_app" / "client.py"
    imports = [
        node.module
        for node in ast.walk(ast.parse(client.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module
    ]
    assert "bot.core.knowledge" in imports  # the scan reads the imports
    assert [m for m in imports if m.startswith("bot.discord_app.cogs")] == []


def test_commands_share_helpers_through_a_private_module_not_each_other(repo_root: Path) -> None:
    """The console and the tools import what they share from `bot.cli._loading`, never from
    another command's module (`bot.cli.ask`), so changing one command breaks no other."""
    commands = {f"bot.cli.{p.stem}" for p in (repo_root / "bot" / "cli").glob("[!_]*.py")}
    crossing = {
        f"{file.relative_to(repo_root)}: {node.module}"
        for folder in ("cli", "console")
        for file in sorted((repo_root / "bot" / folder).glob("*.py"))
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        and node.module in commands
        and node.module != f"bot.{folder}.{file.stem}"
    }
    assert crossing == set()
    assert "bot.cli.ask" in commands


# Runs `python -m bot ...` as a user would, then writes the modules it loaded to a file at exit.
_WRAPPER = """
import atexit, runpy, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write("\\n".join(sorted(sys.modules))))
runpy.run_module("bot", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize(
    "command",
    [
        ["ask", "who directed it"],
        ["quote", "snow"],
        ["facts", "check"],
        ["console", "--name", "tester"],
    ],
    ids=lambda c: c[0],
)
def test_commands_other_than_run_load_neither_discord_nor_aiohttp(
    repo_root: Path, tmp_path: Path, command: list[str]
) -> None:
    """`ask`, `quote`, `facts` and the console start without discord.py, aiohttp or the
    stemmers of other languages, and all but the console without asyncio: each costs a user
    start-up time and none is needed."""
    if command[0] == "console":
        command = [*command, "--db", str(tmp_path / "scores.sqlite3")]
    modules = _modules_loaded(repo_root, tmp_path, command)
    assert "bot.core.pack_paths" in modules  # the command really ran
    loaded = [m for m in modules if m.split(".")[0] in {"discord", "aiohttp"}]
    assert loaded == []
    stemmers = [m.rsplit(".", 1)[-1] for m in modules if m.endswith("_stemmer")]
    assert stemmers in ([], ["english_stemmer"])
    if command[0] != "console":  # one question, one answer: no event loop to start
        assert "asyncio" not in modules


def test_ask_with_its_index_cached_does_not_read_yaml(repo_root: Path, tmp_path: Path) -> None:
    """The second `ask` finds the fact base and its index in the cache: no YAML parser loaded,
    nor what only the quiz, /quote or the bot use (the answer checker, the quote index, the
    logging configuration): each costs every CLI call start-up time."""
    first = _modules_loaded(repo_root, tmp_path, ["ask", "who directed it"])
    second = _modules_loaded(repo_root, tmp_path, ["ask", "who directed it"])
    assert "yaml" in first  # the first run read the packs
    assert "bot.core.matching" in second
    assert [m for m in second if m == "yaml" or m.startswith("yaml.")] == []
    assert {"bot.core.answers", "bot.core.quotes", "logging"}.isdisjoint(second)
    # the speller's edit distance only for a word the index does not know
    assert "rapidfuzz" not in first and "rapidfuzz" not in second


def _modules_loaded(repo_root: Path, tmp_path: Path, command: list[str]) -> list[str]:
    """The modules `python -m bot <command>` loaded; its index cache is private to the test."""
    listing = tmp_path / "modules.txt"
    env = {**os.environ, "BOT_DATABASE": str(tmp_path / "data" / "bot.sqlite3")}
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(listing), *command],
        input="quit\n",
        capture_output=True,
        text=True,
        cwd=repo_root,
        env=env,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    return listing.read_text().split()
