"""The score database names players: only the bot's user may read it, wherever it is deployed,
and none of its files ends up in git."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "path",
    [
        "data/bot.sqlite3-wal",
        "var/lib/bot.sqlite3-wal",
        "scores.sqlite3-shm",
        "state/bot.sqlite3-journal",
        "state/bot.sqlite3.commands.json",
        "state/bot.sqlite3.health",
        "bot.sqlite3.health",
    ],
)
def test_the_database_and_its_side_files_are_git_ignored_wherever_they_live(path: str) -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--quiet", path], cwd=REPO_ROOT, check=False
    )
    assert ignored.returncode == 0, f"{path} is not git-ignored"


def test_the_systemd_state_folder_is_private() -> None:
    unit = (REPO_ROOT / "deploy" / "us-and-them-bot.service").read_text(encoding="utf-8")
    assert re.search(r"^StateDirectoryMode=0?700$", unit, re.M), "StateDirectoryMode=0700 missing"


def test_the_image_data_volume_is_private() -> None:
    dockerfile = (REPO_ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    # A named volume starts with the mode of the image's folder.
    assert re.search(r"chmod (0?700|u=rwx,go=) /data\b", dockerfile), "/data is not 0700"
