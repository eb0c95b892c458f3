"""Which cluster this process is, and the identify gate that clusters share.

A cluster is one `python -m bot run` process running a share of the shards (`SHARD_COUNT`,
`CLUSTER_INDEX`/`CLUSTER_COUNT` or `SHARD_IDS` in `bot.settings`). Discord lets the whole
application send one IDENTIFY per bucket (shard id modulo the `max_concurrency` of
`GET /gateway/bot`) every 5 seconds, wherever its shards run; too many and the sessions are
invalidated. `PgIdentifyGate` enforces that across hosts with a PostgreSQL advisory lock per
bucket, held for the 5 seconds after each IDENTIFY. Without clusters, discord.py's own pacing
inside the one process does the job.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

import asyncpg

log = logging.getLogger(__name__)
IDENTIFY_WINDOW = 5.0  # seconds a bucket stays closed after an IDENTIFY (Discord's rule)
LOCK_SPACE = 0x55415448  # first key of our advisory locks ("UATH"), the second is the bucket
POLL_SECONDS = 0.2  # how often a waiting shard tries the bucket's lock again
RETRY_SECONDS = 2.0  # after the database could not be reached
# What a lost or unreachable database raises (asyncpg's own errors have no common base).
PG_ERRORS = (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, asyncpg.InternalClientError)


@dataclass(frozen=True, slots=True)
class ClusterIdentity:
    index: int
    count: int
    shard_ids: tuple[int, ...]
    shard_count: int

    def owns(self, guild_id: int) -> bool:
        """Whether this cluster runs the shard a server is on (Discord's sharding formula)."""
        return (guild_id >> 22) % self.shard_count in self.shard_ids

    def __str__(self) -> str:
        shards = ",".join(map(str, self.shard_ids))
        return f"cluster {self.index}/{self.count} (shards {shards} of {self.shard_count})"


class SessionLimits(Protocol):
    max_concurrency: int


class IdentifyGate(Protocol):
    async def wait(self, shard_id: int, limits: Callable[[], Awaitable[SessionLimits]]) -> None: ...


class PgIdentifyGate:
    """One IDENTIFY per bucket per window, for every process connected to the same database.

    The lock is a session-level advisory lock on a connection of its own, tried without blocking
    (a blocked query would hold the connection that other buckets need) and released by a timer.
    If the process dies, PostgreSQL drops its locks with the connection."""

    def __init__(
        self, dsn: str, window: float = IDENTIFY_WINDOW, retry: float = RETRY_SECONDS
    ) -> None:
        self._dsn = dsn
        self._window = window
        self._retry = retry
        self._conn: asyncpg.Connection[Any] | None = None
        self._use = asyncio.Lock()  # one query at a time on the connection
        self._buckets: dict[int, asyncio.Lock] = {}  # the same session may re-take its lock
        self._max_concurrency: int | None = None
        self._releases: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._conn = await asyncpg.connect(self._dsn)

    async def close(self) -> None:
        for task in list(self._releases):
            task.cancel()
        if self._conn is not None:
            await self._conn.close()  # drops any lock still held
            self._conn = None

    async def wait(self, shard_id: int, limits: Callable[[], Awaitable[SessionLimits]]) -> None:
        if self._max_concurrency is None:
            self._max_concurrency = max(1, (await limits()).max_concurrency)
        bucket = shard_id % self._max_concurrency
        local = self._buckets.setdefault(bucket, asyncio.Lock())
        await local.acquire()
        try:
            while not (locked := await self._try_lock(bucket)):
                await asyncio.sleep(POLL_SECONDS if locked is False else self._retry)
        except BaseException:
            local.release()
            raise
        log.debug("Shard %d may identify (bucket %d)", shard_id, bucket)
        task = asyncio.get_running_loop().create_task(self._release_later(bucket, local))
        self._releases.add(task)
        task.add_done_callback(self._releases.discard)

    async def _try_lock(self, bucket: int) -> bool | None:
        """True: ours now; False: another process has it; None: the database is unreachable
        (reconnected on the next try, e.g. after a PostgreSQL restart)."""
        async with self._use:
            try:
                if self._conn is None or self._conn.is_closed():
                    self._conn = await asyncpg.connect(self._dsn)
                return bool(
                    await self._conn.fetchval(
                        "SELECT pg_try_advisory_lock($1, $2)", LOCK_SPACE, bucket
                    )
                )
            except PG_ERRORS as exc:
                log.warning(
                    "Identify gate cannot reach PostgreSQL (%s); retrying", type(exc).__name__
                )
                if self._conn is not None:
                    self._conn.terminate()
                    self._conn = None
                return None

    async def _release_later(self, bucket: int, local: asyncio.Lock) -> None:
        try:
            await asyncio.sleep(self._window)
            if self._conn is not None:
                async with self._use:
                    await self._conn.execute(
                        "SELECT pg_advisory_unlock($1, $2)", LOCK_SPACE, bucket
                    )
        except PG_ERRORS:
            log.warning("Could not release identify bucket %d; it frees on reconnect", bucket)
        finally:
            with contextlib.suppress(RuntimeError):
                local.release()
