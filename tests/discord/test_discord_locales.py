"""Every line the bot writes follows the player's Discord language (zh-CN, zh-TW, else English):
the round's messages that of its starter, a private reply that of the one who clicked; boxes
and confirm buttons from before a restart still get an answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import discord
import pytest
import simcord
import simcord.interactions
from discord_helpers import (
    World,
    card_fact,
    click_correct_option,
    correct_label,
    question_cards,
    reply_text,
)

from bot.core.model import FactBase
from bot.core.storage import ScoreStore
from bot.discord_app.client import TriviaBot

pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)


@pytest.fixture
def locales(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[int, str]]:
    """user id -> the language their Discord client is in (simcord sends en-US for everyone)."""
    chosen: dict[int, str] = {}
    original = simcord.interactions.base_payload

    def base_payload(*args: Any, **kwargs: Any) -> Any:
        record, payload = original(*args, **kwargs)
        payload["locale"] = chosen.get(kwargs["user_id"], "en-US")
        return record, payload

    monkeypatch.setattr(simcord.interactions, "base_payload", base_payload)
    yield chosen


def _titled(world: World, start: str) -> list[discord.Embed]:
    return [
        m.embeds[0]
        for m in world.channel.history()
        if m.embeds and (m.embeds[0].title or "").startswith(start)
    ]


def _texts(world: World) -> list[str]:
    return [m.content for m in world.channel.history() if m.content]


def _labels(message: Any) -> list[str]:
    """Button labels of a channel message or of a raw interaction response."""
    rows = message.components
    if rows and isinstance(rows[0], dict):
        return [c.get("label", "") for row in rows for c in row["components"]]
    return [c.label or "" for row in rows for c in row.children]


def _card(world: World, title: str) -> discord.Message:
    return next(m for m in world.channel.history() if m.embeds and m.embeds[0].title == title)


async def test_a_zh_cn_player_runs_a_round_in_simplified_chinese(
    world: World, fact_base: FactBase, locales: dict[int, str]
) -> None:
    locales[world.alice.id] = "zh-CN"
    started = await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    assert started.response is not None
    assert "开始了一轮 1 题的问答：点按钮选择。祝你好运！" in started.response.content

    assert not question_cards(world)  # no card titled "Question 1/1"...
    card = _card(world, "第 1/1 题")
    fact = card_fact(card, fact_base)  # ...while the question itself stays the pack's English
    assert [f.name for f in card.embeds[0].fields] == ["时间", "分值"]
    category, difficulty, how = card.embeds[0].footer.text.split(" · ")
    assert fact.quiz is not None and (category, how) == (fact.category, "选一个")
    assert difficulty == {"easy": "简单", "medium": "中等", "hard": "困难"}[fact.quiz.difficulty]

    # Bob's Discord is in English: his private answer is English, the channel's lines Chinese.
    clicked = await world.bob.click(card, label=correct_label(card, fact_base))
    assert clicked.response is not None and clicked.response.content.startswith("Correct! +")
    assert any(t.startswith("**bob** 答对了第 1 题：+") for t in _texts(world))

    reveal = _titled(world, "答案：")[-1]
    assert reveal.title == f"答案：{fact.answer}"
    assert reveal.description == fact.text  # fact texts stay in the documents' English
    assert [f.name for f in reveal.fields] == ["得分者", "来源"]
    assert reveal.footer.text == "第 1/1 题"
    reveal_message = next(m for m in world.channel.history() if m.embeds and m.embeds[0] == reveal)
    assert _labels(reveal_message) == ["举报题目"]

    summary = _titled(world, "本轮结束")[-1]
    assert summary.description is not None and "**1.** bob — " in summary.description
    assert "分，答对 1 题 🏆" in summary.description
    assert summary.footer.text == "共 1 题，已出 1 题"


async def test_a_zh_tw_player_sees_traditional_and_the_answer_box_in_their_language(
    world: World, fact_base: FactBase, locales: dict[int, str], make_bot: Callable[..., TriviaBot]
) -> None:
    locales[world.bob.id] = "zh-TW"
    await world.bob.slash(world.channel, "quiz start", questions=2, mode="typed")
    card = _card(world, "第 1/2 題")
    assert [f.name for f in card.embeds[0].fields] == ["時間", "分值"]
    assert card.embeds[0].footer.text.endswith("點「作答」")
    assert _labels(card) == ["作答"]

    box = await world.bob.click(card, label="作答")
    assert box.modal is not None and box.modal["title"] == "你的答案"
    english_box = await world.alice.click(card, label="作答")  # Alice reads English
    assert english_box.modal is not None and english_box.modal["title"] == "Your answer"

    wrong = await world.bob.submit_modal(box, {"answer": "definitely not it"})
    assert wrong.response is not None and wrong.response.content == "不太對，再試一次！"

    # The bot restarts while Alice's box is open: submitting it still gets an answer.
    await world.env.restart_bot(make_bot())
    late = await world.alice.submit_modal(english_box, {"answer": "whatever"})
    assert late.response is not None, "the box got no answer: 'This interaction failed'"
    assert late.ephemeral and late.response.content == "This round has ended."


async def test_a_round_stopped_by_an_english_player_keeps_the_starters_language(
    world: World, locales: dict[int, str]
) -> None:
    locales[world.alice.id] = "zh-TW"
    await world.alice.slash(world.channel, "quiz start", questions=3, mode="choice")
    stopped = await world.admin.slash(world.channel, "quiz stop")
    assert reply_text(stopped) == "Round stopped."  # the admin's own reply
    assert _titled(world, "答案：")  # the open question revealed in Traditional
    summary = _titled(world, "本輪已停止")[-1]
    assert summary.description == "已出 1 題；沒有人得分。"


async def test_ask_frames_answers_and_refusals_in_the_askers_language(
    world: World, locales: dict[int, str]
) -> None:
    locales[world.alice.id] = "zh-TW"
    locales[world.bob.id] = "zh-CN"
    answered = await world.alice.slash(world.channel, "ask", question="who directed 後來的我們")
    embed = answered.response.embeds[0] if answered.response else None
    assert embed is not None and embed.description is not None
    assert embed.description.startswith("*回答的是：Who directed Us and Them?*")
    assert "Rene Liu" in embed.description  # the fact, in the documents' English
    assert [f.name for f in embed.fields][:1] == ["來源"]

    refused = await world.bob.slash(world.channel, "ask", question="who directed titanic")
    assert refused.response is not None
    assert "这个我不知道：我读过的关于《Us and Them》的资料里没有提到" in refused.response.content


async def test_leaderboard_stats_and_facts_info_in_chinese(
    world: World, fact_base: FactBase, locales: dict[int, str]
) -> None:
    locales[world.alice.id] = "zh-CN"
    locales[world.bob.id] = "zh-TW"
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    card = _card(world, "第 1/1 题")
    await world.bob.click(card, label=correct_label(card, fact_base))

    board = await world.alice.slash(world.channel, "leaderboard")
    assert board.response is not None
    assert board.response.embeds[0].title == "排行榜 · 本服务器 · 按积分"
    assert board.response.embeds[0].footer.text == "第 1/1 页 · 共 1 名玩家"
    stats = await world.bob.slash(world.channel, "stats")
    assert stats.response is not None
    assert [f.name for f in stats.response.embeds[0].fields][:2] == ["積分", "排名"]
    info = await world.bob.slash(world.channel, "facts info")
    assert info.response is not None
    assert info.response.embeds[0].title == "我知道的：Us and Them"


async def test_scores_reset_buttons_after_a_restart_get_an_answer(
    world: World, locales: dict[int, str], make_bot: Callable[..., TriviaBot]
) -> None:
    locales[world.admin.id] = "zh-CN"
    asked = await world.admin.slash(world.channel, "scores reset")
    assert asked.response is not None
    assert asked.response.content.startswith("重置本服务器的**所有**分数")
    assert _labels(asked.response) == ["是，重置", "取消"]

    await world.env.restart_bot(make_bot())
    clicked = await world.admin.click(asked.response, label="是，重置")
    assert clicked.response is not None, "the click got no answer: 'This interaction failed'"
    assert clicked.ephemeral
    assert clicked.response.content == "这个确认已过期，没有任何更改。请重新运行命令。"


async def test_a_report_box_opened_before_a_restart_still_reaches_the_admins(
    world: World, fact_base: FactBase, make_bot: Callable[..., TriviaBot]
) -> None:
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    fact = card_fact(question_cards(world)[-1], fact_base)
    await click_correct_option(world, world.bob, fact_base)
    reveal = next(m for m in world.channel.history() if m.embeds and "answer" in m.embeds[0].title)
    box = await world.alice.click(reveal, label="Report question")

    await world.env.restart_bot(make_bot())
    sent = await world.alice.submit_modal(box, {"reason": "the question is ambiguous"})
    assert sent.response is not None, "the box got no answer: 'This interaction failed'"
    assert sent.response.content.startswith("Thanks! Report #1 on question")

    listed = await world.admin.slash(world.channel, "facts reports list")
    assert listed.response is not None
    assert f"`{fact.id}`" in listed.response.content
    assert "the question is ambiguous" in listed.response.content


async def test_a_round_cut_short_by_a_crash_is_announced_in_the_servers_language(
    simcord_env: simcord.Env, store: ScoreStore, make_bot: Callable[..., TriviaBot]
) -> None:
    guild = simcord_env.create_guild(name="影迷會", preferred_locale="zh-TW")
    channel = guild.create_text_channel("trivia")
    round_id = await store.start_round(
        guild_id=guild.id, channel_id=channel.id, starter_id=1, mode="choice", questions=5
    )
    await store.record_award(
        round_id=round_id, question_index=0, fact_id="director", guild_id=guild.id,
        user_id=77, user_name="bob", points=30, streak=1,
    )  # fmt: skip
    await simcord_env.restart_bot(make_bot())  # the bot comes back after the crash

    (notice,) = [m.content for m in channel.history() if m.content]
    assert "開始的那一輪問答因機器人意外停止而中斷，共 5 題，已出 1 題" in notice
    assert "1 位玩家已得的分數已儲存並計入。隨時可以開始新的一輪。" in notice


def test_box_ids_keep_to_discords_limit_for_the_longest_fact_ids() -> None:
    from bot.discord_app.expired import BOX, box_id

    short, long = box_id("report", "0123abcd", "director"), box_id("report", "0123abcd", "x" * 90)
    assert BOX.fullmatch(short)["fact"] == "director"  # type: ignore[index]
    assert len(long) <= 100 and BOX.fullmatch(long)["fact"] is None  # type: ignore[index]
