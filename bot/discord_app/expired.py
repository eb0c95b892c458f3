"""Buttons that outlive their view get a short answer instead of "This interaction failed".

A view lives in memory; after a restart (or a crash) the messages still show its buttons, and
Discord reports a click nobody answers as a failure. Every button of a quiz card, a "did you
mean" list and a leaderboard pager carries the bot's boot id in its `custom_id`
(`quiz:<boot>:...`, `suggest:<boot>:...`, `pager:<boot>:...`). `ExpiredButton` is registered as a
dynamic item, so discord.py offers it every click whose `custom_id` has one of those prefixes:
a click minted by this very process belongs to a live view and is left alone; any other boot
(or the pre-boot-id format) gets a private one-line answer.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

import discord

from bot.discord_app import i18n
from bot.discord_app.errors import NO_MENTIONS

KINDS = ("quiz", "suggest", "pager")
EXPIRED = {
    "quiz": "This round has ended.",
    "suggest": "These results have expired, run the command again.",
    "pager": "These results have expired, run the command again.",
}


def new_boot_id() -> str:
    """A short id for this process: buttons it sends are told apart from older ones."""
    return secrets.token_hex(4)


def button_id(kind: str, boot_id: str, rest: str) -> str:
    """The `custom_id` of a button that `ExpiredButton` answers once its view is gone."""
    assert kind in KINDS
    return f"{kind}:{boot_id}:{rest}"


class ExpiredButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.compile(r"(?P<kind>quiz|suggest|pager):(?P<boot>[^:]*)(?::.*)?"),
):
    def __init__(self, kind: str, boot: str, custom_id: str) -> None:
        super().__init__(discord.ui.Button(custom_id=custom_id))
        self.kind = kind
        self.boot = boot

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ExpiredButton:
        return cls(match["kind"], match["boot"], match.string)

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        # The live view of this process answers its own buttons.
        return self.boot != getattr(interaction.client, "boot_id", None)

    async def callback(self, interaction: discord.Interaction) -> None:
        reply = i18n.text(EXPIRED[self.kind], i18n.locale_of(interaction))
        await interaction.response.send_message(reply, ephemeral=True, allowed_mentions=NO_MENTIONS)
