"""The fact behind the quiz question open in a channel, for the no-spoiler rule of
``bot.core.spoilers`` (/ask, /quote and autocomplete hold back what would give it away)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from bot.core.model import Fact

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot

POLL_SECONDS = 0.5
MAX_WAIT_SECONDS = 14 * 60  # an interaction's follow-ups expire after 15 minutes


def open_fact(bot: TriviaBot, channel_id: int | None) -> Fact | None:
    rounds = getattr(bot.get_cog("QuizCog"), "rounds", None)
    card = rounds.current(channel_id) if rounds is not None and channel_id is not None else None
    return bot.knowledge.current.facts.by_id.get(card.fact_id) if card else None


async def closed(bot: TriviaBot, channel_id: int, fact: Fact) -> bool:
    """Wait until ``fact``'s question is no longer open in the channel (False on time-out)."""
    for _ in range(int(MAX_WAIT_SECONDS / POLL_SECONDS)):
        current = open_fact(bot, channel_id)
        if current is None or current.id != fact.id:
            return True
        await asyncio.sleep(POLL_SECONDS)
    return False
