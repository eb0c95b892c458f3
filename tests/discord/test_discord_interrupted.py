"""A bot killed (SIGKILL) mid-round: once it is back, the round's channel is told the round was
interrupted, and the round is closed and counted. The real `python -m bot run` process."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fake_discord import FakeDiscord
from test_discord_e2e import REPLY_TIMEOUT, STARTUP_TIMEOUT, start_bot

PLAYING = """
import asyncio, sys
from bot.core.storage import ScoreStore

async def main(path, guild, channel):
    store = await ScoreStore.open(path)
    round_id = await store.start_round(guild_id=guild, channel_id=channel, starter_id=1,
                                       mode="choice", questions=5)
    await store.record_award(round_id=round_id, question_index=0, fact_id="director",
                             guild_id=guild, user_id=77, user_name="bob", points=30, streak=1)
    print("playing", flush=True)
    await asyncio.sleep(60)

asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
"""


def kill_mid_round(repo_root: Path, database: Path, guild: str, channel: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", PLAYING, str(database), guild, channel],
        cwd=repo_root,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(repo_root)},
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "playing\n"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(10)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
async def test_a_round_killed_mid_way_is_announced_in_its_channel_when_the_bot_is_back(
    repo_root: Path, tmp_path: Path
) -> None:
    fake = FakeDiscord()
    await fake.start()
    database = tmp_path / "data" / "bot.sqlite3"
    kill_mid_round(repo_root, database, fake.guild_id, fake.channel_id)
    bot = await start_bot(
        repo_root, tmp_path, DISCORD_API_BASE=fake.api_base, DISCORD_GATEWAY_URL=fake.gateway_url
    )
    try:
        await fake.wait_until(fake.identified.is_set, STARTUP_TIMEOUT)
        posted = await fake.wait_until(
            lambda: [
                (path, body)
                for method, path, body in fake.requests
                if method == "POST" and path.endswith("/messages")
            ],
            REPLY_TIMEOUT,
        )
        bot.proc.send_signal(signal.SIGTERM)
        assert await bot.finish() == 0, bot.text
    finally:
        bot.kill()
        await fake.stop()
    ((path, body),) = posted
    assert path == f"/channels/{fake.channel_id}/messages"
    assert "was interrupted when the bot stopped unexpectedly, after 1 of 5" in body["content"]
    assert body["allowed_mentions"] == {"parse": []}
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT end_reason FROM rounds").fetchall() == [("interrupted",)]
        assert db.execute("SELECT rounds_played, rounds_won FROM players").fetchall() == [(1, 1)]
    db.close()
    assert "Traceback" not in bot.text, bot.text
