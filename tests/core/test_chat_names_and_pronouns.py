"""A chat message keeps its question and the people it names (found by a review of the chat rules).

An apology or a "but" clause is set aside only when it is about the asking; a sentence about the
asker still says who "he" or "she" is; a question with both "he" and "her" is about two people.
"""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.message import parts
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    ("message", "question"),
    [
        # the film's own words ("ask", "random", "wrong") do not make a question an apology
        ("sorry what did he ask her on the train?", "what did he ask her on the train"),
        ("sorry who was the random guy on the train?", "who was the random guy on the train"),
        ("sorry for the dumb q who directed it", "who directed it"),
    ],
)
def test_an_apology_is_set_aside_but_never_the_question(message: str, question: str) -> None:
    assert question in [" ".join(p.words) for p in parts(message) if p.asks]


def test_a_clause_about_the_film_before_but_is_kept() -> None:
    found = parts("she took the wrong train but where was she going?")
    assert any(p.words[:3] == ("she", "took", "the") for p in found), found


def test_a_sentence_about_the_asker_still_says_who_he_is(matcher: Matcher) -> None:
    result = matcher.ask("loved jing boran. who did he play?")
    assert result.matched and result.fact is not None
    assert result.fact.id == "role-jing-boran"


def test_a_question_about_someone_named_only_beside_it_gets_suggestions(
    matcher: Matcher,
) -> None:
    result = matcher.ask("really liked zhou dongyu. what other films was she in?")
    assert result.matched or result.suggestions


def test_he_and_her_in_one_question_are_not_both_the_one_person_named(matcher: Matcher) -> None:
    result = matcher.ask("zhou dongyu was amazing. did he enjoy working with her?")
    assert not result.matched, result.fact
