"""Health you can see: the real process against the fake Discord, with BOT_METRICS_PORT and
LOG_FORMAT=json set: /metrics scrapes, and counts interactions and commands by outcome."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import aiohttp
from fake_discord import FakeDiscord
from prometheus_client.parser import text_string_to_metric_families
from test_discord_e2e import STARTUP_TIMEOUT, fake, reply, start_bot, string_option

from bot.settings import SettingsError, load_settings

__all__ = ["fake"]  # the fixture, shared with the end-to-end test


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}/metrics") as response,
    ):
        assert response.status == 200
        text = await response.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_metrics_endpoint_counts_interactions_by_outcome(
    fake: FakeDiscord, repo_root: Path, tmp_path: Path
) -> None:
    port = _free_port()
    bot = await start_bot(
        repo_root,
        tmp_path,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        BOT_METRICS_PORT=str(port),
        LOG_FORMAT="json",
    )
    try:
        await fake.wait_until(
            lambda: fake.identified.is_set() and "global" in fake.commands, STARTUP_TIMEOUT
        )
        alice = fake.member("alice")
        question = [string_option("question", "who directed us and them")]
        await reply(fake, await fake.slash(alice, "ask", question))
        refused = await reply(fake, await fake.slash(alice, "ask", question))
        assert refused["data"]["content"].startswith("Slow down")

        samples = await _scrape(port)
    finally:
        bot.kill()
        await bot.finish()

    assert samples[("trivia_interactions_received_total", (("type", "application_command"),))] == 2
    assert samples[("trivia_commands_total", (("command", "ask"), ("outcome", "ok")))] == 1
    assert samples[("trivia_commands_total", (("command", "ask"), ("outcome", "refused")))] == 1
    assert samples[("trivia_shard_connected", (("shard", "0"),))] == 1
    assert samples[("trivia_rounds_running", ())] == 0
    assert samples[("trivia_awards_stored", ())] == 0
    lines = [json.loads(line) for line in bot.text.splitlines() if line.strip()]
    assert lines and all({"time", "level", "logger", "message"} <= set(x) for x in lines)
    assert any("Metrics at" in x["message"] for x in lines)


def test_metrics_and_log_format_settings_are_checked() -> None:
    settings = load_settings(
        {"BOT_METRICS_PORT": "9108", "LOG_FORMAT": "JSON"}, require_token=False
    )
    assert settings.metrics_port == 9108 and settings.log_format == "json"
    try:
        load_settings({"BOT_METRICS_PORT": "99999", "LOG_FORMAT": "xml"}, require_token=False)
    except SettingsError as exc:
        problems = exc.problems
    else:
        raise AssertionError("bad values were accepted")
    assert [p.split("=")[0] for p in problems] == ["BOT_METRICS_PORT", "LOG_FORMAT"]
    assert all("Fix:" in p for p in problems)
