"""`python -m bot scores check`: exit 0 when ledger, totals and round results agree, 1 with the
list of disagreements, 2 when there is no database to check."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.scores import main
from bot.core.storage import RoundResult, ScoreStore

REPO_ROOT = Path(__file__).resolve().parents[2]
GUILD, BOB, ANN = 100, 7, 8


def played_database(path: Path) -> None:
    """One finished round: bob wins two questions (60 points), ann one (15)."""

    async def play() -> None:
        store = await ScoreStore.open(path)
        round_id = await store.start_round(
            guild_id=GUILD, channel_id=1, starter_id=BOB, mode="typed", questions=3
        )
        for question, (user, name, points) in enumerate(
            [(BOB, "bob", 45), (ANN, "ann", 15), (BOB, "bob", 15)]
        ):
            await store.record_award(
                round_id=round_id,
                question_index=question,
                fact_id=f"f{question}",
                guild_id=GUILD,
                user_id=user,
                user_name=name,
                points=points,
                streak=1,
            )
        await store.finish_round(
            round_id,
            reason="completed",
            asked=3,
            results=[
                RoundResult(BOB, "bob", 1, 60, 2, True),
                RoundResult(ANN, "ann", 2, 15, 1, False),
            ],
        )
        await store.close()

    asyncio.run(play())


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "--database", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_consistent_database_passes(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    played_database(database)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "scores", "check", "--database", str(database)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "consistent. 3 award(s), 2 player total(s), 1 round(s)" in done.stdout


def test_every_disagreement_is_listed_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "bot.sqlite3"
    played_database(database)
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        # What issue 12 found after a lost award: the results counted it, the ledger did not.
        db.execute("UPDATE round_results SET points = 105, correct = 3 WHERE user_id = ?", (BOB,))
        db.execute("UPDATE players SET rounds_won = 1 WHERE user_id = ?", (ANN,))
        db.execute("UPDATE players SET points = points + 45 WHERE user_id = ?", (ANN,))
    code, output = check(database, capsys)
    assert code == 1
    assert "3 disagreement(s)" in output
    assert (
        f"round 1, bob (id {BOB}): results say 105 points and 3 correct, "
        "the awards 60 points and 2 correct" in output
    )
    assert f"server {GUILD}, ann (id {ANN}): totals say 60 points, the awards say 15" in output
    assert f"server {GUILD}, ann (id {ANN}): totals say 1 rounds won, the round results say 0" in (
        output
    )


def test_no_database_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = check(tmp_path / "missing.sqlite3", capsys)
    assert code == 2 and "there is no score database at" in output
    assert not (tmp_path / "missing.sqlite3").exists()  # checking creates nothing
