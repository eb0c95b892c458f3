"""The deployment files and guide agree with each other, and the guide's backup command works."""

from __future__ import annotations

import re
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import yaml

VOLUME_FLAG = re.compile(r"-v ([\w.-]+):/data\b")


def test_one_volume_name_for_compose_and_docker_run(repo_root: Path) -> None:
    compose = yaml.safe_load((repo_root / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    mounted = compose["services"]["bot"]["volumes"][0].split(":")[0]
    name = compose["volumes"][mounted]["name"]
    used = {
        path: set(VOLUME_FLAG.findall((repo_root / path).read_text(encoding="utf-8")))
        for path in ("docs/discord.md", "README.md", "deploy/Dockerfile")
    }
    assert used["docs/discord.md"] and used["deploy/Dockerfile"]
    for path, names in used.items():
        assert names <= {name}, f"{path} mounts {names - {name}} instead of the volume {name}"


def test_compose_rotates_the_logs(repo_root: Path) -> None:
    compose = yaml.safe_load((repo_root / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    logging = compose["services"]["bot"]["logging"]
    assert logging["driver"] == "json-file"
    assert {"max-size", "max-file"} <= set(logging["options"])


def _guide_command(repo_root: Path, starts: str) -> list[str]:
    guide = (repo_root / "docs" / "discord.md").read_text(encoding="utf-8")
    line = next(ln.strip() for ln in guide.splitlines() if ln.strip().startswith(starts))
    return shlex.split(line)


def test_the_guides_backup_copies_writes_still_in_the_wal(repo_root: Path, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    live = sqlite3.connect(tmp_path / "data" / "bot.sqlite3")
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("PRAGMA wal_autocheckpoint=0")  # the running bot's recent writes: WAL only
    live.execute("CREATE TABLE awards (user_id INTEGER, points INTEGER)")
    live.executemany("INSERT INTO awards VALUES (?, ?)", [(1, 30), (2, 10)])
    live.commit()

    command = _guide_command(repo_root, ".venv/bin/python -c ")
    subprocess.run([sys.executable, *command[1:]], cwd=tmp_path, check=True, timeout=30)
    live.close()

    with sqlite3.connect(tmp_path / "bot-backup.sqlite3") as backup:
        assert backup.execute("SELECT user_id, points FROM awards").fetchall() == [(1, 30), (2, 10)]
