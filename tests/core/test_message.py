"""Finding the question inside a chat message: chat set aside, context told from questions."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.core.match_index import Speller
from bot.core.matching import Matcher
from bot.core.message import context, parts, telling
from bot.core.model import FactBase


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
    found = parts("jing boran's gray hair was wild. was that a first for him?")
    question = next(p for p in found if p.asks)
    # what the sentence is about, not how the asker found it ("was wild")
    assert context(found, question) == ("jing", "boran", "gray", "hair")
    assert context([question], question) == ()  # a bare question has none


def test_greetings_typed_long_are_chat() -> None:
    assert _asked("heyyy who directed it") == ["who directed it"]
    assert _asked("hiii, where was it filmed") == ["where was it filmed"]


def test_the_whole_message_is_also_read_as_one_question() -> None:
    found = parts("i heard there was a lawsuit. who filed it?")
    # "i heard" says where the asker got it from, not what the question is about
    assert found[-1].asks and found[-1].words == (
        *("there", "was", "a", "lawsuit"),
        *("who", "filed", "it"),
    )


@pytest.mark.parametrize(
    ("message", "question"),
    [
        # "that" stands for what the sentence before says
        ("i heard there was a lawsuit. what was that about?", "what was a lawsuit about"),
        (
            "i think the ending was sad? did the critics think that too",
            "did the critics think the ending was sad too",
        ),
        # what a sentence about the asker reports
        (
            "my friend was confused why the film is partly grey. is there a reason for that",
            "is there a reason for the film is partly grey",
        ),
    ],
)
def test_a_question_that_points_back_asks_what_was_said_before(message: str, question: str) -> None:
    asked = [p for p in parts(message) if p.asks]
    assert [" ".join(p.words) for p in asked] == [question]


def test_what_is_asked_whether_true_is_asked_itself_too() -> None:
    # "it" in a question that says nothing else points back; what was said is the question too
    assert _asked("someone said the shoot was freezing. is it true?") == [
        "the shoot was freezing",
        "is the shoot was freezing true",
    ]


@pytest.mark.parametrize(
    ("message", "fact_id"),
    [
        # (the statement spliced into "is that true" was refused or answered with another fact)
        ("rene liu directed it right? is that true", "director"),
        ("it was shot in hailar? is that true", "shooting-location"),
        ("rene liu directed it. is that true", "director"),
        ("i heard rene liu directed it. is it true", "director"),
    ],
)
def test_a_statement_asked_whether_true_is_answered_as_that_statement(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    result = matcher.ask(message)
    assert result.matched and result.fact is not None, result.refusal
    assert result.fact.id == fact_id


@pytest.mark.parametrize(
    ("message", "fact_id"),
    [
        (
            "my brother was confused why part of the film is black and white. is there a "
            "reason for that?",
            "plot-present-black-and-white",
        ),
        (
            "i read that the box office numbers were faked. what was that about",
            "box-office-refund-controversy",
        ),
        (
            "someone said the cast shot in minus 30 degrees. is it true?",
            "shoot-temperature-minus-30",
        ),
        ("i saw the box office numbers were faked. is that true", "box-office-refund-controversy"),
    ],
)
def test_a_question_pointing_back_is_answered_about_what_was_said(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    result = matcher.ask(message)
    assert result.matched and result.fact is not None, result.refusal
    assert result.fact.id == fact_id


def test_that_one_after_another_film_is_named_is_that_film(matcher: Matcher) -> None:
    # not this film's director: the film the friend named, which the sources do not cover
    result = matcher.ask(
        "my friend says zhou dongyu was also in a movie called better days, who directed that one?"
    )
    assert not result.matched, result.reply


@pytest.mark.parametrize(
    ("said", "question"),
    [
        # "it" and "this" are the film here, not the sentence before
        ("the ending was so sad.", "what's it about?"),
        ("i remember that scene so well.", "how did jing boran end up in this?"),
        # what the asker saw is the film, not a report: "that" is the film
        ("i saw it last week.", "when did that come out?"),
        # "that" points into its own sentence
        (
            "i loved the snow scenes.",
            "the blogger who watched it after her breakup, how soon after was that?",
        ),
    ],
)
def test_a_sentence_the_question_does_not_point_to_leaves_its_answer(
    matcher: Matcher, said: str, question: str
) -> None:
    alone = matcher.ask(question)
    assert alone.matched and alone.fact is not None
    assert matcher.ask(f"{said} {question}").fact == alone.fact


def test_that_before_a_noun_and_it_in_a_question_of_its_own_point_nowhere() -> None:
    assert _asked("the snow was wild. who shot that scene?")[0] == "who shot that scene"
    # "it" is the film
    assert "who directed it" in _asked("the ending was sad. who directed it?")


def test_emoji_emoticons_and_laughter_end_what_was_said() -> None:
    # the question after them is read on its own, not as the end of the sentence before
    assert "who sings the song at the end" in _asked(
        "that ending destroyed me 😭 who sings the song at the end"
    )
    assert _asked("why did wynne wait so long lol she had seen it the year before") == [
        "why did wynne wait so long",
        "why did wynne wait so long she had seen it the year before",
    ]
    # a heart typed "<3" is no number
    assert [p.words for p in parts("who composed the theme song <3")] == [
        ("who", "composed", "the", "theme", "song")
    ]


@pytest.mark.parametrize(
    ("message", "question"),
    [
        (
            "were they still friends after the breakup or",
            "were they still friends after the breakup",
        ),
        ("did xiaoxiao stay with her boyfriend or nah", "did xiaoxiao stay with her boyfriend"),
        ("thanks bot you rock, who shot it", "who shot it"),
        ("pls who wrote the song", "who wrote the song"),
        ("ok real talk, where was it filmed", "where was it filmed"),
    ],
)
def test_tags_and_thanks_around_a_question_are_chat(message: str, question: str) -> None:
    assert _asked(message)[0] == question


def test_thanks_and_praise_alone_leave_nothing_to_score() -> None:
    assert parts("thank you bot, you rock") == []
    assert parts("ty ur the best") == []


def test_an_afterthought_about_the_asker_is_set_aside() -> None:
    found = parts("who distributed it in taiwan, i always mix that up")
    assert [(p.words, p.asks, p.aside) for p in found] == [
        (("who", "distributed", "it", "in", "taiwan"), True, False),
        (("always", "mix", "that", "up"), False, True),
    ]


def test_a_thing_that_moved_the_asker_is_still_what_the_message_is_about() -> None:
    found = parts("the final scene really got me. what does she find in the game?")
    question = next(p for p in found if p.asks and p.sentence >= 0)
    assert not found[0].aside
    assert context(found, question) == ("the", "final", "scene")
    # "it's bugging me" tells of the asker, not of the film
    assert parts("where are they from? the movie keeps saying hometown and it's bugging me")[
        -1
    ].aside


def test_what_the_asker_owns_is_no_name_of_another_film() -> None:
    aside = parts("im making a quiz for my book club. who directed it?")[0]
    assert aside.aside and aside.words == ("making", "for")
    assert "titanic" in parts("i loved titanic. who directed it?")[0].words


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    ("message", "fact_id"),
    [
        (
            "the final scene really got me 😭 what does she find in the game?",
            "plot-hidden-messages",
        ),
        (
            "who distributed it in taiwan, i always mix that up",
            "distributor-hong-kong-macau-taiwan",
        ),
        ("where was it shot, i keep forgetting and my sister keeps asking", "shooting-location"),
        ("im making a quiz for my book club. who directed it?", "director"),
        ("do they get back together at some point", "plot-second-chance"),
        (
            "what's it about? planning to watch tonight and trying to figure out if i'd like it",
            "premise",
        ),
    ],
)
def test_chat_messages_are_answered_by_their_question(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    result = matcher.ask(message)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == fact_id


@pytest.mark.parametrize(
    "message",
    [
        "ty bot you're the best :) how is your week going?",  # talk to the bot, no question
        "i loved titanic. who directed it?",  # about another film
    ],
)
def test_chat_that_asks_nothing_about_the_film_is_refused(matcher: Matcher, message: str) -> None:
    assert not matcher.ask(message).matched


def test_what_the_asker_wonders_about_themselves_is_no_question() -> None:
    found = parts(
        "what's it about? planning to watch tonight and trying to figure out if i'd like it"
    )
    assert [" ".join(p.words) for p in found if p.asks] == ["what it about"]
    assert _asked("when does he get famous? need to know before i finish it") == [
        "when does he get famous"
    ]


def test_one_after_a_describing_word_is_no_number() -> None:
    assert "1" not in parts("does it end on a sad note or a happy one?")[0].words


def test_asking_what_others_think_is_a_hedge() -> None:
    assert _asked("anyone else think the ending was sad") == ["the ending was sad"]
    assert _asked("does anyone feel like xiaoxiao was treated badly") == [
        "xiaoxiao was treated badly"
    ]


def test_filler_phrases_inside_a_question_are_dropped() -> None:
    assert _asked("why did they leave the hometown in the first place?") == [
        "why did they leave the hometown"
    ]
    assert _asked("do they get back together at some point") == ["do they get back together"]
    assert _asked("does jianqing change at all") == ["does jianqing change"]


def test_only_a_report_of_what_was_read_is_no_aside() -> None:
    # "to read" is no report of what the asker read; "i read somewhere" is
    assert parts("i was laughing too hard to read the subtitles. who wrote it?")[0].aside
    assert not parts("i read somewhere it was shot in hailar. where was it filmed?")[0].aside
    # "feel like" is how the asker sees it, not what the sentence is about
    assert parts("who does she become? feel like she grew up a lot")[1].words == (
        *("she", "grew", "up", "a", "lot"),
    )


@pytest.mark.parametrize(
    "message",
    [
        "i have no idea who evicted them",
        "no clue who evicted them lol",
        "who evicted them, if anyone remembers",
    ],
)
def test_not_knowing_and_asking_around_is_chat_around_the_question(
    matcher: Matcher, message: str
) -> None:
    result = matcher.ask(message)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == "plot-eviction"


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("would love to know who wrote the screenplay", "who wrote the screenplay"),
        ("sorry if this is a stupid q but netflix release date?", "netflix release date"),
        ("i have a random question. who evicted them? sorry for the dumb q", "who evicted them"),
        ("question for people who watched it: who plays the dad", "who plays the dad"),
        ("who composed the theme song if u guys know", "who composed the theme song"),
    ],
)
def test_what_is_said_about_the_asking_is_chat(message: str, question: str) -> None:
    assert [" ".join(p.words) for p in parts(message)] == [question]


@pytest.mark.parametrize(
    ("message", "other"),
    [
        ("who directed it and when did it come out?", "When did it come out?"),
        ("hey! two questions: who directed it, where was it filmed", "Where was it filmed?"),
    ],
)
def test_two_questions_in_one_sentence_answer_the_first_and_name_the_second(
    matcher: Matcher, message: str, other: str
) -> None:
    result = matcher.ask(message)
    assert result.matched and result.fact is not None and result.fact.id == "director"
    assert result.other_question == other
    # a clause that tells when is no question of its own: one sentence, one question
    assert {p.sentence for p in parts("when he leaves her, what does she do")} == {0}


@pytest.mark.parametrize(
    "message",
    [
        "need it for a quiz. who evicted them?",  # the "i" left out, as chat does
        "just finished it and wow. who evicted them?",
        "who evicted them? my teacher told me to watch it",  # told to: no report
        "who evicted them? the summary i read doesn't say",  # what the asker read, named
    ],
)
def test_what_the_asker_says_of_themselves_is_set_aside(message: str) -> None:
    told = [p for p in parts(message) if not p.asks]
    assert told and all(p.aside for p in told)


def test_how_something_looked_or_sounded_is_no_context(matcher: Matcher) -> None:
    result = matcher.ask("what language is it in? sounds like a dumb question lol")
    assert result.matched and result.fact is not None and result.fact.id == "language"


@pytest.mark.parametrize(
    ("message", "fact_id"),
    [
        # each part alone looks like a typo of another name ("zhuang" -> "zhang")
        ("who does tian zhuang zhuang play", "role-tian-zhuangzhuang"),
        # a slip in one part of a name whose other part is typed right
        ("who does jin boran play", "role-jing-boran"),
        ("who does zou dongyu play lol", "role-zhou-dongyu"),
    ],
)
def test_a_name_typed_loosely_is_still_that_name(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    result = matcher.ask(message)
    assert result.matched and result.fact is not None and result.fact.id == fact_id


def test_he_or_she_is_the_one_person_a_telling_sentence_names(matcher: Matcher) -> None:
    named = matcher.ask("what did mark lee ping-bing tell the actors")
    result = matcher.ask("mark lee ping-bing is a legend. what did he tell the actors?")
    assert result.matched and result.fact is not None and named.fact is not None
    assert result.fact.id == named.fact.id == "mark-lee-cinema-language"
    # a name in another question is not who "her" is: it may be what is being asked
    found = parts("who turned rene liu's story into a script? was it her?")
    assert telling(found, found[1]) == ()
    told = parts("zhou dongyu was great. how did she prepare? i loved it")
    assert telling(told, told[1]) == ("zhou", "dongyu", "was", "great")  # not the aside


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("is it just me or does jianqing change a lot", ["does jianqing change a lot"]),
        ("could be wrong but was it filmed in hailar?", ["was it filmed in hailar"]),
        ("maybe im misremembering but do they meet on a train", ["do they meet on a train"]),
        (
            "hot take: the dad was the best part. who played him?",
            [
                "the dad was the best part",
                "who played him",
                "the dad was the best part who played him",
            ],
        ),
    ],
)
def test_the_asker_doubting_their_own_view_is_chat(message: str, said: list[str]) -> None:
    assert [" ".join(p.words) for p in parts(message)] == said


def test_what_a_person_of_the_film_did_to_the_asker_still_names_them(matcher: Matcher) -> None:
    # "jianqing's dad broke me" tells of the father, not of the asker ("it's bugging me")
    result = matcher.ask("jianqing's dad broke me. who plays him?")
    assert result.matched and result.fact is not None and result.fact.id == "cast-father"
    assert parts("who plays the dad? it's bugging me")[-1].aside


def test_an_inflected_everyday_word_about_the_asker_is_no_unknown_name(matcher: Matcher) -> None:
    # "googled" is in no word list as such ("google" is): it names nothing the pack lacks
    result = matcher.ask("googled it but got nothing. who evicted them?")
    assert result.matched and result.fact is not None and result.fact.id == "plot-eviction"


@pytest.mark.parametrize(
    "message",
    [
        '"no story in the world is happy from beginning to end" - who said that?',
        "> no story in the world is happy from beginning to end\nwho said that",
    ],
)
def test_a_quoted_line_is_what_the_question_points_to(matcher: Matcher, message: str) -> None:
    result = matcher.ask(message)
    assert result.matched and result.fact is not None
    assert result.fact.id == "happy-story-line-speaker"
    # a word put in quotes is no quoted line: "everyone calls him 'the dad'"
    assert parts("who plays 'the dad'? it's bugging me")[0].words == ("who", "plays", "the", "dad")


def test_like_as_a_filler_is_dropped_but_not_as_a_verb() -> None:
    assert _asked("is there like a song at the end") == ["is there a song at the end"]
    assert _asked("was it like 10 years later") == ["was it 10 years later"]
    assert _asked("did she like a guy from work") == ["did she like a guy from work"]
    assert _asked("what does it look like") == ["what does it look like"]
    # after a question word: a filler only once the sentence has its verb ("how like the
    # father is he" asks how much he resembles him)
    assert _asked("how like the father is he") == ["how like the father is he"]
    assert _asked("my gf asked why like half the movie is grey") == ["why half the movie is grey"]


def test_opinion_tags_are_chat() -> None:
    assert _asked("where was it filmed tbf") == ["where was it filmed"]
    assert _asked("lowkey who wrote the song") == ["who wrote the song"]


def test_a_guess_after_an_open_question_is_read_with_it(matcher: Matcher) -> None:
    # "was it on a plane" alone is a question about a flight: it only guesses the answer
    result = matcher.ask("where do they meet? was it on a plane?")
    assert result.matched and result.fact is not None
    assert result.fact.id == "flixxpanda-meet-on-train"
    # ... and after a comma: the guess names the dad, the question asks who paid
    guessed = matcher.ask("who paid for the flat in beijing, was it his dad or something")
    assert guessed.fact is None or guessed.fact.id != "plot-family-restaurant"
    for message, question, guess in (
        ("why did they break up? was it money or something", "why did they break up", "money"),
        ("what do they eat on the train? something hot? noodles?", "what do", "noodles"),
        ("who paid for the flat, was it his dad", "who paid for the flat", "dad"),
    ):
        asked = _asked(message)
        # every question read starts with the question; the guess is read with it, never alone
        assert all(a.startswith(question) for a in asked), message
        assert any(guess in a.split() for a in asked), message


def test_choices_and_second_questions_are_no_guesses() -> None:
    # the answers to choose from belong to the question
    found = parts("how does the city come across, welcoming or brutal")
    assert "brutal" in found[0].words
    # a question of its own after an open one, and a yes-no question before any
    assert _asked("who directed it? did he also write it?")[:2] == [
        "who directed it",
        "did he also write it",
    ]
    assert _asked("was it any good? who shot it")[:2] == ["was it any good", "who shot it"]


def test_what_the_asker_says_before_a_question_after_a_comma_is_set_aside() -> None:
    found = parts("i dozed off, was the dad at the wedding?")
    assert found[0].aside and found[0].words == ("dozed", "off")
    assert _asked("i dozed off, was the dad at the wedding?") == ["was the dad at the wedding"]
    assert _asked("was wondering who shot it") == ["who shot it"]  # the "i" left out


def test_here_is_the_place_the_asker_names(matcher: Matcher) -> None:
    for message in (
        "i live in hong kong, when did it open in cinemas here?",
        "just moved to hong kong and wondering when it opened in cinemas here",
    ):
        result = matcher.ask(message)
        assert result.matched and result.fact is not None, message
        assert result.fact.id == "release-hong-kong", message


@pytest.mark.parametrize(
    ("message", "fact_id"),
    [
        ("i read it was shot in hailar?? who was the cinematographer", "cinematographer"),
        ("so it made over a billion yuan?? who wrote the theme song", "theme-song-writer"),
        ("heard the dad goes blind?? who plays him", "cast-father"),
    ],
)
def test_a_statement_with_a_question_mark_before_a_question_is_its_context(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    result = matcher.ask(message)
    assert result.matched and result.fact is not None and result.fact.id == fact_id
    # a question that only points back asks about the statement itself
    found = parts("wasn't there some drama about the box office?? what was that about")
    assert found[0].asks
    assert _asked("i heard there was a lawsuit?? what was that about") == [
        "what was a lawsuit about"
    ]


@pytest.mark.parametrize(
    ("message", "fact_id"),
    [
        # answered as "when does the dad go blind", "why did they break up" are
        ("heard the dad goes blind?? when does that happen", "plot-father-going-blind"),
        ("they break up?? why did that happen", "wynne-why-broke-up"),
        ("the dad dies?? how did that happen", "plot-father-dies"),
        ("the film made over a billion?? how long did that take", "box-office-billion-yuan-amount"),
    ],
)
def test_a_question_asking_only_how_or_when_that_happened_asks_about_the_statement(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    # "happen", "take": the event "that" points back to, which the statement before names
    result = matcher.ask(message)
    assert result.matched and result.fact is not None, result.refusal
    assert result.fact.id == fact_id


@pytest.mark.parametrize(
    "message",
    [
        "ok weird one, where was it filmed?",  # "one" is the question, not a number
        "legit question, where was it filmed?",
        "bro where was it filmed",
        "ok last question, where was it filmed?",
        "where was it filmed? idk why i can't remember",  # the asker wondering about themselves
    ],
)
def test_more_chat_around_a_question_is_set_aside(message: str) -> None:
    assert _asked(message) == ["where was it filmed"]
    assert _asked("been meaning to ask where it was filmed") == ["where it was filmed"]


def test_they_is_not_the_one_person_a_telling_sentence_names(matcher: Matcher) -> None:
    # "they" are the couple, not the actor the first sentence praises
    for message in (
        "jing boran was amazing in it. what do they sell?",
        "what do they sell? zhou dongyu is so pretty btw",
    ):
        result = matcher.ask(message)
        assert result.matched and result.fact is not None, message
        assert result.fact.id == "plot-selling-software-and-porn", message


@pytest.mark.parametrize(
    ("message", "fact_id"),
    [
        ("who plays da dad", "cast-father"),
        ("y did dey break up", "wynne-why-broke-up"),
        ("what happened 2 the dad", "plot-father-going-blind"),
        ("which character dose zhou dongyu play", "role-zhou-dongyu"),
    ],
)
def test_chat_shorthand_for_everyday_words_is_read_as_those_words(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    result = matcher.ask(message)
    assert result.matched and result.fact is not None and result.fact.id == fact_id


def test_a_count_stays_a_number() -> None:
    assert _asked("who are the 2 leads") == ["who are the 2 leads"]
    assert _asked("did it make 2 million") == ["did it make 2 million"]
    assert _asked("is there a part 2") == ["is there a part 2"]


@pytest.mark.parametrize(
    "message",
    [
        "<@123456789> where was it filmed",  # a Discord mention of the bot
        "where was it filmed <:thinking_cat:1234567> lol",  # a server's own emoji
        "where was it filmed :sob:",  # an emoji typed as its shortcode
        "ummmm where was it filmed plsss",  # chat words typed long
        "sooo where was it filmed",
        "where was it filmed (srs)",  # a tone tag
        "tldr where was it filmed",
        "hold on, where was it filmed?",
        "where was it filmed? spoilers are fine",
    ],
)
def test_discord_markup_tone_tags_and_long_typed_chat_are_set_aside(message: str) -> None:
    assert _asked(message) == ["where was it filmed"]


def test_asking_for_no_spoilers_is_no_part_of_the_question() -> None:
    found = parts("does his game take off? no spoilers for the ending pls, just that part lol")
    assert [" ".join(p.words) for p in found] == ["does his game take off"]
    # ... but a question about spoilers keeps them
    assert _asked("is the review spoiler free") == ["is the review spoiler free"]


@pytest.mark.parametrize(
    "message",
    [
        "my friend wants to know who shot it",
        "my mom asked me who shot it and i didnt know",
        "she was asking me who shot it",
        "my friend was asking who shot it",
        "can i ask who shot it?",
        "may i ask who shot it?",
        "let me ask, who shot it?",
        "i gotta know who shot it",
    ],
)
def test_a_question_reported_or_asked_leave_to_ask_is_that_question(message: str) -> None:
    assert _asked(message) == ["who shot it"]


def test_what_someone_asked_someone_to_do_is_no_question() -> None:
    assert parts("he asked her to stay")[0].words == ("he", "asked", "her", "to", "stay")


@pytest.mark.parametrize(
    ("message", "fact_id"),
    [
        (
            "she was asking about the ticket, what did the inspector say",
            "wynne-inspector-disbelief",
        ),
        ("he asked if she was happy and what did she say", "plot-never-understood"),
    ],
)
def test_a_person_of_the_film_asking_is_part_of_the_question(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    # "she was asking" without "me": a character asks in the film, the asker relays nothing
    result = matcher.ask(message)
    assert result.matched and result.fact is not None, result.refusal
    assert result.fact.id == fact_id


def test_the_asker_before_but_or_and_is_set_aside(matcher: Matcher) -> None:
    # "titanic" is said about the asker: the question is about that film, which the pack lacks
    assert not matcher.ask("i loved titanic but who directed it").matched
    found = parts("i was just thinking about it and who directed it?")
    assert [(p.words, p.aside) for p in found] == [
        (("was", "just", "thinking", "about", "it"), True),
        (("who", "directed", "it"), False),
    ]


def test_one_after_any_describing_word_ending_a_clause_is_no_number() -> None:
    found = parts("who is the more level-headed one, him or her?")
    assert all("1" not in p.words for p in found)
    assert _asked("which review is the long blog one") == ["which review is the long blog ones"]
    # "this one" is the film, "number one" a number
    assert _asked("who directed this one") == ["who directed this 1"]
    assert _asked("is it number one") == ["is it number 1"]


def test_one_with_no_determiner_before_it_is_no_pronoun(matcher: Matcher) -> None:
    # "from day one": since the start
    result = matcher.ask("did she love him from day one")
    assert result.matched and result.fact is not None, result.refusal
    assert result.fact.id == "plot-true-love-again"
    # "win one": an award, never the actress listing for a question about "him"
    won = matcher.ask("did he win one")
    assert won.fact is None or won.fact.id != "media-awards-most-popular-actress"


def test_how_something_struck_the_asker_is_no_guess() -> None:
    found = parts("how long did the shoot take? sounds super rushed tbh")
    assert ("sounds", "super", "rushed") in [p.words for p in found]


@pytest.mark.parametrize(
    "message",
    [
        "1. who directed it 2. where was it filmed",  # a numbered list: no figures
        "who directed it / where was it filmed",
        "who directed it + where was it filmed",
    ],
)
def test_two_questions_set_apart_by_a_list_or_a_slash_answer_the_first_and_name_the_second(
    matcher: Matcher, message: str
) -> None:
    result = matcher.ask(message)
    assert result.matched and result.fact is not None and result.fact.id == "director"
    assert result.other_question == "Where was it filmed?"
    assert _asked("is it rated 5.9 / 10")[0] == "is it rated 5.9 10"  # a rating stays one


def test_a_yes_no_question_after_an_open_one_is_a_question_of_its_own() -> None:
    found = parts("who plays the dad and is he any good")
    assert [p.words for p in found if p.sentence >= 0] == [
        ("who", "plays", "the", "dad"),
        ("is", "he", "any", "good"),
    ]
    # two halves of one yes-no question, and a clause that tells when, stay one question
    assert _asked("does he know and does she care")[0] == "does he know and does she care"
    said = "how long is it between when they meet and when they meet again"
    assert {p.sentence for p in parts(said)} == {0}


def test_a_short_word_missing_a_letter_is_the_one_word_it_can_be(matcher: Matcher) -> None:
    result = matcher.ask("why did the tran stop")
    assert result.matched and result.fact is not None
    assert result.fact.id == "wynne-train-stops-weather"
    speller = Speller(Counter({"frost": 5, "actor": 3, "train": 2}))
    assert speller.correct("acor") == "actor"  # not the rarer "acorn"
    assert speller.correct("frst") == "frst"  # "first", far commoner, is as near as "frost"


def test_a_phrase_that_sets_the_scene_before_the_question_still_asks() -> None:
    for message, question in [
        (
            "by the end of the film is she still single or what",
            "is she still single by the end of the film",
        ),
        ("in the book does he die?", "does he die in the book"),
        (
            "at the end of the film what happens to the dad",
            "what happens to the dad at the end of the film",
        ),
    ]:
        assert _asked(message) == [question]
    # a subject of its own after the phrase: the sentence tells
    assert _asked("in the end he leaves her") == []
    assert _asked("in the film the dad is blind right? who plays him")[0] == "who plays him"


def test_people_named_at_the_end_are_kept_but_the_people_asked_are_set_aside() -> None:
    assert _asked("why did she keep dating those guys") == ["why did she keep dating those guys"]
    assert _asked("who directed it guys") == ["who directed it"]


def test_like_that_at_the_end_points_back_at_nothing() -> None:
    # "genuinely curious" is a hedge, and "like that" says how much, not what was said before
    found = parts("genuinely curious 🤔 why did it make so much money like that?")
    assert [p.words for p in found] == [
        ("why", "did", "it", "make", "so", "much", "money", "like", "that")
    ]


def test_a_statement_telling_when_with_a_tag_is_context_for_the_question_after_it() -> None:
    found = parts("the music video went viral when it came out right? how many views did it get")
    assert [(p.asks, p.sentence) for p in found if p.sentence >= 0] == [(False, 0), (True, 1)]
    # a question word the statement ends on still asks: "she left him why?"
    assert parts("she left him why? who plays her")[0].asks


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("she walked out on him?? why tho", "why she walked out on him"),
        ("the dad loses his sight?? how come", "why the dad loses his sight"),
    ],
)
def test_a_bare_why_asks_why_of_what_was_said_before_it(message: str, question: str) -> None:
    assert _asked(message) == [question]


def test_which_one_asks_to_name_what_the_question_before_it_left_vague(
    matcher: Matcher,
) -> None:
    message = "wasn't it shot in some city up north? which one was it"
    assert _asked(message) == ["which ones was it shot in some city up north"]
    result = matcher.ask(message)
    assert result.matched and "Hailar" in result.reply


def test_a_question_word_inside_the_opening_phrase_asks_as_it_is(matcher: Matcher) -> None:
    # not "did they date for how long": a yes-no question it is not
    assert _asked("for how long did they date") == ["for how long did they date"]
    # ... and after "and" it is a second question, not a guess at the first one's answer
    found = parts("where was it shot and in what year")
    assert [p.words for p in found if p.sentence >= 0] == [
        ("where", "was", "it", "shot"),
        ("in", "what", "year"),
    ]
    result = matcher.ask("where was it shot and in what year")
    assert result.matched and result.fact is not None
    assert result.fact.id == "shooting-location"


def test_it_after_a_sentence_about_a_work_is_that_work(matcher: Matcher) -> None:
    # the music video's director, not the film's
    assert _asked("the music video is gorgeous. who directed it?") == [
        "who directed the music video"
    ]
    result = matcher.ask("the music video is gorgeous. who directed it?")
    assert result.matched and result.fact is not None
    assert result.fact.id == "music-video-director"
    # the film when the sentence before is about something else
    assert _asked("the ending was sad. who directed it?")[0] == "who directed it"


def test_she_among_two_people_named_is_the_woman(matcher: Matcher) -> None:
    # "she" is Xiaoxiao, not the film's director (the pack's one other woman)
    result = matcher.ask("jianqing and xiaoxiao broke my heart. what does she do for a living?")
    assert not (
        result.matched and result.fact is not None and result.fact.id == "director-profession"
    )
    assert any("Xiaoxiao" in s for s in result.suggestions)


@pytest.mark.parametrize(
    ("message", "fact_id"),
    [
        ("the trailer looks good. who directed it", "director"),
        ("the soundtrack is beautiful. who directed it", "director"),
        ("the trailer is great. when does it come out on netflix", "netflix-release-date"),
        ("the music video is gorgeous. who directed it", "music-video-director"),
    ],
)
def test_it_is_the_work_only_when_the_pack_answers_it_of_the_work(
    matcher: Matcher, message: str, fact_id: str
) -> None:
    # no fact says who directed the trailer: "it" is the film, as the documents know it
    result = matcher.ask(message)
    assert result.matched and result.fact is not None
    assert result.fact.id == fact_id


def test_a_pronoun_is_the_subject_only_when_the_pack_answers_it_of_them(
    matcher: Matcher,
) -> None:
    # "him" is the actor (the sentence's subject), but nobody directed the actor alone: the
    # question asks who directed the film he is praised in
    result = matcher.ask("tian zhuangzhuang is so good as the dad. who directed him")
    assert result.matched and result.fact is not None
    assert result.fact.id == "director"


@pytest.mark.parametrize(
    "message",
    [
        "tian zhuangzhuang is amazing as the dad, i heard he's a director too? "
        "what has he directed",
        "tian zhuangzhuang is so good as the dad. what has he directed",
    ],
)
def test_he_asking_is_the_person_named_even_when_refused(matcher: Matcher, message: str) -> None:
    # "he" is the subject of "directed": the actor, whose other work the documents never give;
    # falling back to the bare "what has he directed" answered with the film's director
    assert not matcher.ask(message).matched
