"""Report a question: the button on a reveal, the reason box, and the admins' list and export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import discord
import pytest
from discord_helpers import World, card_fact, click_correct_option, question_cards

from bot.core.model import FactBase
from bot.discord_app.client import TriviaBot

pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)

REASON = "The answer should be =Rene Liu; the question is ambiguous"


def _reveals(world: World) -> list[discord.Message]:
    return [
        m for m in world.channel.history() if m.embeds and "answer" in (m.embeds[0].title or "")
    ]


async def _play_one_question(world: World, fact_base: FactBase) -> tuple[discord.Message, str]:
    await world.alice.slash(world.channel, "quiz start", questions=1, mode="choice")
    fact = card_fact(question_cards(world)[-1], fact_base)
    await click_correct_option(world, world.bob, fact_base)
    return _reveals(world)[-1], fact.id


async def test_a_reported_question_appears_in_the_admin_list_with_fact_and_source(
    world: World, fact_base: FactBase, make_bot: Callable[..., TriviaBot]
) -> None:
    reveal, fact_id = await _play_one_question(world, fact_base)
    await world.env.restart_bot(make_bot())  # the button works on a reveal from before

    box = await world.alice.click(reveal, label="Report question")
    sent = await world.alice.submit_modal(box, {"reason": REASON})
    box = await world.alice.click(reveal, label="Report question")
    twice = await world.alice.submit_modal(box, {"reason": "again"})

    assert sent.ephemeral
    assert sent.response.content == (
        f"Thanks! Report #1 on question `{fact_id}` went to this server's admins."
    )
    assert twice.response.content.startswith("You already reported this question")
    listed = await world.admin.slash(world.channel, "facts reports list")
    text = listed.response.content
    assert listed.ephemeral and text.startswith("**1 open reports**")
    source = fact_base.by_id[fact_id].source
    assert f"`{fact_id}`" in text and source.document in text
    assert "The answer should be =Rene Liu" in text and "alice" in text


async def test_admins_resolve_and_export_reports(world: World, fact_base: FactBase) -> None:
    reveal, fact_id = await _play_one_question(world, fact_base)
    box = await world.bob.click(reveal, label="Report question")
    await world.bob.submit_modal(box, {"reason": REASON})

    resolved = await world.admin.slash(world.channel, "facts reports resolve", report=1)
    again = await world.admin.slash(world.channel, "facts reports resolve", report=1)
    listed = await world.admin.slash(world.channel, "facts reports list")
    exported = await world.admin.slash(world.channel, "facts reports export")

    assert resolved.response.content == "Report #1 resolved."
    assert again.response.content.startswith("There is no open report #1 in this server")
    assert listed.response.content == "No open reports in this server."
    files = exported.response.attachments
    assert exported.ephemeral and len(files) == 1
    rows = list(csv.DictReader(io.StringIO((await files[0].read()).decode("utf-8"))))
    assert len(rows) == 1 and rows[0]["fact_id"] == fact_id
    assert rows[0]["status"] == "resolved" and rows[0]["reporter"] == "bob"
    assert rows[0]["reason"] == REASON  # does not start with "=": left as written
    assert fact_base.by_id[fact_id].source.title in rows[0]["source"]
    world.env.errors  # noqa: B018 - acknowledge the refused second resolve


async def test_members_cannot_list_reports(world: World) -> None:
    refused = await world.alice.slash(world.channel, "facts reports list")

    assert refused.ephemeral and "Manage Server" in refused.response.content
    world.env.errors  # noqa: B018 - acknowledge the expected check failure
