"""/ask sets aside the asker's hedges before reading the question (review of this session's
reading changes): "for what it's worth", "from what i've heard", "in my opinion" are no
question of their own ("for what ...?") and no scene set for one ("... in my opinion")."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("for what it's worth, who directed it?", "director"),
        ("from what i've heard who directed it", "director"),
        ("in my opinion who directed it", "director"),
        ("who directed it in my opinion", "director"),
        ("in my opinion is it sad", "flixxpanda-melancholy"),
        # a question word in a fronted phrase still asks when a verb or noun + verb follows
        ("in what year was it released", "release-year"),
        ("in which city did they work", "short-story-work-city"),
    ],
)
def test_a_hedge_before_or_after_the_question_is_set_aside(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    result = matcher.ask(question)
    assert result.matched and result.fact is not None, result.refusal
    assert result.fact.id == fact_id, result.reply
