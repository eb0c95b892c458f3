"""Scores, round history and per-server settings in SQLite.

The embedded default. The records, errors and the contract both engines satisfy are in
``bot.core.store_contract``; PostgreSQL is ``bot.core.store_postgres``; ``bot.core.store_select``
opens one or the other from the configured database (a path here, a ``postgresql://`` URL there).

Stable API (the Discord cog and the console build on it; only additions from here on)::

    store = await ScoreStore.open(path)            # creates/upgrades the schema, WAL, foreign keys
    round_id = await store.start_round(guild_id=.., channel_id=.., starter_id=.., mode="typed",
                                       questions=10, seed=None)
    awarded = await store.record_award(round_id=.., question_index=.., fact_id=.., guild_id=..,
                                       user_id=.., user_name=.., points=.., streak=..)
    await store.record_attempt(round_id=.., question_index=.., guild_id=.., user_id=..,
                               user_name=..)       # a question tried but not won
    await store.finish_round(round_id, reason="completed", asked=10, results=[RoundResult(..)])
    page = await store.leaderboard(guild_id, sort="points", page=1, per_page=10)  # None: global
    stats = await store.player_stats(guild_id, user_id)                          # None: global
    history = await store.round_history(guild_id, limit=10)
    settings = await store.get_settings(guild_id)
    settings = await store.update_settings(guild_id, question_seconds=30, mode="choice")
    removed = await store.reset_guild(guild_id)
    closed = await store.close_interrupted_rounds(console=False)  # at start: crash leftovers
    await store.close()

Durability: every award is one INSERT into the ``awards`` ledger; triggers update the player's
totals inside the same statement, so the award and its points are one transaction and either both
exist or neither does. ``UNIQUE(round_id, question_index)`` makes a second award for the same
question impossible, even after a crash and retry. The database runs in WAL mode with
``synchronous=NORMAL``: a committed award survives the process being killed (SIGKILL, crash);
only an operating-system crash or power loss may drop the last few commits.

How it stays fast with a thousand rounds: every write is a single statement (its own
transaction), and awards or attempts submitted in the same turn of the event loop are written
together in one statement (group commit, ``bot.core.write_batch``), acknowledged in the next
turn without a task per write. Writes run inline on the event loop's thread through one
plain ``sqlite3`` connection: a WAL append without fsync takes tens of microseconds, while a trip
to aiosqlite's thread measured 1-2 ms at the median and 25+ ms at p99 under the benchmark's
1,000 rounds. The fsyncs happen in checkpoints, which a second connection runs on aiosqlite's
thread, never the writer. Reads (boards, stats, history, settings) use aiosqlite. If another
process holds the write lock (the console and the bot on one file, a backup) the writer waits with
``asyncio.sleep`` back-off for up to ``busy_seconds`` (30 s), never by blocking the loop.

Opening checks before it changes anything: the busy timeout is set first, the schema version is
read before the switch to WAL (a file from a newer bot is refused untouched), and migrations run
in one ``BEGIN IMMEDIATE`` transaction that reads the version again, so processes starting
together on a new file all succeed. A new file is created 0600 in a 0700 folder. Failures are a
``StorageError`` whose ``problem`` (locked, read-only, permission, newer-schema, damaged, path)
and message say what is wrong and how to fix it; only a damaged file is worth moving away.

Use ``guild_id=0`` for the console and direct messages. Schema changes are numbered SQL files in
``bot/core/migrations/`` applied in order; ``PRAGMA user_version`` records the last one applied.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiosqlite

from bot.core.cooldowns import DEFAULT_LIMITS, CooldownLimits, check_limits
from bot.core.migration_files import numbered_migrations
from bot.core.store_contract import (
    ACCURACY_MIN_ATTEMPTS,
    SORTS,
    GuildSettings,
    LeaderboardEntry,
    LeaderboardPage,
    PlayerStats,
    QuestionReport,
    RoundRecord,
    RoundResult,
    ScoreStoreContract,
    ServerSettingError,
    Sort,
    StorageError,
    StorageProblem,
    check_setting_changes,
    check_sort,
)
from bot.core.write_batch import WriteBatcher

__all__ = [
    "SORTS",
    "GuildSettings",
    "LeaderboardEntry",
    "LeaderboardPage",
    "PlayerStats",
    "QuestionReport",
    "RoundRecord",
    "RoundResult",
    "ScoreStore",
    "ScoreStoreContract",
    "ServerSettingError",
    "Sort",
    "StorageError",
    "StorageProblem",
    "explain_error",
    "known_schema_version",
]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
CHECKPOINT_SECONDS = 1.0
# How long opening or a write waits for another process's lock (a backup, a console on the same
# file) before it is reported; an award a player answered is worth waiting for.
BUSY_SECONDS = 30.0
log = logging.getLogger(__name__)

# ORDER BY for each sort; the rank window uses the same key so ties share a rank.
_ORDER = {
    "points": "points DESC, rounds_won DESC",
    "wins": "rounds_won DESC, points DESC",
    "accuracy": (
        f"(attempted >= {ACCURACY_MIN_ATTEMPTS}) DESC,"
        " (CAST(correct AS REAL) / max(attempted, 1)) DESC, correct DESC"
    ),
}

_TOTALS = "user_id, name, points, correct, attempted, rounds_played, rounds_won, best_streak"
# Global board: one line per user, summed over servers (showing one of the names they used).
_GLOBAL_TOTALS = """
    SELECT user_id, max(name) AS name, sum(points) AS points, sum(correct) AS correct,
           sum(attempted) AS attempted, sum(rounds_played) AS rounds_played,
           sum(rounds_won) AS rounds_won, max(best_streak) AS best_streak
    FROM players GROUP BY user_id
