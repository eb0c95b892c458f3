"""Fault: ten processes start on a database that does not exist yet, at the same moment."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from bot.core.storage import MIGRATIONS_DIR, ScoreStore

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTS = 10

# Each child imports everything, says "ready", waits for "go" on stdin, then opens the store (the
# first start creates and migrates the file) and records a round.
STARTER = """
import asyncio, sys
from bot.core.storage import ScoreStore

async def main(path, n):
    store = await ScoreStore.open(path)
    await store.start_round(guild_id=n, channel_id=n, starter_id=n, mode="typed", questions=1)
    await store.close()

print("ready", flush=True)
sys.stdin.readline()
asyncio.run(main(sys.argv[1], int(sys.argv[2])))
print("started", flush=True)
"""


def test_ten_processes_starting_together_on_a_new_database_all_succeed(tmp_path: Path) -> None:
    database = tmp_path / "new" / "bot.sqlite3"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", STARTER, str(database), str(n)],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
        for n in range(1, STARTS + 1)
    ]
    try:
        for child in children:
            assert child.stdout is not None and child.stdout.readline() == "ready\n"
        for child in children:  # all released within a millisecond or so
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outcomes = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            child.kill()
    failures = [
        f"start {n}: exit {child.returncode}: {err.strip()[-300:]}"
        for n, (child, (_, err)) in enumerate(zip(children, outcomes, strict=True), start=1)
        if child.returncode != 0
    ]
    assert failures == [], f"{STARTS - len(failures)}/{STARTS} started"
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(
            list(MIGRATIONS_DIR.glob("*.sql"))
        )
        assert db.execute("SELECT count(*) FROM rounds").fetchone()[0] == STARTS
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


async def test_a_start_waits_while_another_process_holds_a_new_files_write_lock(
    tmp_path: Path,
) -> None:
    """The race above, made deterministic: another process has the new, empty file's write lock
    (it is creating the schema) when this one switches the file to WAL. SQLite does not wait
    for that switch by itself; the start must wait, not fail at once with "locked"."""
    database = tmp_path / "bot.sqlite3"
    database.touch()
    other = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, other.execute, ("COMMIT",))
    release.start()
    try:
        store = await ScoreStore.open(database)
        async with store:
            await store.start_round(
                guild_id=1, channel_id=1, starter_id=1, mode="typed", questions=1
            )
            assert await store.schema_version() == len(list(MIGRATIONS_DIR.glob("*.sql")))
    finally:
        release.join()
        other.close()
