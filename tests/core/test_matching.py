"""/ask matching on the shipped pack: right facts, honest refusals, bounded input handling."""

from __future__ import annotations

import pytest

from bot.core.matching import MAX_QUESTION_CHARS, Matcher
from bot.core.model import Alias, Document, Fact, FactBase, Source


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("who is the scriptwriter", "script-writer-zhang-biyai"),  # = who wrote the script
        ("which season did they film in", "shooting-season"),  # a season is a when
        ("when did it hit theaters", "release-date"),  # "hit <screens>" is a release
        ("what is jianqing's dream", "plot-jianqing-dream"),  # dream = ambition
        ("how often does lin jianqing visit his dad", "wynne-father-once-a-year"),  # a count
        ("mark lee ping-bing's job on the film", "cinematographer"),  # his credit is his job
        ("tian zhuangzhuang character", "role-tian-zhuangzhuang"),  # character = role
        ("who directed the netflix film", "director"),  # a name for the film, not Netflix
    ],
)
def test_general_vocabulary_reaches_unwritten_phrasings(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    result = matcher.ask(question)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == fact_id


def test_an_everyday_word_reaches_its_fact_even_when_the_bot_asks_back(matcher: Matcher) -> None:
    # check = inspect: the inspector's fact ranks first; the decision may still prefer to offer
    # it ("did you mean") over answering, but never answers with another fact
    question = "who checked her ticket on the train"
    assert matcher.rank(question, 1)[0].entry.fact.id == "wynne-ticket-inspector"
    result = matcher.ask(question)
    if result.matched:
        assert result.fact is not None and result.fact.id == "wynne-ticket-inspector"
    else:
        assert result.suggested[0].id == "wynne-ticket-inspector"


@pytest.mark.parametrize(
    ("question", "fact_ids"),
    [
        ("who was behind the camera on this film", {"director", "flixxpanda-director"}),
        ("how small is their flat", {"wynne-shoebox-apartment", "plot-tiny-room"}),  # tiny
        ("did she truly love him", {"plot-was-it-real"}),  # "truly" says no more than "really"
        # whether they walk, not how many of them do
        ("did they walk home in the snow", {"wynne-walk-in-snow"}),
        ("what name does the father call jianqing's wife", {"plot-father-calls-wife-xiaoxiao"}),
    ],
)
def test_everyday_words_and_question_forms(
    matcher: Matcher, question: str, fact_ids: set[str]
) -> None:
    result = matcher.ask(question)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id in fact_ids


def test_a_job_word_does_not_turn_a_character_into_an_answer(matcher: Matcher) -> None:
    # the documents never give Xiaoxiao's job; a fact whose answer is "Xiaoxiao" is no reply
    assert not matcher.ask("what is xiaoxiao's job").matched


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("who directed us and them", "director"),
        ("who direced us n them", "director"),  # typo, `n` for "and"
        ("WHO DIRECTED IT???", "director"),  # "it" is the film
        ("who plays xiao xiao", "cast-xiaoxiao"),  # spacing variant of Xiaoxiao
        ("who played Fang Xiaoxiao", "cast-xiaoxiao"),
        ("where was it filmed", "shooting-location"),
        ("where was it filmd", "shooting-location"),  # "-ed" typed without its "e"
        ("when was it filmed", "shooting-season"),  # same words, another intent
        ("cinematographer", "cinematographer"),  # a one-word keyword query
        ("who is rene lui", "director-profession"),  # a swapped pair of letters in a name
        ("who is jianqing", "cast-jianqing"),  # a character alone: who plays them
        ("who is xiaoxiao", "cast-xiaoxiao"),
        ("who plays jianquing", "cast-jianqing"),
        ("who direcotr the flim", "director"),
        ("was it filmed in hailer", "shooting-location"),  # a yes/no question naming the answer
        ("who is zhou dongyu in the movie", "role-zhou-dongyu"),  # a person in the film: a role
    ],
)
def test_answers_chat_style_questions(matcher: Matcher, question: str, fact_id: str) -> None:
    result = matcher.ask(question)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == fact_id
    assert result.fact.text in result.reply
    assert result.fact.source.title in result.reply  # every answer cites its document
    assert 0 <= result.score <= 100


