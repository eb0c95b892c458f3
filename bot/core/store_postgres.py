"""Scores, round history and per-server settings in PostgreSQL, for several bot processes.

The same behaviour as the SQLite store (`bot.core.storage.ScoreStore`, contract in
`bot.core.store_contract`), on an asyncpg connection pool, so shard clusters on several hosts
share one set of scores::

    store = await PostgresScoreStore.open("postgresql://bot:PASSWORD@db:5432/bot")

Exactly-once awards with many writers: ``UNIQUE (round_id, question_index)`` and
``INSERT ... ON CONFLICT DO NOTHING``; of two processes awarding the same question, one inserts
and the other is told it was already awarded. Totals are kept by triggers in the transaction
that writes the ledger row (migrations/postgres/001_initial.sql), so they always equal the
ledger. Statements that touch several players' totals lock them in (guild, user) order, so two
writers cannot deadlock; a deadlock or serialization failure reported anyway is retried.

The URL's password never appears in an error or log line (`database_url.shown`/`scrub`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

import asyncpg

from bot.core.cooldowns import DEFAULT_LIMITS, CooldownLimits, check_limits
from bot.core.database_url import check_postgres_url, scrub, shown
from bot.core.store_contract import (
    ACCURACY_MIN_ATTEMPTS,
    GuildSettings,
    LeaderboardEntry,
    LeaderboardPage,
    PlayerStats,
    QuestionReport,
    RoundRecord,
    RoundResult,
    StorageError,
    check_setting_changes,
    check_sort,
)
from bot.core.store_postgres_schema import current_version, migrate
from bot.core.write_batch import WriteBatcher

log = logging.getLogger(__name__)

CONNECT_SECONDS = 10.0
POOL_SIZE = 10
_RETRIES = 5  # deadlock / serialization failures retried before giving up

# ORDER BY for each sort; names compare byte-wise (COLLATE "C") like SQLite, whatever the
# database's locale, so both engines list ties in the same order.
_ORDER = {
    "points": "points DESC, rounds_won DESC",
    "wins": "rounds_won DESC, points DESC",
    "accuracy": (
        f"(attempted >= {ACCURACY_MIN_ATTEMPTS}) DESC,"
        " (correct::float8 / greatest(attempted, 1)) DESC, correct DESC"
    ),
}
_TOTALS = "user_id, name, points, correct, attempted, rounds_played, rounds_won, best_streak"
_GLOBAL_TOTALS = """
    SELECT user_id, max(name COLLATE "C") AS name, sum(points)::bigint AS points,
           sum(correct)::bigint AS correct, sum(attempted)::bigint AS attempted,
           sum(rounds_played)::bigint AS rounds_played, sum(rounds_won)::bigint AS rounds_won,
           max(best_streak) AS best_streak
    FROM players GROUP BY user_id
