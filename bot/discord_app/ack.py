"""Answering every interaction within Discord's 3 seconds, even when the bot is busy.

Discord drops an interaction that is not acknowledged within 3 s of its creation ("The
application did not respond"). `respond` runs a handler's work and sends its reply directly when
that is sure to be in time; otherwise it acknowledges first (a deferred "thinking" response, one
small request) and puts the reply in place of the placeholder when the work is done. It defers
first when the interaction already waited in a queue (a burst), when many interactions are in
flight, or when the work does not finish within the budget (a score write waiting on a lock).

In a burst the acknowledgements go first: a deferred interaction's work waits until every
interaction in flight has had its first response (at most `ACK_GRACE`), and the works then
start one per pass of the event loop, so the socket is read and replies are sent between them
instead of every reply waiting for the whole burst's matching. At most `REQUESTS` responses are
on their way at once: they reuse that many kept-alive connections instead of opening one per
interaction (a TCP, and against Discord a TLS, handshake each), which a burst pays in CPU
before the first of them is sent.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.discord_app.errors import NO_MENTIONS

REPLY_BUDGET = 1.5  # seconds after creation by which a direct reply must be on its way
BUSY = 8  # more interactions than this in flight: acknowledge first
ACK_GRACE = 1.0  # seconds a deferred work waits at most for the others' acknowledgements
REQUESTS = 32  # interaction responses on their way at once


@dataclass(slots=True)
class Reply:
    """What a handler answers: the arguments of `send_message`, minus the mentions policy."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def kwargs(self) -> dict[str, Any]:
        sent: dict[str, Any] = {"allowed_mentions": NO_MENTIONS, **self.extra}
        if self.content is not None:
            sent["content"] = self.content
        if self.embed is not None:
            sent["embed"] = self.embed
        if self.view is not None:
            sent["view"] = self.view
        return sent


class InFlight:
    """The interactions being answered, and the turns of deferred work; one per bot."""

    def __init__(self) -> None:
        self.count = 0
        self.unacknowledged = 0  # in flight without a first response yet
        self._acknowledged = asyncio.Event()
        self._acknowledged.set()
        self._turn = asyncio.Lock()
        self.requests = asyncio.Semaphore(REQUESTS)

    def arrived(self) -> None:
        self.count += 1
        self.unacknowledged += 1
        self._acknowledged.clear()

    def acknowledged(self) -> None:
        self.unacknowledged -= 1
        if self.unacknowledged == 0:
            self._acknowledged.set()

    def left(self) -> None:
        self.count -= 1

    async def start(self, work: Callable[[], Awaitable[Reply]]) -> asyncio.Future[Reply]:
        """Start ``work`` once the others are acknowledged, one start per pass of the loop."""
        async with self._turn:
            if not self._acknowledged.is_set():
                # a slow acknowledgement must not hold the answers back for ever
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._acknowledged.wait(), ACK_GRACE)
            # It runs in the next pass, when the next waiter takes the turn: one start per pass.
            return asyncio.ensure_future(work())


def _age(interaction: discord.Interaction) -> float:
    return (discord.utils.utcnow() - interaction.created_at).total_seconds()


async def respond(
    interaction: discord.Interaction,
    work: Callable[[], Awaitable[Reply]],
    *,
    ephemeral: bool = False,
    in_flight: InFlight | None = None,
) -> None:
    """Send what ``work`` returns as the interaction's reply, in time whatever happens."""
    flight = in_flight or getattr(interaction.client, "in_flight", None) or InFlight()
    flight.arrived()
    acknowledged = False
    try:
        budget = REPLY_BUDGET - _age(interaction)
        if budget <= 0 or flight.count > BUSY:
            # Queued behind others: the acknowledgement goes out before any of the work.
            async with flight.requests:
                await interaction.response.defer(ephemeral=ephemeral, thinking=True)
            flight.acknowledged()
            acknowledged = True
            reply = await (await flight.start(work))
        else:
            task = asyncio.ensure_future(work())
            await asyncio.wait({task}, timeout=budget)
            if not task.done():
                async with flight.requests:
                    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
                flight.acknowledged()
                acknowledged = True
            reply = await task
        async with flight.requests:
            await _send(interaction, reply, ephemeral)
    finally:
        if not acknowledged:
            flight.acknowledged()
        flight.left()


async def _send(interaction: discord.Interaction, reply: Reply, ephemeral: bool) -> None:
    view = reply.view
    if not interaction.response.is_done():
        await interaction.response.send_message(**reply.kwargs(), ephemeral=ephemeral)
        if view is not None and hasattr(view, "message"):
            view.message = await interaction.original_response()
        return
    message = await interaction.edit_original_response(**reply.kwargs())
    if view is not None and hasattr(view, "message"):
        view.message = message
