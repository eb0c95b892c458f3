"""Buttons that outlive their view get a short answer instead of "This interaction failed".

A view lives in memory; after a restart (or a crash) the messages still show its buttons, and
Discord reports a click nobody answers as a failure. Every button of a quiz card, a "did you
mean" list and a leaderboard pager carries the bot's boot id in its `custom_id`
(`quiz:<boot>:...`, `suggest:<boot>:...`, `pager:<boot>:...`). `ExpiredButton` is registered as a
dynamic item, so discord.py offers it every click whose `custom_id` has one of those prefixes:
a click minted by this very process belongs to a live view and is left alone; any other boot
(or the pre-boot-id format) gets a private one-line answer.

Boxes (modals) are not components, so no dynamic item sees them: a box opened before a restart
and submitted after it carries `answer-box:<boot>` or `report-box:<boot>:<fact id>` as its id,
and `stale_box` (called for every interaction) answers it; a report still reaches the admins.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

import discord

from bot.discord_app import i18n
from bot.discord_app.errors import NO_MENTIONS
from bot.discord_app.i18n import N_

KINDS = ("quiz", "suggest", "pager", "confirm")
EXPIRED = {
    "quiz": N_("This round has ended."),
    "answer": N_("This round has ended."),
    "suggest": N_("These results have expired, run the command again."),
    "pager": N_("These results have expired, run the command again."),
    "confirm": N_("This question has expired; nothing changed. Run the command again."),
    "report": N_("This box has expired; nothing was sent. Press Report question again."),
}
CUSTOM_ID_MAX = 100  # Discord's limit
BOX = re.compile(r"(?P<kind>answer|report)-box:(?P<boot>[0-9a-f]*)(?::(?P<fact>[a-z0-9-]{1,90}))?")


def new_boot_id() -> str:
    """A short id for this process: buttons it sends are told apart from older ones."""
    return secrets.token_hex(4)


def box_id(kind: str, boot_id: str, fact_id: str = "") -> str:
    """The `custom_id` of a box (modal) that `stale_box` answers once this process is gone; a
    fact id too long for Discord's 100 characters is left out (the box then only says so)."""
    with_fact = f"{kind}-box:{boot_id}:{fact_id}"
    return with_fact if fact_id and len(with_fact) <= CUSTOM_ID_MAX else f"{kind}-box:{boot_id}"


def button_id(kind: str, boot_id: str, rest: str) -> str:
    """The `custom_id` of a button that `ExpiredButton` answers once its view is gone."""
    assert kind in KINDS
    return f"{kind}:{boot_id}:{rest}"


class ExpiredButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.compile(r"(?P<kind>quiz|suggest|pager|confirm):(?P<boot>[^:]*)(?::.*)?"),
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


def _box_value(data: Any, custom_id: str) -> str:
    """What the player typed in the box's text input `custom_id`."""
    for row in data.get("components", []):
        for item in row.get("components", [row.get("component", {})]):
            if item.get("custom_id") == custom_id:
                return str(item.get("value") or "")
    return ""


async def stale_box(interaction: discord.Interaction) -> None:
    """Answer a box this process did not open (discord.py drops it: "This interaction failed")."""
    if interaction.type is not discord.InteractionType.modal_submit:
        return
    data: Any = interaction.data or {}
    match = BOX.fullmatch(str(data.get("custom_id", "")))
    if match is None or match["boot"] == getattr(interaction.client, "boot_id", None):
        return
    if match["kind"] == "report" and match["fact"]:
        from bot.discord_app.reports import file_report  # reports builds on this module

        await file_report(interaction, match["fact"], _box_value(data, "reason"))
        return
    reply = i18n.text(EXPIRED[match["kind"]], i18n.locale_of(interaction))
    await interaction.response.send_message(reply, ephemeral=True, allowed_mentions=NO_MENTIONS)
