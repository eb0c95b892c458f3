"""Awards are acknowledged in the call that submits them (no wait for the event loop), a burst
is written together, and a locked database fails every waiting award instead of leaving some
waiting forever."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path

import pytest

from bot.core.storage import ScoreStore, StorageError
from bot.core.write_batch import IMMEDIATE_PER_TURN

GUILD = 7


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[ScoreStore]:
    s = await ScoreStore.open(tmp_path / "scores.sqlite3")
    yield s
    await s.close()


def award(store: ScoreStore, round_id: int, question: int, user: int) -> Awaitable[bool]:
    return store.record_award(
        round_id=round_id,
        question_index=question,
        fact_id=f"fact-{question}",
        guild_id=GUILD,
        user_id=user,
        user_name=f"player{user}",
        points=10,
        streak=1,
    )


class TurnCounter:
    """Counts turns of the event loop (a callback that re-schedules itself once per turn)."""

    def __init__(self) -> None:
        self.turns = 0
        self._loop = asyncio.get_running_loop()
        self._handle = self._loop.call_soon(self._tick)

    def _tick(self) -> None:
        self.turns += 1
        self._handle = self._loop.call_soon(self._tick)

    def stop(self) -> None:
        self._handle.cancel()


async def test_a_lone_award_is_stored_and_acknowledged_without_waiting_for_the_loop(
    store: ScoreStore,
) -> None:
    round_id = await store.start_round(
        guild_id=GUILD, channel_id=1, starter_id=1, mode="typed", questions=30
    )
    counter = TurnCounter()
    turns = []
    for question in range(30):  # one after another: no batch to join
        before = counter.turns
        assert await award(store, round_id, question, user=question)
        turns.append(counter.turns - before)
    counter.stop()
    assert turns == [0] * 30
    assert await store.award_count() == 30


async def test_a_burst_of_a_thousand_awards_is_acknowledged_within_a_turn_in_few_statements(
    store: ScoreStore,
) -> None:
    rounds = [
        await store.start_round(
            guild_id=GUILD, channel_id=c, starter_id=1, mode="typed", questions=1
        )
        for c in range(1000)
    ]
    statements: list[str] = []
    assert store._writer is not None
    store._writer.set_trace_callback(statements.append)
    counter = TurnCounter()

    async def win(round_id: int) -> int:
        before = counter.turns
        assert await award(store, round_id, 0, user=round_id)
        return counter.turns - before

    turns = await asyncio.gather(*(win(r) for r in rounds))
    counter.stop()
    # The first awards of the turn are written at once, the rest of the burst a turn later,
    # 500 to a statement (SQLite's write of one statement costs about as much as 10 rows).
    assert turns.count(0) == IMMEDIATE_PER_TURN and set(turns) == {0, 1}
    # (SQLite traces a statement again for each trigger it fires: count distinct ones.)
    inserts = {s for s in statements if s.startswith("INSERT OR IGNORE INTO awards")}
    assert len(inserts) == IMMEDIATE_PER_TURN + 2
    assert await store.award_count() == 1000


async def test_awards_waiting_on_a_lock_held_too_long_all_fail_as_locked(tmp_path: Path) -> None:
    store = await ScoreStore.open(tmp_path / "scores.sqlite3", busy_seconds=0.3)
    round_id = await store.start_round(
        guild_id=GUILD, channel_id=1, starter_id=1, mode="typed", questions=5
    )
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process keeps the write lock
    try:
        outcomes = await asyncio.wait_for(
            asyncio.gather(
                *(award(store, round_id, q, user=q) for q in range(5)), return_exceptions=True
            ),
            10,
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [isinstance(o, StorageError) and o.problem == "locked" for o in outcomes] == [True] * 5
    assert await award(store, round_id, 0, user=1)  # once the lock is gone, awards go through
    await store.close()


async def test_an_award_whose_caller_gave_up_during_a_lock_is_still_stored(
    store: ScoreStore,
) -> None:
    round_id = await store.start_round(
        guild_id=GUILD, channel_id=1, starter_id=1, mode="typed", questions=5
    )
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    waiting = asyncio.create_task(award(store, round_id, 0, user=1))
    follower = asyncio.create_task(award(store, round_id, 1, user=2))
    await asyncio.sleep(0.05)
    waiting.cancel()  # the one writing the batch goes away while the lock is held
    await asyncio.sleep(0.05)
    other.execute("COMMIT")
    other.close()
    assert await asyncio.wait_for(follower, 5)
    assert waiting.cancelled()
    await store.close()  # closing waits for what was submitted
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT question_index FROM awards ORDER BY 1").fetchall() == [(0,), (1,)]


async def test_after_meeting_another_processs_lock_awards_share_one_statement_a_turn(
    store: ScoreStore,
) -> None:
    """Two writers on one file (the console and the bot): once a write had to wait for the
    other's lock, a turn's awards go out together, so the writers meet at the lock once a turn
    instead of once an award."""
    round_id = await store.start_round(
        guild_id=GUILD, channel_id=1, starter_id=1, mode="typed", questions=5
    )
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    waiting = asyncio.create_task(award(store, round_id, 0, user=1))
    await asyncio.sleep(0)  # it tries, finds the lock taken and backs off
    other.execute("COMMIT")
    other.close()
    assert await asyncio.wait_for(waiting, 5)
    counter = TurnCounter()
    turns = []
    for question in range(1, 4):
        before = counter.turns
        assert await award(store, round_id, question, user=question)
        turns.append(counter.turns - before)
    counter.stop()
    assert turns == [1, 1, 1]
    assert await store.award_count() == 4
