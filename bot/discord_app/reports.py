"""Report a question: a button under every reveal opens a box for a short reason.

The button is a dynamic item whose `custom_id` names the fact (`report:<fact id>`), so it works
on any reveal, also one posted before a restart. Reports are stored with the fact id and its
source; server admins list, resolve and export them with `/facts reports`.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord

from bot.core.storage import QuestionReport
from bot.discord_app import i18n
from bot.discord_app.errors import NO_MENTIONS, handle_error
from bot.discord_app.expired import box_id
from bot.discord_app.i18n import N_
from bot.discord_app.render import user_text

if TYPE_CHECKING:
    from bot.core.model import FactBase

REASON_MAX = 300
LIST_MAX = 1900  # a reply stays under Discord's 2000 characters


def source_of(facts: FactBase, fact_id: str) -> str:
    """Stored with the report for the admins: kept in English, as the documents are."""
    fact = facts.by_id.get(fact_id)
    if fact is None:
        return "unknown (no longer in the fact packs)"
    return f"{fact.source.title} ({fact.source.document})"


async def file_report(interaction: discord.Interaction, fact_id: str, reason: str) -> None:
    """Store a player's report and thank them (also for a box opened before a restart)."""
    bot: Any = interaction.client
    locale = i18n.locale_of(interaction)
    if interaction.guild_id is None:
        text = i18n.text(
            "Reports are kept per server; report questions from a server's quiz.", locale
        )
    else:
        report_id = await bot.store.add_report(
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id or 0,
            user_id=interaction.user.id,
            user_name=interaction.user.display_name,
            fact_id=fact_id,
            source=source_of(bot.knowledge.current.facts, fact_id),
            reason=" ".join(reason.split())[:REASON_MAX],
        )
        if report_id is None:
            text = i18n.text(
                "You already reported this question; the server's admins have it.", locale
            )
        else:
            text = i18n.text(
                "Thanks! Report #{id} on question {fact} went to this server's admins.",
                locale,
                id=report_id,
                fact=f"`{fact_id}`",
            )
    await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


class ReportModal(discord.ui.Modal):
    """The reason box, in the language of the player who opened it."""

    def __init__(self, fact_id: str, locale: discord.Locale | None, boot_id: str) -> None:
        super().__init__(
            title=i18n.text("Report this question", locale),
            custom_id=box_id("report", boot_id, fact_id),
        )
        self.reason: discord.ui.TextInput[ReportModal] = discord.ui.TextInput(
            label=i18n.text("What is wrong or unclear?", locale),
            custom_id="reason",
            style=discord.TextStyle.paragraph,
            min_length=3,
            max_length=REASON_MAX,
            placeholder=i18n.text("e.g. the answer is wrong, the question is ambiguous", locale),
        )
        self.add_item(self.reason)
        self.fact_id = fact_id

    # discord.py's Modal.on_error takes no item, unlike the View's it overrides
    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction, error: Exception
    ) -> None:
        await handle_error(interaction, error)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await file_report(interaction, self.fact_id, self.reason.value)


class ReportButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.compile(r"report:(?P<fact>[a-z0-9-]{1,90})"),
):
    def __init__(self, fact_id: str, locale: discord.Locale | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=i18n.text("Report question", locale),
                emoji="⚑",
                style=discord.ButtonStyle.secondary,
                custom_id=f"report:{fact_id}",
            )
        )
        self.fact_id = fact_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ReportButton:
        return cls(match["fact"])

    async def callback(self, interaction: discord.Interaction) -> None:
        boot_id = getattr(interaction.client, "boot_id", "")
        box = ReportModal(self.fact_id, i18n.locale_of(interaction), boot_id)
        await interaction.response.send_modal(box)


def report_view(fact_id: str, locale: discord.Locale | None = None) -> discord.ui.View:
    """The view under a reveal (labelled in the round's language): only the Report button,
    answered by the dynamic item."""
    view = discord.ui.View(timeout=None)
    view.add_item(ReportButton(fact_id, locale))
    return view


def _when(timestamp: float) -> str:
    return f"<t:{int(timestamp)}:R>"


def report_line(report: QuestionReport, locale: discord.Locale | None = None) -> str:
    state = N_("resolved") if report.resolved_at is not None else N_("open")
    source = report.source.replace("`", "'")[:150]  # ours, not a player's: shown as code
    return i18n.text(
        "**#{id}** ({state}) {fact} · source: {source}\n> {reason}\nby {name} in {channel} {when}",
        locale,
        id=report.id,
        state=i18n.text(state, locale),
        fact=f"`{report.fact_id}`",
        source=f"`{source}`",
        reason=user_text(report.reason, REASON_MAX),
        name=user_text(report.user_name, 40),
        channel=f"<#{report.channel_id}>",
        when=_when(report.created_at),
    )


def reports_text(
    reports: list[QuestionReport], open_only: bool, locale: discord.Locale | None = None
) -> str:
    if not reports:
        empty = (
            N_("No open reports in this server.") if open_only else N_("No reports in this server.")
        )
        return i18n.text(empty, locale)
    heading = (
        N_("**{count} open reports** (resolve with {command})")
        if open_only
        else N_("**{count} reports** (resolve with {command})")
    )
    command = "`/facts reports resolve report:<id>`"
    lines = [i18n.text(heading, locale, count=len(reports), command=command)]
    shown = 0
    for report in reports:
        line = report_line(report, locale)
        if sum(len(x) + 1 for x in lines) + len(line) > LIST_MAX - 80:
            break
        lines.append(line)
        shown += 1
    if shown < len(reports):
        lines.append(
            i18n.text(
                "…and {count} more: {command} has them all.",
                locale,
                count=len(reports) - shown,
                command="`/facts reports export`",
            )
        )
    return "\n".join(lines)


def reports_csv(reports: list[QuestionReport]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["id", "status", "fact_id", "source", "reason", "reporter_id", "reporter", "channel_id",
         "reported_at", "resolved_at", "resolved_by"]
    )  # fmt: skip
    for r in reports:
        writer.writerow(
            [
                r.id,
                "resolved" if r.resolved_at is not None else "open",
                r.fact_id,
                _cell(r.source),
                _cell(r.reason),
                r.user_id,
                _cell(r.user_name),
                r.channel_id,
                _iso(r.created_at),
                _iso(r.resolved_at) if r.resolved_at is not None else "",
                r.resolved_by or "",
            ]
        )
    return out.getvalue().encode("utf-8")


def _cell(text: str) -> str:
    """A player's text as a spreadsheet shows it, never as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")
