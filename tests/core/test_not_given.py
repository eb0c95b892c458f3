"""/ask refuses what the documents do not say, though a fact shares its words: a listing in the
accolades table says nothing of a win, and a prize is not the film it was won for."""

from __future__ import annotations

import pytest

from bot.core.match_score import not_given
from bot.core.matching import Matcher
from bot.core.model import FactBase
from bot.core.text import normalize


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
    # no fact names the film she won it for: refused (not the short story's title, nor a
    # fact that names this film by chance)
    assert not result.matched
    assert "What award did Rene Liu win at the asia pacific film festival?" in result.suggestions
    # the prize itself asked is answered
    prize = matcher.ask("what award did rene liu win before directing")
    assert prize.matched and prize.fact is not None
    assert prize.fact.id == "rene-liu-best-actress"


@pytest.mark.parametrize(
    "question",
    [
        "which film did zhou dongyu win best actress for",  # a listing, no best actress
        "which film did rene liu act in",  # Jing Boran on working with her
        "what movie did zhang yibai direct",  # the producer who made it a script
        "which film was the highest grossing chinese film",  # the director who grossed most
        "which film did eason chan act in",  # he sang the theme song
    ],
)
def test_which_film_is_not_answered_by_a_fact_that_only_names_it(
    matcher: Matcher, question: str
) -> None:
    # a fact names the film but does not say the person asked did what is asked: refused
    assert not matcher.ask(question).matched


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("which film did rene liu direct", "director"),  # not the short story it came from
        ("what movie did rene liu make", "director"),
        ("which film is jing boran in", "lead-actors"),
        ("which movie was her directorial debut", "directorial-debut"),
        ("what film was tian zhuangzhuang nominated for", "golden-horse-best-supporting-actor"),
        ("what movie was he nominated for", "golden-horse-edition"),  # not the song "We"
        ("what film did she direct", "director"),
        # the song's listing names the film it is from
        ("which movie is the song from", "golden-horse-best-original-song"),
        ("what movie is the song we from", "golden-horse-best-original-song"),
        ("which film is eason chan's song from", "golden-horse-best-original-song"),
    ],
)
def test_which_film_is_answered_by_a_fact_naming_this_one(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    # the pack is about one film: "which film" is answered by a fact that names it
    result = matcher.ask(question)
    assert result.matched and result.fact is not None
    assert result.fact.id == fact_id


@pytest.mark.parametrize(
    "question", ["did rene liu win best new director", "did it win best new director"]
)
def test_a_win_of_another_prize_does_not_answer_a_win_asked(
    matcher: Matcher, question: str
) -> None:
    # the documents list the prize named, they do not say it was won: refused, with the
    # listing offered first (not answered with another prize she won, "Best Actress")
    result = matcher.ask(question)
    assert not result.matched
    assert result.suggestions[0] == "Was Us and Them up for best new director?"


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


@pytest.mark.parametrize(
    "question", ["has jing boran directed anything", "what has jing boran directed"]
)
def test_a_credit_asked_of_someone_without_it_is_refused(matcher: Matcher, question: str) -> None:
    # he acted in the film, the documents credit no directing to him: a fact that tells of
    # him and the director ("working with rene liu") is no answer
    assert not matcher.ask(question).matched


@pytest.mark.parametrize("question", ["what did rene liu direct", "has rene liu directed anything"])
def test_a_credit_asked_of_its_holder_is_answered(matcher: Matcher, question: str) -> None:
    result = matcher.ask(question)
    assert result.matched and result.fact is not None
    assert result.fact.id == "director"


def test_a_long_title_after_of_is_read_whole(matcher: Matcher) -> None:
    # "of home for chinese new year": the short story's whole title says whose author is
    # asked (read to its fourth word only, "home for chinese new" named no fact's work)
    result = matcher.ask("who is the author of home for chinese new year")
    assert result.matched and result.fact is not None
    assert result.fact.id == "short-story-author"


def test_no_phrasing_of_the_pack_is_refused_by_its_own_fact(matcher: Matcher) -> None:
    # each phrasing is a question its fact answers, by the curator's word: whatever not_given
    # reads in a question (a work, a win, a name, other works, a kind of answer...) its own
    # fact gives ("which other awards show besides taiwan's": a ceremony, no other film)
    analyzer = matcher.index.analyzer
    refused = []
    for entry in matcher.index.entries:
        for question in entry.fact.questions:
            analysis = analyzer.analyze_words(analyzer.read(normalize(question).split()))
            why = not_given(matcher._query(analysis), entry)
            if why:
                refused.append(f"{entry.fact.id}: {question!r} lacks {why}")
    assert not refused


def test_other_works_of_a_streaming_service_are_not_this_film(matcher: Matcher) -> None:
    # "originals" are a streaming service's films: the pack knows only this one
    result = matcher.ask("which other netflix original did vulture rank just above it")
    assert not result.matched
    assert "vulture-list-name" in [f.id for f in result.suggested]
