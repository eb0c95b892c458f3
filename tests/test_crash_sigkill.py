"""Kill -9 a process while it records awards: nothing acknowledged is lost, nothing is corrupt."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
ACKNOWLEDGED_BEFORE_KILL = 400

# The child records awards from many coroutines at once (as rounds in many channels would) and
# prints each one only after ScoreStore.record_award has returned, i.e. acknowledged it.
WRITER = """
import asyncio, sys
from bot.core.storage import ScoreStore

async def main(path):
    store = await ScoreStore.open(path)
    rounds = [
        await store.start_round(guild_id=g, channel_id=g, starter_id=1, mode="typed", questions=9)
        for g in range(1, 9)
    ]

    async def channel(i, round_id):
        question = 0
        while True:
            ok = await store.record_award(
                round_id=round_id, question_index=question, fact_id="f", guild_id=i + 1,
                user_id=100 + question % 7, user_name="p", points=1 + question % 13, streak=1)
            if ok:
                print(f"{round_id} {question} {1 + question % 13}", flush=True)
            question += 1

    await asyncio.gather(*(channel(i, r) for i, r in enumerate(rounds)))

asyncio.run(main(sys.argv[1]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_while_recording_awards_loses_nothing_acknowledged(tmp_path: Path) -> None:
    database = tmp_path / "crash.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(database)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    acknowledged: list[tuple[int, int, int]] = []
    deadline = time.monotonic() + 60
    assert child.stdout is not None
    try:
        while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            round_id, question, points = map(int, line.split())
            acknowledged.append((round_id, question, points))
        os.kill(child.pid, signal.SIGKILL)  # mid-stream: more awards are in flight
    finally:
        child.kill()
        _, errors = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL, errors

    with sqlite3.connect(database) as db:  # opening runs WAL recovery, as the bot would
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {
            (r, q): p
            for r, q, p in db.execute("SELECT round_id, question_index, points FROM awards")
        }
        missing = [a for a in acknowledged if stored.get((a[0], a[1])) != a[2]]
        assert missing == []
        assert len(stored) >= len(acknowledged)
        # The running totals moved with every stored award, never apart from it.
        totals = db.execute(
            "SELECT coalesce(sum(points), 0), coalesce(sum(correct), 0) FROM players"
        )
        assert totals.fetchone() == (sum(stored.values()), len(stored))
