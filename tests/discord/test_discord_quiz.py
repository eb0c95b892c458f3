"""Quiz rounds in Discord: buttons, the Answer box, hints, skip/stop rights, timeouts, scores."""

from __future__ import annotations

import discord
import pytest
from discord_helpers import (
    World,
    assert_no_mentions_anywhere,
    card_fact,
    click_correct_option,
    correct_label,
    embed_text,
    question_cards,
    reply_text,
    wrong_label,
)

from bot.core.model import FactBase
from bot.core.storage import ScoreStore
from bot.discord_app.client import TriviaBot

# Waits longer than the settle timeout are parked until advance_time: with 2 s, the 3 s pause
# between questions and the 20 s question timer only pass when a test moves the clock.
pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)


def _embeds_titled(world: World, prefix: str) -> list[discord.Embed]:
    return [
        m.embeds[0]
        for m in world.channel.history()
        if m.embeds and (m.embeds[0].title or "").startswith(prefix)
    ]


async def test_buttons_round_counts_one_answer_per_player(
    world: World, fact_base: FactBase, store: ScoreStore
) -> None:
    started = await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    assert "started a round of 1 question" in started.response.content
    card = question_cards(world)[-1]
    assert len([c for row in card.components for c in row.children]) == 4

    wrong = await world.alice.click(card, label=wrong_label(card, fact_base))
    again = await world.alice.click(card, label=correct_label(card, fact_base))
    won = await world.bob.click(card, label=correct_label(card, fact_base))

    assert wrong.ephemeral and "Not that one" in wrong.response.content
    assert "already answered" in again.response.content  # a second click never counts
    assert won.response.content.startswith("Correct!")
    fact = card_fact(card, fact_base)
    reveal = _embeds_titled(world, "The answer")[-1]
    assert fact.answer in reveal.title and fact.source.title in embed_text(reveal)
    assert "bob" in embed_text(_embeds_titled(world, "Round over")[-1])
    bob = await store.player_stats(world.guild.id, world.bob.id)
    alice = await store.player_stats(world.guild.id, world.alice.id)
    assert bob is not None and bob.correct == 1 and bob.points > 0
    assert alice is not None and alice.points == 0 and alice.attempted == 1
    assert_no_mentions_anywhere(world.env)


async def test_the_question_view_ends_with_the_question(world: World, fact_base: FactBase) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    await click_correct_option(world, world.bob, fact_base)

    card = question_cards(world)[-1]
    buttons = [c for row in card.components for c in row.children]
    assert buttons and all(b.disabled for b in buttons)
    late = [b for b in buttons if b.style == discord.ButtonStyle.success]
    assert len(late) == 1 and late[0].label == correct_label(card, fact_base)


async def test_unanswered_question_times_out_and_reveals(world: World, fact_base: FactBase) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    card = question_cards(world)[-1]
    fact = card_fact(card, fact_base)

    await world.env.advance_time(25)

    reveal = _embeds_titled(world, "Time's up")[-1]
    assert fact.answer in reveal.title
    card = question_cards(world)[-1]
    assert all(b.disabled for row in card.components for b in row.children)


async def test_typed_round_takes_answers_from_the_answer_box(
    world: World, fact_base: FactBase, store: ScoreStore
) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="typed")
    card = question_cards(world)[-1]
    fact = card_fact(card, fact_base)

    box = await world.alice.click(card, label="Answer")
    wrong = await world.alice.submit_modal(box, {"answer": "definitely not it"})
    box = await world.bob.click(card, label="Answer")
    right = await world.bob.submit_modal(box, {"answer": fact.answer.upper()})

    assert "Not quite" in wrong.response.content and wrong.ephemeral
    assert right.response.content.startswith("Correct!")
    stats = await store.player_stats(world.guild.id, world.bob.id)
    assert stats is not None and stats.correct == 1


async def test_hint_is_shown_in_the_channel(world: World) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="typed")

    result = await world.bob.slash(world.channel, "quiz hint")

    assert result.ephemeral and result.response.content == "Hint shown."
    assert any(m.content.startswith("Hint for question 1") for m in world.channel.history())


async def test_hint_in_buttons_mode_rules_out_wrong_options(
    world: World, fact_base: FactBase
) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")

    await world.bob.slash(world.channel, "quiz hint")

    card = question_cards(world)[-1]
    buttons = [b for row in card.components for b in row.children]
    ruled_out = [b.label for b in buttons if b.disabled]
    assert ruled_out, "a hint greys out at least one option"
    assert correct_label(card, fact_base) not in ruled_out


