"""The core, the console and the tools never load discord.py: they run where Discord is absent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_core_console_and_tools_do_not_import_discord(repo_root: Path) -> None:
    modules = sorted(
        ".".join(p.relative_to(repo_root).with_suffix("").parts)
        for folder in ("bot/core", "bot/console")
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