"""


def _totals_source(guild_id: int | None) -> tuple[str, tuple[Any, ...]]:
    """A subquery of per-player totals and its parameters (numbered from $1)."""
    if guild_id is None:
        return f"({_GLOBAL_TOTALS}) AS totals", ()
    return f"(SELECT {_TOTALS} FROM players WHERE guild_id = $1) AS totals", (guild_id,)


class PostgresScoreStore:
    """A pool of connections to the score database. Create with ``await ....open(url)``."""

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self._pool = pool
        self.url = url
        self.shown_url = shown(url)
        self._closed = False
        # Group commit, as in the SQLite store; a database error fails the whole batch at once.
        self._awards = WriteBatcher(self._insert_awards, whole_batch_errors=(StorageError,))
        self._attempts = WriteBatcher(self._insert_attempts, whole_batch_errors=(StorageError,))

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    async def open(
        cls, url: str, *, pool_size: int = POOL_SIZE, connect_seconds: float = CONNECT_SECONDS
    ) -> PostgresScoreStore:
        """Connect, refuse a newer schema, migrate (under an advisory lock), return the store."""
        if (problem := check_postgres_url(url)) is not None:
            raise StorageError(
                f"BOT_DATABASE is not a usable PostgreSQL URL: {problem}. Fix: "
                "postgresql://USER:PASSWORD@HOST:PORT/DBNAME",
                "path",
            )
        try:
            pool = await asyncpg.create_pool(
                url,
                min_size=1,
                max_size=max(1, pool_size),
                timeout=connect_seconds,
                server_settings={"application_name": "us-and-them-bot"},
                reset=_keep_session,
            )
        except Exception as exc:
            raise _explain(exc, url, connect_seconds) from None
        store = cls(pool, url)
        try:
            async with store._connection() as conn:
                await migrate(conn, store.shown_url)
        except BaseException:
            await pool.close()
            raise
        return store

    async def close(self) -> None:
        """Wait for the statements in flight and close the pool. Closing twice is harmless."""
        if self._closed:
            return
        await self._awards.drain()
        await self._attempts.drain()
        self._closed = True
        await self._pool.close()

    async def __aenter__(self) -> PostgresScoreStore:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @contextlib.asynccontextmanager
    async def _connection(self) -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection; driver and network errors become a StorageError that says
        what to do, with the password scrubbed."""
        if self._closed:
            raise StorageError("the score store is closed", "closed")
        try:
            async with self._pool.acquire() as conn:
                yield conn
        except (StorageError, asyncpg.IntegrityConstraintViolationError):
            raise
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
            raise _explain(exc, self.url, CONNECT_SECONDS) from None

    def connection(self) -> contextlib.AbstractAsyncContextManager[asyncpg.Connection]:
        """A pooled connection for tools (`scores migrate`), with the same explained errors."""
        return self._connection()

    async def _write(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        """One write statement in its own transaction, retried on deadlock or serialization."""
        for attempt in range(_RETRIES):
            try:
                async with self._connection() as conn:
                    return list(await conn.fetch(sql, *args))
            except StorageError as exc:
                if not _retryable(exc.__context__) or attempt == _RETRIES - 1:
                    raise
            await asyncio.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")

    async def _fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        async with self._connection() as conn:
            return list(await conn.fetch(sql, *args))

    async def _fetchval(self, sql: str, *args: Any) -> Any:
        async with self._connection() as conn:
            return await conn.fetchval(sql, *args)

    async def schema_version(self) -> int:
        async with self._connection() as conn:
            return await current_version(conn)

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
        rows = await self._write(
            "INSERT INTO rounds (guild_id, channel_id, starter_id, mode, questions, seed,"
            " started_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            guild_id,
            channel_id,
            starter_id,
            mode,
            questions,
            seed,
            started_at or time.time(),
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
        """Commit one won question and its points. False if that question was already awarded
        (by this process or any other). Awards arriving while a batch is being written go out
        together in the next one (group commit, as with SQLite): one statement, one commit."""
        return await self._awards.submit(
            (
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
        )

    async def _insert_awards(self, rows: list[tuple[Any, ...]]) -> list[bool]:
        first: dict[tuple[int, int], int] = {}
        for i, row in enumerate(rows):
            first.setdefault((row[0], row[1]), i)  # the same question twice in one batch
        # Players' totals are locked in (server, player) order, whoever writes: no deadlocks.
        unique = sorted((rows[i] for i in first.values()), key=lambda r: (r[3], r[4], r[0], r[1]))
        columns = list(zip(*unique, strict=True))
        returned = await self._write(
            "INSERT INTO awards (round_id, question_index, fact_id, guild_id, user_id, user_name,"
            " points, streak, awarded_at)"
            " SELECT r, q, f, g, u, n, p, s, t FROM unnest($1::bigint[], $2::int[], $3::text[],"
            " $4::bigint[], $5::bigint[], $6::text[], $7::int[], $8::int[], $9::float8[])"
            " WITH ORDINALITY AS x(r, q, f, g, u, n, p, s, t, i) ORDER BY i"
            " ON CONFLICT (round_id, question_index) DO NOTHING RETURNING round_id, question_index",
            *(list(column) for column in columns),
        )
        inserted = {(r[0], r[1]) for r in returned}
        return [
            first[(row[0], row[1])] == i and (row[0], row[1]) in inserted
            for i, row in enumerate(rows)
        ]

    async def record_attempt(
        self, *, round_id: int, question_index: int, guild_id: int, user_id: int, user_name: str
    ) -> bool:
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
        if not players:
            return 0
        rows = [(round_id, question_index, guild_id, uid, name) for uid, name in players]
        return sum(await self._attempts.submit_many(rows))

    async def _insert_attempts(self, rows: list[tuple[Any, ...]]) -> list[bool]:
        first: dict[tuple[int, int, int], int] = {}
        for i, row in enumerate(rows):
            first.setdefault((row[0], row[1], row[3]), i)
        unique = sorted((rows[i] for i in first.values()), key=lambda r: (r[2], r[3], r[0], r[1]))
        columns = list(zip(*unique, strict=True))
        returned = await self._write(
            "INSERT INTO attempts (round_id, question_index, guild_id, user_id, user_name)"
            " SELECT r, q, g, u, n FROM unnest($1::bigint[], $2::int[], $3::bigint[],"
            " $4::bigint[], $5::text[]) WITH ORDINALITY AS x(r, q, g, u, n, i) ORDER BY i"
            " ON CONFLICT DO NOTHING RETURNING round_id, question_index, user_id",
            *(list(column) for column in columns),
        )
        inserted = {(r[0], r[1], r[2]) for r in returned}
        return [
            first[(row[0], row[1], row[3])] == i and (row[0], row[1], row[3]) in inserted
            for i, row in enumerate(rows)
        ]

    async def finish_round(
        self,
        round_id: int,
        *,
        reason: str,
        asked: int,
        results: Iterable[RoundResult],
        ended_at: float | None = None,
    ) -> None:
        """The final ranking and the round's end, in one transaction; safe to repeat."""
        ordered = sorted(results, key=lambda r: r.user_id)
        for attempt in range(_RETRIES):
            try:
                async with self._connection() as conn, conn.transaction():
                    if ordered:
                        await conn.execute(
                            "INSERT INTO round_results (round_id, guild_id, user_id, user_name,"
                            " rank, points, correct, won)"
                            " SELECT $1, r.guild_id, u, n, k, p, c, w FROM rounds AS r,"
                            " unnest($2::bigint[], $3::text[], $4::int[], $5::int[], $6::int[],"
                            " $7::int[]) WITH ORDINALITY AS t(u, n, k, p, c, w, i)"
                            " WHERE r.id = $1 ORDER BY i ON CONFLICT DO NOTHING",
                            round_id,
                            [r.user_id for r in ordered],
                            [r.user_name for r in ordered],
                            [r.rank for r in ordered],
                            [r.points for r in ordered],
                            [r.correct for r in ordered],
                            [int(r.won) for r in ordered],
                        )
                    await conn.execute(
                        "UPDATE rounds SET ended_at = $1, end_reason = $2, asked = $3"
                        " WHERE id = $4 AND ended_at IS NULL",
                        ended_at or time.time(),
                        reason,
                        asked,
                        round_id,
                    )
                return
            except StorageError as exc:
                if not _retryable(exc.__context__) or attempt == _RETRIES - 1:
                    raise
            await asyncio.sleep(0.01 * (attempt + 1))

    async def close_interrupted_rounds(
        self, *, console: bool, owned: Callable[[int], bool] | None = None
    ) -> list[RoundRecord]:
        """Close the rounds a crash left open as "interrupted", from their ledger; returns them.

        ``console`` picks the console's rounds (server 0) or the Discord servers' ones. With
        several clusters on one database, ``owned`` (server id -> bool) keeps each to the rounds
        of its own servers: the others' are still running in the processes that own them."""
        scope = "guild_id = 0" if console else "guild_id != 0"
        rows = await self._fetch(
            f"SELECT id, guild_id FROM rounds WHERE ended_at IS NULL AND {scope} ORDER BY id"
        )
        open_ids = [int(r[0]) for r in rows if owned is None or owned(int(r[1]))]
        for round_id in open_ids:
            async with self._connection() as conn, conn.transaction():
                await conn.execute(_INTERRUPTED_RESULTS, round_id)
                await conn.execute(_INTERRUPTED_END, round_id)
        if not open_ids:
            return []
        return await self._records("id = ANY($1::bigint[]) ORDER BY id", [open_ids])

    async def award_count(self) -> int:
        return int(await self._fetchval("SELECT count(*) FROM awards"))

    # -- reading -----------------------------------------------------------------------------

    async def leaderboard(
        self, guild_id: int | None, sort: str = "points", page: int = 1, per_page: int = 10
    ) -> LeaderboardPage:
        check_sort(sort)
        per_page = max(1, min(per_page, 100))
        source, params = _totals_source(guild_id)
        total = int(await self._fetchval(f"SELECT count(*) FROM {source}", *params))
        pages = max(1, math.ceil(total / per_page))
        page = max(1, min(page, pages))
        order = _ORDER[sort]
        n = len(params)
        rows = await self._fetch(
            f"SELECT rank() OVER (ORDER BY {order}) AS rank, {_TOTALS} FROM {source}"
            f' ORDER BY {order}, name COLLATE "C", user_id LIMIT ${n + 1} OFFSET ${n + 2}',
            *params,
            per_page,
            (page - 1) * per_page,
        )
        entries = tuple(LeaderboardEntry(*r) for r in rows)
        return LeaderboardPage(entries, page, pages, total, sort, guild_id)

    async def player_stats(self, guild_id: int | None, user_id: int) -> PlayerStats | None:
        source, params = _totals_source(guild_id)
        rows = await self._fetch(
            f"SELECT * FROM (SELECT {_TOTALS}, rank() OVER (ORDER BY {_ORDER['points']}) AS rank,"
            f" count(*) OVER () AS players FROM {source}) AS ranked"
            f" WHERE user_id = ${len(params) + 1}",
            *params,
            user_id,
        )
        return PlayerStats(*rows[0]) if rows else None

    async def round_history(
        self, guild_id: int, *, channel_id: int | None = None, limit: int = 10
    ) -> list[RoundRecord]:
        if channel_id is None:
            return await self._records(
                "guild_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2",
                [guild_id, max(1, limit)],
            )
        return await self._records(
            "guild_id = $1 AND channel_id = $2 ORDER BY started_at DESC, id DESC LIMIT $3",
            [guild_id, channel_id, max(1, limit)],
        )

    async def _records(self, where: str, params: Sequence[Any]) -> list[RoundRecord]:
        async with self._connection() as conn:
            rounds = await conn.fetch(
                "SELECT id, guild_id, channel_id, starter_id, mode, questions, asked, started_at,"
                f" ended_at, end_reason FROM rounds WHERE {where}",
                *params,
            )
            results = await conn.fetch(
                "SELECT round_id, user_id, user_name, rank, points, correct, won"
                " FROM round_results WHERE round_id = ANY($1::bigint[])"
                ' ORDER BY round_id, rank, user_name COLLATE "C"',
                [r[0] for r in rounds],
            )
        by_round: dict[int, list[RoundResult]] = {}
        for row in results:
            by_round.setdefault(row[0], []).append(
                RoundResult(row[1], row[2], row[3], row[4], row[5], bool(row[6]))
            )
        return [
            RoundRecord(**dict(r.items()), results=tuple(by_round.get(r[0], ()))) for r in rounds
        ]

    # -- settings and admin ------------------------------------------------------------------

    async def get_settings(self, guild_id: int) -> GuildSettings:
        rows = await self._fetch(
            "SELECT question_seconds, round_length, mode, hints FROM guild_settings"
            " WHERE guild_id = $1",
            guild_id,
        )
        if not rows:
            return GuildSettings()
        seconds, length, mode, hints = rows[0]
        return GuildSettings(float(seconds), int(length), mode, bool(hints))

    async def update_settings(self, guild_id: int, **changes: Any) -> GuildSettings:
        """Change some settings; raises ServerSettingError naming the bad value. Returns all
        settings."""
        check_setting_changes(changes)
        merged = replace(await self.get_settings(guild_id), **changes)
        await self._write(
            "INSERT INTO guild_settings (guild_id, question_seconds, round_length, mode, hints)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (guild_id) DO UPDATE SET"
            " question_seconds = excluded.question_seconds, round_length = excluded.round_length,"
            " mode = excluded.mode, hints = excluded.hints RETURNING guild_id",
            guild_id,
            float(merged.question_seconds),
            merged.round_length,
            merged.mode,
            bool(merged.hints),
        )
        return merged

    async def reset_guild(self, guild_id: int) -> int:
        """Delete a server's scores and round history (settings stay). Returns players removed.

        One INSERT into the ``guild_resets`` log; its trigger deletes in the same transaction."""
        async with self._connection() as conn, conn.transaction():
            reset_id = await conn.fetchval(
                "INSERT INTO guild_resets (guild_id, reset_at) VALUES ($1, $2) RETURNING id",
                guild_id,
                time.time(),
            )
            return int(
                await conn.fetchval("SELECT players FROM guild_resets WHERE id = $1", reset_id)
            )

    async def integrity_check(self) -> str:
        """ "ok" when every player's totals equal their ledger (SQLite's word for healthy)."""
        bad = await self._fetchval(_TOTALS_DISAGREE)
        return "ok" if not bad else f"{bad} player(s) whose totals disagree with the ledger"

    # -- cooldowns -----------------------------------------------------------------------------

    async def get_cooldowns(self, guild_id: int) -> dict[str, CooldownLimits]:
        limits = dict(DEFAULT_LIMITS)
        for command, per_user, per_channel in await self._fetch(
            "SELECT command, per_user, per_channel FROM cooldown_settings WHERE guild_id = $1",
            guild_id,
        ):
            limits[command] = CooldownLimits(float(per_user), float(per_channel))
        return limits

    async def set_cooldown(self, guild_id: int, command: str, limits: CooldownLimits) -> None:
        check_limits(command, limits)
        await self._write(
            "INSERT INTO cooldown_settings (guild_id, command, per_user, per_channel)"
            " VALUES ($1, $2, $3, $4) ON CONFLICT (guild_id, command) DO UPDATE SET"
            " per_user = excluded.per_user, per_channel = excluded.per_channel RETURNING guild_id",
            guild_id,
            command,
            float(limits.per_user),
            float(limits.per_channel),
        )

    # -- questions asked per channel -------------------------------------------------------------

    async def asked_questions(
        self, channel_id: int, since: float | None = None
    ) -> dict[str, float]:
        rows = await self._fetch(
            "SELECT fact_id, asked_at FROM asked_questions"
            " WHERE channel_id = $1 AND asked_at >= $2",
            channel_id,
            since if since is not None else float("-inf"),
        )
        return {fact_id: float(at) for fact_id, at in rows}

    async def record_asked(
        self, channel_id: int, fact_id: str, asked_at: float | None = None
    ) -> None:
        await self._write(
            "INSERT INTO asked_questions (channel_id, fact_id, asked_at) VALUES ($1, $2, $3)"
            " ON CONFLICT (channel_id, fact_id) DO UPDATE SET asked_at = excluded.asked_at"
            " RETURNING channel_id",
            channel_id,
            fact_id,
            asked_at if asked_at is not None else time.time(),
        )

    # -- question reports --------------------------------------------------------------------

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
        """File a report; its id, or None when this player already has one open on the fact
        (or the report breaks a rule of the table, as with SQLite)."""
        try:
            rows = await self._write(
                "INSERT INTO reports (guild_id, channel_id, user_id, user_name, fact_id, source,"
                " reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                " ON CONFLICT (guild_id, user_id, fact_id) WHERE resolved_at IS NULL DO NOTHING"
                " RETURNING id",
                guild_id,
                channel_id,
                user_id,
                user_name,
                fact_id,
                source,
                reason,
                created_at if created_at is not None else time.time(),
            )
        except asyncpg.IntegrityConstraintViolationError:
            return None
        return int(rows[0][0]) if rows else None

    async def reports(self, guild_id: int, *, open_only: bool = True) -> list[QuestionReport]:
        where = " AND resolved_at IS NULL" if open_only else ""
        rows = await self._fetch(
            "SELECT id, fact_id, source, reason, user_id, user_name, channel_id, created_at,"
            f" resolved_at, resolved_by FROM reports WHERE guild_id = $1{where} ORDER BY id",
            guild_id,
        )
        return [QuestionReport(*row) for row in rows]

    async def resolve_report(
        self, guild_id: int, report_id: int, by_user: int, resolved_at: float | None = None
    ) -> bool:
        rows = await self._write(
            "UPDATE reports SET resolved_at = $1, resolved_by = $2"
            " WHERE id = $3 AND guild_id = $4 AND resolved_at IS NULL RETURNING id",
            resolved_at if resolved_at is not None else time.time(),
            by_user,
            report_id,
            guild_id,
        )
        return bool(rows)


# An interrupted round's ranking, from its ledger: everyone who won or tried a question.
_INTERRUPTED_RESULTS = """
INSERT INTO round_results (round_id, guild_id, user_id, user_name, rank, points, correct, won)
SELECT $1, r.guild_id, p.user_id, p.user_name, rank() OVER (ORDER BY p.points DESC),
       p.points, p.correct,
       (rank() OVER (ORDER BY p.points DESC) = 1 AND p.points > 0)::int
FROM rounds AS r, (
    SELECT user_id, max(user_name COLLATE "C") AS user_name, sum(points)::int AS points,
           sum(won)::int AS correct
    FROM (
        SELECT user_id, user_name, points, 1 AS won FROM awards WHERE round_id = $1
        UNION ALL
        SELECT user_id, user_name, 0, 0 FROM attempts WHERE round_id = $1
    ) AS ledger
    GROUP BY user_id
) AS p
WHERE r.id = $1
ORDER BY p.user_id
ON CONFLICT DO NOTHING
"""
# Its end: when it was last heard of, and at least as many questions as it stored answers for.
_INTERRUPTED_END = """
UPDATE rounds SET
    end_reason = 'interrupted',
    ended_at = greatest(started_at, coalesce((SELECT max(awarded_at) FROM awards
                                              WHERE round_id = $1), 0)),
    asked = greatest(asked, coalesce((SELECT max(question_index) + 1 FROM (
        SELECT question_index FROM awards WHERE round_id = $1
        UNION ALL SELECT question_index FROM attempts WHERE round_id = $1) AS q), 0))
WHERE id = $1 AND ended_at IS NULL
"""
# How many players' totals differ from what their ledger adds up to.
_TOTALS_DISAGREE = """
SELECT count(*) FROM players AS p
LEFT JOIN (SELECT guild_id, user_id, sum(points) AS points, count(*) AS correct
           FROM awards GROUP BY guild_id, user_id) AS w USING (guild_id, user_id)
LEFT JOIN (SELECT guild_id, user_id, count(*) AS n
           FROM attempts GROUP BY guild_id, user_id) AS t USING (guild_id, user_id)
LEFT JOIN (SELECT guild_id, user_id, count(*) AS n, sum(won) AS won
           FROM round_results GROUP BY guild_id, user_id) AS r USING (guild_id, user_id)
WHERE p.points != coalesce(w.points, 0) OR p.correct != coalesce(w.correct, 0)
   OR p.attempted != coalesce(w.correct, 0) + coalesce(t.n, 0)
   OR p.rounds_played != coalesce(r.n, 0) OR p.rounds_won != coalesce(r.won, 0)
"""


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Connections go back to the pool as they are: the store sets no session state (no LISTEN,
    no session locks, no SET), so the reset asyncpg runs by default would be a wasted round trip
    per statement."""


_RETRYABLE = (asyncpg.DeadlockDetectedError, asyncpg.SerializationError)
_UNREACHABLE = (
    OSError,
    TimeoutError,
    asyncpg.CannotConnectNowError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
)


def _retryable(exc: BaseException | None) -> bool:
    return isinstance(exc, _RETRYABLE)


def _explain(exc: BaseException, url: str, connect_seconds: float) -> StorageError:
    """What a driver or network error means for the user; the password never appears."""
    where = shown(url)
    detail = scrub(str(exc) or type(exc).__name__, url)
    if isinstance(exc, _RETRYABLE):
        error = StorageError(
            f"the PostgreSQL database {where} kept conflicting: {detail}", "locked"
        )
    elif isinstance(
        exc, asyncpg.InvalidPasswordError | asyncpg.InvalidAuthorizationSpecificationError
    ):
        error = StorageError(
            f"PostgreSQL at {where} refused the login: {detail}. Fix: check the user and "
            "password in BOT_DATABASE (and pg_hba.conf on the server).",
            "permission",
        )
    elif isinstance(exc, asyncpg.InvalidCatalogNameError):
        error = StorageError(
            f"the PostgreSQL database in {where} does not exist: {detail}. Fix: create it "
            "(createdb) or name an existing one in BOT_DATABASE.",
            "path",
        )
    elif isinstance(exc, asyncpg.InsufficientPrivilegeError):
        error = StorageError(
            f"the PostgreSQL user in {where} lacks a privilege: {detail}. Fix: grant it, or let "
            "the bot's user own the database.",
            "permission",
        )
    elif isinstance(exc, asyncpg.TooManyConnectionsError):
        error = StorageError(
            f"PostgreSQL at {where} has no free connections: {detail}. Fix: raise "
            "max_connections or run fewer bot processes.",
            "unreachable",
        )
    elif isinstance(exc, _UNREACHABLE):
        error = StorageError(
            f"cannot reach the PostgreSQL server at {where} ({detail}; waited up to "
            f"{connect_seconds:g} s). Fix: start the server, or correct the host and port in "
            "BOT_DATABASE; nothing was changed.",
            "unreachable",
        )
    else:
        error = StorageError(f"the PostgreSQL database {where} failed: {detail}", "other")
    error.__context__ = exc  # kept for retry decisions; never shown (raised ``from None``)
    return error
