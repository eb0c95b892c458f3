"""The score store: migrations, awards that count once, boards, stats, settings, reset."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import stat
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.scores_check import disagreements
from bot.core.storage import (
    MIGRATIONS_DIR,
    GuildSettings,
    RoundResult,
    ScoreStore,
    ServerSettingError,
    StorageError,
)
from bot.core.store_contract import ScoreStoreContract
from bot.core.store_select import open_store

GUILD, OTHER_GUILD = 100, 200


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Every test taking this (or `store`) runs on both engines: a SQLite file, and a fresh
    database on the test session's real PostgreSQL server (tests/pg_server.py)."""
    if request.param == "sqlite":
        return tmp_path / "scores.sqlite3"
    return str(request.getfixturevalue("postgres_database"))


@pytest.fixture
async def store(database: str | Path) -> AsyncIterator[ScoreStoreContract]:
    s = await open_store(database)
    yield s
    await s.close()


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[ScoreStore]:
    s = await ScoreStore.open(tmp_path / "scores.sqlite3")
    yield s
    await s.close()


async def assert_totals_agree_with_the_ledger(store: ScoreStoreContract) -> None:
    if isinstance(store, ScoreStore):
        with contextlib.closing(sqlite3.connect(store.path)) as db:
            assert disagreements(db) == []
    else:
        assert await store.integrity_check() == "ok"


async def award(
    store: ScoreStoreContract,
    round_id: int,
    question: int,
    user: int,
    points: int,
    *,
    guild: int = GUILD,
    streak: int = 1,
) -> bool:
    return await store.record_award(
        round_id=round_id,
        question_index=question,
        fact_id=f"fact-{question}",
        guild_id=guild,
        user_id=user,
        user_name=f"player{user}",
        points=points,
        streak=streak,
    )


async def new_round(store: ScoreStoreContract, guild: int = GUILD, channel: int = 1) -> int:
    return await store.start_round(
        guild_id=guild, channel_id=channel, starter_id=1, mode="typed", questions=10
    )


async def test_a_new_database_is_migrated_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "bot.sqlite3"
    store = await ScoreStore.open(path)
    await store.close()
    assert path.exists()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        version = db.execute("PRAGMA user_version").fetchone()[0]
    assert version == len(list(MIGRATIONS_DIR.glob("*.sql")))
    store = await ScoreStore.open(path)  # opening again applies nothing twice
    assert await store.schema_version() == version
    async with store._db.execute("PRAGMA foreign_keys") as cursor:
        assert (await cursor.fetchone())[0] == 1
    await store.close()


def header(path: Path) -> bytes:
    """Bytes 18-19 of the file: the write and read format versions, 1 for a rollback journal and
    2 for WAL; switching journal modes rewrites them."""
    return path.read_bytes()[18:20]


async def test_a_database_from_a_newer_bot_is_refused_before_anything_changes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as db:  # a rollback-journal database, as SQLite makes by default
        db.execute("CREATE TABLE from_the_future (x)")
        db.execute("PRAGMA user_version = 999")
    db.close()
    before = path.read_bytes()
    assert header(path) == b"\x01\x01"
    with pytest.raises(StorageError, match="newer than this bot knows") as raised:
        await ScoreStore.open(path)
    assert raised.value.problem == "newer-schema"
    assert header(path) == b"\x01\x01"
    assert path.read_bytes() == before
    assert not (tmp_path / "future.sqlite3-wal").exists()


async def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorageError, match="is not a score database or is damaged") as raised:
        await ScoreStore.open(path)
    assert "Move it away" in str(raised.value) and "BOT_DATABASE" in str(raised.value)


async def test_a_path_that_cannot_be_created_gets_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="BOT_DATABASE"):
        await ScoreStore.open(blocker / "bot.sqlite3")


def hold_exclusive_lock(path: Path, seconds: float) -> threading.Thread:
    """Another connection takes the exclusive lock of a rollback-journal database (no one may
    even read) and keeps it ``seconds``; returns once the lock is held."""
    held = threading.Event()

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        held.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    return thread


