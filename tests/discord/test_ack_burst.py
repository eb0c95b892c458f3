"""A burst of interactions: every one is acknowledged before the deferred answers are worked out.

Discord drops an interaction not acknowledged within 3 s. When many arrive at once, the
"thinking" acknowledgements must all go out first; the matching of the deferred ones comes
after, so no acknowledgement waits for the whole burst's matching.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from bot.discord_app.ack import BUSY, InFlight, Reply, respond

BURST = 3 * BUSY


class Response:
    def __init__(self, name: str, log: list[str]) -> None:
        self._name, self._log, self._done = name, log, False

    def is_done(self) -> bool:
        return self._done

    async def defer(self, **_: Any) -> None:
        self._done = True
        self._log.append(f"ack {self._name}")

    async def send_message(self, **_: Any) -> None:
        self._done = True
        self._log.append(f"ack {self._name}")


class Interaction:
    """What `respond` uses of a `discord.Interaction`: its age, its response, its edit."""

    def __init__(self, name: str, log: list[str]) -> None:
        self.created_at = datetime.now(UTC)
        self.client = None
        self.response = Response(name, log)
        self._name, self._log = name, log

    async def edit_original_response(self, **_: Any) -> None:
        self._log.append(f"answer {self._name}")


async def test_a_burst_is_acknowledged_before_its_deferred_answers_are_worked_out() -> None:
    log: list[str] = []
    flight = InFlight()

    def answering(name: str) -> Any:
        async def work() -> Reply:
            log.append(f"work {name}")
            return Reply(content=name)

        return work

    await asyncio.gather(
        *(
            respond(Interaction(str(n), log), answering(str(n)), in_flight=flight)  # type: ignore[arg-type]
            for n in range(BURST)
        )
    )

    acks = [n for n, entry in enumerate(log) if entry.startswith("ack")]
    assert len(acks) == BURST
    answered_later = {entry.split()[1] for entry in log if entry.startswith("answer")}
    deferred_works = [
        n for n, entry in enumerate(log) if entry.startswith("work") and entry[5:] in answered_later
    ]
    assert len(deferred_works) == BURST - BUSY  # the first few were answered directly
    assert max(acks) < min(deferred_works), log
    assert flight.count == 0 and flight.unacknowledged == 0
