"""/ask: a guess after a question ("...? was it X") is read as part of that question."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


def test_a_guess_after_a_question_does_not_replace_it(matcher: Matcher) -> None:
    """ "was she broke" is the asker's guess at why she had no ticket, not a question about
    someone being broke: answering the fact about living paycheck to paycheck would be wrong.
    The bot reads the question the guess follows and offers its facts."""
    result = matcher.ask("why was xiaoxiao on the train without a ticket? was she broke")
    assert not result.matched, result.reply
    assert "wynne-lost-ticket" in [f.id for f in result.suggested]


def test_a_guess_that_names_what_the_question_ranks_still_answers(matcher: Matcher) -> None:
    result = matcher.ask("how did netflix get hold of the film? did they buy it at a festival")
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == "netflix-rights-cannes"


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        # a yes/no question with a subject of its own after a question to the chat
        ("who knows this one? was the box office faked?", "box-office-refund-controversy"),
        ("who else cried? was the letter from the dad?", "plot-letter-content"),
        ("who directed it? did he also write it?", "director"),
    ],
)
def test_a_question_of_its_own_after_another_is_no_guess(
    matcher: Matcher, message: str, fact: str
) -> None:
    result = matcher.ask(message)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == fact
