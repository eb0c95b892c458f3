"""End to end: the real `python -m bot run` process against the loopback fake Discord."""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from fake_discord import (
    ADMINISTRATOR,
    BOT_PERMISSIONS,
    MANAGE_GUILD,
    SEND_MESSAGES,
    SEND_MESSAGES_IN_THREADS,
    TOKEN,
    FakeDiscord,
    Interaction,
)

from bot.core.index_cache import load_indexed
from bot.core.model import Fact, FactBase

STARTUP_TIMEOUT = 60.0  # imports, fact pack and indexes on a slow CI machine
REPLY_TIMEOUT = 15.0
CLICK_DELAY = 0.5
SLOW_FOLLOW_UP = 1.0  # seconds Discord takes to answer a follow-up in the SIGTERM test
PUBLIC = {"ask", "quote", "quiz", "leaderboard", "stats", "facts"}
ADMIN = {"facts-reload", "quizset", "scores"}


class BotProcess:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.output: list[str] = []
        self._readers = [
            asyncio.create_task(self._drain(stream))
            for stream in (proc.stdout, proc.stderr)
            if stream is not None
        ]

    async def _drain(self, stream: asyncio.StreamReader) -> None:
        async for line in stream:
            self.output.append(line.decode(errors="replace"))

    async def finish(self, timeout: float = 20.0) -> int:
        code = await asyncio.wait_for(self.proc.wait(), timeout)
        await asyncio.gather(*self._readers)
        return code

    def kill(self) -> None:
        if self.proc.returncode is None:
            self.proc.kill()

    @property
    def text(self) -> str:
        return "".join(self.output)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


_index_cache: list[Path] = []  # the shipped pack's index cache, built once per session


def shipped_index_cache() -> Path:
    """A cache folder holding the shipped pack's index, as `run` would save it (built once).

    A start with the shipped pack and a fresh database would build the index again (about half
    a second of CPU, ~30 starts); with this copied beside the database it loads it instead, as a
    restart does. Building on a first start is tested in tests/core/test_index_cache.py."""
    if not _index_cache:
        folder = Path(tempfile.mkdtemp(prefix="bot-index-")) / "cache"
        atexit.register(shutil.rmtree, folder.parent, ignore_errors=True)
        load_indexed(None, None, folder)
        _index_cache.append(folder)
    return _index_cache[0]


