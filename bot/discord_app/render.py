"""Embeds and message texts, built in one place so every reply looks alike and stays in limits.

Anything a user typed is escaped with `escape_markdown` before it is shown; text from the fact
packs is curated and shown as written (English, as the documents say it). Every line the bot
writes itself is in `locale` (see `bot.discord_app.i18n`). Every length is clipped to Discord's
limits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord.utils import escape_markdown

from bot.core import replies
from bot.core.model import FactBase, Quote, Source
from bot.core.quiz import (
    OPTION_LETTERS,
    AnswerResult,
    Hint,
    QuestionCard,
    Reveal,
    Summary,
)
from bot.core.quotes import QuotePage
from bot.core.replies import SOURCE, AnswerReply, Refusal
from bot.core.round_words import END_REASONS, REVEALS, SCORES_KEPT
from bot.core.spoilers import HELD_QUOTE
from bot.core.storage import GuildSettings, LeaderboardPage, PlayerStats
from bot.discord_app import i18n
from bot.discord_app.i18n import N_
from bot.l10n import WORDS, join

Locale = discord.Locale | None

if TYPE_CHECKING:
    from bot.core.matching import AskResult
    from bot.discord_app.broadcast import ReloadResult

ACCENT = discord.Colour.from_rgb(196, 152, 92)  # warm film-poster amber
UNSURE = discord.Colour.light_grey()
GOOD = discord.Colour.green()

TITLE_MAX, DESCRIPTION_MAX, FIELD_MAX = 256, 4096, 1024  # Discord's embed limits
FIELD_NAME_MAX = 256
MAX_LISTED = 10  # items of a list answer shown (each a field; an embed holds 25)


def clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def user_text(typed: str, limit: int = 200) -> str:
    """Text a user typed, safe to show: one line, markdown escaped, clipped."""
    flat = " ".join(typed.split())
    return escape_markdown(clip(flat, limit))


def citation(source: Source) -> str:
    return clip(f"*{source.title}*\n> {' '.join(source.quote.split())}", FIELD_MAX)


def worded_reply(
    question: str, result: AskResult, film: str, locale: Locale = None
) -> AnswerReply | Refusal:
    """The core's reply to an /ask (`bot.core.replies`, the same words the console prints), in
    `locale`, with the text it quotes markdown-escaped."""
    tr = i18n.translator(locale)
    return replies.ask_reply(question, result, film, tr, quoted=escape_markdown)


def answer_embed(question: str, reply: AnswerReply, locale: Locale = None) -> discord.Embed:
    """The answer with its source, under the question the bot took it to be (so a misreading is
    plain); a list item by item; contradicting sources each with its own source; related
    figures worded as such. The words are the reply's; the layout is Discord's."""
    intro = f"*{reply.answering}*\n" if reply.answering else ""
    embed = discord.Embed(title=clip(user_text(question, TITLE_MAX), TITLE_MAX), colour=ACCENT)
    embed.set_footer(text=i18n.text("fact: {id}", locale, id=reply.fact_id))
    if reply.listed:
        embed.description = clip(intro + reply.intro, DESCRIPTION_MAX)
        for item in reply.claims[:MAX_LISTED]:
            embed.add_field(
                name=clip(item.text, FIELD_NAME_MAX), value=citation(item.source), inline=False
            )
        return _other_question(embed, reply, locale)
    first, *others = reply.claims
    intro += reply.intro + "\n" if reply.intro else ""
    embed.description = clip(intro + first.text, DESCRIPTION_MAX)
    embed.add_field(name=i18n.text("Source", locale), value=citation(first.source), inline=False)
    for other in others[:3]:
        embed.add_field(
            name=i18n.text("Another source says", locale),
            value=clip(f"{other.text}\n{citation(other.source)}", FIELD_MAX),
            inline=False,
        )
    for other in reply.related[:3]:
        embed.add_field(
            name=clip(reply.related_intro, FIELD_NAME_MAX),
            value=clip(f"{other.text}\n{citation(other.source)}", FIELD_MAX),
            inline=False,
        )
    return _other_question(embed, reply, locale)


def _other_question(embed: discord.Embed, reply: AnswerReply, locale: Locale) -> discord.Embed:
    """A second question in the message, said so the asker knows to ask it on its own."""
    if reply.other_question:
        embed.add_field(
            name=i18n.text("Another question", locale),
            value=clip(reply.other_question, FIELD_MAX),
            inline=False,
        )
    return embed


def unknown_text(question: str, refusal: Refusal, shown: int = 3) -> str:
    """An honest "I don't know" (worded by the core, in the user's language) under the question,
    with "did you mean" suggestions (the packs' English phrasings)."""
    lines = [f"> {user_text(question)}", refusal.text]
    lines += [f"• {escape_markdown(s)}" for s in refusal.suggestions[:shown]]
    return clip("\n".join(lines), 2000)


def quote_embed(quote: Quote, locale: Locale = None) -> discord.Embed:
    embed = discord.Embed(
        description=clip(f"“{quote.text}”\n— **{quote.speaker}**", DESCRIPTION_MAX),
        colour=ACCENT,
    )
    if quote.context:
        embed.add_field(
            name=i18n.text("Context", locale), value=clip(quote.context, FIELD_MAX), inline=False
        )
    embed.add_field(name=i18n.text("Source", locale), value=citation(quote.source), inline=False)
    return embed


def quote_page_embed(
    page: QuotePage, quotes: tuple[Quote, ...], held: bool, locale: Locale = None
) -> discord.Embed:
    """A page of quotes: one field each (speaker, line, context, source), the page in the footer."""
    title = i18n.text("Quotes for “{query}”", locale, query=user_text(page.query, 100))
    embed = discord.Embed(title=clip(title, TITLE_MAX), colour=ACCENT)
    for quote in quotes:
        context = f"\n*{clip(quote.context, 300)}*" if quote.context else ""
        source = i18n.text(SOURCE, locale, citation=f"*{quote.source.title}*")
        value = f"“{clip(quote.text, 500)}”{context}\n{source}"
        embed.add_field(
            name=clip(quote.speaker, TITLE_MAX), value=clip(value, FIELD_MAX), inline=False
        )
    if held:
        embed.add_field(
            name=i18n.text("Held back", locale), value=i18n.text(HELD_QUOTE, locale), inline=False
        )
    footer = i18n.text(
        "page {page}/{pages} · {total} quotes",
        locale,
        page=page.page,
        pages=page.pages,
        total=page.total,
    )
    embed.set_footer(text=footer)
    return embed


def facts_info_embed(base: FactBase, locale: Locale = None) -> discord.Embed:
    films = ", ".join(base.films) or "—"
    title = i18n.text("What I know: {films}", locale, films=films)
    embed = discord.Embed(title=clip(title, TITLE_MAX), colour=ACCENT)
    embed.add_field(name=i18n.text("Facts", locale), value=str(len(base.facts)))
    embed.add_field(name=i18n.text("Quiz questions", locale), value=str(len(base.quiz_facts)))
    embed.add_field(name=i18n.text("Quotes", locale), value=str(len(base.quotes)))
    per_category = Counter(f.category for f in base.facts)
    embed.add_field(
        name=i18n.text("Categories", locale),
        value=clip(", ".join(f"{c} ({n})" for c, n in sorted(per_category.items())), FIELD_MAX),
        inline=False,
    )
    per_document = Counter(f.source.document for f in base.facts)
    sources = [
        i18n.text(
            "{title} ({kind}): {count} facts",
            locale,
            title=f"*{doc.title}*",
            kind=doc.kind,
            count=per_document.get(name, 0),
        )
        for name, doc in sorted(base.documents.items())
    ]
    embed.add_field(
        name=i18n.text("Sources", locale), value=clip("\n".join(sources), FIELD_MAX), inline=False
    )
    return embed


def reload_ok_text(base: FactBase, locale: Locale = None) -> str:
    return i18n.text(
        "Reloaded {files} pack file(s): {facts} facts ({quiz} for quizzes), {quotes} quotes. "
        "Rounds already running keep their questions.",
        locale,
        files=len(base.files),
        facts=len(base.facts),
        quiz=len(base.quiz_facts),
        quotes=len(base.quotes),
    )


def reload_failed_text(problems: Sequence[object], shown: int = 5, locale: Locale = None) -> str:
    """The problems themselves (file:line and what to fix) are the checker's English."""
    lines = [
        i18n.text(
            "Reload refused: {count} problem(s). The old facts are still in use.",
            locale,
            count=len(problems),
        )
    ]
    lines += [f"`{clip(str(p), 300)}`" for p in problems[:shown]]
    if len(problems) > shown:
        more = len(problems) - shown
        lines.append(
            i18n.text("…and {count} more ({command}).", locale, count=more, command=CHECK_COMMAND)
        )
    return clip("\n".join(lines), 2000)


def reload_everywhere_text(results: Sequence[ReloadResult], locale: Locale = None) -> str:
    """One line per cluster (its counts, or why it kept its facts), for the admin who asked.
    Each cluster words its own result, in the language the request carried."""
    done = sum(1 for r in results if r.ok)
    lines = [
        i18n.text("Reloaded in {done} of {total} clusters.", locale, done=done, total=len(results))
    ]
    for result in results:
        if result.ok is None:
            outcome = i18n.text(
                "no answer in time; it keeps serving its facts (see its log).", locale
            )
        else:
            outcome = result.text.replace("\n", "\n  ")
        cluster = i18n.text("Cluster {number}", locale, number=result.cluster)
        lines.append(f"**{cluster}**: {outcome}")
    return clip("\n".join(lines), 2000)


CHECK_COMMAND = "`python -m bot facts check`"


def settings_embed(title: str, settings: GuildSettings, locale: Locale = None) -> discord.Embed:
    embed = discord.Embed(title=i18n.text(title, locale), colour=ACCENT)
    seconds = f"{settings.question_seconds:g}"
    embed.add_field(name=i18n.text("Seconds per question", locale), value=seconds)
    embed.add_field(name=i18n.text("Questions per round", locale), value=str(settings.round_length))
    mode = WORDS.get(settings.mode, settings.mode)
    embed.add_field(name=i18n.text("Mode", locale), value=i18n.text(mode, locale))
    hints = i18n.text("on", locale) if settings.hints else i18n.text("off", locale)
    embed.add_field(name=i18n.text("Hints", locale), value=hints)
    return embed


SCOPE_NAMES = {"server": N_("this server"), "global": N_("all servers")}


def leaderboard_embed(page: LeaderboardPage, scope: str, locale: Locale = None) -> discord.Embed:
    title = i18n.text(
        "Leaderboard · {scope} · by {sort}",
        locale,
        scope=i18n.text(SCOPE_NAMES[scope], locale),
        sort=i18n.text(WORDS.get(page.sort, page.sort), locale),
    )
    embed = discord.Embed(title=clip(title, TITLE_MAX), colour=ACCENT)
    if not page.entries:
        embed.description = i18n.text("No scores yet. Start a round with `/quiz start`!", locale)
        return embed
    lines = [
        i18n.text(
            "**{rank}.** {name} — {points} pts · {wins} wins · {accuracy} right",
            locale,
            rank=e.rank,
            name=user_text(e.name, 64),
            points=e.points,
            wins=e.rounds_won,
            accuracy=f"{e.accuracy:.0%}",
        )
        for e in page.entries
    ]
    embed.description = clip("\n".join(lines), DESCRIPTION_MAX)
    footer = i18n.text(
        "page {page}/{pages} · {total} players",
        locale,
        page=page.page,
        pages=page.pages,
        total=page.total,
    )
    embed.set_footer(text=footer)
    return embed


def stats_embed(
    stats: PlayerStats | None, name: str, scope: str, locale: Locale = None
) -> discord.Embed:
    scope_name = i18n.text(SCOPE_NAMES[scope], locale)
    embed = discord.Embed(title=clip(f"{user_text(name, 64)} · {scope_name}", TITLE_MAX))
    embed.colour = ACCENT
    if stats is None:
        embed.description = i18n.text("No quiz answers yet.", locale)
        return embed
    embed.add_field(name=i18n.text("Points", locale), value=str(stats.points))
    rank = i18n.text("{rank} of {players}", locale, rank=stats.rank, players=stats.players)
    embed.add_field(name=i18n.text("Rank", locale), value=rank)
    embed.add_field(
        name=i18n.text("Correct", locale),
        value=f"{stats.correct}/{stats.attempted} ({stats.accuracy:.0%})",
    )
    rounds = i18n.text(
        "{played} played, {won} won", locale, played=stats.rounds_played, won=stats.rounds_won
    )
    embed.add_field(name=i18n.text("Rounds", locale), value=rounds)
    embed.add_field(name=i18n.text("Best streak", locale), value=str(stats.best_streak))
    return embed


def question_embed(
    card: QuestionCard,
    ends_at: datetime,
    answer_how: str,
    locale: Locale = None,
) -> discord.Embed:
    """The card in the language of the player who started the round (fact texts stay English)."""
    title = i18n.text("Question {number}/{total}", locale, number=card.number, total=card.total)
    embed = discord.Embed(
        title=clip(title, TITLE_MAX),
        description=clip(f"**{card.prompt}**", DESCRIPTION_MAX),
        colour=ACCENT,
    )
    if card.options:
        embed.description = f"{embed.description}\n\n" + "\n".join(
            f"**{OPTION_LETTERS[i]}.** {option}" for i, option in enumerate(card.options)
        )
    timestamp = int(ends_at.timestamp())
    ends = i18n.text(
        "ends {when} ({seconds} s)", locale, when=f"<t:{timestamp}:R>", seconds=f"{card.seconds:g}"
    )
    embed.add_field(name=i18n.text("Time", locale), value=ends)
    worth = i18n.text("{points} pts + speed bonus", locale, points=card.points)
    embed.add_field(name=i18n.text("Worth", locale), value=worth)
    difficulty = i18n.text(WORDS.get(card.difficulty, card.difficulty), locale)
    embed.set_footer(text=f"{card.category} · {difficulty} · {answer_how}")
    return embed


def hint_text(card_number: int, hint: Hint, locale: Locale = None) -> str:
    if hint.removed_options:
        removed = ", ".join(OPTION_LETTERS[i] for i in hint.removed_options)
        text = i18n.text(
            "Hint for question {number}: it is not {options}.",
            locale,
            number=card_number,
            options=removed,
        )
    else:
        text = i18n.text(
            "Hint for question {number}: {hint}", locale, number=card_number, hint=f"`{hint.text}`"
        )
    return join(text, i18n.text("(now worth {cost} pts less)", locale, cost=hint.cost))


def correct_text(result: AnswerResult, locale: Locale = None) -> str:
    text = i18n.text(
        "**{name}** got question {number} right: +{points} pts",
        locale,
        name=user_text(result.user_name, 64),
        number=result.question,
        points=result.points,
    )
    if result.streak > 1:
        text += i18n.text(" · streak {streak}", locale, streak=result.streak)
    if not result.saved:
        text = join(text, i18n.text("(could not be saved: see the log)", locale))
    return text


def reveal_embed(reveal: Reveal, locale: Locale = None) -> discord.Embed:
    title = i18n.text(REVEALS[reveal.reason], locale, answer=reveal.answer)
    embed = discord.Embed(
        title=clip(title, TITLE_MAX),
        description=clip(reveal.fact.text, DESCRIPTION_MAX),
        colour=GOOD if reveal.winner else UNSURE,
    )
    if reveal.winner is not None:
        embed.add_field(
            name=i18n.text("Won by", locale),
            value=f"{user_text(reveal.winner.user_name, 64)} (+{reveal.winner.points})",
        )
    embed.add_field(name=i18n.text("Source", locale), value=citation(reveal.source), inline=False)
    footer = i18n.text(
        "question {number}/{total}", locale, number=reveal.number, total=reveal.total
    )
    embed.set_footer(text=footer)
    return embed


def summary_embed(summary: Summary, locale: Locale = None) -> discord.Embed:
    embed = discord.Embed(
        title=i18n.text(END_REASONS[summary.reason], locale),
        colour=ACCENT,
    )
    if not summary.standings:
        embed.description = i18n.text(
            "{count} question(s) asked; nobody scored.", locale, count=summary.asked
        )
        return embed
    lines = [
        i18n.text(
            "**{rank}.** {name} — {points} pts, {correct} right",
            locale,
            rank=s.rank,
            name=user_text(s.user_name, 64),
            points=s.points,
            correct=s.correct,
        )
        + (" 🏆" if s.won else "")
        for s in summary.standings[:15]
    ]
    embed.description = clip("\n".join(lines), DESCRIPTION_MAX)
    footer = i18n.text(
        "{asked} of {total} question(s) asked", locale, asked=summary.asked, total=summary.total
    )
    if summary.unsaved:
        footer += " · " + i18n.text(
            "{count} correct answer(s) could not be saved and are not counted",
            locale,
            count=summary.unsaved,
        )
    elif summary.reason == "shutdown":
        footer += " · " + i18n.text(SCORES_KEPT, locale)
    embed.set_footer(text=footer)
    return embed
