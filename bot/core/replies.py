"""The /ask reply, worded in one place for every front end.

`ask_reply` turns what the matcher found (`AskResult`) into an `AnswerReply` or a `Refusal`:
the lines the bot writes itself, worded by `tr` in the asker's language, and the facts with
their sources as the documents say them. The console and the CLI print it (`reply_text`);
Discord lays the same parts out as an embed (`bot.discord_app.render`), so what the two say
cannot drift apart. ``quoted`` marks up text inserted into a worded line (Discord escapes its
markdown); plain text keeps it as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.model import Fact, Source
from bot.core.text import normalize
from bot.l10n import N_, Translator, english, join

if TYPE_CHECKING:
    from bot.core.matching import AskResult

__all__ = [
    "ANSWERING",
    "DID_YOU_MEAN",
    "DISAGREE_INTRO",
    "EMPTY_QUESTION",
    "LIST_INTRO",
    "REFUSAL",
    "RELATED_INTRO",
    "SECOND_QUESTION",
    "SOURCE",
    "AnswerReply",
    "Cited",
    "Refusal",
    "ask_reply",
    "format_reply",
    "refusal_text",
    "reply_text",
]

MAX_QUOTE_CHARS = 220  # a source quote in a plain-text reply

# The reply's own words (the facts and sources stay as the documents say them): marked for the
# catalogs in bot/locales; a front end passes `tr` to word them in its user's language.
DISAGREE_INTRO = N_("The sources disagree about this:")
RELATED_INTRO = N_("Related, not a contradiction (each says something else):")
LIST_INTRO = N_("{count} facts answer this, each from its source:")
ANSWERING = N_("Answering: {question}")
SOURCE = N_("Source: {citation}")
EMPTY_QUESTION = N_(
    "Ask me something about {film}, for example “who directed it?” or “where was it filmed?”."
)
REFUSAL = N_(
    "I don't know that one: it isn't in the sources I have read about {film}, and I'd rather "
    "say so than guess."
)
DID_YOU_MEAN = N_("Did you mean one of these?")
SECOND_QUESTION = N_("I saw two questions and answered one; ask the other on its own: “{question}”")


def _as_is(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Cited:
    """A claim and the document passage it comes from."""

    text: str
    source: Source

    @classmethod
    def of(cls, fact: Fact) -> Cited:
        return cls(fact.text, fact.source)


@dataclass(frozen=True, slots=True)
class AnswerReply:
    """An answer: every line the bot writes already worded, every claim with its source."""

    fact_id: str
    answering: str  # "Answering: <the question the reply answers>", or ""
    intro: str  # "The sources disagree about this:" / "3 facts answer this, ...", or ""
    claims: tuple[Cited, ...]  # the fact and each source that disagrees, or the list's items
    listed: bool  # the claims are the items of a list, not one answer
    related_intro: str  # "Related, not a contradiction ...", or "" without related figures
    related: tuple[Cited, ...]
    other_question: str  # "I saw two questions ...: <the other one>", or ""


@dataclass(frozen=True, slots=True)
class Refusal:
    """An honest "I don't know" (or what to ask), with "did you mean" questions."""

    text: str
    suggestions: tuple[str, ...]  # the packs' English phrasings


def ask_reply(
    question: str,
    result: AskResult,
    film: str,
    tr: Translator = english,
    quoted: Callable[[str], str] = _as_is,
) -> AnswerReply | Refusal:
    """What to reply to ``question``, in ``tr``'s language."""
    if result.matched and result.fact is not None:
        return answer_reply(
            result.fact,
            result.also,
            result.answering,
            result.related,
            result.listed,
            tr,
            other_question=result.other_question,
            quoted=quoted,
        )
    if not normalize(question[:1000]):  # nothing to go on: say what can be asked
        return Refusal(tr(EMPTY_QUESTION, film=film), ())
    if result.decision is None:  # the matcher's own reason the question is unusable
        return Refusal(result.refusal, ())
    return Refusal(refusal_text(film, bool(result.suggestions), tr), result.suggestions)


def answer_reply(
    fact: Fact,
    also: tuple[Fact, ...] = (),
    answering: str = "",
    related: tuple[Fact, ...] = (),
    listed: tuple[Fact, ...] = (),
    tr: Translator = english,
    *,
    other_question: str = "",
    quoted: Callable[[str], str] = _as_is,
) -> AnswerReply:
    """The question it answers, then the fact and its source; a list item by item; every
    claim with its own source when documents contradict each other; related figures, worded as
    such; and a second question of the message, to ask again."""
    if listed:
        intro, claims = tr(LIST_INTRO, count=len(listed)), listed
        related = ()
    elif also:
        intro, claims = tr(DISAGREE_INTRO), (fact, *also)
    else:
        intro, claims = "", (fact,)
    return AnswerReply(
        fact_id=fact.id,
        answering=_worded(tr, ANSWERING, answering, quoted),
        intro=intro,
        claims=tuple(Cited.of(c) for c in claims),
        listed=bool(listed),
        related_intro=tr(RELATED_INTRO) if related else "",
        related=tuple(Cited.of(r) for r in related),
        other_question=_worded(tr, SECOND_QUESTION, other_question, quoted),
    )


def _worded(tr: Translator, message: str, question: str, quoted: Callable[[str], str]) -> str:
    if not question:
        return ""
    # Worded around a placeholder first, so only the inserted question is marked up.
    return tr(message, question="{question}").format(question=quoted(question))


def refusal_text(film: str, suggested: bool, tr: Translator = english) -> str:
    """The honest "I don't know" about `film`, asking "did you mean" when there are suggestions."""
    return join(tr(REFUSAL, film=film), tr(DID_YOU_MEAN) if suggested else "")


def citation(cited: Cited) -> str:
    """``Title: “quote”``, the quote on one line and clipped."""
    quote = " ".join(cited.source.quote.split())
    if len(quote) > MAX_QUOTE_CHARS:
        quote = quote[: MAX_QUOTE_CHARS - 1].rstrip() + "…"
    return f"{cited.source.title}: “{quote}”"


def reply_text(reply: AnswerReply | Refusal, tr: Translator = english) -> str:
    """The reply as plain text (the console, the CLI)."""
    if isinstance(reply, Refusal):
        return "\n".join([reply.text, *(f"  • {s}" for s in reply.suggestions)])

    def sourced(claim: Cited, bullet: bool) -> str:
        cite = tr(SOURCE, citation=citation(claim))
        return f"• {claim.text}\n  {cite}" if bullet else f"{claim.text}\n{cite}"

    lines = [reply.answering] if reply.answering else []
    if reply.intro:
        lines.append(reply.intro)
        lines += [sourced(c, True) for c in reply.claims]
    else:
        lines.append(sourced(reply.claims[0], False))
    if reply.related:
        lines.append(reply.related_intro)
        lines += [sourced(r, True) for r in reply.related]
    if reply.other_question:
        lines.append(reply.other_question)
    return "\n".join(lines)


def format_reply(
    fact: Fact,
    also: tuple[Fact, ...] = (),
    answering: str = "",
    related: tuple[Fact, ...] = (),
    listed: tuple[Fact, ...] = (),
    tr: Translator = english,
    other_question: str = "",
) -> str:
    """The answer as plain text (`AskResult.reply`)."""
    reply = answer_reply(fact, also, answering, related, listed, tr, other_question=other_question)
    return reply_text(reply, tr)
