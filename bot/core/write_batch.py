"""Group commit acknowledged in one turn of the event loop, without a task per write.

A submitted item waits one turn of the loop (``asyncio.sleep(0)``), so everything submitted in
the same turn joins it. The first of those callers to resume writes them all in one statement;
the others resume in that same turn and find their result ready. A caller is therefore woken
exactly once, and nothing is spawned: a writer task and a future per item cost two more turns,
which with a thousand rounds on one loop was most of an award's latency.

While a write waits (another process holds the database lock), it keeps the batch; callers
whose items it holds wait for it, and items submitted meanwhile go out in the next batch, so one
statement is in flight at a time. A batch that fails is retried one item at a time, so one bad
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
    ) -> None:
        self._write = write
        self._whole_batch_errors = whole_batch_errors
        self._max_batch = max_batch
        self._queue: list[_Pending[Item]] = []
        self._writing: asyncio.Future[None] | None = None  # done when the write in flight ends
        self._orphans: asyncio.Task[None] | None = None

    async def submit(self, item: Item) -> bool:
        """Write ``item`` with whatever else is submitted in this turn of the loop."""
        (result,) = await self.submit_many((item,))
        return result

    async def submit_many(self, items: Sequence[Item]) -> list[bool]:
        """Several items, written in the same batch; one result for each."""
        pending = [_Pending(item) for item in items]
        self._queue.extend(pending)
        try:
            await asyncio.sleep(0)  # the one turn: let this turn's other submissions join
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

    async def _write_batch(self, batch: list[_Pending[Item]]) -> None:
        try:
            results = await self._write([p.item for p in batch])
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