async def start_bot(repo_root: Path, tmp_path: Path, **overrides: str) -> BotProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BOT_"))}
    if not {"BOT_DATABASE", "BOT_STATE_DIR", "BOT_FACTS_DIR"} & set(overrides):
        cache = tmp_path / "data" / "cache"  # where `run` looks, beside the database below
        if not cache.exists():
            shutil.copytree(shipped_index_cache(), cache)
    env.update(
        {
            "DISCORD_TOKEN": TOKEN,
            "BOT_DATABASE": str(tmp_path / "data" / "bot.sqlite3"),
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    settings_file = tmp_path / "empty.env"  # a developer's own ./.env must not leak in
    settings_file.touch()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--env-file",
        str(settings_file),
        cwd=repo_root,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    return BotProcess(proc)


def string_option(name: str, value: Any) -> dict[str, Any]:
    kind = 4 if isinstance(value, int) else 3
    return {"type": kind, "name": name, "value": value}


async def reply(fake: FakeDiscord, interaction: Interaction) -> dict[str, Any]:
    """The first callback the bot sent for an interaction (its reply)."""
    await fake.wait_until(lambda: interaction.callbacks, REPLY_TIMEOUT)
    return interaction.callbacks[0]


async def test_bot_process_end_to_end(
    fake: FakeDiscord, repo_root: Path, tmp_path: Path, fact_base: FactBase
) -> None:
    bot = await start_bot(
        repo_root,
        tmp_path,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
    )
    try:
        await _scenario(fake, bot, tmp_path, fact_base)
    finally:
        bot.kill()
    assert TOKEN not in bot.text
    assert "Traceback" not in bot.text and " ERROR " not in bot.text, bot.text


async def _scenario(
    fake: FakeDiscord, bot: BotProcess, tmp_path: Path, fact_base: FactBase
) -> None:
    # Login, gateway and the synced command payload.
    await fake.wait_until(
        lambda: fake.identified.is_set() and "global" in fake.commands, STARTUP_TIMEOUT
    )
    identify = next(body for method, path, body in fake.requests if path == "IDENTIFY")
    assert identify["intents"] == 1  # GUILDS only: no privileged intent
    synced = {c["name"]: c for c in fake.commands["global"]}
    assert set(synced) >= PUBLIC | ADMIN
    for name in ADMIN:
        assert str(synced[name]["default_member_permissions"]) == str(MANAGE_GUILD), name
    for name in PUBLIC:
        assert synced[name].get("default_member_permissions") is None, name
    question = synced["ask"]["options"][0]
    assert (question["name"], question["type"], question["required"]) == ("question", 3, True)
    assert question["autocomplete"] is True
    quiz_subcommands = {o["name"] for o in synced["quiz"]["options"]}
    assert quiz_subcommands == {"start", "hint", "skip", "stop"}
    # What players see: `/quiz start questions:` and one word, choice, for multiple choice.
    start = next(o for o in synced["quiz"]["options"] if o["name"] == "start")
    start_options = {o["name"]: o for o in start["options"]}
    assert set(start_options) == {"questions", "category", "mode", "difficulty"}
    assert [c["name"] for c in start_options["mode"]["choices"]] == ["typed", "choice"]
    quizset = {o["name"]: o for o in synced["quizset"]["options"]}
    assert set(quizset) == {"seconds", "questions", "mode", "hints"}
    assert [c["name"] for c in quizset["mode"]["choices"]] == ["typed", "choice"]

    alice = fake.member("alice")
    bob = fake.member("bob")

    # /ask names the right answer, with mentions disabled.
    asked = await fake.slash(alice, "ask", [string_option("question", "who directed us and them")])
    answer = await reply(fake, asked)
    assert answer["type"] == 4
    assert "Rene Liu" in answer["data"]["embeds"][0]["description"]
    assert answer["data"]["allowed_mentions"] == {"parse": []}

    # The owner forces a sync with /sync; it answers after a "thinking…" defer.
    owner = fake.member("owner", ADMINISTRATOR, user=fake.owner)
    forced = await fake.slash(owner, "sync")
    await fake.wait_until(lambda: forced.followups, REPLY_TIMEOUT)
    assert forced.followups[0]["content"] == f"Synced {len(synced)} commands."
    assert len([r for r in fake.requests if r[0] == "PUT"]) == 2

    # An admin command is refused to a member without Manage Server, even if Discord shows it.
    refused = await reply(fake, await fake.slash(alice, "facts-reload"))
    assert refused["data"]["flags"] & 64  # ephemeral
    assert "Manage Server" in refused["data"]["content"]

    # A round in buttons mode; Bob's click on the right option is stored in SQLite.
    started = await fake.slash(
        alice, "quiz start", [string_option("questions", 1), string_option("mode", "choice")]
    )
    assert "started a round" in (await reply(fake, started))["data"]["content"]
    card = await fake.wait_until(lambda: _last_card(fake), REPLY_TIMEOUT)
    # The bot registers the buttons when Discord's answer to its POST arrives; the fake records
    # the card a moment before that. No player clicks within milliseconds, so neither do we.
    await asyncio.sleep(CLICK_DELAY)
    fact = card_fact(card, fact_base)
    button = correct_button(card, fact_base)
    clicked = await reply(fake, await fake.click(bob, card, button["custom_id"]))
    assert clicked["data"]["content"].startswith("Correct!")
    await fake.wait_until(lambda: _embed_titled(fake, "Round over"), REPLY_TIMEOUT)
    with sqlite3.connect(tmp_path / "data" / "bot.sqlite3") as db:
        awards = db.execute(
            "SELECT user_id, fact_id FROM awards WHERE guild_id = ?", (int(fake.guild_id),)
        ).fetchall()
    assert awards == [(int(bob["user"]["id"]), fact.id)]

    # SIGTERM during a round: the round is announced as ended, the process exits 0.
    await fake.slash(alice, "quiz start", [string_option("questions", 5)])
    await fake.wait_until(lambda: len(_cards(fake)) == 2, REPLY_TIMEOUT)
    bot.proc.send_signal(signal.SIGTERM)
    assert await bot.finish() == 0, bot.text
    assert _embed_titled(fake, "Round stopped: the bot is shutting down")
    assert not fake.unhandled, fake.unhandled


def _cards(fake: FakeDiscord) -> list[dict[str, Any]]:
    return [
        m
        for m in fake.messages.values()
        if m["embeds"] and m["embeds"][0].get("title", "").startswith("Question")
    ]


def card_fact(card: dict[str, Any], fact_base: FactBase) -> Fact:
    """The fact a posted question card (as the fake Discord recorded it) asks about."""
    prompt = card["embeds"][0]["description"].split("\n")[0].strip("*")
    return next(f for f in fact_base.quiz_facts if f.quiz and f.quiz.prompt == prompt)


def correct_button(card: dict[str, Any], fact_base: FactBase) -> dict[str, Any]:
    """The button of a posted choice card that is right."""
    fact = card_fact(card, fact_base)
    buttons = (b for row in card["components"] for b in row["components"])
    return next(b for b in buttons if b["label"][3:] == fact.answer)  # label: "A. answer"


def _last_card(fake: FakeDiscord) -> dict[str, Any] | None:
    cards = _cards(fake)
    return cards[-1] if cards else None


def _embed_titled(fake: FakeDiscord, prefix: str) -> bool:
    return any(
        m["embeds"] and m["embeds"][0].get("title", "").startswith(prefix)
        for m in fake.messages.values()
    )


async def test_quiz_runs_in_a_thread_with_send_messages_in_threads(
    fake: FakeDiscord, repo_root: Path, tmp_path: Path
) -> None:
    """A server may deny Send Messages in a channel and allow Send Messages in Threads: the
    guide's invite permissions include it, and rounds in threads post every message there.
    A SIGTERM while `/quiz stop` is still being answered lets that answer arrive first."""
    bot = await start_bot(
        repo_root, tmp_path, DISCORD_API_BASE=fake.api_base, DISCORD_GATEWAY_URL=fake.gateway_url
    )
    try:
        await fake.wait_until(
            lambda: fake.identified.is_set() and "global" in fake.commands, STARTUP_TIMEOUT
        )
        alice = fake.member("alice")
        thread_only = BOT_PERMISSIONS & ~SEND_MESSAGES
        started = await fake.slash(
            alice,
            "quiz start",
            [string_option("questions", 2)],
            channel_id=fake.thread_id,
            app_permissions=thread_only,
        )
        assert "started a round" in (await reply(fake, started))["data"]["content"]
        card = await fake.wait_until(lambda: _last_card(fake), REPLY_TIMEOUT)
        assert card["channel_id"] == fake.thread_id

        # Without Send Messages in Threads the round is refused, saying which permission.
        refused = await reply(
            fake,
            await fake.slash(
                alice,
                "quiz start",
                channel_id=fake.thread_id,
                app_permissions=BOT_PERMISSIONS & ~SEND_MESSAGES_IN_THREADS,
            ),
        )
        assert refused["data"]["flags"] & 64
        assert "I need Send Messages in Threads in this thread" in refused["data"]["content"]

        # /quiz stop answers once the round is over, in a follow-up that Discord is slow to
        # take; the bot is told to stop meanwhile (it used to close its connection under it).
        following_up = asyncio.Event()

        async def slow_follow_ups(method: str, parts: list[str], _body: Any) -> None:
            if (method, parts[0]) == ("POST", "webhooks"):
                following_up.set()
                await asyncio.sleep(SLOW_FOLLOW_UP)

        fake.fault = slow_follow_ups
        stopped = await fake.slash(alice, "quiz stop", channel_id=fake.thread_id)
        await asyncio.wait_for(following_up.wait(), REPLY_TIMEOUT)
        bot.proc.send_signal(signal.SIGTERM)
        assert await bot.finish() == 0, bot.text
        assert [f["content"] for f in stopped.followups] == ["Round stopped."]
        assert _embed_titled(fake, "Round stopped")
        round_messages = [m for m in fake.messages.values() if m["embeds"]]
        assert {m["channel_id"] for m in round_messages} == {fake.thread_id}
    finally:
        bot.kill()
    assert "Traceback" not in bot.text and not fake.unhandled, (bot.text, fake.unhandled)


async def test_commands_are_not_synced_again_when_unchanged(
    fake: FakeDiscord, repo_root: Path, tmp_path: Path
) -> None:
    urls = {"DISCORD_API_BASE": fake.api_base, "DISCORD_GATEWAY_URL": fake.gateway_url}
    for run in (1, 2):
        fake.identified.clear()
        bot = await start_bot(repo_root, tmp_path, **urls)
        try:
            await fake.wait_until(fake.identified.is_set, STARTUP_TIMEOUT)
            bot.proc.send_signal(signal.SIGINT)
            assert await bot.finish() == 0, bot.text
        finally:
            bot.kill()
        puts = [p for m, p, _ in fake.requests if m == "PUT" and p.endswith("/commands")]
        assert len(puts) == 1, f"run {run}: {puts}"


async def test_dev_guild_gets_the_commands_instead_of_everyone(
    fake: FakeDiscord, repo_root: Path, tmp_path: Path
) -> None:
    bot = await start_bot(
        repo_root,
        tmp_path,
        BOT_DEV_GUILD=fake.guild_id,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
    )
    try:
        await fake.wait_until(lambda: fake.guild_id in fake.commands, STARTUP_TIMEOUT)
        bot.proc.send_signal(signal.SIGTERM)
        assert await bot.finish() == 0, bot.text
    finally:
        bot.kill()

    assert "global" not in fake.commands
    assert {c["name"] for c in fake.commands[fake.guild_id]} >= PUBLIC | ADMIN


async def test_sigterm_while_still_connecting_exits_0(repo_root: Path, tmp_path: Path) -> None:
    server = FakeDiscord(gateway_silent=True)
    await server.start()
    bot = await start_bot(
        repo_root,
        tmp_path,
        DISCORD_API_BASE=server.api_base,
        DISCORD_GATEWAY_URL=server.gateway_url,
    )
    try:
        await server.wait_until(lambda: server.gateway_connections, STARTUP_TIMEOUT)
        bot.proc.send_signal(signal.SIGTERM)
        code = await bot.finish()
    finally:
        bot.kill()
        await server.stop()

    assert code == 0, bot.text
    assert "Stopped cleanly" in bot.text and "Traceback" not in bot.text


async def test_rejected_token_exits_2_without_printing_it(
    fake: FakeDiscord, repo_root: Path, tmp_path: Path
) -> None:
    wrong = "not-the-right-token.abcdefghijklmnop"
    bot = await start_bot(
        repo_root,
        tmp_path,
        DISCORD_TOKEN=wrong,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
    )
    try:
        code = await bot.finish(STARTUP_TIMEOUT)
    finally:
        bot.kill()

    assert code == 2
    assert "Discord rejected DISCORD_TOKEN" in bot.text
    assert wrong not in bot.text and "Traceback" not in bot.text


async def test_missing_token_exits_2_with_a_fix(repo_root: Path, tmp_path: Path) -> None:
    bot = await start_bot(repo_root, tmp_path, DISCORD_TOKEN="")
    try:
        code = await bot.finish(STARTUP_TIMEOUT)
    finally:
        bot.kill()

    assert code == 2
    assert "DISCORD_TOKEN is not set" in bot.text and "Developer Portal" in bot.text
    assert "Traceback" not in bot.text


async def test_message_content_setting_without_the_intent_exits_2(
    repo_root: Path, tmp_path: Path
) -> None:
    server = FakeDiscord(message_content_approved=False)
    await server.start()
    bot = await start_bot(
        repo_root,
        tmp_path,
        BOT_MESSAGE_CONTENT="1",
        DISCORD_API_BASE=server.api_base,
        DISCORD_GATEWAY_URL=server.gateway_url,
    )
    try:
        code = await bot.finish(STARTUP_TIMEOUT)
    finally:
        bot.kill()
        await server.stop()

    assert code == 2
    assert "needs the Message Content intent" in bot.text and "Traceback" not in bot.text
