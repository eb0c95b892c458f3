"""Who a question means when it says "the lead actress" or "he": a description keeps its gender
("the leading actress" is Zhou Dongyu, not the leading actor), and an actor named with the part he
plays is the one "he" of the next question."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase
from bot.core.text import normalize


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


def answered(matcher: Matcher, question: str) -> str:
    result = matcher.ask(question)
    assert result.matched and result.fact is not None, (question, result.suggestions)
    return result.fact.id


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("who plays the leading actress", "cast-xiaoxiao"),
        ("who plays the main actress", "cast-xiaoxiao"),
        ("who plays the leading actor", "cast-jianqing"),
        # "actresses" still finds a fact worded with "actors"
        ("which actresses are listed as starring", "starring-infobox"),
    ],
)
def test_an_actress_is_not_read_as_an_actor(matcher: Matcher, question: str, fact_id: str) -> None:
    assert answered(matcher, question) == fact_id


def test_every_shipped_description_reads_as_what_it_describes(
    matcher: Matcher, fact_base: FactBase
) -> None:
    """As the question reads it (spellings respelled: "main" is "lead", "lady" is "woman"), no
    description of the pack is taken for another's: "the lead actress" is not "the lead actor"."""
    analyzer = matcher.index.analyzer
    wrong = []
    for alias in fact_base.aliases:
        for description in alias.descriptions:
            words = analyzer.read(normalize(description).split())
            found = analyzer.aliases.descriptions(words)
            if any(canonical != alias.canonical for *_, canonical in found):
                wrong.append((description, alias.canonical, found))
    assert not wrong


def test_he_is_the_actor_named_with_his_part(matcher: Matcher) -> None:
    message = "tian zhuangzhuang as the father was so good. did he win any award for it?"
    assert answered(matcher, message) == "golden-horse-best-supporting-actor"


def test_he_is_never_someone_else_when_the_part_comes_first(matcher: Matcher) -> None:
    # (it answered with the director's own Best Actress award)
    result = matcher.ask(
        "the father played by tian zhuangzhuang was so good. did he win any award for it?"
    )
    assert not result.matched or (
        result.fact is not None and result.fact.id == "golden-horse-best-supporting-actor"
    )


def test_his_dad_is_the_characters_not_the_actors(matcher: Matcher) -> None:
    # (it answered who plays Jianqing: "he" was taken for the actor)
    assert answered(matcher, "jing boran as jianqing. who plays his dad") == "cast-father"


def test_a_win_of_the_actor_or_the_part_is_not_guessed(matcher: Matcher) -> None:
    # (it answered with a critic's "winning performances" quote)
    result = matcher.ask("jing boran playing jianqing was great. did he win anything")
    assert not result.matched
