"""Answering every interaction within Discord's 3 seconds, even when the bot is busy.

Discord drops an interaction that is not acknowledged within 3 s of its creation ("The
application did not respond"). `respond` runs a handler's work and sends its reply directly when
that is sure to be in time; otherwise it acknowledges first (a deferred "thinking" response, one
small request) and puts the reply in place of the placeholder when the work is done. It defers
first when the interaction already waited in a queue (a burst), when many interactions are in
flight, or when the work does not finish within the budget (a score write waiting on a lock).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.discord_app.errors import NO_MENTIONS

REPLY_BUDGET = 1.5  # seconds after creation by which a direct reply must be on its way
BUSY = 8  # more interactions than this in flight: acknowledge first


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
    """Counts the interactions being answered; one per bot."""

    def __init__(self) -> None:
        self.count = 0


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
    flight.count += 1
    try:
        budget = REPLY_BUDGET - _age(interaction)
        if budget <= 0 or flight.count > BUSY:
            # Queued behind others: the acknowledgement goes out before any of the work.
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
            reply = await work()
        else:
            task = asyncio.ensure_future(work())
            await asyncio.wait({task}, timeout=budget)
            if not task.done():
                await interaction.response.defer(ephemeral=ephemeral, thinking=True)
            reply = await task
        await _send(interaction, reply, ephemeral)
    finally:
        flight.count -= 1


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
