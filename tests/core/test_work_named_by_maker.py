"""A work named by someone who made it or is in it ("the jing boran movie", "eason chan's
theme song", "the film rene liu directed") is that work: the question is answered as if it
said "the movie" or "the theme song", never with the person named only to say which work."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        ("how much did the jing boran movie make", "how much did the movie make"),
        ("where was the rene liu film shot", "where was the movie shot"),
        ("where was zhou dongyu's movie shot", "where was the movie shot"),
    ],
)
def test_the_makers_film_is_the_film(matcher: Matcher, question: str, plain: str) -> None:
    expected = matcher.ask(plain)
    assert expected.matched and expected.fact is not None
    result = matcher.ask(question)
    assert result.matched and result.fact is not None
    assert result.fact.id == expected.fact.id


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # Eason Chan sang it: he owns the song, he is not who composed it
        ("who composed eason chan's theme song", "theme-song-composer"),
        ("who shot the film rene liu directed", "cinematographer"),
        ("who shot the movie that jing boran starred in", "cinematographer"),
    ],
)
def test_the_maker_named_is_not_the_role_asked(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    result = matcher.ask(question)
    assert result.matched and result.fact is not None
    assert result.fact.id == fact_id


@pytest.mark.parametrize(
    "question",
    ["what was the first movie rene liu directed", "what was the first film rene liu directed"],
)
def test_a_pick_among_the_makers_works_keeps_the_maker(matcher: Matcher, question: str) -> None:
    # "the first film she directed" is one of her works (this one, her debut), not "the first
    # movie" with her name dropped
    result = matcher.ask(question)
    assert result.matched and result.fact is not None
    assert result.fact.id == "directorial-debut"
