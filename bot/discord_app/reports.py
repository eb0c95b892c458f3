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
from bot.discord_app.errors import NO_MENTIONS, handle_error
from bot.discord_app.render import user_text

if TYPE_CHECKING:
    from bot.core.model import FactBase

REASON_MAX = 300
LIST_MAX = 1900  # a reply stays under Discord's 2000 characters


def source_of(facts: FactBase, fact_id: str) -> str:
    fact = facts.by_id.get(fact_id)
    if fact is None:
        return "unknown (no longer in the fact packs)"
    return f"{fact.source.title} ({fact.source.document})"


class ReportModal(discord.ui.Modal, title="Report this question"):
    reason: discord.ui.TextInput[ReportModal] = discord.ui.TextInput(
        label="What is wrong or unclear?",
        custom_id="reason",
        style=discord.TextStyle.paragraph,
        min_length=3,
        max_length=REASON_MAX,
        placeholder="e.g. the answer is wrong, the question is ambiguous",
    )

    def __init__(self, fact_id: str) -> None:
        super().__init__()
        self.fact_id = fact_id

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await handle_error(interaction, error)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        bot: Any = interaction.client
        if interaction.guild_id is None:
            text = "Reports are kept per server; report questions from a server's quiz."
        else:
            report_id = await bot.store.add_report(
                guild_id=interaction.guild_id,
                channel_id=interaction.channel_id or 0,
                user_id=interaction.user.id,
                user_name=interaction.user.display_name,
                fact_id=self.fact_id,
                source=source_of(bot.knowledge.current.facts, self.fact_id),
                reason=" ".join(self.reason.value.split()),
            )
            if report_id is None:
                text = "You already reported this question; the server's admins have it."
            else:
                text = (
                    f"Thanks! Report #{report_id} on question `{self.fact_id}` went to this "
                    "server's admins."
                )
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


class ReportButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=re.compile(r"report:(?P<fact>[a-z0-9-]{1,90})"),
):
    def __init__(self, fact_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Report question",
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
        await interaction.response.send_modal(ReportModal(self.fact_id))


def report_view(fact_id: str) -> discord.ui.View:
    """The view under a reveal: only the Report button, answered by the dynamic item."""
    view = discord.ui.View(timeout=None)
    view.add_item(ReportButton(fact_id))
    return view


def _when(timestamp: float) -> str:
    return f"<t:{int(timestamp)}:R>"


def report_line(report: QuestionReport) -> str:
    state = "resolved" if report.resolved_at is not None else "open"
    source = report.source.replace("`", "'")[:150]  # ours, not a player's: shown as code
    return (
        f"**#{report.id}** ({state}) `{report.fact_id}` · source: `{source}`\n"
        f"> {user_text(report.reason, REASON_MAX)}\n"
        f"by {user_text(report.user_name, 40)} in <#{report.channel_id}> {_when(report.created_at)}"
    )


def reports_text(reports: list[QuestionReport], open_only: bool) -> str:
    what = "open reports" if open_only else "reports"
    if not reports:
        return f"No {what} in this server."
    lines = [f"**{len(reports)} {what}** (resolve with `/facts reports resolve report:<id>`)"]
    shown = 0
    for report in reports:
        line = report_line(report)
        if sum(len(x) + 1 for x in lines) + len(line) > LIST_MAX - 80:
            break
        lines.append(line)
        shown += 1
    if shown < len(reports):
        lines.append(f"…and {len(reports) - shown} more: `/facts reports export` has them all.")
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
