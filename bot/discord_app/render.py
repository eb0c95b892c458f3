"""Embeds and message texts, built in one place so every reply looks alike and stays in limits.

Anything a user typed is escaped with `escape_markdown` before it is shown; text from the fact
packs is curated and shown as written. Every length is clipped to Discord's limits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord.utils import escape_markdown

from bot.core.matching import DISAGREE_INTRO, AskResult, list_intro
from bot.core.model import FactBase, Quote, Source
from bot.core.quiz import AnswerResult, Hint, QuestionCard, Reveal, Summary
from bot.core.quotes import QuotePage
from bot.core.spoilers import HELD_QUOTE
from bot.core.storage import GuildSettings, LeaderboardPage, PlayerStats
from bot.discord_app import i18n

if TYPE_CHECKING:
    from bot.discord_app.broadcast import ReloadResult

ACCENT = discord.Colour.from_rgb(196, 152, 92)  # warm film-poster amber
UNSURE = discord.Colour.light_grey()
GOOD = discord.Colour.green()

TITLE_MAX, DESCRIPTION_MAX, FIELD_MAX = 256, 4096, 1024  # Discord's embed limits
FIELD_NAME_MAX = 256
MAX_LISTED = 10  # items of a list answer shown (each a field; an embed holds 25)

OPTION_LETTERS = "ABCDEFGHIJ"
END_REASONS = {
    "completed": "Round over!",
    "stopped": "Round stopped.",
    "inactive": "Round ended: nobody answered for a while.",
    "shutdown": "Round ended: the bot is restarting. Points won so far are saved.",
}


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def user_text(text: str, limit: int = 200) -> str:
    """Text a user typed, safe to show: one line, markdown escaped, clipped."""
    flat = " ".join(text.split())
    return escape_markdown(clip(flat, limit))


def citation(source: Source) -> str:
    return clip(f"*{source.title}*\n> {' '.join(source.quote.split())}", FIELD_MAX)


def answer_embed(question: str, result: AskResult) -> discord.Embed:
    """The answer with its source, under the question the bot took it to be (so a misreading is
    plain); a list item by item; contradicting sources each with its own source; related
    figures worded as such."""
    assert result.fact is not None
    fact = result.fact
    intro = f"*Answering: {escape_markdown(result.answering)}*\n" if result.answering else ""
    embed = discord.Embed(title=clip(user_text(question, TITLE_MAX), TITLE_MAX), colour=ACCENT)
    embed.set_footer(text=f"fact: {fact.id}")
    if result.listed:
        embed.description = clip(intro + list_intro(len(result.listed)), DESCRIPTION_MAX)
        for item in result.listed[:MAX_LISTED]:
            embed.add_field(
                name=clip(item.text, FIELD_NAME_MAX), value=citation(item.source), inline=False
            )
        return embed
    intro += DISAGREE_INTRO + "\n" if result.also else ""
    embed.description = clip(intro + fact.text, DESCRIPTION_MAX)
    embed.add_field(name="Source", value=citation(fact.source), inline=False)
    for other in result.also[:3]:
        embed.add_field(
            name="Another source says",
            value=clip(f"{other.text}\n{citation(other.source)}", FIELD_MAX),
            inline=False,
        )
    for other in result.related[:3]:
        embed.add_field(
            name="Related, not a contradiction",
            value=clip(f"{other.text}\n{citation(other.source)}", FIELD_MAX),
            inline=False,
        )
    return embed


def unknown_text(question: str, refusal: str, suggestions: Sequence[str]) -> str:
    text = refusal or "I don't know that from my sources."
    lines = [f"> {user_text(question)}", text]
    # the refusal already asks "Did you mean one of these?" when there are suggestions
    lines += [f"• {escape_markdown(s)}" for s in suggestions[:3]]
    return clip("\n".join(lines), 2000)


def quote_embed(quote: Quote) -> discord.Embed:
    embed = discord.Embed(
        description=clip(f"“{quote.text}”\n— **{quote.speaker}**", DESCRIPTION_MAX),
        colour=ACCENT,
    )
    if quote.context:
        embed.add_field(name="Context", value=clip(quote.context, FIELD_MAX), inline=False)
    embed.add_field(name="Source", value=citation(quote.source), inline=False)
    return embed


def quote_page_embed(page: QuotePage, quotes: tuple[Quote, ...], held: bool) -> discord.Embed:
    """A page of quotes: one field each (speaker, line, context, source), the page in the footer."""
    embed = discord.Embed(title=f"Quotes for “{user_text(page.query, 100)}”", colour=ACCENT)
    for quote in quotes:
        context = f"\n*{clip(quote.context, 300)}*" if quote.context else ""
        value = f"“{clip(quote.text, 500)}”{context}\nSource: *{quote.source.title}*"
        embed.add_field(
            name=clip(quote.speaker, TITLE_MAX), value=clip(value, FIELD_MAX), inline=False
        )
    if held:
        embed.add_field(name="Held back", value=HELD_QUOTE, inline=False)
    embed.set_footer(text=f"page {page.page}/{page.pages} · {page.total} quotes")
    return embed


def facts_info_embed(base: FactBase) -> discord.Embed:
    films = ", ".join(base.films) or "—"
    embed = discord.Embed(title=clip(f"What I know: {films}", TITLE_MAX), colour=ACCENT)
    embed.add_field(name="Facts", value=str(len(base.facts)))
    embed.add_field(name="Quiz questions", value=str(len(base.quiz_facts)))
    embed.add_field(name="Quotes", value=str(len(base.quotes)))
    per_category = Counter(f.category for f in base.facts)
    embed.add_field(
        name="Categories",
        value=clip(", ".join(f"{c} ({n})" for c, n in sorted(per_category.items())), FIELD_MAX),
        inline=False,
    )
    per_document = Counter(f.source.document for f in base.facts)
    sources = [
        f"*{doc.title}* ({doc.kind}): {per_document.get(name, 0)} facts"
        for name, doc in sorted(base.documents.items())
    ]
    embed.add_field(name="Sources", value=clip("\n".join(sources), FIELD_MAX), inline=False)
    return embed


def reload_ok_text(base: FactBase) -> str:
    return (
        f"Reloaded {len(base.files)} pack file(s): {len(base.facts)} facts "
        f"({len(base.quiz_facts)} for quizzes), {len(base.quotes)} quotes. "
        "Rounds already running keep their questions."
    )


def reload_failed_text(problems: Sequence[object], shown: int = 5) -> str:
    lines = [f"Reload refused: {len(problems)} problem(s). The old facts are still in use."]
    lines += [f"`{clip(str(p), 300)}`" for p in problems[:shown]]
    if len(problems) > shown:
        lines.append(f"…and {len(problems) - shown} more (`python -m bot facts check`).")
    return clip("\n".join(lines), 2000)


def reload_everywhere_text(results: Sequence[ReloadResult]) -> str:
    """One line per cluster (its counts, or why it kept its facts), for the admin who asked."""
    done = sum(1 for r in results if r.ok)
    lines = [f"Reloaded in {done} of {len(results)} clusters."]
    for result in results:
        if result.ok is None:
            outcome = "no answer in time; it keeps serving its facts (see its log)."
        else:
            outcome = result.text.replace("\n", "\n  ")
        lines.append(f"**Cluster {result.cluster}**: {outcome}")
    return clip("\n".join(lines), 2000)


def settings_embed(title: str, settings: GuildSettings, mode_name: str) -> discord.Embed:
    embed = discord.Embed(title=title, colour=ACCENT)
    embed.add_field(name="Seconds per question", value=f"{settings.question_seconds:g}")
    embed.add_field(name="Questions per round", value=str(settings.round_length))
    embed.add_field(name="Mode", value=mode_name)
    embed.add_field(name="Hints", value="on" if settings.hints else "off")
    return embed


def leaderboard_embed(page: LeaderboardPage, scope_name: str) -> discord.Embed:
    embed = discord.Embed(
        title=clip(f"Leaderboard · {scope_name} · by {page.sort}", TITLE_MAX), colour=ACCENT
    )
    if not page.entries:
        embed.description = "No scores yet. Start a round with `/quiz start`!"
        return embed
    lines = [
        f"**{e.rank}.** {user_text(e.name, 64)} — {e.points} pts · {e.rounds_won} wins · "
        f"{e.accuracy:.0%} right"
        for e in page.entries
    ]
    embed.description = clip("\n".join(lines), DESCRIPTION_MAX)
    embed.set_footer(text=f"page {page.page}/{page.pages} · {page.total} players")
    return embed


def stats_embed(stats: PlayerStats | None, name: str, scope_name: str) -> discord.Embed:
    embed = discord.Embed(title=clip(f"{user_text(name, 64)} · {scope_name}", TITLE_MAX))
    embed.colour = ACCENT
    if stats is None:
        embed.description = "No quiz answers yet."
        return embed
    embed.add_field(name="Points", value=str(stats.points))
    embed.add_field(name="Rank", value=f"{stats.rank} of {stats.players}")
    embed.add_field(
        name="Correct", value=f"{stats.correct}/{stats.attempted} ({stats.accuracy:.0%})"
    )
    embed.add_field(name="Rounds", value=f"{stats.rounds_played} played, {stats.rounds_won} won")
    embed.add_field(name="Best streak", value=str(stats.best_streak))
    return embed


def question_embed(
    card: QuestionCard,
    ends_at: datetime,
    answer_how: str,
    locale: discord.Locale | None = None,
) -> discord.Embed:
    """The card in the language of the player who started the round (fact texts stay English)."""
    title = i18n.text("Question {number}/{total}", locale, number=card.number, total=card.total)
    embed = discord.Embed(
        title=clip(title, TITLE_MAX),
        description=clip(f"**{card.prompt}**", DESCRIPTION_MAX),
        colour=ACCENT,
    )
    if card.options:
        embed.description += "\n\n" + "\n".join(
            f"**{OPTION_LETTERS[i]}.** {option}" for i, option in enumerate(card.options)
        )
    timestamp = int(ends_at.timestamp())
    ends = i18n.text(
        "ends {when} ({seconds} s)", locale, when=f"<t:{timestamp}:R>", seconds=f"{card.seconds:g}"
    )
    embed.add_field(name=i18n.text("Time", locale), value=ends)
    worth = i18n.text("{points} pts + speed bonus", locale, points=card.points)
    embed.add_field(name=i18n.text("Worth", locale), value=worth)
    embed.set_footer(text=f"{card.category} · {card.difficulty} · {answer_how}")
    return embed


def hint_text(card_number: int, hint: Hint) -> str:
    if hint.removed_options:
        removed = ", ".join(OPTION_LETTERS[i] for i in hint.removed_options)
        text = f"Hint for question {card_number}: it is not {removed}."
    else:
        text = f"Hint for question {card_number}: `{hint.text}`"
    return f"{text} (now worth {hint.cost} pts less)"


def correct_text(result: AnswerResult) -> str:
    streak = f" · streak {result.streak}" if result.streak > 1 else ""
    saved = "" if result.saved else " (could not be saved: see the log)"
    return (
        f"**{user_text(result.user_name, 64)}** got question {result.question} right: "
        f"+{result.points} pts{streak}{saved}"
    )


def reveal_embed(reveal: Reveal) -> discord.Embed:
    how = {
        "answered": "",
        "timeout": "Time's up! ",
        "skipped": "Skipped. ",
        "stopped": "",
    }[reveal.reason]
    embed = discord.Embed(
        title=clip(f"{how}The answer: {reveal.answer}", TITLE_MAX),
        description=clip(reveal.fact.text, DESCRIPTION_MAX),
        colour=GOOD if reveal.winner else UNSURE,
    )
    if reveal.winner is not None:
        embed.add_field(
            name="Won by",
            value=f"{user_text(reveal.winner.user_name, 64)} (+{reveal.winner.points})",
        )
    embed.add_field(name="Source", value=citation(reveal.source), inline=False)
    embed.set_footer(text=f"question {reveal.number}/{reveal.total}")
    return embed


def summary_embed(summary: Summary) -> discord.Embed:
    embed = discord.Embed(
        title=END_REASONS.get(summary.reason, "Round over"),
        colour=ACCENT,
    )
    if not summary.standings:
        embed.description = f"{summary.asked} question(s) asked; nobody scored."
        return embed
    lines = [
        f"**{s.rank}.** {user_text(s.user_name, 64)} — {s.points} pts, {s.correct} right"
        + (" 🏆" if s.won else "")
        for s in summary.standings[:15]
    ]
    embed.description = clip("\n".join(lines), DESCRIPTION_MAX)
    footer = f"{summary.asked} of {summary.total} question(s) asked"
    if summary.unsaved:
        footer += f" · {summary.unsaved} correct answer(s) could not be saved and are not counted"
    embed.set_footer(text=footer)
    return embed
