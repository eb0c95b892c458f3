"""Facts told in one passage share most of their words ("xiaoxiao", "jianqing", "the breakup"):
when several rival the best one, the question's words that only some of them have decide which
is meant (``match_score.apart``), not the words they all share."""

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
        # not the subway goodbye at the breakup, which shares "xiaoxiao", "jianqing" and the
        # breakup: "see" is how she sees him again
        (
            "how does xiaoxiao see jianqing after they break up",
            "Xiaoxiao sees Jianqing on the news",
        ),
        (
            "what does xiaoxiao see jianqing on after the breakup",
            "Xiaoxiao sees Jianqing on the news",
        ),
    ],
)
def test_the_words_that_tell_sibling_facts_apart_decide(
    matcher: Matcher, question: str, reply: str
) -> None:
    result = matcher.ask(question)
    assert result.matched, result.suggestions
    assert reply in result.reply
