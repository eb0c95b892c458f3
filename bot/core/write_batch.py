"""Group commit that acknowledges an award in the call that submits it, when it can.

A submission is written at once, in the call that submits it: with SQLite (whose writes run
inline and do not suspend) the caller gets its answer without yielding the event loop at all.
Any wait for the loop costs the caller the whole of a turn, and with a thousand rounds on one
loop a turn is tens of milliseconds of other rounds' work: waiting one turn to gather a batch was
most of an award's latency (p99 137 ms with 1,000 rounds, against 9 ms written at once).

Batches form where they pay: while a write is in flight (PostgreSQL's round trip, or SQLite
waiting for another process's lock), submissions queue and go out together in the next
statement, so one statement is in flight at a time; and once a turn of the loop has written
``IMMEDIATE_PER_TURN`` statements (a burst: a thousand rounds awarding at the same moment), or
for ``CONTENDED_SECONDS`` after a write had to wait for another process's lock, a submission
waits one turn (``asyncio.sleep(0)``) so that the rest of the turn's submissions join it in one
statement, written by the first of those callers to resume. Nothing is spawned: no task or
future per item.

A caller is told its result only once the statement holding its item has returned, so every
acknowledged item is committed. A batch that fails is retried one item at a time, so one bad
item cannot fail the others; an error of the whole database (``whole_batch_errors``) fails every
item of the batch at once instead of being waited out again for each one.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

__all__ = ["WriteBatcher"]

Item = TypeVar("Item")
MAX_BATCH = 500  # well under SQLite's 32,766 bound variables
# Statements written at once in one turn of the loop before submissions wait to be batched.
# A turn of the quiz benchmark (1,000 rounds, a loaded machine) writes up to ~200 awards; at
# ~50 us each that is ~10 ms, while a burst beyond it goes out 500 to a statement.
IMMEDIATE_PER_TURN = 256
# After a write had to wait (another process held the lock), gather each turn's submissions into
# one statement for this long: writers sharing a file then meet at the lock once per turn, not
# once per award (two processes: award p50 33 ms instead of 75-144 ms).
CONTENDED_SECONDS = 5.0


class _Pending(Generic[Item]):
    __slots__ = ("done", "error", "item", "result")

    def __init__(self, item: Item) -> None:
        self.item = item
        self.done = False
        self.result = False
        self.error: BaseException | None = None


class WriteBatcher(Generic[Item]):
    """``await submit(item)`` returns what ``write`` said for that item, once it is written.

    ``write`` takes a batch and returns one bool per item (in order); it may wait (with
    ``await``) but normally finishes without suspending.
    """

    def __init__(
        self,
        write: Callable[[list[Item]], Awaitable[list[bool]]],
        *,
        whole_batch_errors: tuple[type[BaseException], ...] = (),
        max_batch: int = MAX_BATCH,
        immediate_per_turn: int = IMMEDIATE_PER_TURN,
    ) -> None:
        self._write = write
        self._whole_batch_errors = whole_batch_errors
        self._max_batch = max_batch
        self._immediate_per_turn = immediate_per_turn
        self._written_this_turn = 0  # statements; reset by a callback at the next turn
        self._turn = 0  # counts those resets: a write that spans one waited for the loop
        self._gather_until = 0.0  # loop time: gather turns until then (contention)
        self._queue: list[_Pending[Item]] = []
        self._writing: asyncio.Future[None] | None = None  # done when the write in flight ends
        self._orphans: asyncio.Task[None] | None = None

    async def submit(self, item: Item) -> bool:
        """Write ``item``: at once when it can, else with what queues meanwhile (see above)."""
        (result,) = await self.submit_many((item,))
        return result

    async def submit_many(self, items: Sequence[Item]) -> list[bool]:
        """Several items, written in the same batch; one result for each."""
        pending = [_Pending(item) for item in items]
        self._queue.extend(pending)
        try:
            if self._writing is None:
                if self._at_once():
                    await self._flush()  # at once: SQLite returns without yielding
                else:
                    await asyncio.sleep(0)  # a burst: let the rest of it join this batch
            while not all(p.done for p in pending):
                if self._writing is not None:
                    await asyncio.shield(self._writing)
                else:
                    await self._flush()
        except asyncio.CancelledError:
            # The caller is gone, but its items were submitted: write them anyway, as a
            # caller that was not cancelled would have (a won question stays won).
            if not all(p.done for p in pending):
                self._flush_in_background()
            raise
        for p in pending:
            if p.error is not None:
                raise p.error
        return [p.result for p in pending]

    async def drain(self) -> None:
        """Return once everything submitted so far is written (or has failed)."""
        while self._queue or self._writing is not None:
            if self._writing is not None:
                await asyncio.shield(self._writing)
            else:
                await self._flush()
        if self._orphans is not None:
            await asyncio.shield(self._orphans)

    async def _flush(self) -> None:
        """Write everything queued. Items of a write interrupted by cancellation go back to
        the front of the queue (their statement never ran) for the next writer."""
        writing = self._writing = asyncio.get_running_loop().create_future()
        try:
            while self._queue:
                batch = self._queue[: self._max_batch]
                del self._queue[: self._max_batch]
                try:
                    await self._write_batch(batch)
                except BaseException:
                    self._queue[:0] = [p for p in batch if not p.done]
                    raise
        finally:
            self._writing = None
            writing.set_result(None)

    def _at_once(self) -> bool:
        """Write now, or wait a turn to share a statement (a burst, or contention)?"""
        if self._written_this_turn >= self._immediate_per_turn:
            return False
        return not self._gather_until or asyncio.get_running_loop().time() >= self._gather_until

    def _count_statement(self) -> None:
        """Count this turn's statements; a callback queued now runs at the next turn."""
        if self._written_this_turn == 0:
            asyncio.get_running_loop().call_soon(self._next_turn)
        self._written_this_turn += 1

    def _next_turn(self) -> None:
        self._written_this_turn = 0
        self._turn += 1

    async def _write_batch(self, batch: list[_Pending[Item]]) -> None:
        self._count_statement()
        turn = self._turn
        try:
            results = await self._write([p.item for p in batch])
            if self._turn != turn and self._immediate_per_turn:
                # The write waited for the loop: another process held the lock.
                loop = asyncio.get_running_loop()
                self._gather_until = loop.time() + CONTENDED_SECONDS
        except Exception as exc:
            if len(batch) > 1 and not isinstance(exc, self._whole_batch_errors):
                for one in batch:
                    await self._write_batch([one])
                return
            for p in batch:
                p.error, p.done = exc, True
            return
        for p, result in zip(batch, results, strict=True):
            p.result, p.done = result, True

    def _flush_in_background(self) -> None:
        if self._orphans is None or self._orphans.done():
            self._orphans = asyncio.get_running_loop().create_task(self._drain_orphans())

    async def _drain_orphans(self) -> None:
        with contextlib.suppress(Exception):
            while self._queue or self._writing is not None:
                if self._writing is not None:
                    await asyncio.shield(self._writing)
                else:
                    await self._flush()
