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

The statements both engines run are written once in ``bot.core.store_queries``; this module
holds PostgreSQL's own: the pool, the batch inserts (``unnest``), retries and error messages.

The URL's password never appears in an error or log line (`database_url.shown`/`scrub`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, TypeVar

import asyncpg

from bot.core.database_url import check_postgres_url, scrub, shown
from bot.core.store_contract import StorageError
from bot.core.store_postgres_schema import current_version, migrate
from bot.core.store_queries import POSTGRES, Ledger, Params, Rows, SqlScoreStore

log = logging.getLogger(__name__)

CONNECT_SECONDS = 10.0
POOL_SIZE = 10
T = TypeVar("T")
_RETRIES = 5  # deadlock / serialization failures retried before giving up


class PostgresScoreStore(SqlScoreStore):
    """A pool of connections to the score database. Create with ``await ....open(url)``."""

    dialect = POSTGRES
    _constraint_errors = (asyncpg.IntegrityConstraintViolationError,)
    # A write is a round trip whatever happens: gather the turn's awards into it first.
    _immediate_per_turn = 0

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self._pool = pool
        self.url = url
        self.shown_url = shown(url)
        self._closed = False
        super().__init__()

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

    async def schema_version(self) -> int:
        async with self._connection() as conn:
            return await current_version(conn)

    async def _read(self, sql: str, params: Params) -> Rows:
        text, args = self.dialect.bind(sql, params)
        async with self._connection() as conn:
            return await _fetch(conn, text, args)

    async def _write(self, sql: str, params: Params) -> Rows:
        """One write statement in its own transaction, retried on deadlock or serialization."""
        text, args = self.dialect.bind(sql, params)
        return await self._retried(lambda conn: _fetch(conn, text, args))

    async def _write_together(self, statements: Sequence[tuple[str, Params]]) -> None:
        """The statements in one transaction, retried on deadlock or serialization."""
        bound = [self.dialect.bind(sql, params) for sql, params in statements]

        async def run(conn: asyncpg.Connection) -> None:
            async with conn.transaction():
                for text, args in bound:
                    await conn.execute(text, *args)

        await self._retried(run)

    async def _retried(self, work: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
        for attempt in range(_RETRIES):
            try:
                async with self._connection() as conn:
                    return await work(conn)
            except StorageError as exc:
                if not _retryable(exc.__context__) or attempt == _RETRIES - 1:
                    raise
            await asyncio.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")

    # -- awards and attempts in batches (bot.core.write_batch) ---------------------------------

    async def _insert_new(self, ledger: Ledger, rows: Sequence[tuple[Any, ...]]) -> Rows:
        """One array parameter per column: one statement whatever the batch's size."""
        names = ", ".join(f"c{i}" for i in range(len(ledger.columns)))
        arrays = ", ".join(f"${i + 1}::{kind}[]" for i, kind in enumerate(ledger.types))
        sql = (
            f"INSERT INTO {ledger.table} ({', '.join(ledger.columns)})"
            f" SELECT {names} FROM unnest({arrays}) WITH ORDINALITY AS x({names}, i) ORDER BY i"
            f" ON CONFLICT ({ledger.key_columns}) DO NOTHING RETURNING {ledger.key_columns}"
        )
        arguments = [list(column) for column in zip(*rows, strict=True)]
        return await self._retried(lambda conn: _fetch(conn, sql, arguments))

    async def integrity_check(self) -> str:
        """ "ok" when every player's totals equal their ledger (SQLite's word for healthy)."""
        rows = await self._read(_TOTALS_DISAGREE, {})
        bad = rows[0][0]
        return "ok" if not bad else f"{bad} player(s) whose totals disagree with the ledger"


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


async def _fetch(conn: asyncpg.Connection, sql: str, args: Sequence[Any]) -> Rows:
    return list(await conn.fetch(sql, *args))


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
