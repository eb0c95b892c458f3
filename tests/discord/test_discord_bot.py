"""The bot class: command sync only on change, one error handler, minimal intents."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import discord
import pytest
from discord_helpers import World

from bot.core.storage import ScoreStore
from bot.discord_app.client import TriviaBot, build_intents

pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)


def _command_puts(world: World) -> list[object]:
    return [
        e.json
        for e in world.env.http_requests
        if e.method == "PUT" and e.path.endswith("/commands")
    ]


async def test_commands_synced_once_then_only_when_they_change(
    world: World, make_bot: Callable[..., TriviaBot], tmp_path: Path
) -> None:
    first = _command_puts(world)
    assert len(first) == 1
    names = {c["name"] for c in first[0]}  # type: ignore[union-attr]
    assert {"ask", "quote", "quiz", "leaderboard", "stats", "facts", "facts-reload"} <= names

    await world.env.restart_bot(make_bot())
    assert len(_command_puts(world)) == 1  # same definitions: no second sync

    changed = make_bot()

    @changed.tree.command(name="ping", description="a new command")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong")

    await world.env.restart_bot(changed)
    puts = _command_puts(world)
    assert len(puts) == 2 and "ping" in {c["name"] for c in puts[-1]}  # type: ignore[union-attr]
    stored = json.loads((tmp_path / "commands.json").read_text())
    assert len(stored) == 1  # one scope (global), its hash replaced


async def test_admin_commands_carry_default_member_permissions(world: World) -> None:
    payload = {c["name"]: c for c in _command_puts(world)[0]}  # type: ignore[union-attr]

    manage_guild = str(discord.Permissions(manage_guild=True).value)
    for name in ("facts-reload", "quizset", "scores"):
        assert str(payload[name]["default_member_permissions"]) == manage_guild
    for name in ("ask", "quote", "quiz", "leaderboard", "stats", "facts"):
        assert payload[name].get("default_member_permissions") is None


async def test_unexpected_errors_get_a_short_private_reply(world: World, store: ScoreStore) -> None:
    await store.close()  # the database goes away under the bot

    result = await world.alice.slash(world.channel, "leaderboard")

    assert result.ephemeral
    assert result.response.content.startswith("Something went wrong on my side (ref `")
    assert "Traceback" not in result.response.content
    assert world.env.errors


def test_intents_are_minimal_unless_typed_answers_in_chat_are_wanted() -> None:
    plain = build_intents(message_content=False)
    chat = build_intents(message_content=True)

    assert plain.guilds and not plain.message_content and not plain.members
    assert not plain.guild_messages and not plain.presences
    assert chat.message_content and chat.guild_messages and not chat.members
