"""/ask refuses when its best fact does not hold what the question asks for: a year, a name of
a company, a thing the question names, and never the very thing the question rules out."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


def _answer(matcher: Matcher, question: str) -> str | None:
    result = matcher.ask(question)
    return result.fact.id if result.matched and result.fact is not None else None


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        # the fact says when in the year (the Chunyun period), not which year
        ("what year do jianqing and xiaoxiao meet", "plot-meeting-period"),
        # "a rival studio sued": no studio named
        ("what studio sued over the box office", "box-office-refund-controversy"),
        ("which company sued them over the ticket sales", "box-office-rival-studio-lawsuit"),
        # the pack knows the Hong Kong Film Awards only as a wrong quiz option: the facts
        # about prizes are all Golden Horse listings
        ("was it nominated at the hong kong film awards", "golden-horse-editing-category"),
        # the thing ruled out is what the theme song's composer is about
        ("who composed the score, not the theme song", "theme-song-composer"),
    ],
)
def test_a_fact_without_what_is_asked_is_refused_and_offered(
    matcher: Matcher, question: str, asked: str
) -> None:
    result = matcher.ask(question)
    assert not result.matched
    assert result.refusal
    # the fact is still offered: it may be what the user meant after all
    assert asked in [f.id for f in result.suggested]


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("when do jianqing and xiaoxiao meet", "plot-meeting-period"),  # no year asked
        ("what season do they meet", "plot-meeting-period"),  # Chunyun: the pack's season
        ("what year was it released", "release-year"),
        ("what date was it released on netflix", "netflix-release-date"),
        ("which company distributed it in hong kong", "distributor-hong-kong-macau-taiwan"),
        ("when was it released in hong kong", "release-hong-kong"),
        ("who composed the theme song", "theme-song-composer"),
        ("which publisher released rene liu's book", "making-of-book-publisher"),
        ("how long is the book", "making-of-book-pages"),  # a length in pages
        ("happiness is not a story", "happiness-not-a-story-reply"),  # a line, nothing ruled out
    ],
)
def test_a_fact_holding_what_is_asked_still_answers(
    matcher: Matcher, question: str, fact: str
) -> None:
    assert _answer(matcher, question) == fact
