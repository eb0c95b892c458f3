"""Fair play: cooldowns on /ask, /quote and /quiz start, refused privately with the time left."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from discord_helpers import World

from bot.discord_app.client import TriviaBot
from bot.discord_app.errors import UserFacingError

pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)

QUESTION = "who directed us and them"


def _only_refusals(world: World) -> None:
    """Refusals go through the one error handler, which simcord records; nothing else may."""
    assert world.env.errors
    assert all(isinstance(e, UserFacingError) for e in world.env.errors), world.env.errors


async def test_a_second_ask_within_the_cooldown_is_refused_with_the_time_left(
    world: World,
) -> None:
    first = await world.alice.slash(world.channel, "ask", question=QUESTION)
    second = await world.alice.slash(world.channel, "ask", question=QUESTION)
    other_player = await world.bob.slash(world.channel, "ask", question=QUESTION)

    assert first.response.embeds and not first.ephemeral
    assert second.ephemeral and not second.response.embeds
    assert second.response.content == "Slow down: you can use /ask again in 3 s."
    assert other_player.response.embeds  # per player: bob was not limited by alice

    await world.env.advance_time(3.1)
    later = await world.alice.slash(world.channel, "ask", question=QUESTION)
    assert later.response.embeds and not later.ephemeral
    _only_refusals(world)


async def test_quote_has_its_own_cooldown(world: World) -> None:
    await world.alice.slash(world.channel, "ask", question=QUESTION)

    quote = await world.alice.slash(world.channel, "quote")
    again = await world.alice.slash(world.channel, "quote")

    assert quote.response.embeds  # /ask's cooldown does not hold back /quote
    assert again.ephemeral
    assert again.response.content == "Slow down: you can use /quote again in 3 s."
    _only_refusals(world)


async def test_admins_set_a_channel_cooldown_that_outlives_a_restart(
    world: World, make_bot: Callable[..., TriviaBot]
) -> None:
    changed = await world.admin.slash(
        world.channel, "cooldowns", command="quiz start", per_channel=90
    )
    assert changed.ephemeral
    assert "`/quiz start`: off / 90 s" in changed.response.content
    started = await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    await world.alice.slash(world.channel, "quiz stop")

    refused = await world.bob.slash(world.channel, "quiz start", questions=1)

    assert "started a round" in started.response.content
    assert refused.ephemeral
    assert refused.response.content == (
        "Slow down: /quiz start can be used in this channel again in 1 min 30 s."
    )
    _only_refusals(world)
    await world.env.restart_bot(make_bot())
    shown = await world.admin.slash(world.channel, "cooldowns")
    assert "`/quiz start`: off / 90 s" in shown.response.content
    assert "`/ask`: 3 s / off" in shown.response.content


async def test_players_cannot_change_cooldowns(world: World) -> None:
    bot = world.env.bot
    assert isinstance(bot, TriviaBot)
    assert "cooldowns" not in world.alice.available_commands(world.channel)
    command = next(c for c in await bot.tree.fetch_commands() if c.name == "cooldowns")
    world.guild.set_command_permissions(command, {world.guild.default_role: True})

    refused = await world.alice.slash(world.channel, "cooldowns", command="ask", per_user=0)

    assert refused.ephemeral and "Manage Server" in refused.response.content
    world.env.errors  # noqa: B018 - acknowledge the expected check failure
    shown = await world.admin.slash(world.channel, "cooldowns")
    assert "`/ask`: 3 s / off" in shown.response.content


async def test_changing_a_value_without_naming_the_command_explains_how(world: World) -> None:
    result = await world.admin.slash(world.channel, "cooldowns", per_user=5)

    assert result.ephemeral
    assert result.response.content.startswith("Say which command to change")
    _only_refusals(world)
