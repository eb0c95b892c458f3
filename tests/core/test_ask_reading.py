"""/ask reads what a message asks about before answering (issues 9 and 10).

Each question here was answered with a fact about something else, or refused: a person's award
for the film's, the critics' score for the audience's, a character for an actor, this film's
score for another film's, a spelling fix that turned a real word into another ("handed" ->
"handled"), a sentence about the asker read as part of the question, a second question lost.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bot.core.match_index import Speller
from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


def test_the_films_awards_are_not_its_directors(matcher: Matcher) -> None:
    result = matcher.ask("did it win any awards")
    assert result.matched and result.fact is not None
    # René Liu's Best Actress award is from her acting career, not for this film
    assert result.fact.category != "making-of"
    assert "Best Actress" not in result.reply
    # her award is still found when she is the one asked about
    about_her = matcher.ask("did the director ever win an acting award")
    assert about_her.matched and "Best Actress" in about_her.reply


@pytest.mark.parametrize(
    "question",
    [
        "what's the douban score of dying to survive",  # another film's score
        "what is the meaning of life",
        "ask ask",  # the command typed twice
        "who plays jianqing's wife",  # the documents name no actress for her
    ],
)
def test_questions_about_something_the_sources_do_not_say_are_refused(
    matcher: Matcher, question: str
) -> None:
    result = matcher.ask(question)
    assert not result.matched, result.reply
    assert result.refusal.startswith("I don't know that one")


def test_the_audience_score_is_not_answered_with_the_critics_score(matcher: Matcher) -> None:
    result = matcher.ask("rotten tomatoes audience score")
    assert not result.matched, result.reply
    # the critics' score is offered, not given as the answer
    assert any("Rotten Tomatoes" in s for s in result.suggestions)


def test_an_actor_is_still_found_for_a_character(matcher: Matcher) -> None:
    result = matcher.ask("who plays jianqing's dad")
    assert result.matched and "Tian Zhuangzhuang" in result.reply


def test_a_real_english_word_is_not_corrected_into_a_pack_word() -> None:
    speller = Speller(Counter({"handled": 3, "film": 9}))
    assert speller.correct("handed") == "handed"  # a word of its own, not a typo
    assert speller.correct("handeld") == "handled"  # a typo still is
    assert speller.correct("flim") == "film"


def test_a_question_with_a_real_word_near_a_pack_word_is_answered(matcher: Matcher) -> None:
    result = matcher.ask("who handed her the ticket")
    assert result.matched and result.fact is not None
    assert "ticket" in result.reply and "Jian Qing" in result.reply


def test_a_sentence_about_the_asker_does_not_steer_the_answer(matcher: Matcher) -> None:
    # "i missed that line" is about the asker, not a line of the film's dialogue
    result = matcher.ask("what is wrong with jianqing's father's eyes? i missed that line")
    assert result.matched, result.refusal
    assert "blind" in result.reply


def test_what_the_asker_heard_is_what_the_question_is_about(matcher: Matcher) -> None:
    result = matcher.ask("heard the box office numbers were faked, what was that about?")
    assert result.matched and result.fact is not None
    assert "ticket sales" in result.reply and "inflated" in result.reply


def test_a_message_with_two_questions_answers_one_and_names_the_other(matcher: Matcher) -> None:
    result = matcher.ask("where was it filmed? and who directed it?")
    assert result.matched and "Hailar" in result.reply
    assert result.other_question == "Who directed it?"
    assert result.reply.endswith("ask the other on its own: “Who directed it?”")
    # one question, one answer: nothing more is said
    assert not matcher.ask("where was it filmed?").other_question


def test_the_name_of_a_thing_is_not_a_persons_or_a_companys_name(matcher: Matcher) -> None:
    # the documents give the making-of book's publisher, not its title
    result = matcher.ask("what's the title of rene liu's book about the shoot")
    assert not result.matched, result.reply
    # the publisher is still found when it is what is asked
    publisher = matcher.ask("who published rene liu's book about the shoot")
    assert publisher.matched and publisher.fact is not None
    assert publisher.fact.id == "making-of-book-publisher"


def test_a_characters_name_is_not_the_actors(matcher: Matcher) -> None:
    result = matcher.ask("father's name")
    assert "Tian Zhuangzhuang" not in result.reply  # who plays him, not what he is called
    assert "Tian Zhuangzhuang" in matcher.ask("who plays the father").reply


@pytest.mark.parametrize(
    ("question", "not_this"),
    [
        # the documents say "a rival studio" sued, never which one
        ("which studio sued over the refunds", "box-office-rival-studio-lawsuit"),
        # a noun phrase asking for a date is not answered with the distributor there
        ("macau release date", "distributor-hong-kong-macau-taiwan"),
        ("year of the flashback scenes", "plot-past-in-colour"),
        # the pack is about this film: other films of its people are not in it
        ("what other films has zhou dongyu made", "zhou-dongyu-process"),
        # a cause of death is asked; the fact tells where he goes after it
        ("how did the father die", "plot-father-dies"),
        ("what did jianqing's father die of", "plot-father-dies"),
        # the views so far, not those of its first two hours
        ("total views of the music video", "music-video-views"),
        ("how many views does the music video have today", "music-video-views"),
        ("music video views to date", "music-video-release-date"),
        # a part's actor, whom no document names
        ("train inspector actor", "wynne-inspector-disbelief"),
    ],
)
def test_a_fact_that_does_not_give_the_detail_or_kind_asked_is_not_the_answer(
    matcher: Matcher, question: str, not_this: str
) -> None:
    result = matcher.ask(question)
    assert result.fact is None or result.fact.id != not_this, result.reply
    assert not result.matched, result.reply


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("who sued over the ticket sales", "box-office-rival-studio-lawsuit"),
        ("what business does jianqing's family run", "plot-family-restaurant"),
        ("what kind of apartment do they live in", "wynne-shoebox-apartment"),
        ("hong kong release date", "release-hong-kong"),
        ("release year", "release-year"),
        # what they did for money, not what the film made
        ("what do they do for money", "plot-selling-software-and-porn"),
        ("how much money did it make", "box-office-gross-209m"),
        # a title, not the country
        ("chinese title", "chinese-title"),
        ("what does jianqing do after his father dies", "plot-father-dies"),
        ("how many people travel together on the train", "wynne-five-of-them"),
        # an activity is asked, not how many of them there are: cards and stories
        ("what do the five of them do on the train", "wynne-playing-cards"),
        ("how many views did the music video get", "music-video-views"),
        ("how much did it make in its first ten days", "box-office-ten-days-200m"),
        ("jianqing's father actor", "cast-father"),
    ],
)
def test_the_same_words_are_answered_when_the_fact_gives_what_is_asked(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    result = matcher.ask(question)
    assert result.matched and result.fact is not None and result.fact.id == fact_id


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("i'm writing an essay for class. when was it released?", "release-date"),
        ("who directed it? i'm presenting it to my film club on friday", "director"),
    ],
)
def test_an_ordinary_word_about_the_asker_is_no_name_of_another_thing(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    # "essay", "class", "club" are in no fact, yet name nothing the question could be about
    result = matcher.ask(question)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == fact_id


def test_what_the_asker_watched_is_still_a_name(matcher: Matcher) -> None:
    # "parasite" is an English word too; after "watched" it is the film they saw
    assert not matcher.ask("i watched parasite yesterday. who directed it?").matched


@pytest.mark.parametrize(
    "question",
    [
        "i wonder how much he knew about her",
        "how much her dad knew",
    ],
)
def test_how_much_someone_knew_is_not_answered_by_a_fact_that_says_no_degree(
    matcher: Matcher, question: str
) -> None:
    # "how much he knew" asks how far (no sum of money): a fact about the father or the
    # premise says nothing of how much anyone knew, so the bot refuses and suggests
    result = matcher.ask(question)
    assert not result.matched, result.reply
    assert result.refusal.startswith("I don't know that one")
    assert result.suggestions


def test_how_much_time_still_counts_a_span(matcher: Matcher) -> None:
    result = matcher.ask("how much time passes before they meet again")
    assert result.matched and result.fact is not None, result.refusal
    assert result.fact.id == "wynne-ten-years-later"


def test_what_a_reviewer_thought_is_no_fact_that_states_no_view(matcher: Matcher) -> None:
    # Flixxpanda's review lists Netflix as its channel: that says nothing of what it thought
    result = matcher.ask("what did the netflix reviewer think")
    assert not result.matched, result.reply
    assert result.refusal.startswith("I don't know that one")
    # the review's listed director is no view either; one of its opinions is
    thought = matcher.ask("what did flixxpanda think")
    assert thought.matched and thought.fact is not None, thought.refusal
    assert thought.fact.id == "flixxpanda-theme-self-destruct", thought.reply


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what did screen daily say", "critic-john-berra-quote"),
        ("what did joe reid think of it", "critic-joe-reid-quote"),
    ],
)
def test_a_critics_quote_answers_what_they_thought(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    # the quote's answer is the critic's name, its text what they thought: a view, asked so
    result = matcher.ask(question)
    assert result.matched and result.fact is not None, result.refusal
    assert result.fact.id == fact_id
