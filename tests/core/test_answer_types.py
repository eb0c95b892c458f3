"""/ask refuses when its best fact does not hold what the question asks for: a year, a name of
a company, a thing the question names, and never the very thing the question rules out."""

from __future__ import annotations

import pytest

from bot.core.answer_types import MONEY, PackNames, asked_kind, missing, read
from bot.core.matching import Matcher
from bot.core.model import FactBase
from bot.core.text import normalize


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
        ("which decade do they first meet", "wynne-ten-years-later"),  # "ten years later"
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


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # a name the curator asks the fact by, though its text does not say it
        ("which hong kong star sang the track", "theme-song-singer"),
        ("is the singer a hong kong pop artist", "eason-chan-genre"),
        ("how many tears will this movie cost me", "flixxpanda-shed-tears"),  # "a couple"
    ],
)
def test_a_fact_asked_by_its_own_phrasing_answers(
    matcher: Matcher, question: str, fact: str
) -> None:
    assert _answer(matcher, question) == fact


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # "older men" is the men's age, not hers: her age on the train answers
        ("how old is xiaoxiao", "wynne-xiaoxiao-age-train"),
        ("how old is fang xiaoxiao", "wynne-xiaoxiao-age-train"),
        # ... and it is the men's: the fact the curator asks it by still answers
        ("what age are the men she chases", "wynne-older-men"),
    ],
)
def test_an_age_is_said_of_the_one_asked_about(matcher: Matcher, question: str, fact: str) -> None:
    assert _answer(matcher, question) == fact


def test_a_young_woman_is_not_aged_by_older_men(matcher: Matcher) -> None:
    # "she" is the young woman, not the older men she dates
    answered = _answer(matcher, "the lead actress is a young woman. how old is she")
    assert answered != "wynne-older-men"


@pytest.mark.parametrize(
    ("question", "money"),
    [
        ("how much did it make", True),
        ("how much money did it make at the box office", True),
        ("how much did the film cost", True),
        ("how much was it worth", True),
        ("how much of the movie is made up", False),  # "how much" is not what is made
        ("how much does she love him after he made money", False),  # another clause
        ("how much did he know", False),
    ],
)
def test_a_sum_is_asked_only_as_what_is_made_or_paid(question: str, money: bool) -> None:
    assert (asked_kind(normalize(question).split()) == MONEY) is money


def test_every_phrasing_of_the_pack_holds_what_it_asks(
    matcher: Matcher, fact_base: FactBase
) -> None:
    # the curator's own phrasings are questions the fact answers: the test of what a question
    # asks for must pass each of them on its own fact (a year asked, a year in the text...)
    names = PackNames(fact_base)
    analyzer = matcher.index.analyzer
    failing = []
    for entry in matcher.index.entries:
        for question in entry.fact.questions:
            analysis = analyzer.analyze_words(analyzer.read(normalize(question).split()))
            words = analysis.words
            lacking = missing(read(words, names, analysis.entities), entry)
            if lacking:
                failing.append(f"{entry.fact.id}: {question!r} lacks {lacking}")
    assert not failing


def test_a_job_holder_asked_is_a_person_the_question_does_not_name(matcher: Matcher) -> None:
    # Jing Boran's gray hair names him only: no makeup artist in the documents
    result = matcher.ask("who was the makeup artist for jing boran's gray hair")
    assert not result.matched
    assert "jing-boran-gray-hair" in [f.id for f in result.suggested]
    # a job the pack credits is answered by name; a part in the story as ever
    assert _answer(matcher, "who was the cinematographer") == "cinematographer"
    assert _answer(matcher, "who is the ticket inspector") == "wynne-ticket-inspector"


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # "Jianqing's father" says whose father he is: the documents never name him
        ("does tian zhuangzhuang's character have a name", "role-tian-zhuangzhuang"),
        ("what is the father's name", "plot-visit-father"),
        # a part known only by what he does
        ("what is the ticket inspector's name", "wynne-ticket-inspector"),
    ],
)
def test_a_description_is_no_name(matcher: Matcher, question: str, fact: str) -> None:
    result = matcher.ask(question)
    assert not result.matched
    assert fact in [f.id for f in result.suggested]
    # a part with a name is named
    assert _answer(matcher, "what's zhou dongyu's character's name") == "role-zhou-dongyu"


@pytest.mark.parametrize(
    "question",
    ["what does the name us and them mean", "what is the meaning of the name"],
)
def test_a_name_asked_about_is_no_name_asked(matcher: Matcher, question: str) -> None:
    # the title's meaning is asked, not a name: the past and the present, the "us" and the "them"
    result = matcher.ask(question)
    assert result.matched, result.reply
    assert 'the past and the present, the "us" and the "them"' in result.reply


def test_a_search_box_name_query_asks_a_name(matcher: Matcher) -> None:
    # "<thing> name" typed as a query asks the thing's name, which no fact gives
    result = matcher.ask("hotel name where they stay the night")
    assert not result.matched, result.reply


def test_a_search_box_name_query_is_answered_when_a_fact_names_it(matcher: Matcher) -> None:
    # the control: a name the pack gives is still given
    assert _answer(matcher, "publisher name") == "making-of-book-publisher"
