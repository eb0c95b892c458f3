"""Questions that describe instead of name reach their fact on the shipped pack: the pack's
phrasings say each thing in everyday words too ("go back and forth between past and present",
"what kind of business"), so a question worded neither like the documents nor like any one
phrasing still lands."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("which chinese dialect is it in", "language"),
        ("how does the film handle time", "plot-two-timelines"),
        ("what good news do they get early on", "plot-new-jobs"),
        ("who footed the bill for it", "producer"),
        ("who sings the song over the ending", "theme-song-singer"),
        ("who was responsible for the look of the movie", "cinematographer"),
        ("what kind of men is she after", "wynne-boyfriends-stable-income"),
        ("how did the couple make money back then", "plot-selling-software-and-porn"),
        ("whose place does xiaoxiao move into", "plot-tiny-room"),
        ("who steered the film", "director"),
        ("what did it make after ten days in theaters", "box-office-ten-days-200m"),
    ],
)
def test_a_described_question_reaches_its_fact(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    result = matcher.ask(question)
    assert result.matched, result.suggestions
    assert result.fact is not None and result.fact.id == fact_id
