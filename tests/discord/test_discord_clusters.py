"""Two clusters behave as one bot: two real `python -m bot run` processes (CLUSTER_COUNT=2,
SHARD_COUNT=2) against the loopback fake Discord (a guild per shard) and one real PostgreSQL."""

from __future__ import annotations

import asyncio
import shutil
import signal
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import discord
import pytest
from fake_discord import ADMINISTRATOR, MANAGE_GUILD, TOKEN, FakeDiscord, Interaction
from prometheus_client.parser import text_string_to_metric_families
from test_discord_e2e import (
    CLICK_DELAY,
    STARTUP_TIMEOUT,
    BotProcess,
    correct_button,
    start_bot,
    string_option,
)

from bot.core.facts import FactPackError, load_fact_base
from bot.core.model import FactBase
from bot.discord_app import i18n, render

DSN_PASSWORD = "dsn-password-never-logged"
REPLY_TIMEOUT = 40.0  # a reload in every cluster on a loaded 2-core machine


@pytest.fixture
async def sharded() -> AsyncIterator[FakeDiscord]:
    # max_concurrency 2: the two shards are in different identify buckets and may connect side
    # by side (the gate's waiting is tested in tests/discord/test_identify_gate.py).
    server = FakeDiscord(shards=2, max_concurrency=2)
    await server.start()
    yield server
    await server.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}/metrics") as response,
    ):
        text = await response.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def _answer(fake: FakeDiscord, interaction: Interaction) -> dict[str, Any]:
    """What the user finally sees: the reply, or the follow-up after a "thinking…" defer."""
    await fake.wait_until(lambda: interaction.callbacks, REPLY_TIMEOUT)
    if interaction.callbacks[0]["type"] != 5:
        return interaction.callbacks[0]["data"]
    await fake.wait_until(lambda: interaction.followups, REPLY_TIMEOUT)
    return interaction.followups[0]


def _card_in(fake: FakeDiscord, channel_id: str) -> dict[str, Any] | None:
    return next(
        (
            m
            for m in fake.messages.values()
            if m["channel_id"] == channel_id
            and m["embeds"]
            and m["embeds"][0].get("title", "").startswith("Question")
        ),
        None,
    )


def _round_over_in(fake: FakeDiscord, channel_id: str) -> bool:
    return any(
        m["channel_id"] == channel_id
        and m["embeds"]
        and m["embeds"][0].get("title", "").startswith("Round over")
        for m in fake.messages.values()
    )


async def _win_a_round(
    fake: FakeDiscord,
    channel_id: str,
    host: dict[str, Any],
    winner: dict[str, Any],
    facts: FactBase,
) -> None:
    started = await fake.slash(
        host,
        "quiz start",
        [string_option("questions", 1), string_option("mode", "choice")],
        channel_id=channel_id,
    )
    assert "started a round" in (await _answer(fake, started))["content"]
    card = await fake.wait_until(lambda: _card_in(fake, channel_id), REPLY_TIMEOUT)
    await asyncio.sleep(CLICK_DELAY)  # as in test_discord_e2e: the bot registers the buttons
    button = correct_button(card, facts)
    clicked = await _answer(fake, await fake.click(winner, card, button["custom_id"]))
    assert clicked["content"].startswith("Correct!")
    await fake.wait_until(lambda: _round_over_in(fake, channel_id), REPLY_TIMEOUT)


def _quotes_field(info: dict[str, Any]) -> str:
    return next(f["value"] for f in info["embeds"][0]["fields"] if f["name"] == "Quotes")


async def test_two_clusters_share_shards_scores_and_reloads(
    sharded: FakeDiscord,
    repo_root: Path,
    tmp_path: Path,
    fact_base: FactBase,
    postgres_database: str,
) -> None:
    fake = sharded
    # The test server trusts loopback, so a password is accepted and ignored: it must not show.
    database = postgres_database.replace("://postgres@", f"://postgres:{DSN_PASSWORD}@", 1)
    assert DSN_PASSWORD in database
    facts_dir = tmp_path / "facts"
    shutil.copytree(repo_root / "facts", facts_dir)
    (tmp_path / "state").mkdir()
    ports = [_free_port(), _free_port()]
    bots: list[BotProcess] = []
    for index in (0, 1):
        if index == 1:
            # Cluster 1 starts once cluster 0 is connected, as a rolling start would: it finds
            # the fact index cluster 0 built in the shared state folder (half the CPU at start).
            await fake.wait_until(lambda: fake.identifies, STARTUP_TIMEOUT)
        bots.append(
            await start_bot(
                repo_root,
                tmp_path,
                DISCORD_API_BASE=fake.api_base,
                DISCORD_GATEWAY_URL=fake.gateway_url,
                BOT_DATABASE=database,
                BOT_STATE_DIR=str(tmp_path / "state"),
                BOT_FACTS_DIR=str(facts_dir),
                SHARD_COUNT="2",
                CLUSTER_COUNT="2",
                CLUSTER_INDEX=str(index),
                BOT_METRICS_PORT=str(ports[index]),
            )
        )
    try:
        await _scenario(fake, bots, ports, facts_dir, repo_root, fact_base)
        for bot in bots:
            bot.proc.send_signal(signal.SIGTERM)
        for bot in bots:
            assert await bot.finish() == 0, bot.text
    finally:
        for bot in bots:
            bot.kill()
    for index, bot in enumerate(bots):
        assert f"[cluster {index}]" in bot.text  # every log line says which cluster wrote it
        assert TOKEN not in bot.text and DSN_PASSWORD not in bot.text, bot.text
        assert "Traceback" not in bot.text and " ERROR " not in bot.text, bot.text
    assert not fake.unhandled, fake.unhandled


