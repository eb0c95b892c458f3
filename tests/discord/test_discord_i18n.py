"""Chinese for zh-CN and zh-TW: the synced commands carry description localisations, a zh-CN
player's quiz card is in Chinese (through the real process), and the catalogs are complete."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import discord
from fake_discord import FakeDiscord
from test_discord_e2e import (
    REPLY_TIMEOUT,
    STARTUP_TIMEOUT,
    _embed_titled,
    fake,
    reply,
    start_bot,
    string_option,
)

__all__ = ["fake"]  # the fixture, shared with the end-to-end test
CHINESE = ("zh-CN", "zh-TW")
COMMAND_NAME_CHOICES = {"ask", "quote", "quiz start"}  # command names as choices: English
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _card_titled(fake: FakeDiscord, title: str) -> dict[str, Any] | None:
    cards = [
        m for m in fake.messages.values() if m["embeds"] and m["embeds"][0].get("title") == title
    ]
    return cards[-1] if cards else None


def _walk(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for option in options:
        found.append(option)
        found += _walk(option.get("options", []))
    return found


async def test_synced_commands_describe_themselves_in_both_chinese_locales(
    fake: FakeDiscord, repo_root: Path, tmp_path: Path
) -> None:
    bot = await start_bot(
        repo_root, tmp_path, DISCORD_API_BASE=fake.api_base, DISCORD_GATEWAY_URL=fake.gateway_url
    )
    try:
        await fake.wait_until(
            lambda: fake.identified.is_set() and "global" in fake.commands, STARTUP_TIMEOUT
        )
        commands = fake.commands["global"]
        ask = next(c for c in commands if c["name"] == "ask")
        assert ask["description_localizations"]["zh-CN"] == "关于电影《后来的我们》随便问"
        assert ask["description_localizations"]["zh-TW"] == "關於電影《後來的我們》隨便問"
        missing = []
        for item in commands + _walk([o for c in commands for o in c.get("options", [])]):
            localised = item.get("description_localizations") or {}
            if item.get("description") and set(CHINESE) - set(localised):
                missing.append(item["description"])
            assert not item.get("name_localizations"), item["name"]  # names stay English
            for choice in item.get("choices", []):
                names = choice.get("name_localizations") or {}
                if choice["name"] not in COMMAND_NAME_CHOICES and set(CHINESE) - set(names):
                    missing.append(choice["name"])
        assert not missing, f"no zh-CN/zh-TW text for: {missing}"

        # A player whose Discord is in Simplified Chinese gets the card in Chinese.
        alice = fake.member("alice")
        started = await fake.slash(
            alice, "quiz start", [string_option("questions", 1)], locale="zh-CN"
        )
        await reply(fake, started)
        card = await fake.wait_until(lambda: _card_titled(fake, "第 1/1 题"), REPLY_TIMEOUT)
        embed = card["embeds"][0]
        assert [f["name"] for f in embed["fields"]] == ["时间", "分值"]
        assert "分 + 速度加成" in embed["fields"][1]["value"]
        # Stopped from a Traditional Chinese client: the reply in Traditional, the round's
        # reveal and summary in the Simplified it was started in.
        stopped = await fake.slash(alice, "quiz stop", locale="zh-TW")
        await reply(fake, stopped)
        await fake.wait_until(lambda: _embed_titled(fake, "本轮已停止"), REPLY_TIMEOUT)
        assert _embed_titled(fake, "答案：")
        again = await reply(fake, await fake.slash(alice, "quiz stop", locale="zh-TW"))
        assert again["data"]["content"] == "這裡沒有正在進行的問答。用 `/quiz start` 開始一輪。"

        # A round started from a Traditional Chinese client is in Traditional throughout.
        started = await fake.slash(
            alice, "quiz start", [string_option("questions", 1)], locale="zh-TW"
        )
        await reply(fake, started)
        card = await fake.wait_until(lambda: _card_titled(fake, "第 1/1 題"), REPLY_TIMEOUT)
        assert [f["name"] for f in card["embeds"][0]["fields"]] == ["時間", "分值"]
        skipped = await reply(fake, await fake.slash(alice, "quiz skip", locale="zh-TW"))
        assert skipped["data"]["content"] == "已跳過。"
        await fake.wait_until(lambda: _embed_titled(fake, "已跳過。答案："), REPLY_TIMEOUT)
        await fake.wait_until(lambda: _embed_titled(fake, "本輪結束"), REPLY_TIMEOUT)
    finally:
        bot.kill()
        await bot.finish()
    assert "Traceback" not in bot.text, bot.text


def test_english_stays_the_default() -> None:
    from bot.discord_app.i18n import text

    assert text("Time", discord.Locale.american_english) == "Time"
    assert text("Time", None) == "Time"
    assert text("Time", discord.Locale.chinese) == "时间"
    assert text("no such message", discord.Locale.taiwan_chinese) == "no such message"
