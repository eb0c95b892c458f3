"""/ask: "the two" is the couple already spoken of, not the number 2."""

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
        ("did the two stay in touch after the breakup", "wynne-minimum-contact"),
        ("how old are the two when they meet", "wynne-xiaoxiao-age-train"),
    ],
)
def test_the_two_is_answered_as_they(matcher: Matcher, question: str, fact_id: str) -> None:
    result = matcher.ask(question)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == fact_id
