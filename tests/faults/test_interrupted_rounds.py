"""Fault: the process running a round is killed (SIGKILL); the next start closes the round as
"interrupted", counts it, and says so where it was played."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from bot.console.app import main as console_main
from bot.core.scores_check import disagreements

REPO_ROOT = Path(__file__).resolve().parents[2]

# A round at the console (server 0, channel 0) in which Ann has won a question; then it waits to
# be killed.
PLAYING = """
import asyncio, sys, zlib
from bot.core.storage import ScoreStore

async def main(path):
    store = await ScoreStore.open(path)
    round_id = await store.start_round(guild_id=0, channel_id=0, starter_id=1, mode="typed",
                                       questions=5)
    await store.record_award(round_id=round_id, question_index=0, fact_id="director", guild_id=0,
                             user_id=zlib.crc32(b"Ann"), user_name="Ann", points=30, streak=1)
    print("playing", flush=True)
    await asyncio.sleep(60)

asyncio.run(main(sys.argv[1]))
"""


def crash_mid_round(database: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", PLAYING, str(database)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "playing\n"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(10)
    assert child.returncode == -signal.SIGKILL


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_round_killed_mid_way_is_closed_counted_and_announced_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "bot.sqlite3"
    crash_mid_round(database)
    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT end_reason, ended_at FROM rounds").fetchall() == [(None, None)]

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO("history\nstats\n"))
    monkeypatch.setattr(sys, "stdout", out)
    assert console_main(["--db", str(database), "--name", "Ann"]) == 0
    printed = out.getvalue()
    first, *_ = printed.splitlines()
    assert first.startswith("The quiz round started at ")
    assert "was interrupted when the bot stopped unexpectedly, after 1 of 5 question(s)" in first
    assert "points won by 1 player(s) were saved and count" in first
    assert "1/5 asked · interrupted · Ann 30" in printed  # history
    assert "rounds: 1 played, 1 won" in printed  # stats count it

    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT end_reason FROM rounds").fetchall() == [("interrupted",)]
        assert db.execute("SELECT user_id, points, won FROM round_results").fetchall() == [
            (zlib.crc32(b"Ann"), 30, 1)
        ]
        assert disagreements(db) == []
