"""Typed quiz answers written in the channel, with BOT_MESSAGE_CONTENT=1."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from discord_helpers import World, card_fact, question_cards

from bot.core.model import FactBase
from bot.core.storage import ScoreStore
from bot.discord_app.client import TriviaBot

pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)


@pytest.fixture
def simcord_bot(make_bot: Callable[..., TriviaBot]) -> TriviaBot:
    return make_bot(message_content=True)


async def test_answers_typed_in_the_channel_count(
    world: World, fact_base: FactBase, store: ScoreStore
) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="typed")
    card = question_cards(world)[-1]
    fact = card_fact(card, fact_base)
    assert "type it here" in (card.embeds[0].footer.text or "")

    await world.alice.send(world.channel, "no idea, maybe Titanic")
    await world.bob.send(world.channel, f"it's {fact.answer.lower()}")

    won = [m.content for m in world.channel.history() if "got question 1 right" in m.content]
    assert won and won[0].startswith("**bob**")
    stats = await store.player_stats(world.guild.id, world.bob.id)
    assert stats is not None and stats.correct == 1