async def test_only_the_starter_or_a_moderator_may_skip_or_stop(world: World) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=2, mode="choice")

    refused_skip = await world.bob.slash(world.channel, "quiz skip")
    refused_stop = await world.bob.slash(world.channel, "quiz stop")
    skipped = await world.admin.slash(world.channel, "quiz skip")

    assert "Only the player who started" in refused_skip.response.content
    assert "Only the player who started" in reply_text(refused_stop)
    assert skipped.response.content == "Skipped."
    assert _embeds_titled(world, "Skipped.")
    stopped = await world.alice.slash(world.channel, "quiz stop")
    assert reply_text(stopped) == "Round stopped."
    assert _embeds_titled(world, "Round stopped")
    again = await world.alice.slash(world.channel, "quiz hint")
    assert "No round is running" in again.response.content
    world.env.errors  # noqa: B018 - the refusals are expected


async def test_one_round_per_channel(world: World) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=1)

    second = await world.bob.slash(world.channel, "quiz start", questions=1)

    assert second.ephemeral and "already running" in second.response.content
    world.env.errors  # noqa: B018


async def test_round_refused_where_the_bot_cannot_post(world: World) -> None:
    bot_user = world.env.bot.user
    assert bot_user is not None
    muted = world.guild.create_text_channel(
        "announcements", overwrites={bot_user: discord.PermissionOverwrite(send_messages=False)}
    )

    result = await world.alice.slash(muted, "quiz start", questions=1)

    assert result.ephemeral and "I need Send Messages" in result.response.content
    assert not question_cards(world)
    world.env.errors  # noqa: B018


async def test_unknown_category_is_explained(world: World, fact_base: FactBase) -> None:
    result = await world.alice.slash(world.channel, "quiz start", category="cooking")

    assert result.ephemeral and "no category" in result.response.content
    assert fact_base.categories[0] in result.response.content
    world.env.errors  # noqa: B018


async def test_category_autocomplete(world: World, fact_base: FactBase) -> None:
    first = fact_base.categories[0]

    choices = await world.alice.autocomplete(world.channel, "quiz start", "category", first[:3])

    assert first in [c["value"] for c in choices]


async def test_leaderboard_and_stats_after_a_round(world: World, fact_base: FactBase) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    await click_correct_option(world, world.bob, fact_base)

    board = await world.alice.slash(world.channel, "leaderboard", sort="wins")
    stats = await world.alice.slash(world.channel, "stats", user=world.bob)
    mine = await world.alice.slash(world.channel, "stats")

    assert board.response.embeds[0].description.startswith("**1.** bob")
    fields = {f.name: f.value for f in stats.response.embeds[0].fields}
    assert fields["Rank"] == "1 of 1" and fields["Rounds"] == "1 played, 1 won"
    assert "No quiz answers yet" in mine.response.embeds[0].description
    glob = await world.alice.slash(world.channel, "leaderboard", scope="global")
    assert "all servers" in glob.response.embeds[0].title


async def test_shutdown_announces_and_stops_running_rounds(world: World, store: ScoreStore) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=3, mode="choice")
    bot = world.env.bot
    assert isinstance(bot, TriviaBot)

    await bot.wind_down()
    await world.env.settle()

    summary = _embeds_titled(world, "Round stopped: the bot is shutting down")
    assert summary
    card = question_cards(world)[-1]
    assert all(b.disabled for row in card.components for b in row.children)
    history = await store.round_history(world.guild.id)
    assert history[0].end_reason == "shutdown"


async def test_leaderboard_pages_with_buttons(world: World, store: ScoreStore) -> None:
    round_id = await store.start_round(
        guild_id=world.guild.id,
        channel_id=world.channel.id,
        starter_id=1,
        mode="typed",
        questions=12,
    )
    for n in range(12):  # twelve players, player 0 best: two pages of ten
        await store.record_award(
            round_id=round_id,
            question_index=n,
            fact_id="director",
            guild_id=world.guild.id,
            user_id=1000 + n,
            user_name=f"player{n:02}",
            points=100 - n,
            streak=1,
        )

    first = await world.alice.slash(world.channel, "leaderboard")
    embed = first.response.embeds[0]
    assert embed.description.startswith("**1.** player00") and "player10" not in embed.description
    assert embed.footer.text.startswith("page 1/2")
    second = await world.bob.click(first.response.message, label="Next ▶")

    page2 = second.response.embeds[0]
    assert page2.description.startswith("**11.** player10") and "player11" in page2.description
    buttons = {
        b.label: b.disabled for row in second.response.message.components for b in row.children
    }
    assert buttons == {"◀ Previous": False, "Next ▶": True}
