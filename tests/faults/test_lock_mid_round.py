"""Fault: another process holds the score database's write lock for 12 s in the middle of a round.

The player who answers during the lock is told "correct" only once the award is stored; the
event loop keeps running meanwhile; afterwards the ledger, the totals and the round's results
agree. (One test on purpose: it takes about 13 s.)
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.core.answers import AnswerChecker
from bot.core.model import FactBase
from bot.core.quiz import AnswerResult, QuestionCard, RoundOptions, Summary
from bot.core.rounds import Player, RoundManager
from bot.core.scores_check import disagreements
from bot.core.storage import ScoreStore

REPO_ROOT = Path(__file__).resolve().parents[2]
LOCK_SECONDS = 12
GUILD, CHANNEL, STARTER, PLAYER = 5, 6, 1, 42

LOCKER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
print("released", flush=True)
"""


class Recorder:
    def __init__(self) -> None:
        self.questions: asyncio.Queue[QuestionCard] = asyncio.Queue()
        self.told: list[AnswerResult] = []
        self.summaries: list[Summary] = []

    async def question(self, channel_id: int, card: QuestionCard) -> None:
        self.questions.put_nowait(card)

    async def hint(self, channel_id: int, hint: object) -> None:
        pass

    async def correct(self, channel_id: int, result: AnswerResult) -> None:
        self.told.append(result)

    async def reveal(self, channel_id: int, reveal: object) -> None:
        pass

    async def summary(self, channel_id: int, summary: Summary) -> None:
        self.summaries.append(summary)


async def test_an_award_during_a_12_second_lock_is_stored_after_release(
    tmp_path: Path, fact_base: FactBase
) -> None:
    database = tmp_path / "bot.sqlite3"
    store = await ScoreStore.open(database)
    rounds = RoundManager(fact_base, store, checker=AnswerChecker(fact_base))
    presenter = Recorder()
    await rounds.start(
        CHANNEL, GUILD, STARTER, RoundOptions(questions=3, seconds=60, hints=False), presenter
    )
    card = await asyncio.wait_for(presenter.questions.get(), 10)

    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(database), str(LOCK_SECONDS)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.1)
            ticks += 1

    beating = asyncio.create_task(heartbeat())
    try:
        assert locker.stdout is not None
        assert await asyncio.to_thread(locker.stdout.readline) == "locked\n"
        result = await rounds.submit(
            CHANNEL, Player(PLAYER, "bob"), fact_base.by_id[card.fact_id].answer, source="chat"
        )
        # The award could only commit once the other process let go.
        released = await asyncio.to_thread(locker.stdout.readline)
    finally:
        beating.cancel()
        locker.kill()
        locker.wait()
    assert released == "released\n"
    assert result is not None and result.correct and result.saved
    assert [r.saved for r in presenter.told] == [True]
    assert ticks >= 5 * LOCK_SECONDS  # the event loop ran all along (10 a second expected)

    await rounds.stop(CHANNEL, STARTER, is_moderator=True)
    stats = await store.player_stats(GUILD, PLAYER)
    await store.close()
    assert stats is not None and (stats.points, stats.correct) == (result.points, 1)
    (summary,) = presenter.summaries
    assert summary.unsaved == 0 and summary.standings[0].points == result.points
    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT user_id, points FROM awards").fetchall() == [
            (PLAYER, result.points)
        ]
        assert db.execute("SELECT user_id, points, correct FROM round_results").fetchall() == [
            (PLAYER, result.points, 1)
        ]
        assert disagreements(db) == []
