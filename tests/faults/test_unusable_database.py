"""Fault: a score database this user may not write or read, or a folder it may not write in.

File modes do not bind root, so when the tests run as root the bot runs without the capabilities
that override them (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.storage import ScoreStore

REPO_ROOT = Path(__file__).resolve().parents[2]
SETPRIV = shutil.which("setpriv")

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes"),
    pytest.mark.skipif(
        os.name == "posix" and os.geteuid() == 0 and SETPRIV is None,
        reason="as root, needs setpriv to run the bot without its file-mode override",
    ),
]

OPEN = """
import asyncio, sys
from bot.core.storage import ScoreStore, StorageError

async def main(path):
    store = await ScoreStore.open(path)
    await store.close()

try:
    asyncio.run(main(sys.argv[1]))
except StorageError as exc:
    print(f"error: {exc}", file=sys.stderr)
    sys.exit(2)
"""


def as_unprivileged() -> list[str]:
    if os.geteuid() != 0:
        return []
    assert SETPRIV is not None
    return [SETPRIV, "--bounding-set=-dac_override,-dac_read_search", "--"]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="scores-faults-"))
    path.chmod(0o755)
    yield path
    for sub in path.rglob("*"):
        if sub.is_dir():
            sub.chmod(0o755)
    shutil.rmtree(path)


def run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*as_unprivileged(), sys.executable, *args],
        cwd=REPO_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )


def make_database(path: Path) -> None:
    async def create() -> None:
        store = await ScoreStore.open(path)
        await store.close()

    asyncio.run(create())


def test_quiz_on_a_read_only_database_says_so_without_a_traceback(shared_dir: Path) -> None:
    folder = shared_dir / "scores"
    folder.mkdir(mode=0o755)
    database = folder / "bot.sqlite3"
    make_database(database)
    database.chmod(0o444)
    folder.chmod(0o555)
    done = run(["-m", "bot", "console", "--db", str(database), "--fast", "100"], "quiz 1\nquit\n")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "is read-only for this user" in done.stderr
    assert "give the bot's user write access" in done.stderr
    assert "Traceback" not in done.stderr and "Move it away" not in done.stderr


def test_a_database_this_user_may_not_read_is_a_permission_error(shared_dir: Path) -> None:
    database = shared_dir / "bot.sqlite3"
    make_database(database)
    database.chmod(0o000)
    done = run(["-c", OPEN, str(database)])
    assert done.returncode == 2, done.stderr
    assert "permission denied for the score database" in done.stderr
    assert "cannot read and write the file" in done.stderr
    assert "Traceback" not in done.stderr and "Move it away" not in done.stderr


def test_a_folder_this_user_may_not_write_in_is_reported_once_and_cleanly(
    shared_dir: Path,
) -> None:
    folder = shared_dir / "locked-folder"
    folder.mkdir(mode=0o555)
    folder.chmod(0o555)
    done = run(["-c", OPEN, str(folder / "bot.sqlite3")])
    assert done.returncode == 2, done.stderr
    assert "permission denied for the score database" in done.stderr
    # Nothing after the message: no aiosqlite thread reporting into a closed event loop.
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert "Traceback" not in done.stderr