@pytest.mark.parametrize(
    "question",
    [
        "who directed titanic",  # another film: the director fact must not answer it
        "what is the imdb rating",  # a source the documents never mention
        "what was the budget",
        "is jackie chan in it",  # "Chan" is Eason Chan's surname, not Jackie's
        "was zhang yimou involved",  # one letter group from Zhang Yibai, still another person
        "who is jason chan",  # one letter from Eason, still another person
        "did it make 290 million",  # not $209 million
        "asdfghjkl",
        "what's 2+2",
        "whats your favourite scene",  # asks the bot itself, not the documents
        "what is your favorite song",
        "thanks bot, love you",  # chat around one ordinary word
        # never named; the fact that his father calls her Xiaoxiao by mistake is no answer
        "what's the name of jianqing's wife",
    ],
)
def test_refuses_what_the_documents_do_not_say(matcher: Matcher, question: str) -> None:
    result = matcher.ask(question)
    assert not result.matched
    assert result.fact is None and result.reply == ""
    assert "don't know" in result.refusal
    assert len(result.suggestions) <= 3


def test_near_miss_offers_questions_the_bot_can_answer(matcher: Matcher) -> None:
    result = matcher.ask("who directed titanic")
    assert result.suggestions, "a near miss should come with 'did you mean' questions"
    assert any("direct" in s.lower() for s in result.suggestions)
    for suggestion in result.suggestions:
        assert matcher.ask(suggestion).matched, suggestion


def test_a_list_answer_gives_every_item_with_its_source(matcher: Matcher) -> None:
    """ "how much did it make": every box-office figure, each cited, none called a conflict."""
    result = matcher.ask("how much did it make")
    assert result.matched and result.fact is not None
    ids = {f.id for f in result.listed}
    assert {
        "box-office-gross-209m",
        "box-office-ten-days-200m",
        "box-office-two-weekends-191m",
    } <= (ids)
    assert f"{len(result.listed)} facts answer this" in result.reply
    for item in result.listed:
        assert item.text in result.reply
    assert result.reply.count("Source: ") == len(result.listed)
    assert "disagree" not in result.reply


def test_the_credited_writers_come_with_the_script_credit(matcher: Matcher) -> None:
    result = matcher.ask("who wrote the script")
    assert result.matched
    assert "Yuan Yuan, He Yuming, Pan Wei, An Zhen and Liu Ruoying" in result.reply
    assert "Zhang Yibai" in result.reply


def test_who_wrote_the_film_is_its_script_not_the_letter_in_its_plot(matcher: Matcher) -> None:
    for question in ("who wrote it", "who wrote us and them"):
        result = matcher.ask(question)
        assert result.fact is not None and result.fact.id == "script-writer-zhang-biyai"


def test_one_figure_asked_for_comes_alone_with_related_figures_worded_as_such(
    matcher: Matcher,
) -> None:
    result = matcher.ask("how much did it make in the first 2 weekends")
    assert result.matched and result.fact is not None
    assert result.fact.id == "box-office-two-weekends-191m" and not result.listed
    assert result.reply.index("$191 million") < result.reply.index("Related, not a contradiction")
    assert "$209 million" in result.reply and "disagree" not in result.reply


def test_disagreeing_documents_show_every_claim(matcher: Matcher, fact_base: FactBase) -> None:
    fact = next(f for f in fact_base.facts if f.disagrees_with)
    result = matcher.ask(fact.questions[0])
    assert result.matched and result.fact is not None
    others = fact_base.disagreeing(result.fact)
    assert result.also == others and others
    assert "The sources disagree about this:" in result.reply
    for claim in (result.fact, *others):
        assert claim.text in result.reply
        assert claim.source.title in result.reply


@pytest.mark.parametrize(
    "question",
    ["", "   \t\n", "?!...", "\x00\x1b[31m\x07", "who " * 2_500, "x" * 10_000],
)
def test_bad_input_gets_a_clear_reply(matcher: Matcher, question: str) -> None:
    result = matcher.ask(question)
    assert not result.matched
    assert result.refusal
    if len(question) > MAX_QUESTION_CHARS:
        assert f"{MAX_QUESTION_CHARS}" in result.refusal  # says how long a question may be


def test_control_characters_inside_a_real_question(matcher: Matcher) -> None:
    result = matcher.ask("who\x00 directed\u200b it\x1b")
    assert result.matched and result.fact is not None and result.fact.id == "director"


def test_autocomplete(matcher: Matcher) -> None:
    found = matcher.autocomplete("who dir", limit=10)
    assert found and len(found) <= 10
    assert all(len(q) <= 100 for q in found)
    assert any(q.lower().startswith("who dir") for q in found)
    assert len(matcher.autocomplete("", limit=25)) == 25
    assert matcher.autocomplete("\x00" * 500) == [] or all(len(q) <= 100 for q in found)
    # a misspelt prefix still offers questions about the same thing
    assert any("direct" in q.lower() for q in matcher.autocomplete("directer"))


