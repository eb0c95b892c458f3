"""Names the shipped pack knows keep /ask's questions apart: a holiday is not "a day", a site
the documents give no score for is not Douban, and the film's Chinese title is a title."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    "question",
    [
        # the documents give the May Day weekend opening, no opening-day figure
        "how much did it gross on its opening day",
        # Maoyan is named (the mainland distributor); only Douban's user score is given
        "how did maoyan users rate it",
        "what is the maoyan user rating",
    ],
)
def test_a_named_thing_the_documents_give_no_figure_for_is_refused(
    matcher: Matcher, question: str
) -> None:
    result = matcher.ask(question)
    assert not result.matched, result.reply
    assert result.refusal.startswith("I don't know that one")


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what is the mandarin title", "chinese-title"),
        ("whats the chinese name of us and them", "chinese-title"),  # not the country
        ("how much did it make over the may day weekend", "box-office-opening-weekend"),
    ],
)
def test_the_named_thing_reaches_its_fact(matcher: Matcher, question: str, fact_id: str) -> None:
    result = matcher.ask(question)
    assert result.matched, result.suggestions
    assert result.fact is not None and result.fact.id == fact_id


def test_the_golden_horse_nominations_are_answered_as_one_list(matcher: Matcher) -> None:
    result = matcher.ask("what golden horse nominations did it get")
    assert result.matched and result.fact is not None
    listed = {f.id for f in result.listed}
    assert {"golden-horse-edition", "golden-horse-best-supporting-actor"} <= listed
    assert "five categories" in result.reply and "Best Supporting Actor" in result.reply
