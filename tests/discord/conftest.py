"""simcord fixtures: the real bot, with the shipped fact base and a fresh SQLite store per test."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord
from discord_helpers import World

from bot.core.facts import load_fact_base
from bot.core.knowledge import Knowledge, KnowledgeHolder
from bot.core.model import FactBase
from bot.core.storage import ScoreStore
from bot.discord_app.client import TriviaBot
from bot.discord_app.cogs import COGS


@pytest.fixture(scope="session")
def knowledge(fact_base: FactBase) -> Knowledge:
    """Indexes are built once per session: the same objects the bot would build at start."""
    return Knowledge.build(fact_base)


@pytest.fixture
def facts_dir(tmp_path: Path, repo_root: Path) -> Path:
    """A private copy of facts/ that a test may break before `/facts-reload`."""
    target = tmp_path / "facts"
    shutil.copytree(repo_root / "facts", target)
    return target


@pytest.fixture
def loader(facts_dir: Path, repo_root: Path) -> Callable[[], FactBase]:
    return lambda: load_fact_base([facts_dir], repo_root / "seeds")


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[ScoreStore]:
    opened = await ScoreStore.open(tmp_path / "scores.sqlite3")
    yield opened
    await opened.close()


@pytest.fixture
def make_bot(
    knowledge: Knowledge, loader: Callable[[], FactBase], store: ScoreStore, tmp_path: Path
) -> Callable[..., TriviaBot]:
    """A fresh bot over the same fact base, store and command-sync state file."""

    def make(**options: Any) -> TriviaBot:
        return TriviaBot(
            knowledge=KnowledgeHolder(knowledge, loader),
            store=store,
            sync_state_file=tmp_path / "commands.json",
            cogs=COGS,
            shard_count=1,
            **options,
        )

    return make


@pytest.fixture
def simcord_bot(make_bot: Callable[..., TriviaBot]) -> TriviaBot:
    return make_bot()


@pytest.fixture
def world(simcord_env: simcord.Env) -> World:
    guild = simcord_env.create_guild(name="Film Club")
    channel = guild.create_text_channel("trivia")
    mods = guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    return World(
        env=simcord_env,
        guild=guild,
        channel=channel,
        alice=guild.add_member(simcord_env.create_user("alice")),
        bob=guild.add_member(simcord_env.create_user("bob")),
        admin=guild.add_member(simcord_env.create_user("admin"), roles=[mods]),
    )
