"""Buttons whose view is gone (the bot restarted or crashed) get a short private answer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import simcord
from discord_helpers import World, option_labels, question_cards
from test_discord_ask import VAGUE_QUESTIONS

from bot.core.knowledge import Knowledge
from bot.core.storage import ScoreStore
from bot.discord_app.client import TriviaBot

pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)

ROUND_ENDED = "This round has ended."
RESULTS_EXPIRED = "These results have expired, run the command again."


def _private_reply(result: simcord.InteractionResult) -> str:
    assert result.response is not None, "the click got no answer: 'This interaction failed'"
    assert result.ephemeral
    return result.response.content


async def test_quiz_buttons_of_a_round_lost_in_a_restart_say_the_round_ended(
    world: World, make_bot: Callable[..., TriviaBot]
) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=3, mode="choice")
    choice_card = question_cards(world)[-1]
    await world.env.restart_bot(make_bot())  # a crash: nothing disabled the buttons

    clicked = await world.bob.click(choice_card, label=option_labels(choice_card)[0])

    assert _private_reply(clicked) == ROUND_ENDED


async def test_answer_button_of_a_lost_typed_round_says_the_round_ended(
    world: World, make_bot: Callable[..., TriviaBot]
) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=3, mode="typed")
    typed_card = question_cards(world)[-1]
    await world.env.restart_bot(make_bot())

    clicked = await world.bob.click(typed_card, label="Answer")

    assert _private_reply(clicked) == ROUND_ENDED


async def test_live_buttons_still_get_exactly_their_own_answer(world: World) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=3, mode="choice")
    card = question_cards(world)[-1]

    clicked = await world.bob.click(card, label=option_labels(card)[0])

    reply = _private_reply(clicked)
    assert reply != ROUND_ENDED and not clicked.followups
    assert not world.env.errors  # no second (refused) reply attempt


async def test_did_you_mean_buttons_after_a_restart_say_run_it_again(
    world: World, knowledge: Knowledge, make_bot: Callable[..., TriviaBot]
) -> None:
    question = next(q for q in VAGUE_QUESTIONS if knowledge.matcher.ask(q).suggestions)
    asked = await world.alice.slash(world.channel, "ask", question=question)
    labels = [c["label"] for row in asked.response.components for c in row["components"]]
    await world.env.restart_bot(make_bot())

    clicked = await world.bob.click(asked.response.message, label=labels[0])

    assert _private_reply(clicked) == RESULTS_EXPIRED


async def test_leaderboard_pager_after_a_restart_says_run_it_again(
    world: World, store: ScoreStore, make_bot: Callable[..., TriviaBot]
) -> None:
    round_id = await store.start_round(
        guild_id=world.guild.id, channel_id=world.channel.id, starter_id=1, mode="typed",
        questions=12,
    )  # fmt: skip
    for player in range(12):  # two pages of ten
        await store.record_award(
            round_id=round_id, question_index=player, fact_id="x", guild_id=world.guild.id,
            user_id=1000 + player, user_name=f"player{player}", points=10 + player, streak=1,
        )  # fmt: skip
    board = await world.alice.slash(world.channel, "leaderboard")
    await world.env.restart_bot(make_bot())

    clicked = await world.bob.click(board.response.message, label="Next ▶")

    assert _private_reply(clicked) == RESULTS_EXPIRED
