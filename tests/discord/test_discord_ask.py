"""/ask, its autocomplete and "did you mean" buttons, /quote and /facts info, through simcord."""

from __future__ import annotations

import re

import pytest
from discord.utils import escape_markdown
from discord_helpers import (
    World,
    assert_no_mentions_anywhere,
    card_fact,
    click_correct_option,
    embed_text,
    question_cards,
)

from bot.core.knowledge import Knowledge
from bot.core.matching import Matcher
from bot.core.model import FactBase
from bot.core.spoilers import ask_spoils
from bot.core.text import normalize

pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)


async def test_ask_answers_with_the_fact_and_its_source(world: World, fact_base: FactBase) -> None:
    director = fact_base.by_id["director"]

    result = await world.alice.slash(world.channel, "ask", question="who directed us and them")

    embed = result.response.embeds[0]
    assert "Rene Liu" in embed.description
    assert embed.description.startswith("*Answering: Who directed Us and Them?*")
    source = next(f for f in embed.fields if f.name == "Source")
    assert director.source.title in source.value
    assert not result.ephemeral  # an answer is for the whole channel
    assert_no_mentions_anywhere(world.env)


async def test_ask_escapes_what_the_user_typed(world: World) -> None:
    answered = await world.alice.slash(world.channel, "ask", question="**who** directed it")
    refused = await world.bob.slash(
        world.channel, "ask", question="__@everyone__ who directed titanic"
    )

    assert "\\*\\*who\\*\\*" in answered.response.embeds[0].title  # shown as typed, not bold
    assert "\\_\\_@everyone\\_\\_" in refused.response.content
    assert_no_mentions_anywhere(world.env)  # and "@everyone" pings nobody


async def test_ask_says_it_does_not_know_about_other_films(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question="who directed titanic")

    assert not result.response.embeds
    assert "don't know" in result.response.content.lower()


async def test_ask_with_nothing_to_go_on_says_what_can_be_asked(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", question="???")

    # as the console says it (bot.core.replies), not "I don't know that one"
    assert "Ask me something about Us and Them" in result.response.content
    assert "don't know" not in result.response.content


VAGUE_QUESTIONS = ("what did critics say", "who is the mother", "critics", "the mother")


async def test_unsure_answer_offers_did_you_mean_buttons_that_answer(
    world: World, knowledge: Knowledge
) -> None:
    # A question the matcher is unsure about (checked here so a better matcher fails loudly).
    question = next((q for q in VAGUE_QUESTIONS if knowledge.matcher.ask(q).suggestions), None)
    assert question is not None, "no vague question gets suggestions any more; update the list"
    expected = knowledge.matcher.ask(question).suggestions

    result = await world.alice.slash(world.channel, "ask", question=question)

    labels = [c["label"] for row in result.response.components for c in row["components"]]
    assert labels == [s[:80] for s in expected]
    clicked = await world.bob.click(result.response.message, label=labels[0])
    embed = clicked.response.embeds[0]
    assert embed.title == escape_markdown(expected[0])[:256]
    assert embed.fields[0].name == "Source"


async def test_ask_autocomplete_suggests_questions_as_the_user_types(world: World) -> None:
    choices = await world.alice.autocomplete(world.channel, "ask", "question", "who dir")

    assert 1 <= len(choices) <= 25
    assert any("direct" in c["name"].lower() for c in choices)
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


async def test_quote_by_speaker_shows_speaker_and_source(world: World) -> None:
    result = await world.alice.slash(world.channel, "quote", query="xiaoxiao")

    text = embed_text(result.response.embeds[0])
    assert "Xiaoxiao" in text
    assert "Source" in text


async def test_quote_without_query_is_a_random_quote(world: World, fact_base: FactBase) -> None:
    result = await world.alice.slash(world.channel, "quote")

    description = result.response.embeds[0].description
    assert any(q.text in description for q in fact_base.quotes)


async def test_quote_with_nothing_matching_says_so_privately(world: World) -> None:
    result = await world.alice.slash(world.channel, "quote", query="zzqxv wvvq")

    assert result.ephemeral
    assert "No quote matches" in result.response.content


async def test_facts_info_counts_what_is_loaded(world: World, fact_base: FactBase) -> None:
    result = await world.alice.slash(world.channel, "facts info")

    fields = {f.name: f.value for f in result.response.embeds[0].fields}
    assert fields["Facts"] == str(len(fact_base.facts))
    assert fields["Quotes"] == str(len(fact_base.quotes))
    for category in fact_base.categories:
        assert category in fields["Categories"]
    for document in fact_base.documents.values():
        assert document.title in fields["Sources"]


async def test_no_spoilers_while_a_quiz_question_is_open(world: World, fact_base: FactBase) -> None:
    """/ask about the open question answers privately that it must wait, then answers
    privately after the reveal; autocomplete leaves out entries naming the answer."""
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    fact = card_fact(question_cards(world)[-1], fact_base)

    held = await world.bob.slash(world.channel, "ask", question=fact.questions[0])
    choices = await world.bob.autocomplete(world.channel, "ask", "question", fact.answer[:20])

    assert held.ephemeral and "No spoilers" in held.response.content
    assert not held.response.embeds
    answer = re.compile(
        rf"\b{re.escape(normalize(fact.answer))}\b"
    )  # as a word, not "we" in "were"
    assert not [c["name"] for c in choices if answer.search(normalize(c["name"]))]
    await click_correct_option(world, world.alice, fact_base)  # the reveal
    await world.env.advance_time(2)
    assert held.followups, "the held answer comes once the question is revealed"
    assert fact.text in embed_text(held.followups[-1].embeds[0])


async def test_ask_about_something_else_during_a_round_answers_for_all(
    world: World, fact_base: FactBase
) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    fact = card_fact(question_cards(world)[-1], fact_base)
    # A question whose answer does not give this round's answer away (the round's fact is random).
    matcher = Matcher(fact_base)
    other = next(
        q
        for q in ("where was it filmed", "who produced it", "what language is it in")
        if not ask_spoils(fact, matcher.ask(q))
    )

    result = await world.bob.slash(world.channel, "ask", question=other)

    assert not result.ephemeral and result.response.embeds
