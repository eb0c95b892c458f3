"""/ask refuses what the documents do not say, though a fact shares its words: a listing in the
accolades table says nothing of a win, and a prize is not the film it was won for."""

from __future__ import annotations

import pytest

from bot.core.match_score import not_given
from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


def test_a_win_asked_is_not_answered_by_a_listing(matcher: Matcher) -> None:
    # the accolades table lists the song: whether it won, the documents do not say
    result = matcher.ask("did the song we win at the golden horse awards")
    assert not result.matched
    assert result.suggestions  # the listing is offered as a "did you mean"
    # a nomination asked is what the listing says
    nominated = matcher.ask("was the song we nominated at the golden horse awards")
    assert nominated.matched and nominated.fact is not None
    assert nominated.fact.id == "golden-horse-best-original-song"


def test_the_film_a_prize_was_for_is_not_the_prize(matcher: Matcher) -> None:
    result = matcher.ask(
        "rene liu says she won best actress at a festival once. which film was that for?"
    )
    assert not result.matched or result.fact is None or result.fact.kind == "title"
    # the prize itself asked is answered
    prize = matcher.ask("what award did rene liu win before directing")
    assert prize.matched and prize.fact is not None
    assert prize.fact.id == "rene-liu-best-actress"


def test_other_films_of_a_cast_member_are_refused(matcher: Matcher) -> None:
    # the pack knows one film: its cast list is no answer to what else they starred in
    result = matcher.ask("which other movies has zhou dongyu acted in")
    assert not result.matched
    assert "Who stars in Us and Them?" in result.suggestions


def test_a_name_asked_is_not_given_by_an_indefinite_answer(matcher: Matcher) -> None:
    analysis = matcher.index.analyzer.analyze("what is the name of the restaurant his family runs")
    restaurant = next(e for e in matcher.index.entries if e.fact.id == "plot-family-restaurant")
    assert not_given(matcher._query(analysis), restaurant) == "a name"  # "a restaurant"
    business = matcher.index.analyzer.analyze("what business does his family run")
    assert not_given(matcher._query(business), restaurant) == ""
