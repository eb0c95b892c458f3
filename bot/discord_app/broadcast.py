"""Telling every cluster at once, over PostgreSQL LISTEN/NOTIFY.

`/facts-reload` in one cluster asks them all (`reload_everywhere`): each reloads its own packs
(validated before the swap, so a broken pack never replaces a working one) and answers with its
result, which the asking cluster collects until every cluster has answered or the time is up.
A change a cluster caches (a server's cooldowns) is announced with `changed`, and every other
cluster forgets its copy. Messages are small JSON objects (NOTIFY carries at most 8000 bytes).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg

from bot.discord_app.cluster import PG_ERRORS

log = logging.getLogger(__name__)
RELOAD = "us_and_them_reload"  # {"id", "from"}: every cluster reloads its packs
RESULT = "us_and_them_reload_result"  # {"id", "cluster", "ok", "text"}: one cluster's outcome
CHANGED = "us_and_them_changed"  # {"kind", "guild", "from"}: drop the cached copy
RELOAD_TIMEOUT = 30.0  # seconds to wait for every cluster's answer (a reload takes a few)
RECONNECT_SECONDS = 5.0  # between attempts to listen again after the connection was lost
MAX_TEXT = 1500  # of one cluster's result text: keeps the payload under NOTIFY's 8000 bytes


class BroadcastError(Exception):
    """The other clusters cannot be reached (the database connection is down)."""


@dataclass(frozen=True, slots=True)
class ReloadResult:
    cluster: int
    ok: bool | None  # None: no answer in time
    text: str  # what the cluster reports: the new counts, or the problems it refused


# Reload here, replying in the asking admin's language: (swapped?, text).
Reloader = Callable[[str | None], Awaitable[tuple[bool, str]]]
Forget = Callable[[str, int], None]  # (kind, guild id): drop a cached copy


class Broadcast:
    def __init__(
        self, dsn: str, cluster_index: int, cluster_count: int, reloader: Reloader, forget: Forget
    ) -> None:
        self._dsn = dsn
        self.index = cluster_index
        self.count = cluster_count
        self._reloader = reloader
        self._forget = forget
        self._conn: asyncpg.Connection[Any] | None = None
        self._waiting: dict[str, dict[int, ReloadResult]] = {}
        self._arrived = asyncio.Condition()
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = False
        # One connection carries every send: asyncpg refuses a second query while one runs, so
        # a change announced while a reload is answered would otherwise be lost.
        self._sending = asyncio.Lock()

    async def start(self) -> None:
        conn = await asyncpg.connect(self._dsn)
        for channel in (RELOAD, RESULT, CHANGED):
            await conn.add_listener(channel, self._on_notify)
        conn.add_termination_listener(self._on_lost)
        self._conn = conn

    async def close(self) -> None:
        self._closing = True
        for task in list(self._tasks):
            task.cancel()
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    def _on_lost(self, conn: object) -> None:
        """The connection is gone (told by asyncpg, or found by a failed send): listen again.
        Only once per connection, whichever noticed first."""
        if self._closing or conn is not self._conn:
            return
        log.warning("Lost the PostgreSQL connection the clusters talk over; reconnecting")
        self._conn = None
        self._spawn(self._reconnect())

    async def _reconnect(self) -> None:
        while not self._closing and self._conn is None:
            try:
                await self.start()
            except PG_ERRORS as exc:
                log.warning("Still cannot reach PostgreSQL (%s); retrying", type(exc).__name__)
                await asyncio.sleep(RECONNECT_SECONDS)
            else:
                log.info("Listening to the other clusters again")

    async def _send(self, channel: str, message: dict[str, Any]) -> None:
        conn = self._conn
        if conn is None:
            raise BroadcastError("not connected")
        try:
            async with self._sending:
                await conn.execute("SELECT pg_notify($1, $2)", channel, json.dumps(message))
        except PG_ERRORS as exc:
            if conn.is_closed():
                self._on_lost(conn)
            raise BroadcastError(type(exc).__name__) from exc

    # -- reload -------------------------------------------------------------------------------

    async def reload_everywhere(
        self, locale: str | None = None, timeout: float = RELOAD_TIMEOUT
    ) -> list[ReloadResult]:
        """Every cluster's result (worded in ``locale``), in cluster order; a cluster silent for
        ``timeout`` seconds is listed with ``ok=None``. Raises BroadcastError if the request
        cannot be sent."""
        request = uuid.uuid4().hex
        results = self._waiting[request] = {}
        try:
            await self._send(RELOAD, {"id": request, "from": self.index, "locale": locale})
            async with self._arrived:
                await asyncio.wait_for(
                    self._arrived.wait_for(lambda: len(results) >= self.count), timeout
                )
        except TimeoutError:
            pass
        finally:
            del self._waiting[request]
        return [results.get(index, ReloadResult(index, None, "")) for index in range(self.count)]

    async def _reload_here(self, request: str, locale: str | None) -> None:
        try:
            ok, text = await self._reloader(locale)
        except Exception:
            log.exception("Reload asked by another cluster failed")
            ok, text = False, "the reload failed unexpectedly; see this cluster's log"
        try:
            await self._send(
                RESULT, {"id": request, "cluster": self.index, "ok": ok, "text": text[:MAX_TEXT]}
            )
        except BroadcastError:
            log.warning("Reloaded (%s), but could not report back to the asking cluster", ok)

    # -- cached copies ------------------------------------------------------------------------

    async def changed(self, kind: str, guild_id: int) -> None:
        """Tell the other clusters that this server's ``kind`` changed in the database. The
        change itself is stored already: a failure here is logged, not the user's problem."""
        try:
            await self._send(CHANGED, {"kind": kind, "guild": guild_id, "from": self.index})
        except BroadcastError:
            log.warning("Could not tell the other clusters that %s changed", kind)

    # -- receiving ----------------------------------------------------------------------------

    def _on_notify(self, _conn: object, _pid: int, channel: str, payload: str) -> None:
        try:
            message = json.loads(payload)
        except ValueError:
            log.warning("Ignoring a malformed %s notification", channel)
            return
        if channel == RELOAD:
            locale = message.get("locale")
            self._spawn(self._reload_here(str(message["id"]), str(locale) if locale else None))
        elif channel == RESULT and message.get("id") in self._waiting:
            result = ReloadResult(int(message["cluster"]), message["ok"], str(message["text"]))
            self._waiting[message["id"]][result.cluster] = result
            self._spawn(self._wake())
        elif channel == CHANGED and message.get("from") != self.index:
            self._forget(str(message["kind"]), int(message["guild"]))

    async def _wake(self) -> None:
        async with self._arrived:
            self._arrived.notify_all()

    def _spawn(self, coro: Awaitable[None]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
