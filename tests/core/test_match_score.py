"""The parts of the /ask score, each on its own, on the shipped pack: coverage, phrasing fit,
answer-name fit, penalties and answer-kind fit (``bot.core.match_score``)."""

from __future__ import annotations

import pytest

from bot.core import match_score
from bot.core.match_index import FactEntry
from bot.core.match_score import CHAT_FACTOR, INTENT_MISMATCH, SINGLE_WORD, Query
from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


def query(matcher: Matcher, text: str) -> Query:
    return matcher._query(matcher.index.analyzer.analyze(text))


def entry(matcher: Matcher, fact_id: str) -> FactEntry:
    return next(e for e in matcher.index.entries if e.fact.id == fact_id)


def fit(matcher: Matcher, text: str, fact_id: str) -> float:
    q, e = query(matcher, text), entry(matcher, fact_id)
    asked = match_score.coverage(q, e).asked
    return match_score.phrasing_fit(q, e, asked, matcher.index.idf, matcher._about_person)


def test_coverage_is_lowered_by_a_word_no_fact_has(matcher: Matcher) -> None:
    director = entry(matcher, "director")
    assert match_score.coverage(query(matcher, "who directed it"), director).share == 1.0
    # "titanic" is in no fact: the director fact covers a small part of that question
    assert match_score.coverage(query(matcher, "who directed titanic"), director).share < 0.5
    # and a fact sharing no word with the question covers nothing
    assert (
        match_score.coverage(query(matcher, "who directed it"), entry(matcher, "genre")).covered
        == 0
    )


def test_phrasing_fit_is_full_for_a_phrasing_and_counts_the_answer_named(matcher: Matcher) -> None:
    assert fit(matcher, "who directed it", "director") == pytest.approx(1.0)
    assert fit(matcher, "who directed titanic", "director") < 0.5
    # "was it filmed in hailar" is "where was it filmed" with its answer: it fits as well
    said = fit(matcher, "was it shot in hailar", "shooting-location")
    assert said >= fit(matcher, "was it shot in beijing", "shooting-location") + 0.2


def test_answer_name_fit_reads_a_question_that_is_only_the_answer(matcher: Matcher) -> None:
    idf = matcher.index.idf
    assert (
        match_score.answer_name_fit(query(matcher, "rene liu"), entry(matcher, "director"), idf)
        > 0.8
    )
    # the same name asked about something else is no answer name
    assert (
        match_score.answer_name_fit(query(matcher, "rene liu"), entry(matcher, "genre"), idf) == 0.0
    )


def test_penalties_for_talk_one_word_and_another_films_score(matcher: Matcher) -> None:
    director, douban = entry(matcher, "director"), entry(matcher, "douban-score")
    assert match_score.penalties(query(matcher, "who directed it"), director, 1.0) == []
    assert CHAT_FACTOR in match_score.penalties(
        query(matcher, "do you like the director"), director, 1.0
    )
    # one ordinary word is no question unless a phrasing is just that word
    game = entry(matcher, "plot-hit-game")
    assert match_score.penalties(query(matcher, "game"), game, 0.5) == [SINGLE_WORD]
    owned = query(matcher, "what is the douban score of dying to survive")
    assert INTENT_MISMATCH in match_score.penalties(owned, douban, 1.0)
    assert match_score.penalties(query(matcher, "what is the douban score"), douban, 1.0) == []


def test_kind_fit_lowers_a_fact_giving_another_kind_of_answer(matcher: Matcher) -> None:
    when = query(matcher, "when did it come out")
    assert match_score.kind_fit(when, entry(matcher, "release-date")) == []
    assert match_score.kind_fit(when, entry(matcher, "director")) == [INTENT_MISMATCH]
    # "who plays jianqing's father" asks for an actor: the character fact is no credit
    actor = query(matcher, "who plays jianqing's father")
    assert INTENT_MISMATCH in match_score.kind_fit(actor, entry(matcher, "plot-visit-father"))


def test_the_score_combines_the_parts(matcher: Matcher) -> None:
    idf, about = matcher.index.idf, matcher._about_person
    q = query(matcher, "when did it come out")
    assert match_score.score(q, entry(matcher, "release-date"), idf, about) == pytest.approx(100.0)
    assert (
        match_score.score(query(matcher, "what's 2+2"), entry(matcher, "director"), idf, about)
        == 0.0
    )