def _tiny_base() -> FactBase:
    text = "Alpha Film was directed by Ann Lee in Oslo in 2001."
    doc = Document("wiki", "doc.txt", "Doc", "encyclopedia", text)
    source = Source("doc.txt", text, "Doc")

    def fact(fid: str, questions: tuple[str, ...], answer: str, kind: str) -> Fact:
        return Fact(fid, "film", questions, answer, (), f"{fid}: {answer}.", kind, None, source,
                    (), "tiny.yaml", 1)  # fmt: skip

    return FactBase(
        facts=(
            fact("director", ("who directed alpha film",), "Ann Lee", "person"),
            fact("city", ("where was alpha film made",), "Oslo", "place"),
            fact("year", ("when was alpha film made",), "2001", "year"),
        ),
        quotes=(),
        aliases=(Alias("Ann Lee", "person", ("Annie Lee",)),),
        documents={"doc.txt": doc},
        films=("Alpha Film",),
        film_references=("the film", "it"),
        files=("tiny.yaml",),
    )


def test_intent_words_separate_facts_that_share_every_other_word() -> None:
    matcher = Matcher(_tiny_base())
    where = matcher.ask("where was it made")
    when = matcher.ask("when was it made")
    assert where.fact is not None and where.fact.id == "city"
    assert when.fact is not None and when.fact.id == "year"


def test_numbers_and_unknown_names_are_not_fuzzy() -> None:
    matcher = Matcher(_tiny_base())
    assert matcher.ask("who directed it").matched
    assert not matcher.ask("who directed beta film").matched  # "beta" is no film here
    assert not matcher.ask("what was made in 2011").matched


@pytest.mark.parametrize(
    ("message", "fact_ids"),
    [
        (
            "hey all, random q but does anyone remember who sang the song at the end of this "
            "one? it made me cry",
            {"theme-song-singer"},
        ),
        ("sorry if dumb but who plays the girl", {"cast-xiaoxiao"}),
        ("hi guys! can someone tell me who plays jianqing? he was so good", {"cast-jianqing"}),
        ("just finished it and im a wreck. why did they break up", {"wynne-why-broke-up"}),
        ("quick one: where was it shot", {"shooting-location"}),
        ("yo does anybody know how much it made at the box office", {"box-office-gross-209m"}),
        # two questions: the first is answered
        ("who directed it? and who shot it?", {"director"}),
    ],
)
def test_answers_the_question_inside_a_chat_message(
    matcher: Matcher, message: str, fact_ids: set[str]
) -> None:
    result = matcher.ask(message)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id in fact_ids


@pytest.mark.parametrize(
    "message",
    [
        "hey all, who directed titanic? loved that one",  # the question is about another film
        "just watched it. what should i watch next?",  # context alone answers nothing
        "random q but whats everyone's favourite movie",
        "sorry if dumb but did it win an oscar",
    ],
)
def test_chat_around_an_unanswerable_question_is_still_refused(
    matcher: Matcher, message: str
) -> None:
    assert not matcher.ask(message).matched


@pytest.mark.parametrize(
    ("question", "fact_ids"),
    [
        ("did this movie make bank", {"box-office-gross-209m"}),  # earn a lot
        ("how did it do financially", {"box-office-gross-209m"}),
        ("is jing boran able to hold his liquor", {"jing-boran-allergic-alcohol"}),
        # walk out on someone = leave them
        ("what was jianqing doing when xiaoxiao walked out on him", {"plot-breakup-while-gaming"}),
        ("when did the music video drop", {"music-video-release-date"}),  # drop = release
        # the head of a relative clause says no more than "who": "who shot the film"
        ("who is the guy that shot the film", {"cinematographer"}),
        ("how did the daily dot sum it up", {"critic-eddie-strait-quote"}),  # sum up = say
    ],
)
def test_chat_idioms_reach_their_facts(matcher: Matcher, question: str, fact_ids: set[str]) -> None:
    result = matcher.ask(question)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id in fact_ids


@pytest.mark.parametrize(
    ("message", "fact_ids"),
    [
        # hedges and fillers ("even", "kinda", "nah") say nothing a fact could
        ("what rating did douban give it, kinda curious", {"douban-score"}),
        ("is it even on netflix or nah", {"netflix-this-june", "distributor-international"}),
    ],
)
def test_fillers_do_not_drag_a_question_down(
    matcher: Matcher, message: str, fact_ids: set[str]
) -> None:
    result = matcher.ask(message)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id in fact_ids


def test_asking_the_channel_or_for_a_tip_is_not_a_question_about_the_film(
    matcher: Matcher,
) -> None:
    assert not matcher.ask("recommend me a movie").matched
    assert not matcher.ask("whats everyone's favourite movie").matched


def test_a_question_pointing_back_is_read_with_the_sentence_before(matcher: Matcher) -> None:
    # "that" and "him" point to the sentence before: jing boran's gray hair
    result = matcher.ask("jing boran's gray hair in this was wild. was that a first for him?")
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == "jing-boran-gray-hair"


