"""Discord timing against the loopback fake and the real `python -m bot run` process.

A slow (rate-limited) question card must not eat the answering time, a card that cannot be
posted stops the round, a winner's private "Correct!" does not wait for the channel's
announcement, and nothing in a DEBUG log may carry an interaction's token.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from fake_discord import MANAGE_GUILD, TOKEN, FakeDiscord
from test_discord_e2e import (
    CLICK_DELAY,
    REPLY_TIMEOUT,
    STARTUP_TIMEOUT,
    _embed_titled,
    _last_card,
    correct_button,
    reply,
    start_bot,
    string_option,
)

from bot.core.model import FactBase

CARD_DELAY = 4.0  # the card's POST is held this long (Discord's rate limit, a slow network)
QUESTION_SECONDS = 5  # the shortest time /quizset allows


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


def _is_card(method: str, parts: list[str], body: Any) -> bool:
    if method != "POST" or parts[:1] != ["channels"] or parts[-1:] != ["messages"]:
        return False
    embeds = body.get("embeds") if isinstance(body, dict) else None
    return bool(embeds) and embeds[0].get("title", "").startswith("Question")


async def _connected(fake: FakeDiscord, repo_root: Path, tmp_path: Path, **env: str) -> Any:
    bot = await start_bot(
        repo_root,
        tmp_path,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        **env,
    )
    await fake.wait_until(
        lambda: fake.identified.is_set() and "global" in fake.commands, STARTUP_TIMEOUT
    )
    admin = fake.member("admin", MANAGE_GUILD)
    options = [string_option("question_seconds", QUESTION_SECONDS)]
    done = await reply(fake, await fake.slash(admin, "quizset", options))
    assert "Manage Server" not in str(done), done
    return bot


async def test_a_slow_card_post_does_not_eat_the_answering_time(
    fake: FakeDiscord,
    repo_root: Path,
    tmp_path: Path,
    fact_base: FactBase,
) -> None:
    async def slow_cards(method: str, parts: list[str], body: Any) -> web.Response | None:
        if _is_card(method, parts, body):
            await asyncio.sleep(CARD_DELAY)
        return None

    fake.fault = slow_cards
    bot = await _connected(fake, repo_root, tmp_path, LOG_LEVEL="DEBUG")
    try:
        alice, bob = fake.member("alice"), fake.member("bob")
        asked = await fake.slash(alice, "ask", [string_option("question", "who directed it")])
        await reply(fake, asked)
        started = await fake.slash(
            alice, "quiz start", [string_option("questions", 1), string_option("mode", "choice")]
        )
        await reply(fake, started)
        card = await fake.wait_until(lambda: _last_card(fake), CARD_DELAY + REPLY_TIMEOUT)
        # A player reads the card for 1.5 s: 5.5 s after the post began, within 5 s of seeing it.
        await asyncio.sleep(1.5)
        button = correct_button(card, fact_base)
        clicked = await fake.click(bob, card, button["custom_id"])
        await fake.wait_until(lambda: clicked.original, REPLY_TIMEOUT)
        assert clicked.original["content"].startswith("Correct!"), clicked.original
        await fake.wait_until(lambda: _embed_titled(fake, "Round over"), REPLY_TIMEOUT)
    finally:
        bot.kill()
        await bot.finish()
    assert " DEBUG " in bot.text  # the log really was at DEBUG level
    for interaction in (asked, started, clicked):
        assert interaction.token not in bot.text
    assert TOKEN not in bot.text
    assert "/interactions/" in bot.text and "/********/callback" in bot.text


async def test_a_card_that_cannot_be_posted_stops_the_round_with_a_log_line(
    fake: FakeDiscord,
    repo_root: Path,
    tmp_path: Path,
) -> None:
    async def refuse_cards(method: str, parts: list[str], body: Any) -> web.Response | None:
        if _is_card(method, parts, body):  # e.g. the bot lost Send Messages in the channel
            return FakeDiscord._json({"message": "Missing Permissions", "code": 50013}, 403)
        return None

    fake.fault = refuse_cards
    bot = await _connected(fake, repo_root, tmp_path)
    try:
        alice = fake.member("alice")
        started = await fake.slash(alice, "quiz start", [string_option("questions", 5)])
        assert "started a round" in (await reply(fake, started))["data"]["content"]
        await fake.wait_until(
            lambda: "question 1 could not be shown" in bot.text, QUESTION_SECONDS + REPLY_TIMEOUT
        )
        # The channel is free again: a new round can be started (and stops the same way).
        again = await fake.slash(alice, "quiz start", [string_option("questions", 1)])
        assert "started a round" in (await reply(fake, again))["data"]["content"]
        await fake.wait_until(lambda: bot.text.count("could not be shown") == 2, REPLY_TIMEOUT)
    finally:
        bot.kill()
        await bot.finish()
    assert f"stopping the round in channel {fake.channel_id}: question 1" in bot.text
    cards = [r for r in fake.requests if _is_card(r[0], r[1].strip("/").split("/"), r[2])]
    assert len(cards) == 2  # one attempt per round, no question 2 posted into the void


async def test_a_clickers_reply_does_not_wait_for_the_channel_announcement(
    fake: FakeDiscord,
    repo_root: Path,
    tmp_path: Path,
    fact_base: FactBase,
) -> None:
    """The channel's "got question 1 right" post is held (rate limited, a slow network): the
    winner's private "Correct!" still comes at once, and the announcement follows."""
    release = asyncio.Event()
    held: list[str] = []

    async def hold_announcements(method: str, parts: list[str], body: Any) -> None:
        content = (body.get("content") or "") if isinstance(body, dict) else ""
        if method == "POST" and parts[:1] == ["channels"] and "got question" in content:
            held.append(content)
            with contextlib.suppress(TimeoutError):  # never hang the fake if the test fails
                await asyncio.wait_for(release.wait(), 3 * REPLY_TIMEOUT)
        return None

    fake.fault = hold_announcements
    bot = await _connected(fake, repo_root, tmp_path)
    try:
        # A question long enough that a loaded machine cannot close it before the click.
        admin = fake.member("admin", MANAGE_GUILD)
        await reply(
            fake, await fake.slash(admin, "quizset", [string_option("question_seconds", 60)])
        )
        bob = fake.member("bob")
        started = await fake.slash(
            bob, "quiz start", [string_option("questions", 1), string_option("mode", "choice")]
        )
        await reply(fake, started)
        card = await fake.wait_until(lambda: _last_card(fake), REPLY_TIMEOUT)
        await asyncio.sleep(CLICK_DELAY)  # as in test_discord_e2e: the bot registers the buttons
        button = correct_button(card, fact_base)
        clicked = await fake.click(bob, card, button["custom_id"])
        # (a reply deferred under load has no content until it is edited in)
        original = await fake.wait_until(
            lambda: (clicked.original or {}).get("content") and clicked.original, REPLY_TIMEOUT
        )
        assert original["content"].startswith("Correct!"), original
        assert held and not release.is_set()  # the announcement was still on its way
        release.set()
        await fake.wait_until(
            lambda: any(
                "got question 1 right" in (m["content"] or "") for m in fake.messages.values()
            ),
            REPLY_TIMEOUT,
        )
        await fake.wait_until(lambda: _embed_titled(fake, "Round over"), REPLY_TIMEOUT)
    finally:
        release.set()
        bot.kill()
        await bot.finish()
