"""A chat message's question is read with whom and what its other sentences name.

"he" and "she" stand for the one man or woman a telling sentence names (a person the pack
knows, or an everyday noun: "a bf", "the wife"); "that" before "before" is what the sentence
told of; a statement asked only by its "?" is the context of the question after it; and a
sentence that only tells never answers in place of one that asks.
"""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


def _answer(matcher: Matcher, message: str) -> str | None:
    result = matcher.ask(message)
    return result.fact.id if result.matched and result.fact is not None else None


def _question_read(matcher: Matcher, message: str) -> str:
    read = matcher.ask(message).reading
    assert read is not None
    return read.question


def test_him_is_the_man_the_sentence_before_names_by_an_everyday_noun(matcher: Matcher) -> None:
    message = "so xiaoxiao used to have a boyfriend before she met jianqing. why did she dump him?"
    assert _question_read(matcher, message) == "why did xiaoxiao dump the boyfriend"
    assert _answer(matcher, message) == "plot-xiaoxiao-leaves-boyfriend"


def test_he_and_she_are_the_man_and_the_woman_named_before(matcher: Matcher) -> None:
    message = (
        "jing boran was talking about rene liu in an interview. "
        "what did he say about how she treats actors"
    )
    assert _answer(matcher, message) == "jing-boran-rene-loves-actors"


def test_a_pronoun_before_any_man_is_named_is_not_the_man_named_after_it(
    matcher: Matcher,
) -> None:
    # "he" talks to his dad: the dad is someone else, so "he" in the question is not the dad
    message = "the way he talks to his dad is awful. what does she wish he would do"
    assert "dad" not in _question_read(matcher, message).split()


def test_two_men_named_leave_he_unresolved(matcher: Matcher) -> None:
    message = "jianqing and his dad argue a lot in the film. why did he leave"
    assert _question_read(matcher, message) == "why did he leave"


def test_that_before_before_is_what_the_sentence_told_of(matcher: Matcher) -> None:
    message = "jing boran with grey hair was so good. had he done that before?"
    assert _answer(matcher, message) == "jing-boran-gray-hair"


def test_a_statement_asked_by_its_question_mark_is_the_context_of_a_yes_no_question(
    matcher: Matcher,
) -> None:
    message = "wait the film came from rene liu's story?? in the original do they end up together"
    assert _question_read(matcher, message) == "do they end up together in the original"
    assert _answer(matcher, message) != "short-story-author"


def test_a_sentence_that_only_tells_never_answers_for_the_question(matcher: Matcher) -> None:
    # the question asks what she said of the hit, not the praise the sentence before tells of:
    # the bot answers it with that fact or, unsure, refuses and offers it first
    message = "rene liu is so humble. when they asked her why it became such a hit what did she say"
    assert _question_read(matcher, message).startswith("when they asked")
    result = matcher.ask(message)
    offered = [f.id for f in result.suggested]
    if result.matched:
        assert _answer(matcher, message) == "rene-liu-why-mega-hit"
    else:
        assert "rene-liu-why-mega-hit" in offered
        assert "rene-liu-directing" not in offered


def test_a_noun_after_is_is_the_subject_not_a_second_person(matcher: Matcher) -> None:
    # "a woman" says what the director is: "she" is the director, not some woman
    for message in (
        "the director is a woman. who is she",
        "i heard the director is a woman. who is she",
    ):
        assert _answer(matcher, message) == "director"


def test_a_noun_told_of_by_a_clause_is_not_read_without_it(matcher: Matcher) -> None:
    # "the man she marries" is not any man: "who is he" is not "who is the man" (Jing Boran),
    # nor the description's own words ("the girl jianqing loves": who struggles with his
    # feelings): asked only who he is, the bot says it does not know
    for message in (
        "the man she marries. who is he",
        "the man she loves. who is he",
        "the girl jianqing loves. who is she",
    ):
        result = matcher.ask(message)
        assert not result.matched and result.fact is None, message
    message = "the girl jianqing loves is so sad. what does she do for work"
    assert _question_read(matcher, message) == "what does she do for work"


def test_she_after_a_name_s_mother_is_the_mother_not_the_name(matcher: Matcher) -> None:
    # "xiaoxiao's mom": normalising drops the "'s"; the mom is who the sentence is about
    message = "xiaoxiao's mom is so sweet. what does she do for work"
    assert _question_read(matcher, message) == "what does xiaoxiao mom do for work"


def test_his_name_read_as_the_dad_s_still_asks_a_name(matcher: Matcher) -> None:
    # "his name" is the dad's name: the pack only says whose father he is, so the bot refuses
    # and offers what it knows of him, not "Jianqing's father" as his name
    message = "the dad is so sweet. what is his name"
    assert _question_read(matcher, message) == "what is the dad name"
    result = matcher.ask(message)
    assert not result.matched
    assert "plot-visit-father" in [f.id for f in result.suggested]


@pytest.mark.parametrize(
    ("message", "person"),
    [
        ("the woman who directed it. who is she", "Rene Liu"),
        ("the guy who sings the theme song. who is he", "Eason Chan"),
    ],
)
def test_a_who_clause_says_who_the_pronoun_is(matcher: Matcher, message: str, person: str) -> None:
    # a "who" clause tells what the person did, which the facts know: answered, not refused
    result = matcher.ask(message)
    assert result.matched and person in result.reply, result.reply