def rollback_journal_database(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (x)")
    db.close()


async def test_opening_a_locked_database_waits_for_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite3"
    rollback_journal_database(path)
    holder = hold_exclusive_lock(path, 0.5)
    try:
        store = await ScoreStore.open(path, busy_seconds=10)
    finally:
        holder.join()
    await store.close()
    assert header(path) == b"\x02\x02"  # switched to WAL once the lock was free


async def test_a_database_locked_too_long_is_reported_as_locked_not_broken(
    tmp_path: Path,
) -> None:
    path = tmp_path / "locked.sqlite3"
    rollback_journal_database(path)
    holder = hold_exclusive_lock(path, 1.0)
    try:
        with pytest.raises(StorageError, match="stayed locked by another process") as raised:
            await ScoreStore.open(path, busy_seconds=0.2)
    finally:
        holder.join()
    assert raised.value.problem == "locked"
    assert "Move it away" not in str(raised.value)
    assert "The file is fine" in str(raised.value)
    store = await ScoreStore.open(path)  # untouched: it opens once the other program is done
    await store.close()


async def test_a_new_database_and_its_folder_are_private_whatever_the_umask(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state" / "bot" / "scores.sqlite3"
    old = os.umask(0)
    try:
        store = await ScoreStore.open(path)
        round_id = await new_round(store)
        await award(store, round_id, 0, user=7, points=10)
        modes = {
            p.name: stat.S_IMODE(p.stat().st_mode)
            for p in (path, path.with_name(path.name + "-wal"), path.parent, path.parent.parent)
        }
        await store.close()
    finally:
        os.umask(old)
    assert modes == {
        "scores.sqlite3": 0o600,
        "scores.sqlite3-wal": 0o600,
        "bot": 0o700,
        "state": 0o700,
    }


async def test_an_award_counts_once_even_if_recorded_twice(store: ScoreStoreContract) -> None:
    round_id = await new_round(store)
    assert await award(store, round_id, 0, user=7, points=15)
    assert not await award(store, round_id, 0, user=7, points=15)
    assert not await award(store, round_id, 0, user=8, points=15)  # nor to someone else
    stats = await store.player_stats(GUILD, 7)
    assert stats is not None
    assert (stats.points, stats.correct, stats.attempted) == (15, 1, 1)
    assert await store.player_stats(GUILD, 8) is None
    assert await store.award_count() == 1


async def test_attempts_streaks_and_rounds_add_up(store: ScoreStoreContract) -> None:
    round_id = await new_round(store)
    await award(store, round_id, 0, user=7, points=10, streak=1)
    await award(store, round_id, 1, user=7, points=12, streak=2)
    await store.record_attempt(
        round_id=round_id, question_index=1, guild_id=GUILD, user_id=8, user_name="player8"
    )
    await store.record_attempt(  # the same question again: still one attempt
        round_id=round_id, question_index=1, guild_id=GUILD, user_id=8, user_name="player8"
    )
    await award(store, round_id, 2, user=8, points=20, streak=1)
    await store.finish_round(
        round_id,
        reason="completed",
        asked=3,
        results=[
            RoundResult(7, "player7", 1, 22, 2, True),
            RoundResult(8, "player8", 2, 20, 1, False),
        ],
    )
    seven = await store.player_stats(GUILD, 7)
    eight = await store.player_stats(GUILD, 8)
    assert seven is not None and eight is not None
    assert (seven.points, seven.best_streak, seven.rounds_played, seven.rounds_won) == (22, 2, 1, 1)
    assert (eight.correct, eight.attempted, eight.rounds_played, eight.rounds_won) == (1, 2, 1, 0)
    assert eight.accuracy == 0.5
    assert (seven.rank, eight.rank, seven.players) == (1, 2, 2)


async def test_finishing_a_round_twice_does_not_count_it_twice(store: ScoreStoreContract) -> None:
    round_id = await new_round(store)
    results = [RoundResult(7, "player7", 1, 10, 1, True)]
    await store.finish_round(round_id, reason="completed", asked=1, results=results)
    await store.finish_round(round_id, reason="completed", asked=1, results=results)
    stats = await store.player_stats(GUILD, 7)
    assert stats is not None and (stats.rounds_played, stats.rounds_won) == (1, 1)


async def test_leaderboard_sorts_ties_share_a_rank_and_pages(store: ScoreStoreContract) -> None:
    round_id = await new_round(store)
    # points: 30, 20, 20, 10 -> ranks 1, 2, 2, 4
    for question, (user, points) in enumerate([(1, 30), (2, 20), (3, 20), (4, 10)]):
        await award(store, round_id, question, user=user, points=points)
    for question in range(4, 7):  # user 4 tries three more questions without winning
        await store.record_attempt(
            round_id=round_id, question_index=question, guild_id=GUILD, user_id=4, user_name="p4"
        )
    page = await store.leaderboard(GUILD, "points", page=1, per_page=10)
    assert (page.entries[0].rank, page.entries[0].user_id) == (1, 1)
    assert sorted((e.rank, e.user_id) for e in page.entries) == [(1, 1), (2, 2), (2, 3), (4, 4)]
    by_accuracy = await store.leaderboard(GUILD, "accuracy")
    assert by_accuracy.entries[-1].user_id == 4  # 1 of 4 right
    assert by_accuracy.entries[0].rank == 1 and by_accuracy.entries[2].rank == 1  # 3 at 100%

    first = await store.leaderboard(GUILD, "points", page=1, per_page=3)
    second = await store.leaderboard(GUILD, "points", page=2, per_page=3)
    assert (first.pages, first.total, len(first.entries)) == (2, 4, 3)
    assert [e.user_id for e in second.entries] == [4]
    beyond = await store.leaderboard(GUILD, "points", page=99, per_page=3)
    assert beyond.page == 2  # clamped to the last page


async def test_accuracy_ranks_a_real_record_above_one_lucky_answer(
    store: ScoreStoreContract,
) -> None:
    round_id = await new_round(store)
    await award(store, round_id, 0, user=1, points=10)  # 1 of 1
    for question in range(1, 11):  # user 2: 8 of 10
        if question <= 8:
            await award(store, round_id, question, user=2, points=10)
        else:
            await store.record_attempt(
                round_id=round_id,
                question_index=question,
                guild_id=GUILD,
                user_id=2,
                user_name="p2",
            )
    page = await store.leaderboard(GUILD, "accuracy")
    assert [(e.rank, e.user_id) for e in page.entries] == [(1, 2), (2, 1)]


async def test_leaderboard_by_wins(store: ScoreStoreContract) -> None:
    for winner in (5, 5, 6):
        round_id = await new_round(store)
        await award(store, round_id, 0, user=winner, points=10)
        await store.finish_round(
            round_id,
            reason="completed",
            asked=1,
            results=[RoundResult(winner, f"player{winner}", 1, 10, 1, True)],
        )
    page = await store.leaderboard(GUILD, "wins")
    assert [(e.user_id, e.rounds_won) for e in page.entries] == [(5, 2), (6, 1)]


async def test_unknown_sort_is_a_clear_error(store: ScoreStoreContract) -> None:
    with pytest.raises(ValueError, match="points, wins, accuracy"):
        await store.leaderboard(GUILD, "speed")


async def test_global_board_sums_servers_and_server_boards_stay_apart(
    store: ScoreStoreContract,
) -> None:
    here, there = await new_round(store, GUILD), await new_round(store, OTHER_GUILD)
    await award(store, here, 0, user=7, points=10)
    await award(store, there, 0, user=7, points=5, guild=OTHER_GUILD)
    await award(store, there, 1, user=8, points=12, guild=OTHER_GUILD)
    world = await store.leaderboard(None, "points")
    assert [(e.user_id, e.points) for e in world.entries] == [(7, 15), (8, 12)]
    local = await store.leaderboard(GUILD, "points")
    assert [(e.user_id, e.points) for e in local.entries] == [(7, 10)]
    overall = await store.player_stats(None, 7)
    assert overall is not None and overall.points == 15


async def test_settings_default_validate_and_persist(database: str | Path) -> None:
    store = await open_store(database)
    assert await store.get_settings(GUILD) == GuildSettings()
    updated = await store.update_settings(GUILD, question_seconds=30, mode="choice")
    assert (updated.question_seconds, updated.mode, updated.round_length) == (30, "choice", 10)
    for bad, message in [
        ({"question_seconds": 2}, "5 to 120"),
        ({"round_length": 0}, "1 to 50"),
        ({"mode": "speed"}, "'typed' or 'choice'"),
        ({"hints": "yes"}, "true or false"),
        ({"colour": "red"}, "unknown setting"),
    ]:
        with pytest.raises(ServerSettingError, match=message):
            await store.update_settings(GUILD, **bad)
    await store.close()
    store = await open_store(database)  # a restart: the settings are stored
    assert (await store.get_settings(GUILD)).mode == "choice"
    assert await store.get_settings(OTHER_GUILD) == GuildSettings()
    await store.close()


async def test_reset_clears_one_server_only_and_keeps_settings(store: ScoreStoreContract) -> None:
    here, there = await new_round(store, GUILD), await new_round(store, OTHER_GUILD)
    await award(store, here, 0, user=7, points=10)
    await award(store, there, 0, user=7, points=5, guild=OTHER_GUILD)
    await store.update_settings(GUILD, round_length=5)
    assert await store.reset_guild(GUILD) == 1
    assert (await store.leaderboard(GUILD)).total == 0
    assert await store.round_history(GUILD) == []
    assert (await store.leaderboard(OTHER_GUILD)).total == 1
    assert (await store.get_settings(GUILD)).round_length == 5
    assert await store.award_count() == 1  # the other server's award is still there


async def test_round_history_newest_first_with_rankings(store: ScoreStoreContract) -> None:
    first = await store.start_round(
        guild_id=GUILD, channel_id=1, starter_id=1, mode="typed", questions=5, started_at=1000.0
    )
    second = await store.start_round(
        guild_id=GUILD, channel_id=2, starter_id=1, mode="choice", questions=3, started_at=2000.0
    )
    await store.finish_round(
        second,
        reason="stopped",
        asked=2,
        results=[RoundResult(9, "Ann", 1, 10, 1, True), RoundResult(8, "Bo", 1, 10, 1, True)],
        ended_at=2100.0,
    )
    history = await store.round_history(GUILD)
    assert [r.id for r in history] == [second, first]
    latest = history[0]
    assert (latest.mode, latest.asked, latest.end_reason, latest.ended_at) == (
        "choice",
        2,
        "stopped",
        2100.0,
    )
    assert {r.user_name for r in latest.results} == {"Ann", "Bo"}
    assert history[1].ended_at is None  # still running (or interrupted)
    assert [r.id for r in await store.round_history(GUILD, channel_id=1)] == [first]


async def test_awards_arriving_together_count_once_per_question(store: ScoreStoreContract) -> None:
    round_id = await new_round(store)
    results = await asyncio.gather(
        *(award(store, round_id, question % 5, user=question, points=10) for question in range(20))
    )
    assert sum(results) == 5  # one winner for each of the five questions
    assert await store.award_count() == 5
    board = await store.leaderboard(GUILD)
    assert sum(e.points for e in board.entries) == 50


async def test_another_process_holding_the_lock_delays_writes_without_freezing(
    sqlite_store: ScoreStore,
) -> None:
    store = sqlite_store
    round_id = await new_round(store)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing the same file
    ticks = 0

    async def clock() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    ticker = asyncio.create_task(clock())
    pending = asyncio.create_task(award(store, round_id, 0, user=7, points=10))
    await asyncio.sleep(0.1)
    assert not pending.done()
    assert ticks >= 5  # the event loop kept running while the write waited
    other.execute("COMMIT")
    other.close()
    assert await asyncio.wait_for(pending, 5)
    ticker.cancel()
    assert await store.award_count() == 1


async def test_an_in_memory_store_works_for_quick_use() -> None:
    store = await ScoreStore.open(":memory:")
    round_id = await new_round(store)
    assert await award(store, round_id, 0, user=7, points=10)
    assert (await store.leaderboard(GUILD)).entries[0].points == 10
    await store.close()
    await store.close()  # twice is fine


async def test_rounds_a_crash_left_open_are_closed_as_interrupted_from_the_ledger(
    store: ScoreStoreContract,
) -> None:
    crashed = await new_round(store, channel=5)
    await award(store, crashed, 0, user=7, points=30)
    await award(store, crashed, 1, user=8, points=10)
    await award(store, crashed, 2, user=7, points=15)
    await store.record_attempt(
        round_id=crashed, question_index=3, guild_id=GUILD, user_id=9, user_name="player9"
    )
    console_round = await new_round(store, guild=0)  # the console's: not the bot's to close

    (record,) = await store.close_interrupted_rounds(console=False)
    assert (record.id, record.channel_id, record.end_reason) == (crashed, 5, "interrupted")
    assert record.asked == 4 and record.ended_at is not None
    assert [(r.user_id, r.rank, r.points, r.correct, r.won) for r in record.results] == [
        (7, 1, 45, 2, True),
        (8, 2, 10, 1, False),
        (9, 3, 0, 0, False),
    ]
    winner = await store.player_stats(GUILD, 7)
    assert winner is not None and (winner.rounds_played, winner.rounds_won) == (1, 1)
    assert await store.close_interrupted_rounds(console=False) == []  # once
    (left_open,) = [r for r in await store.round_history(0) if r.id == console_round]
    assert left_open.end_reason is None
    assert [r.id for r in await store.close_interrupted_rounds(console=True)] == [console_round]
    await assert_totals_agree_with_the_ledger(store)


async def test_a_cluster_closes_only_its_own_servers_rounds_at_start(
    store: ScoreStoreContract,
) -> None:
    """Clusters share one database: one restarting must not end the rounds another is running."""
    mine = await new_round(store, guild=GUILD, channel=5)
    theirs = await new_round(store, guild=GUILD + 1, channel=6)
    closed = await store.close_interrupted_rounds(console=False, owned=lambda g: g == GUILD)
    assert [r.id for r in closed] == [mine]
    (still_running,) = [r for r in await store.round_history(GUILD + 1) if r.id == theirs]
    assert still_running.end_reason is None


async def test_two_stores_awarding_the_same_answers_at_once_store_each_once(
    database: str | Path,
) -> None:
    """Two writers (two processes' stores: two pools, or two SQLite connections) race for the
    same questions: each question is awarded once, and every total equals its ledger."""
    first, second = await open_store(database), await open_store(database)
    try:
        rounds = [await new_round(first, channel=c) for c in range(4)]
        questions = [(r, q) for r in rounds for q in range(10)]

        async def race(store: ScoreStoreContract, user: int) -> list[bool]:
            return list(
                await asyncio.gather(
                    *(award(store, r, q, user=user + q % 3, points=5 + q) for r, q in questions)
                )
            )

        mine, theirs = await asyncio.gather(race(first, 10), race(second, 20))
        assert [a + b for a, b in zip(mine, theirs, strict=True)] == [1] * len(questions)
        assert await second.award_count() == len(questions)
        board = await first.leaderboard(GUILD, per_page=100)
        assert sum(e.points for e in board.entries) == sum(5 + q for _, q in questions)
        assert sum(e.correct for e in board.entries) == len(questions)
        await assert_totals_agree_with_the_ledger(second)
    finally:
        await first.close()
        await second.close()


async def test_a_lock_held_too_long_fails_every_waiting_award_and_none_hangs(
    tmp_path: Path,
) -> None:
    """Awards written together (one batch) all get the "locked" error when another process
    holds the file too long: not only the first of them, leaving the others waiting forever."""
    store = await ScoreStore.open(tmp_path / "scores.sqlite3", busy_seconds=0.2)
    round_id = await new_round(store)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        results = await asyncio.wait_for(
            asyncio.gather(
                *(award(store, round_id, q, user=7, points=10) for q in range(3)),
                return_exceptions=True,
            ),
            5,
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [getattr(r, "problem", r) for r in results] == ["locked"] * 3
    assert await award(store, round_id, 0, user=7, points=10)  # the lock is gone: it works
    await store.close()
