"""Admin commands: hidden by default permissions, refused at run time, reload swaps atomically."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
import simcord
from discord_helpers import World, assert_no_mentions_anywhere, click_correct_option, reply_text

from bot.core.model import FactBase
from bot.discord_app.client import TriviaBot

# Waits longer than the settle timeout are parked: with 2 s, the metrics' 3.5 s "answered in
# time?" timer that every interaction starts does not hold each command up for 3.5 s.
pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)
# A reload parses YAML and builds indexes in a thread, which settling waits for: more time.
RELOADS = pytest.mark.simcord(shard_count=1, settle_timeout=5.0)
ADMIN_COMMANDS = ("facts-reload", "quizset", "scores", "sync")


async def _grant_to_everyone(world: World, name: str) -> None:
    """What a server admin can do in Integrations: let @everyone use an admin command."""
    bot = world.env.bot
    assert isinstance(bot, TriviaBot)
    command = next(c for c in await bot.tree.fetch_commands() if c.name == name)
    world.guild.set_command_permissions(command, {world.guild.default_role: True})


async def test_admin_commands_are_hidden_from_members(world: World) -> None:
    visible_to_member = world.alice.available_commands(world.channel)
    visible_to_admin = world.admin.available_commands(world.channel)

    for name in ADMIN_COMMANDS:
        assert not any(c.split()[0] == name for c in visible_to_member), name
    for name in ("facts-reload", "quizset", "scores reset"):
        assert name in visible_to_admin
    assert {"ask", "quote", "facts info", "quiz start", "leaderboard"} <= set(visible_to_member)


async def test_member_granted_an_admin_command_is_still_refused_at_run_time(
    world: World, fact_base: FactBase
) -> None:
    await _grant_to_everyone(world, "facts-reload")

    result = await world.alice.slash(world.channel, "facts-reload")

    assert result.ephemeral
    assert "Manage Server" in result.response.content
    assert world.env.errors  # the check failure went through the one error handler


@RELOADS
async def test_reload_replies_with_counts(world: World, fact_base: FactBase) -> None:
    result = await world.admin.slash(world.channel, "facts-reload")

    text = reply_text(result)
    assert f"{len(fact_base.facts)} facts" in text
    assert f"{len(fact_base.quotes)} quotes" in text


@RELOADS
async def test_broken_pack_is_refused_and_the_old_facts_keep_serving(
    world: World, facts_dir: Path
) -> None:
    pack = next(facts_dir.rglob("*.yaml"))
    pack.write_text(pack.read_text(encoding="utf-8") + "\nfacts: [unclosed\n", encoding="utf-8")

    result = await world.admin.slash(world.channel, "facts-reload")

    text = reply_text(result)
    assert "Reload refused" in text
    assert f"{pack.name}:" in text  # FILE:LINE of the first problem
    world.env.settle_timeout = 2.0  # no reload from here on (see pytestmark)
    answer = await world.alice.slash(world.channel, "ask", question="who directed us and them")
    assert "Rene Liu" in answer.response.embeds[0].description


async def test_quizset_shows_and_changes_settings(world: World) -> None:
    shown = await world.admin.slash(world.channel, "quizset")
    fields = {f.name: f.value for f in shown.response.embeds[0].fields}
    assert fields["Questions per round"] == "10"

    changed = await world.admin.slash(
        world.channel, "quizset", questions=3, mode="choice", seconds=30
    )
    fields = {f.name: f.value for f in changed.response.embeds[0].fields}
    assert (fields["Questions per round"], fields["Mode"]) == ("3", "choice")
    assert fields["Seconds per question"] == "30"
    again = await world.admin.slash(world.channel, "quizset")
    assert {f.name: f.value for f in again.response.embeds[0].fields} == fields


async def test_quizset_refused_for_a_member_even_when_granted(world: World) -> None:
    await _grant_to_everyone(world, "quizset")

    result = await world.alice.slash(world.channel, "quizset", questions=1)

    assert "Manage Server" in result.response.content
    shown = await world.admin.slash(world.channel, "quizset")
    fields = {f.name: f.value for f in shown.response.embeds[0].fields}
    assert fields["Questions per round"] == "10"
    world.env.errors  # noqa: B018 - acknowledge the expected check failure


async def _play_one_buttons_question(
    world: World, winner: simcord.MemberActor, fact_base: FactBase
) -> None:
    await world.admin.slash(world.channel, "quiz start", questions=1, mode="choice")
    await click_correct_option(world, winner, fact_base)


async def test_scores_reset_needs_confirmation(world: World, fact_base: FactBase) -> None:
    await _play_one_buttons_question(world, world.bob, fact_base)
    board = await world.alice.slash(world.channel, "leaderboard")
    assert "bob" in board.response.embeds[0].description

    asked = await world.admin.slash(world.channel, "scores reset")
    assert asked.ephemeral and "cannot be undone" in asked.response.content
    cancelled = await world.admin.click(asked.response.message, label="Cancel")
    assert "nothing changed" in cancelled.response.content
    board = await world.alice.slash(world.channel, "leaderboard")
    assert "bob" in board.response.embeds[0].description

    asked = await world.admin.slash(world.channel, "scores reset")
    done = await world.admin.click(asked.response.message, label="Yes, reset")
    assert "1 player(s) removed" in done.response.content
    board = await world.alice.slash(world.channel, "leaderboard")
    assert "No scores yet" in board.response.embeds[0].description
    assert_no_mentions_anywhere(world.env)


async def test_scores_reset_confirmation_times_out_harmlessly(
    world: World, fact_base: FactBase
) -> None:
    await _play_one_buttons_question(world, world.bob, fact_base)
    asked = await world.admin.slash(world.channel, "scores reset")

    await world.env.advance_time(61)

    message = asked.response.message
    assert "Timed out" in message.content
    assert all(c.disabled for row in message.components for c in row.children)
    board = await world.alice.slash(world.channel, "leaderboard")
    assert "bob" in board.response.embeds[0].description


async def test_owner_sync_is_refused_to_other_admins(world: World) -> None:
    admins = world.guild.create_role("Admins", permissions=discord.Permissions(administrator=True))
    root = world.guild.add_member(world.env.create_user("root"), roles=[admins])

    result = await root.slash(world.channel, "sync")

    assert "owner" in result.response.content
    assert isinstance(world.env.errors[0], discord.app_commands.CheckFailure)