async def _scenario(
    fake: FakeDiscord,
    bots: list[BotProcess],
    ports: list[int],
    facts_dir: Path,
    repo_root: Path,
    fact_base: FactBase,
) -> None:
    # Each shard connects once, and only cluster 0 syncs the commands.
    await fake.wait_until(
        lambda: {s for _, s in fake.identifies} == {0, 1} and "global" in fake.commands,
        STARTUP_TIMEOUT,
    )
    assert sorted(s for _, s in fake.identifies) == [0, 1]
    guild0, guild1 = fake.guild_ids
    channel0, channel1 = fake.channel_ids
    assert (fake.shard_of(guild0), fake.shard_of(guild1)) == (0, 1)

    alice, bob, carol = fake.member("alice"), fake.member("bob"), fake.member("carol")
    # A round in each guild, each played in the cluster that owns the guild's shard.
    await _win_a_round(fake, channel1, alice, carol, fact_base)
    await _win_a_round(fake, channel0, alice, bob, fact_base)
    puts = [p for m, p, _ in fake.requests if m == "PUT" and p.endswith("/commands")]
    assert len(puts) == 1, puts

    # Each cluster ran its own shard (its metrics are labelled with its index).
    for index, port in enumerate(ports):
        samples = await _scrape(port)
        connected = {
            dict(labels)["shard"]
            for (name, labels), value in samples.items()
            if name == "trivia_shard_connected" and value == 1
        }
        assert connected == {str(index)}, samples
        assert all(dict(labels).get("cluster") == str(index) for _, labels in samples)

    # The global leaderboard, asked in either cluster, has both winners.
    for channel in (channel0, channel1):
        board = await _answer(
            fake,
            await fake.slash(
                alice, "leaderboard", [string_option("scope", "global")], channel_id=channel
            ),
        )
        text = board["embeds"][0]["description"]
        assert "bob" in text and "carol" in text, text
        assert "2 players" in board["embeds"][0]["footer"]["text"]

    # A reload in cluster 1 reloads both: fewer quotes now, seen in each guild.
    (facts_dir / "us_and_them" / "quotes.yaml").unlink()
    fewer = load_fact_base([facts_dir], repo_root / "seeds")
    admin = fake.member("admin", MANAGE_GUILD | ADMINISTRATOR)
    reloaded = await _answer(fake, await fake.slash(admin, "facts-reload", channel_id=channel1))
    lines = reloaded["content"].splitlines()
    assert lines[0] == "Reloaded in 2 of 2 clusters.", reloaded
    assert (
        lines[1].startswith("**Cluster 0**: Reloaded") and f"{len(fewer.quotes)} quotes" in lines[1]
    )
    assert lines[2].startswith("**Cluster 1**: Reloaded")
    for channel in (channel0, channel1):
        info = await _answer(fake, await fake.slash(alice, "facts info", channel_id=channel))
        assert _quotes_field(info) == str(len(fewer.quotes))

    # A broken pack, reloaded from cluster 0 by an admin whose Discord is in Chinese: refused in
    # both, each saying so in the admin's language; both keep serving the last good facts.
    (facts_dir / "us_and_them" / "broken.yaml").write_text("facts: [\n", encoding="utf-8")
    with pytest.raises(FactPackError) as broken:
        load_fact_base([facts_dir], repo_root / "seeds")
    chinese = discord.Locale.chinese
    refused = await _answer(
        fake, await fake.slash(admin, "facts-reload", channel_id=channel0, locale=chinese.value)
    )
    lines = refused["content"].splitlines()
    expected = i18n.text("Reloaded in {done} of {total} clusters.", chinese, done=0, total=2)
    assert lines[0] == expected != "Reloaded in 0 of 2 clusters.", refused
    kept = render.reload_failed_text(broken.value.problems, locale=chinese).splitlines()[0]
    for index in (0, 1):
        cluster = i18n.text("Cluster {number}", chinese, number=index)
        assert f"**{cluster}**: {kept}" in lines, (cluster, lines)
    assert "broken.yaml" in refused["content"]
    for channel in (channel0, channel1):
        info = await _answer(fake, await fake.slash(alice, "facts info", channel_id=channel))
        assert _quotes_field(info) == str(len(fewer.quotes))
