"""No repeats in Discord: rounds in one channel draw questions the channel has not seen yet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from discord_helpers import World, card_fact, question_cards

from bot.core.model import FactBase
from bot.discord_app.client import TriviaBot
from bot.settings import SettingsError, load_settings

pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)


def _small_pool(fact_base: FactBase) -> tuple[str, str, int]:
    """A category and difficulty with 6 to 10 typed questions: two half rounds use it up."""
    sizes = Counter(
        (f.category, f.quiz.difficulty)
        for f in fact_base.quiz_facts
        if f.quiz is not None and "typed" in f.quiz.modes
    )
    (category, difficulty), size = max(
        ((key, n) for key, n in sizes.items() if 6 <= n <= 10), key=lambda item: item[1]
    )
    return category, difficulty, size


async def _round(world: World, fact_base: FactBase, pool: tuple[str, str, int], n: int) -> set[str]:
    """Play a typed round of ``n`` questions, skipping each; the fact ids it asked."""
    category, difficulty, _size = pool
    seen_before = len(question_cards(world))
    started = await world.alice.slash(
        world.channel, "quiz start", questions=n, mode="typed", category=category,
        difficulty=difficulty,
    )  # fmt: skip
    assert "started a round" in started.response.content
    for number in range(n):
        assert len(question_cards(world)) == seen_before + number + 1
        await world.alice.slash(world.channel, "quiz skip")
        await world.env.advance_time(3.5)  # the pause before the next question
    cards = question_cards(world)[seen_before:]
    return {card_fact(card, fact_base).id for card in cards}


async def test_two_rounds_in_a_channel_ask_different_questions_even_after_a_restart(
    world: World, fact_base: FactBase, make_bot: Callable[..., TriviaBot]
) -> None:
    pool = _small_pool(fact_base)
    half = pool[2] // 2

    first = await _round(world, fact_base, pool, half)
    await world.env.restart_bot(make_bot())
    second = await _round(world, fact_base, pool, half)

    assert len(first) == len(second) == half
    assert not first & second


def test_the_repeat_window_is_a_number_of_days() -> None:
    settings = load_settings({"BOT_QUIZ_REPEAT_DAYS": "7"}, require_token=False)
    assert settings.quiz_repeat_days == 7.0
    assert load_settings({}, require_token=False).quiz_repeat_days is None
    for bad in ("a week", "0", "-1", "nan"):
        with pytest.raises(SettingsError) as caught:
            load_settings({"BOT_QUIZ_REPEAT_DAYS": bad}, require_token=False)
        assert caught.value.problems[0].startswith("BOT_QUIZ_REPEAT_DAYS=")
        assert "Fix:" in caught.value.problems[0]
