"""Fault: ten processes start on a database that does not exist yet, at the same moment."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.core.storage import MIGRATIONS_DIR

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