"""


def _totals_source(guild_id: int | None) -> tuple[str, tuple[Any, ...]]:
    if guild_id is None:
        return f"({_GLOBAL_TOTALS})", ()
    return f"(SELECT {_TOTALS} FROM players WHERE guild_id = ?)", (guild_id,)


class ScoreStore:
    """One connection to the score database. Create with ``await ScoreStore.open(path)``."""

    def __init__(
        self, connection: aiosqlite.Connection, path: Path, *, busy_seconds: float = BUSY_SECONDS
    ) -> None:
        self._db = connection
        self.path = path
        self.busy_seconds = busy_seconds
        self._awards = WriteBatcher(self._insert_awards, whole_batch_errors=(StorageError,))
        self._attempts = WriteBatcher(self._insert_attempts, whole_batch_errors=(StorageError,))
        self._checkpointer: asyncio.Task[None] | None = None
        self._closed = False
        self._writer: sqlite3.Connection | None = None  # every write after open goes here

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    async def open(cls, path: Path | str, *, busy_seconds: float = BUSY_SECONDS) -> ScoreStore:
        """Open (creating if needed) the database at ``path`` (":memory:": a private in-memory one).

        Nothing in an existing file changes before its schema version is known to be one this
        bot understands. Migrations run in one ``BEGIN IMMEDIATE`` transaction that re-reads the
        version, so any number of processes may open a new file at the same moment. Waits for
        another process's lock for up to ``busy_seconds``; every failure is a StorageError that
        says what is wrong (locked, read-only, permission, newer schema, damaged).
        """
        target = Path(path)
        location, uri = _location(target)
        # The checks and migrations run on a worker thread (they may wait for locks), on the
        # plain connection that becomes the writer; aiosqlite's thread starts only once the file
        # is known to be good, so a failed start leaves no thread behind.
        writer = await asyncio.to_thread(_open_checked, target, location, uri, busy_seconds)
        try:
            connection = await aiosqlite.connect(location, uri=uri, isolation_level=None)
        except sqlite3.Error as exc:
            writer.close()
            raise _explain(exc, target, busy_seconds) from exc
        store = cls(connection, target, busy_seconds=busy_seconds)
        store._writer = writer
        try:
            await store._configure()
            if str(target) != ":memory:":
                store._checkpointer = asyncio.create_task(store._checkpoint_forever())
        except sqlite3.Error as exc:
            await connection.close()
            writer.close()
            raise _explain(exc, target, busy_seconds) from exc
        except BaseException:
            await connection.close()
            writer.close()
            raise
        return store

    async def close(self) -> None:
        """Finish pending writes, checkpoint and close. Closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        await self._awards.drain()
        await self._attempts.drain()
        if self._checkpointer is not None:
            self._checkpointer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._checkpointer
        await self._db.close()
        if self._writer is not None:
            # The last connection to close checkpoints the whole log into the database file.
            writer, self._writer = self._writer, None
            with contextlib.suppress(sqlite3.Error):
                writer.execute("PRAGMA wal_autocheckpoint = 1000")
            writer.close()

    async def _checkpoint_forever(self) -> None:
        """Copy the write-ahead log into the database file every second, on the reading
        connection's thread: checkpoints fsync (10-20 ms here), which must not stall the
        writer, and a passive checkpoint never blocks it."""
        while True:
            await asyncio.sleep(CHECKPOINT_SECONDS)
            try:
                await self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:
                log.exception("checkpoint of %s failed; will retry", self.path)

    async def __aenter__(self) -> ScoreStore:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _configure(self) -> None:
        """Settings of the reading connection (none of them changes the file)."""
        await self._db.execute(f"PRAGMA busy_timeout = {int(self.busy_seconds * 1000)}")
        await self._db.execute("PRAGMA synchronous = NORMAL")
        await self._db.execute("PRAGMA foreign_keys = ON")
        if str(self.path) != ":memory:":
            await self._db.execute("PRAGMA wal_autocheckpoint = 0")  # see _checkpoint_forever

    async def schema_version(self) -> int:
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _returning(self, sql: str, params: Sequence[Any] | dict[str, Any]) -> list[Any]:
        """Run one write statement (its own transaction) and return its RETURNING rows.

        Every write is a single statement, so coroutines never share a transaction and need no
        lock. When another process holds the write lock, back off with ``asyncio.sleep`` (the
        loop keeps running) for up to ``busy_seconds``, then raise StorageError("locked").
        """
        if self._writer is None:
            raise StorageError("the score store is closed", "closed")
        deadline = time.monotonic() + self.busy_seconds
        delay = 0.001
        while True:
            try:
                return self._writer.execute(sql, params).fetchall()
            except sqlite3.IntegrityError:
                raise
            except sqlite3.Error as exc:
                if _code(exc) not in _BUSY_CODES:
                    raise _explain(exc, self.path, self.busy_seconds) from exc
                if time.monotonic() >= deadline:
                    raise _locked(self.path, self.busy_seconds) from exc
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.1)

    # -- rounds and awards -------------------------------------------------------------------

    async def start_round(
        self,
        *,
        guild_id: int,
        channel_id: int,
        starter_id: int,
        mode: str,
        questions: int,
        seed: int | None = None,
        started_at: float | None = None,
    ) -> int:
        """Record a round's start; returns its id for awards and ``finish_round``."""
        rows = await self._returning(
            "INSERT INTO rounds (guild_id, channel_id, starter_id, mode, questions, seed,"
            " started_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (guild_id, channel_id, starter_id, mode, questions, seed, started_at or time.time()),
        )
        return int(rows[0][0])

    async def record_award(
        self,
        *,
        round_id: int,
        question_index: int,
        fact_id: str,
        guild_id: int,
        user_id: int,
        user_name: str,
        points: int,
        streak: int,
        awarded_at: float | None = None,
    ) -> bool:
        """Commit one won question and its points. False if that question was already awarded.

        Returns only after the commit, so an acknowledged award is on disk. Awards arriving
        while a commit is in flight are committed together in the next statement (group
        commit): each award is still all-or-nothing, and the disk sees one commit per batch.
        """
        row = (
            round_id,
            question_index,
            fact_id,
            guild_id,
            user_id,
            user_name,
            points,
            streak,
            awarded_at or time.time(),
        )
        return await self._awards.submit(row)

    async def _insert_awards(self, rows: list[tuple[Any, ...]]) -> list[bool]:
        first: dict[tuple[Any, Any], int] = {}
        for i, row in enumerate(rows):
            first.setdefault((row[0], row[1]), i)  # the same question twice in one batch
        unique = [rows[i] for i in sorted(first.values())]
        values = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(unique))
        returned = await self._returning(
            "INSERT OR IGNORE INTO awards (round_id, question_index, fact_id, guild_id, user_id,"
            f" user_name, points, streak, awarded_at) VALUES {values}"
            " RETURNING round_id, question_index",
            [p for row in unique for p in row],
        )
        inserted = {(r[0], r[1]) for r in returned}
        return [
            first[(row[0], row[1])] == i and (row[0], row[1]) in inserted
            for i, row in enumerate(rows)
        ]

    async def record_attempt(
        self,
        *,
        round_id: int,
        question_index: int,
        guild_id: int,
        user_id: int,
        user_name: str,
    ) -> bool:
        """Count a question a player tried but did not win (once per player and question)."""
        added = await self.record_attempts(
            round_id=round_id,
            question_index=question_index,
            guild_id=guild_id,
            players=[(user_id, user_name)],
        )
        return added == 1

    async def record_attempts(
        self,
        *,
        round_id: int,
        question_index: int,
        guild_id: int,
        players: Sequence[tuple[int, str]],
    ) -> int:
        """``record_attempt`` for several players at once; returns how many were new."""
        if not players:
            return 0
        rows = [(round_id, question_index, guild_id, uid, name) for uid, name in players]
        return sum(await self._attempts.submit_many(rows))

    async def _insert_attempts(self, rows: list[tuple[Any, ...]]) -> list[bool]:
        values = ", ".join(["(?, ?, ?, ?, ?)"] * len(rows))
        returned = await self._returning(
            "INSERT OR IGNORE INTO attempts (round_id, question_index, guild_id, user_id,"
            f" user_name) VALUES {values} RETURNING round_id, question_index, user_id",
            [p for row in rows for p in row],
        )
        inserted = {tuple(r) for r in returned}
        seen: set[tuple[Any, ...]] = set()
        out = []
        for row in rows:
            key = (row[0], row[1], row[3])
            out.append(key in inserted and key not in seen)
            seen.add(key)
        return out

    async def finish_round(
        self,
        round_id: int,
        *,
        reason: str,
        asked: int,
        results: Iterable[RoundResult],
        ended_at: float | None = None,
    ) -> None:
        """Close a round: the final ranking, then its end, reason and questions asked.

        Safe to repeat: a result already stored for a player is not counted again, and the end
        is written once. (The ranking goes first so a crash between the two statements leaves
        a round that shows its results and can be finished again.)
        """
        results = list(results)
        if results:
            values = ", ".join(
                ["(?, (SELECT guild_id FROM rounds WHERE id = ?), ?, ?, ?, ?, ?, ?)"] * len(results)
            )
            params = [
                p
                for r in results
                for p in (
                    round_id,
                    round_id,
                    r.user_id,
                    r.user_name,
                    r.rank,
                    r.points,
                    r.correct,
                    int(r.won),
                )
            ]
            await self._returning(
                "INSERT OR IGNORE INTO round_results (round_id, guild_id, user_id, user_name,"
                f" rank, points, correct, won) VALUES {values} RETURNING user_id",
                params,
            )
        await self._returning(
            "UPDATE rounds SET ended_at = ?, end_reason = ?, asked = ?"
            " WHERE id = ? AND ended_at IS NULL RETURNING id",
            (ended_at or time.time(), reason, asked, round_id),
        )

    async def close_interrupted_rounds(
        self, *, console: bool, owned: Callable[[int], bool] | None = None
    ) -> list[RoundRecord]:
        """Close the rounds a crash left open as "interrupted"; returns them to announce.

        Call once at start, before starting rounds. Each round's results are made from the
        awards and attempts it stored (ranked by points, like a finished round), so they count
        in stats and agree with the ledger. ``console`` picks the console's rounds (server 0) or
        the Discord servers' ones: the console and the bot may share one file, and each closes
        only its own. (Two consoles running at once on one file would close each other's.)
        ``owned`` (server id -> bool) keeps a cluster to its own servers' rounds: the others' are
        still running in the processes that own them.
        """
        scope = "guild_id = 0" if console else "guild_id != 0"
        async with self._db.execute(
            f"SELECT id, guild_id FROM rounds WHERE ended_at IS NULL AND {scope} ORDER BY id"
        ) as cursor:
            rows = await cursor.fetchall()
        open_ids = [int(row[0]) for row in rows if owned is None or owned(int(row[1]))]
        for round_id in open_ids:
            # Results first, then the end: the same order (and repeat-safety) as finish_round.
            await self._returning(_INTERRUPTED_RESULTS, {"round": round_id})
            await self._returning(_INTERRUPTED_END, {"round": round_id})
        if not open_ids:
            return []
        marks = ", ".join("?" * len(open_ids))
        return await self._records(f"id IN ({marks}) ORDER BY id", open_ids)

    async def award_count(self) -> int:
        async with self._db.execute("SELECT count(*) FROM awards") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    # -- reading -----------------------------------------------------------------------------

    async def leaderboard(
        self,
        guild_id: int | None,
        sort: str = "points",
        page: int = 1,
        per_page: int = 10,
    ) -> LeaderboardPage:
        """One page of the board for a server (or across servers when ``guild_id`` is None).

        ``sort`` is points, wins or accuracy; pages are 1-based and clamped to those that exist.
        """
        check_sort(sort)
        per_page = max(1, min(per_page, 100))
        source, params = _totals_source(guild_id)
        async with self._db.execute(f"SELECT count(*) FROM {source}", params) as cursor:
            row = await cursor.fetchone()
        total = int(row[0]) if row else 0
        pages = max(1, math.ceil(total / per_page))
        page = max(1, min(page, pages))
        order = _ORDER[sort]
        query = (
            f"SELECT rank() OVER (ORDER BY {order}) AS rank, {_TOTALS} FROM {source}"
            f" ORDER BY {order}, name, user_id LIMIT ? OFFSET ?"
        )
        async with self._db.execute(query, (*params, per_page, (page - 1) * per_page)) as cursor:
            entries = tuple(LeaderboardEntry(*r) for r in await cursor.fetchall())
        return LeaderboardPage(entries, page, pages, total, sort, guild_id)

    async def player_stats(self, guild_id: int | None, user_id: int) -> PlayerStats | None:
        """A player's totals in a server (or across servers), with their points rank."""
        source, params = _totals_source(guild_id)
        query = (
            f"SELECT * FROM (SELECT {_TOTALS}, rank() OVER (ORDER BY {_ORDER['points']}) AS rank,"
            f" count(*) OVER () AS players FROM {source}) WHERE user_id = ?"
        )
        async with self._db.execute(query, (*params, user_id)) as cursor:
            row = await cursor.fetchone()
        return PlayerStats(*row) if row else None

    async def round_history(
        self, guild_id: int, *, channel_id: int | None = None, limit: int = 10
    ) -> list[RoundRecord]:
        """The server's most recent rounds, newest first, each with its ranking."""
        where, params = "guild_id = ?", [guild_id]
        if channel_id is not None:
            where += " AND channel_id = ?"
            params.append(channel_id)
        return await self._records(
            f"{where} ORDER BY started_at DESC, id DESC LIMIT ?", (*params, max(1, limit))
        )

    async def _records(self, where: str, params: Sequence[Any]) -> list[RoundRecord]:
        async with self._db.execute(
            "SELECT id, guild_id, channel_id, starter_id, mode, questions, asked, started_at,"
            f" ended_at, end_reason FROM rounds WHERE {where}",
            params,
        ) as cursor:
            rounds = await cursor.fetchall()
        records = []
        for r in rounds:
            async with self._db.execute(
                "SELECT user_id, user_name, rank, points, correct, won FROM round_results"
                " WHERE round_id = ? ORDER BY rank, user_name",
                (r[0],),
            ) as cursor:
                results = tuple(
                    RoundResult(u, n, rank, p, c, bool(w))
                    for u, n, rank, p, c, w in await cursor.fetchall()
                )
            records.append(RoundRecord(*r, results=results))  # type: ignore[misc]  # 10 columns
        return records

    # -- settings and admin ------------------------------------------------------------------

    async def get_settings(self, guild_id: int) -> GuildSettings:
        async with self._db.execute(
            "SELECT question_seconds, round_length, mode, hints FROM guild_settings"
            " WHERE guild_id = ?",
            (guild_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return GuildSettings()
        seconds, length, mode, hints = row
        return GuildSettings(float(seconds), int(length), mode, bool(hints))

    async def update_settings(self, guild_id: int, **changes: Any) -> GuildSettings:
        """Change some settings; raises ServerSettingError naming the bad value. Returns all
        settings."""
        check_setting_changes(changes)
        merged = replace(await self.get_settings(guild_id), **changes)
        await self._returning(
            "INSERT INTO guild_settings (guild_id, question_seconds, round_length, mode, hints)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
            " question_seconds = excluded.question_seconds, round_length = excluded.round_length,"
            " mode = excluded.mode, hints = excluded.hints RETURNING guild_id",
            (
                guild_id,
                float(merged.question_seconds),
                merged.round_length,
                merged.mode,
                int(merged.hints),
            ),
        )
        return merged

    async def reset_guild(self, guild_id: int) -> int:
        """Delete a server's scores and round history (settings stay). Returns players removed.

        One statement: a trigger on the ``guild_resets`` log does the deleting atomically.
        """
        rows = await self._returning(
            "INSERT INTO guild_resets (guild_id, reset_at) VALUES (?, ?) RETURNING id",
            (guild_id, time.time()),
        )
        counted = await self._returning(
            "SELECT players FROM guild_resets WHERE id = ?", (int(rows[0][0]),)
        )
        return int(counted[0][0])

    async def integrity_check(self) -> str:
        async with self._db.execute("PRAGMA integrity_check") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else "no answer"

    # -- cooldowns (issue 14, fair play) ------------------------------------------------------

    async def get_cooldowns(self, guild_id: int) -> dict[str, CooldownLimits]:
        """This server's cooldown limits per command (the defaults where none was set)."""
        limits = dict(DEFAULT_LIMITS)
        async with self._db.execute(
            "SELECT command, per_user, per_channel FROM cooldown_settings WHERE guild_id = ?",
            (guild_id,),
        ) as cursor:
            for command, per_user, per_channel in await cursor.fetchall():
                limits[command] = CooldownLimits(float(per_user), float(per_channel))
        return limits

    async def set_cooldown(self, guild_id: int, command: str, limits: CooldownLimits) -> None:
        """Raises CooldownError naming the bad value."""
        check_limits(command, limits)
        await self._returning(
            "INSERT INTO cooldown_settings (guild_id, command, per_user, per_channel)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, command) DO UPDATE SET"
            " per_user = excluded.per_user, per_channel = excluded.per_channel RETURNING guild_id",
            (guild_id, command, float(limits.per_user), float(limits.per_channel)),
        )

    # -- questions asked per channel (issue 14, no repeats) ------------------------------------

    async def asked_questions(
        self, channel_id: int, since: float | None = None
    ) -> dict[str, float]:
        """fact id -> when it was last asked in this channel (only since ``since`` if given)."""
        async with self._db.execute(
            "SELECT fact_id, asked_at FROM asked_questions WHERE channel_id = ? AND asked_at >= ?",
            (channel_id, since if since is not None else float("-inf")),
        ) as cursor:
            return {fact_id: float(at) for fact_id, at in await cursor.fetchall()}

    async def record_asked(
        self, channel_id: int, fact_id: str, asked_at: float | None = None
    ) -> None:
        await self._returning(
            "INSERT INTO asked_questions (channel_id, fact_id, asked_at) VALUES (?, ?, ?)"
            " ON CONFLICT (channel_id, fact_id) DO UPDATE SET asked_at = excluded.asked_at"
            " RETURNING channel_id",
            (channel_id, fact_id, asked_at if asked_at is not None else time.time()),
        )

    # -- question reports (issue 14) -----------------------------------------------------------

    async def add_report(
        self,
        *,
        guild_id: int,
        channel_id: int,
        user_id: int,
        user_name: str,
        fact_id: str,
        source: str,
        reason: str,
        created_at: float | None = None,
    ) -> int | None:
        """File a report; its id, or None when this player already has one open on the fact."""
        try:
            rows = await self._returning(
                "INSERT INTO reports (guild_id, channel_id, user_id, user_name, fact_id, source,"
                " reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    guild_id,
                    channel_id,
                    user_id,
                    user_name,
                    fact_id,
                    source,
                    reason,
                    created_at if created_at is not None else time.time(),
                ),
            )
        except sqlite3.IntegrityError:
            return None
        return int(rows[0][0])

    async def reports(self, guild_id: int, *, open_only: bool = True) -> list[QuestionReport]:
        """A server's reports, oldest first."""
        where = " AND resolved_at IS NULL" if open_only else ""
        async with self._db.execute(
            "SELECT id, fact_id, source, reason, user_id, user_name, channel_id, created_at,"
            f" resolved_at, resolved_by FROM reports WHERE guild_id = ?{where} ORDER BY id",
            (guild_id,),
        ) as cursor:
            return [QuestionReport(*row) for row in await cursor.fetchall()]

    async def resolve_report(
        self, guild_id: int, report_id: int, by_user: int, resolved_at: float | None = None
    ) -> bool:
        """Mark an open report of this server resolved; False if there is no such open report."""
        rows = await self._returning(
            "UPDATE reports SET resolved_at = ?, resolved_by = ?"
            " WHERE id = ? AND guild_id = ? AND resolved_at IS NULL RETURNING id",
            (resolved_at if resolved_at is not None else time.time(), by_user, report_id, guild_id),
        )
        return bool(rows)


# An interrupted round's ranking, from its ledger: everyone who won or tried a question.
_INTERRUPTED_RESULTS = """
INSERT OR IGNORE INTO round_results (round_id, guild_id, user_id, user_name, rank, points, correct,
                                     won)
SELECT :round, r.guild_id, p.user_id, p.user_name, rank() OVER (ORDER BY p.points DESC),
       p.points, p.correct, rank() OVER (ORDER BY p.points DESC) = 1 AND p.points > 0
FROM rounds AS r, (
    SELECT user_id, max(user_name) AS user_name, sum(points) AS points, sum(won) AS correct
    FROM (
        SELECT user_id, user_name, points, 1 AS won FROM awards WHERE round_id = :round
        UNION ALL
        SELECT user_id, user_name, 0, 0 FROM attempts WHERE round_id = :round
    )
    GROUP BY user_id
) AS p
WHERE r.id = :round
RETURNING user_id
"""
# Its end: when it was last heard of, and at least as many questions as it stored answers for.
_INTERRUPTED_END = """
UPDATE rounds SET
    end_reason = 'interrupted',
    ended_at = max(started_at, coalesce((SELECT max(awarded_at) FROM awards
                                         WHERE round_id = :round), 0)),
    asked = max(asked, coalesce((SELECT max(question_index) + 1 FROM (
        SELECT question_index FROM awards WHERE round_id = :round
        UNION ALL SELECT question_index FROM attempts WHERE round_id = :round)), 0))
WHERE id = :round AND ended_at IS NULL
RETURNING id
"""


def _location(target: Path) -> tuple[str, bool]:
    """Where both connections open the database; ":memory:" becomes one shared in-memory DB."""
    if str(target) == ":memory:":
        return f"file:scores-{os.getpid()}-{id(target)}?mode=memory&cache=shared", True
    return str(target), False


# SQLite's primary result codes (https://sqlite.org/rescode.html)
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_READONLY, _CANTOPEN, _PERM, _AUTH = 8, 14, 3, 23
_DAMAGED_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_IOERR, _FULL = 10, 13


def _code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _locked(path: Path, seconds: float) -> StorageError:
    return StorageError(
        f"the score database {path} stayed locked by another process for {seconds:g} s. "
        "The file is fine: let the other program (a backup, another bot or console on the same "
        "file) finish, or stop it, and try again.",
        "locked",
    )


def _read_only(path: Path) -> StorageError:
    return StorageError(
        f"the score database {path} is read-only for this user: SQLite must be able to write "
        f"the file and its folder {path.parent} (for {path.name}-wal and -shm). Fix: give the "
        "bot's user write access (chown/chmod) or set BOT_DATABASE to a writable path.",
        "read-only",
    )


def _no_permission(path: Path, detail: str) -> StorageError:
    return StorageError(
        f"permission denied for the score database {path}: {detail}. Fix: give the bot's user "
        "access (chown/chmod) or set BOT_DATABASE to a path it may use.",
        "permission",
    )


def _explain(exc: sqlite3.Error, path: Path, busy_seconds: float) -> StorageError:
    """A StorageError that says what is wrong with the database, from SQLite's result code."""
    code = _code(exc)
    if code in _BUSY_CODES:
        return _locked(path, busy_seconds)
    if code == _READONLY:
        return _read_only(path)
    if code in (_CANTOPEN, _PERM, _AUTH):
        if path.is_dir():
            return StorageError(
                f"{path} is a folder, not a score database file. Set BOT_DATABASE to a file "
                "path such as data/bot.sqlite3.",
                "path",
            )
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            return _no_permission(path, "this user cannot read and write the file")
        if not os.access(path.parent, os.W_OK | os.X_OK):
            return _no_permission(path, f"this user cannot write in the folder {path.parent}")
        return StorageError(
            f"cannot open the score database {path} ({exc}). Set BOT_DATABASE to a writable path.",
            "path",
        )
    if code in _DAMAGED_CODES:
        return StorageError(
            f"{path} is not a score database or is damaged (SQLite says: {exc}). Move it away "
            "(or restore a backup) or set BOT_DATABASE to another file; a new one is created on "
            "start.",
            "damaged",
        )
    if code == _FULL:
        return StorageError(f"the disk holding the score database {path} is full", "other")
    if code == _IOERR:
        return StorageError(
            f"reading or writing the score database {path} failed ({exc}); check the disk",
            "other",
        )
    return StorageError(f"the score database {path} failed: {exc}", "other")


def _create_private(target: Path) -> None:
    """Create the database's folder (0700) and an empty file (0600) if they are missing.

    Scores name players, so only the bot's user may read them; the modes are set with chmod
    after creating, so the umask cannot widen them. SQLite gives its -wal and -shm files the
    database file's mode. Existing folders and files keep the modes they have.
    """
    missing: list[Path] = []
    folder = target.parent
    try:
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        if not folder.is_dir():
            raise NotADirectoryError(f"{folder} is a file, not a folder")
        for new in reversed(missing):
            try:
                new.mkdir(mode=0o700)
            except FileExistsError:  # another process made it a moment ago
                continue
            new.chmod(0o700)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except PermissionError as exc:
        raise _no_permission(target, f"cannot create {exc.filename or target}") from exc
    except OSError as exc:
        raise StorageError(
            f"cannot create the score database {target}: {exc.strerror or exc}. "
            "Set BOT_DATABASE to a writable path.",
            "path",
        ) from exc
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def known_schema_version() -> int:
    """The schema version this bot migrates to (its last migration's number)."""
    migrations = _migrations()
    return migrations[-1][0] if migrations else 0


def explain_error(exc: sqlite3.Error, path: Path, busy_seconds: float) -> StorageError:
    """What a SQLite error on the score database means for the user (for tools that read it)."""
    return _explain(exc, path, busy_seconds)


def _user_version(db: sqlite3.Connection) -> int:
    row = db.execute("PRAGMA user_version").fetchone()
    return int(row[0]) if row else 0


def _refuse_newer(version: int, known: int, path: Path) -> None:
    if version > known:
        raise StorageError(
            f"{path} has schema version {version}, newer than this bot knows ({known}). "
            "Upgrade the bot or point BOT_DATABASE at another file; the file was not changed.",
            "newer-schema",
        )


def _open_checked(
    target: Path, location: str, uri: bool, busy_seconds: float
) -> sqlite3.Connection:
    """The writing connection, after the file is checked, switched to WAL and migrated.

    The order matters (GUIDE, "Measured"): the busy timeout first, since even switching to WAL
    needs a lock; then the version check, before anything that could change the file.
    """
    on_disk = str(target) != ":memory:"
    if on_disk:
        if target.is_dir():
            raise StorageError(
                f"{target} is a folder, not a score database file. Set BOT_DATABASE to a file "
                "path such as data/bot.sqlite3.",
                "path",
            )
        _create_private(target)
    try:
        writer = sqlite3.connect(location, uri=uri, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise _explain(exc, target, busy_seconds) from exc
    try:
        writer.execute(f"PRAGMA busy_timeout = {int(busy_seconds * 1000)}")
        migrations = _migrations()
        known = migrations[-1][0] if migrations else 0
        version = _user_version(writer)
        _refuse_newer(version, known, target)
        if on_disk and not (
            os.access(target, os.W_OK) and os.access(target.parent, os.W_OK | os.X_OK)
        ):
            raise _read_only(target)
        writer.execute("PRAGMA journal_mode = WAL")
        if version < known:
            _migrate(writer, target, migrations, known)
        writer.execute("PRAGMA foreign_keys = ON")
        writer.execute("PRAGMA synchronous = NORMAL")
        writer.execute("PRAGMA busy_timeout = 0")  # writes wait in _returning, off the loop
        writer.execute("PRAGMA wal_autocheckpoint = 0")  # checkpoints run on another connection
    except sqlite3.Error as exc:
        writer.close()
        raise _explain(exc, target, busy_seconds) from exc
    except BaseException:
        writer.close()
        raise
    return writer


def _migrate(
    db: sqlite3.Connection, target: Path, migrations: list[tuple[int, Path]], known: int
) -> None:
    """Apply the missing migrations in one write transaction.

    The version is read again inside it: of several processes starting together, the first
    migrates and the others find the work done, instead of running the same CREATE TABLEs.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        current = _user_version(db)
        _refuse_newer(current, known, target)
        for number, path in migrations:
            if number <= current:
                continue
            for statement in _statements(path.read_text(encoding="utf-8")):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """A migration script as single statements (``executescript`` would commit first)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer)
            buffer = ""
    leftover = [ln for ln in buffer.splitlines() if ln.strip() and not ln.strip().startswith("--")]
    if leftover:
        raise StorageError(f"a migration ends with an unfinished statement: {leftover[0]!r}")
    return statements


def _migrations() -> list[tuple[int, Path]]:
    return numbered_migrations(MIGRATIONS_DIR)
