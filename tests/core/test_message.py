"""Finding the question inside a chat message: chat set aside, context told from questions."""

from __future__ import annotations

import pytest

from bot.core.message import parts


def _asked(message: str) -> list[str]:
    return [" ".join(p.words) for p in parts(message) if p.asks]


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("hey all, random q but does anyone remember who did the music?", "who did the music"),
        ("ok so who directed it", "who directed it"),
        ("quick one: where was it shot", "where was it shot"),
        ("sorry if dumb but who plays the girl", "who plays the girl"),
        ("can someone tell me who plays jianqing? thanks in advance", "who plays jianqing"),
        ("i forgot, what city do they move to", "what city do they move to"),
        ("out of curiosity how cold was it lol", "how cold was it"),
        ("trying to remember where they met on the train", "where they met on the train"),
        ("anyone here know what rotten tomatoes gave it", "what rotten tomatoes gave it"),
        ("i loved it, who directed it", "who directed it"),
    ],
)
def test_the_question_is_found_inside_the_chat(message: str, question: str) -> None:
    assert question in _asked(message)


def test_sentences_that_only_tell_are_context() -> None:
    found = parts("just finished it and im a wreck. who sings the song at the end??")
    assert [p.asks for p in found if p.sentence >= 0] == [False, True]
    assert found[1].words == ("who", "sings", "the", "song", "at", "the", "end")
    # a sentence about the asker is set aside: it is no part of the message read as one
    assert found[0].aside and all(p.sentence >= 0 for p in found)
    told = parts("jing boran's gray hair was wild. was that a first for him?")
    assert not told[0].aside and told[-1].sentence == -1


def test_words_of_the_question_itself_stay() -> None:
    # "again" is part of "meet again"; a bare question is left as it is
    assert _asked("where do they meet again") == ["where do they meet again"]
    assert [p.words for p in parts("douban score")] == [("douban", "score")]


def test_chat_alone_leaves_nothing_to_score() -> None:
    assert parts("hey all! lol") == []
    assert parts("   ") == []


def test_context_comes_from_the_other_sentences() -> None:
    from bot.core.message import context

    found = parts("jing boran's gray hair was wild. was that a first for him?")
    question = next(p for p in found if p.asks)
    # what the sentence is about, not how the asker found it ("was wild")
    assert context(found, question) == ("jing", "boran", "gray", "hair")
    assert context([question], question) == ()  # a bare question has none


def test_greetings_typed_long_are_chat() -> None:
    assert _asked("heyyy who directed it") == ["who directed it"]
    assert _asked("hiii, where was it filmed") == ["where was it filmed"]


def test_the_whole_message_is_also_read_as_one_question() -> None:
    # "what was that about" asks about what the sentence before says
    found = parts("i heard there was a lawsuit. what was that about?")
    # "i heard" says where the asker got it from, not what the question is about
    assert found[-1].asks and found[-1].words == (
        *("there", "was", "a", "lawsuit"),
        *("what", "was", "that", "about"),
    )
