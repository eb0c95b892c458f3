"""Ranking the best fact and its rivals again by the words that tell them apart
(``Matcher._apart``) must not turn an answer into a refusal: facts giving one claim (the
director, and the director as another source gives her) are no rivals of one another, the
words of the message's other sentences keep their lower weight, and no runner-up is left
scoring above the fact ranked first."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        # "direct" is in many facts that all say Rene Liu; "came out in 2018" is context, not
        # what tells the director from the book's publisher
        ("it came out in 2018. who directed it", "directed by the Taiwanese singer-actress Rene"),
        ("came out 2018. who directed", "directed by the Taiwanese singer-actress Rene"),
        # the box-office figures are one claim: "china" in one of them does not set the
        # claim apart from itself
        ("how much money did it make in china", "a gross of $209 million"),
    ],
)
def test_facts_of_one_claim_and_context_words_do_not_refuse_the_answer(
    matcher: Matcher, question: str, reply: str
) -> None:
    result = matcher.ask(question)
    assert result.matched, result.suggestions
    assert reply in result.reply


@pytest.mark.parametrize(
    "question",
    [
        "it came out in 2018. who directed it",
        "the movie came out in 2018. who directed it",
    ],
)
def test_no_runner_up_scores_above_the_fact_ranked_first(matcher: Matcher, question: str) -> None:
    result = matcher.ask(question)
    assert result.decision is not None
    assert result.decision.features["margin"] >= 0.0