def test_what_the_sentence_before_names_can_make_it_another_film(matcher: Matcher) -> None:
    # "it" is Titanic here: a name no fact knows, told just before the question
    assert not matcher.ask("i loved titanic. who directed it?").matched


@pytest.mark.parametrize(
    ("question", "fact_ids"),
    [
        ("what tongue is the film in", {"language"}),
        ("who turned rene liu's tale into a script", {"script-made-by-zhang-yibai"}),
        ("by the end, has xiaoxiao settled down", {"plot-xiaoxiao-single"}),  # married
        ("how did jianqing get roughed up at work", {"plot-fight-with-caller"}),
        (
            "what was the temp in hailar",
            {"shoot-temperature-minus-40", "shoot-temperature-minus-30", "hailar-coldest"},
        ),
        ("did the freezing shoot pay off for rene liu", {"hailar-worth-it"}),  # worth it
        ("what was the blogger's verdict", {"wynne-favorite-movie"}),  # a blog is a review
        ("who did xiaoxiao bring her flames to meet", {"wynne-introduced-boyfriends"}),
        ("is the story run of the mill", {"flixxpanda-familiar-plot"}),
        # the pack's names for people, in the words the matcher reads them by ("lady": woman)
        ("did the leading lady enjoy the shoot", {"zhou-dongyu-rarely-so-happy"}),
    ],
)
def test_paraphrases_in_everyday_words_reach_their_facts(
    matcher: Matcher, question: str, fact_ids: set[str]
) -> None:
    result = matcher.ask(question)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id in fact_ids


def test_the_pack_knows_what_fans_call_a_character(matcher: Matcher) -> None:
    # the ticket inspector is "the conductor" to a fan; the message before says who "he" is
    result = matcher.ask(
        "the conductor on the train was so mean to her. what did he threaten her with?"
    )
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == "wynne-inspector-fine"


def test_a_describing_word_no_fact_has_weighs_less_than_a_name(matcher: Matcher) -> None:
    # "trudging" says how they walked; "titanic" would name another film
    result = matcher.ask("how did they keep warm while trudging home in the snow")
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == "wynne-alcohol-warm"
    assert not matcher.ask("how did they keep warm while watching titanic").matched


@pytest.mark.parametrize(
    "question",
    [
        "what was the box office in the us",  # the United States, not the title's "us"
        "jing boran star sign",  # a star sign is no cast credit
    ],
)
def test_words_that_look_like_the_pack_but_mean_something_else(
    matcher: Matcher, question: str
) -> None:
    assert not matcher.ask(question).matched


def test_the_title_and_an_age_question_still_answer(matcher: Matcher) -> None:
    result = matcher.ask("us and them box office")
    assert result.matched and result.fact is not None and result.fact.group == "box-office"
    result = matcher.ask("xiaoxiao age on the train")  # "age" asks how old
    assert result.matched and result.fact is not None
    assert result.fact.id == "wynne-xiaoxiao-age-train"


def test_a_question_worded_like_the_facts_quiz_card_is_answered(matcher: Matcher) -> None:
    # the card asks "What does Jianqing's father reveal about his health?"; no phrasing of the
    # fact says "reveal" or "health": the card is one more way of asking for it
    result = matcher.ask("what does jianqing's dad reveal about his health")
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == "plot-father-going-blind"


@pytest.mark.parametrize(
    "fact_id",
    [
        "theme-song-writer",
        "theme-song-composer",
        # neighbours whose describing phrasings once took each other's own words
        "plot-past-in-colour",
        "plot-present-black-and-white",
        "box-office-opening-weekend",
        "box-office-opening-holiday",
        "wynne-why-broke-up",
        "wynne-drift-apart",
    ],
)
def test_a_facts_own_phrasing_answers_that_fact(
    matcher: Matcher, fact_base: FactBase, fact_id: str
) -> None:
    """Asked word for word, a phrasing answers its own fact: the composer's "tune for the theme
    song" never takes "who wrote the theme song" from its writer."""
    answers = {q: matcher.ask(q).fact for q in fact_base.by_id[fact_id].questions}
    assert {q: f.id if f else None for q, f in answers.items() if not f or f.id != fact_id} == {}


def test_what_the_blogger_thought_of_the_film_is_not_what_she_thought_of_beijing(
    matcher: Matcher,
) -> None:
    result = matcher.ask("what did the blogger think of the film")
    assert result.fact is not None and result.fact.id == "wynne-favorite-movie"


def test_the_theme_song_writer_is_asked_for_by_the_lyrics(matcher: Matcher) -> None:
    result = matcher.ask("who wrote the theme song? the lyrics i mean")
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == "theme-song-writer"
