"""Small helpers shared by the simcord tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import discord
import simcord

from bot.core.model import Fact, FactBase


def sent_payloads(env: simcord.Env) -> Iterator[dict[str, Any]]:
    """Every message body the bot sent over REST that carries text or embeds."""
    for entry in env.http_requests:
        body = entry.json if isinstance(entry.json, dict) else None
        if body is None:
            continue
        message = body.get("data", body) if "type" in body else body
        if isinstance(message, dict) and ("content" in message or "embeds" in message):
            yield message


def assert_no_mentions_anywhere(env: simcord.Env) -> None:
    payloads = list(sent_payloads(env))
    assert payloads, "the bot sent nothing"
    for message in payloads:
        assert message.get("allowed_mentions") == {"parse": []}, message


def embed_text(embed: discord.Embed) -> str:
    parts = [embed.title or "", embed.description or ""]
    parts += [f"{f.name}\n{f.value}" for f in embed.fields]
    return "\n".join(parts)


def fact_for_prompt(fact_base: FactBase, prompt: str) -> Fact:
    """The quiz fact behind a question card's prompt (cards show the prompt, not the fact)."""
    matches = [f for f in fact_base.quiz_facts if f.quiz and f.quiz.prompt == prompt]
    assert len(matches) == 1, f"no single quiz fact has the prompt {prompt!r}"
    return matches[0]


@dataclass
class World:
    env: simcord.Env
    guild: simcord.GuildHandle
    channel: simcord.ChannelHandle
    alice: simcord.MemberActor  # a member without special permissions
    bob: simcord.MemberActor  # another member
    admin: simcord.MemberActor  # has Manage Server


def question_cards(world: World) -> list[discord.Message]:
    return [
        m
        for m in world.channel.history()
        if m.embeds and (m.embeds[0].title or "").startswith("Question")
    ]


def card_fact(card: discord.Message, fact_base: FactBase) -> Fact:
    prompt = (card.embeds[0].description or "").split("\n")[0].strip("*")
    return fact_for_prompt(fact_base, prompt)


def option_labels(card: discord.Message) -> list[str]:
    return [
        c.label or ""
        for row in card.components
        for c in row.children
        if isinstance(c, discord.Button) and (c.custom_id or "").startswith("quiz:")
    ]


def correct_label(card: discord.Message, fact_base: FactBase) -> str:
    fact = card_fact(card, fact_base)
    labels = [label for label in option_labels(card) if label[3:] == fact.answer]
    assert len(labels) == 1, f"the answer {fact.answer!r} is not one option of {labels}"
    return labels[0]


def wrong_label(card: discord.Message, fact_base: FactBase) -> str:
    right = correct_label(card, fact_base)
    return next(label for label in option_labels(card) if label != right)


async def click_correct_option(
    world: World, player: simcord.MemberActor, fact_base: FactBase
) -> simcord.InteractionResult:
    card = question_cards(world)[-1]
    return await player.click(card, label=correct_label(card, fact_base))


def reply_text(result: simcord.InteractionResult) -> str:
    """What the user reads: the follow-up that replaced a "thinking…" reply, or the reply."""
    if result.followups:
        return result.followups[-1].content
    assert result.response is not None, "the interaction got no reply"
    return result.response.content
