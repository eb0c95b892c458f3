"""Contractions and chat shorthand are read as the words they stand for.

Normalising drops an apostrophe, which leaves "who'd" as "whod" (no question word), "they're" as
"theyre" (a name no fact has) and "we're" as "were"; chat openers and closers such as "srsly",
"istg" and "ikr" are set aside like "tbh" and "ngl".
"""

from __future__ import annotations

import pytest

from bot.core.chat_words import respell, uncontracted
from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("who'd he play", "who did he play"),
        ("Where’d they meet", "Where did they meet"),
        ("they're from beijing", "they are from beijing"),
        ("we're sure he'll go", "we are sure he will go"),
        ("it'd be on netflix", "it would be on netflix"),
        ("he'd done that before?", "he had done that before?"),  # before a participle: had
        ("she'd never seen it", "she had never seen it"),
        ("they'd dated for years", "they had dated for years"),
        ("who'd seen it", "who had seen it"),
        ("he'd need money", "he would need money"),
        ("i'm sure it's fine", "i'm sure it's fine"),  # the asker's own and "'s": as typed
    ],
)
def test_contractions_are_written_out(typed: str, read: str) -> None:
    assert uncontracted(typed) == read


def test_contractions_typed_without_apostrophe_are_written_out() -> None:
    assert respell(["whod", "jing", "boran", "play"]) == ["who", "did", "jing", "boran", "play"]
    assert respell(["theyre", "from", "beijing"]) == ["they", "are", "from", "beijing"]
    assert respell(["theyd", "been", "together"]) == ["they", "had", "been", "together"]
    assert respell(["youd", "like", "it"]) == ["you", "would", "like", "it"]
    assert respell(["the", "shed", "well"]) == ["the", "shed", "well"]  # words of their own


def test_a_question_with_who_d_after_a_comma_is_found_and_answered(matcher: Matcher) -> None:
    result = matcher.ask("ngl the ending wrecked me, who'd jing boran play again?")
    assert result.reading is not None
    assert result.reading.question == "who did jing boran play"
    assert result.matched and result.fact is not None and result.fact.id == "role-jing-boran"


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("srsly how much did it make at the box office", "how much did it make at the box office"),
        ("istg who directed it", "who directed it"),
        ("who shot it srsly", "who shot it"),
        ("welp who wrote the script ikr", "who wrote the script"),
    ],
)
def test_chat_openers_are_set_aside(matcher: Matcher, message: str, question: str) -> None:
    result = matcher.ask(message)
    assert result.reading is not None and result.reading.question == question
    assert result.matched


@pytest.mark.parametrize(
    ("message", "fact_id"),
    [
        ("who directed it again", "director"),
        ("who played the dad again?", "cast-father"),
        ("where do they meet again", "flixxpanda-reunion-airport"),  # the reunion: kept
        # an event the story may tell twice keeps its "again": the reunion, not the first meeting
        ("how did they meet again", "flixxpanda-reunion-airport"),
        ("where did they run into each other again", "flixxpanda-reunion-airport"),
        ("where did they cross paths again", "flixxpanda-reunion-airport"),
        ("where did xiaoxiao and jianqing meet again", "plot-present-reunion"),
        ("where did she see him again", "plot-on-the-news"),
        ("when did it come out again", "release-date"),  # what the film did: no event of its story
        # no meeting or seeing: "again" asks to be reminded
        ("why did they break up again", "wynne-why-broke-up"),
        ("when did they break up again", "plot-breakup-while-gaming"),
        ("where did they live again", "plot-both-in-beijing"),
    ],
)
def test_a_last_again_that_asks_to_be_reminded_is_set_aside(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    result = matcher.ask(message)
    assert result.matched and result.fact is not None and result.fact.id == fact_id
