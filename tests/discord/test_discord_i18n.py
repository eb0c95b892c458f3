"""Chinese for zh-CN and zh-TW: the synced commands carry description localisations, a zh-CN
player's quiz card is in Chinese (through the real process), and the catalogs are complete."""

from __future__ import annotations

import gettext
import re
from pathlib import Path
from typing import Any

import discord
import pytest
from babel.messages.pofile import read_po
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

from bot.discord_app.i18n import LANGUAGES, LOCALE_DIR

__all__ = ["fake"]  # the fixture, shared with the end-to-end test
CHINESE = ("zh-CN", "zh-TW")
COMMAND_NAME_CHOICES = {"ask", "quote", "quiz start"}  # command names as choices: English
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _chinese_card(fake: FakeDiscord) -> dict[str, Any] | None:
    cards = [
        m
        for m in fake.messages.values()
        if m["embeds"] and m["embeds"][0].get("title", "").startswith("第 ")
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
        card = await fake.wait_until(lambda: _chinese_card(fake), REPLY_TIMEOUT)
        embed = card["embeds"][0]
        assert embed["title"] == "第 1/1 题"
        assert [f["name"] for f in embed["fields"]] == ["时间", "分值"]
        assert "分 + 速度加成" in embed["fields"][1]["value"]
        stopped = await fake.slash(alice, "quiz stop", locale="zh-TW")
        await reply(fake, stopped)
        await fake.wait_until(lambda: _embed_titled(fake, "Round stopped"), REPLY_TIMEOUT)
        again = await reply(fake, await fake.slash(alice, "quiz stop", locale="zh-TW"))
        assert again["data"]["content"] == "這裡沒有正在進行的問答。用 `/quiz start` 開始一輪。"
    finally:
        bot.kill()
        await bot.finish()
    assert "Traceback" not in bot.text, bot.text


@pytest.mark.parametrize("language", sorted(LANGUAGES.values()))
def test_catalogs_are_complete_compiled_and_keep_placeholders(language: str) -> None:
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "bot.po"
    with po_path.open("rb") as f:
        catalog = read_po(f)
    compiled = gettext.translation("bot", LOCALE_DIR, languages=[language])
    other = next(lang for lang in LANGUAGES.values() if lang != language)
    with (LOCALE_DIR / other / "LC_MESSAGES" / "bot.po").open("rb") as f:
        other_ids = {m.id for m in read_po(f) if m.id}
    ids = {m.id for m in catalog if m.id}
    assert ids == other_ids, "both locales translate the same messages"
    for message in catalog:
        if not message.id:
            continue
        assert message.string, f"{language}: {message.id!r} is not translated"
        assert not message.fuzzy, f"{language}: {message.id!r} is fuzzy"
        assert sorted(PLACEHOLDER.findall(message.string)) == sorted(
            PLACEHOLDER.findall(message.id)
        ), f"{language}: placeholders differ in {message.id!r}"
        assert len(message.string) <= 100, f"{language}: {message.id!r} is over Discord's 100"
        # The .mo the bot reads is compiled from this .po: `pybabel compile -D bot -d bot/locales`
        assert compiled.gettext(message.id) == message.string, f"{language}: recompile the .mo"


def test_english_stays_the_default() -> None:
    from bot.discord_app.i18n import text

    assert text("Time", discord.Locale.american_english) == "Time"
    assert text("Time", None) == "Time"
    assert text("Time", discord.Locale.chinese) == "时间"
    assert text("no such message", discord.Locale.taiwan_chinese) == "no such message"
