"""Rendering stays inside Discord's limits and never lets user text format or break a message."""

from __future__ import annotations

import io

import discord
import pytest

from bot.console.presenter import ConsolePresenter
from bot.console.terminal import Terminal
from bot.core.knowledge import Knowledge
from bot.core.matching import AskResult
from bot.core.model import FactBase
from bot.core.quiz import CloseReason, EndReason, Reveal, Summary
from bot.core.replies import SOURCE, AnswerReply, Refusal, ask_reply, reply_text
from bot.discord_app import render
from bot.l10n import translator


def _embed(question: str, result: AskResult) -> discord.Embed:
    reply = render.worded_reply(question, result, "Us and Them")
    assert isinstance(reply, AnswerReply)
    return render.answer_embed(question, reply)


def test_user_text_is_one_escaped_line() -> None:
    shown = render.user_text("line one\n# Heading **bold** `code`\n> quote", limit=200)

    assert "\n" not in shown
    assert "\\*\\*bold\\*\\*" in shown and "\\`code\\`" in shown


def test_answer_embed_fits_discord_limits_for_the_longest_question(fact_base: FactBase) -> None:
    longest_quote = max(fact_base.facts, key=lambda f: len(f.source.quote))
    question = "why " * 75  # /ask accepts up to 300 characters
    longest_list = max(
        (fact_base.group_of(f) for f in fact_base.facts),
        key=lambda g: sum(len(f.text) + len(f.source.quote) for f in g),
    )
    results = [
        AskResult(
            True,
            longest_quote,
            99.0,
            "",
            also=fact_base.disagreeing(longest_quote),
            answering="x" * 300,
        ),
        AskResult(True, longest_list[0], 99.0, "", listed=longest_list, answering="Q?"),
    ]

    for result in results:
        embed = _embed(question, result)
        assert len(embed.title or "") <= render.TITLE_MAX
        assert all(len(field.value or "") <= render.FIELD_MAX for field in embed.fields)
        assert all(len(field.name or "") <= 256 for field in embed.fields)
        assert len(embed) <= 6000  # Discord's total for one embed


def test_reload_failure_shows_the_first_problems_and_counts_the_rest() -> None:
    problems = [f"facts/pack.yaml:{n}: bad value. Fix: quote it" for n in range(1, 9)]

    text = render.reload_failed_text(problems, shown=5)

    assert "8 problem(s)" in text and "old facts are still in use" in text
    assert "facts/pack.yaml:5:" in text and "facts/pack.yaml:6:" not in text
    assert "and 3 more" in text


def test_answer_embed_names_a_second_question(fact_base: FactBase) -> None:
    fact = fact_base.by_id["director"]
    one = AskResult(True, fact, 99.0, "", answering="Who directed it?")
    assert not any(f.name == "Another question" for f in _embed("q", one).fields)
    two = AskResult(
        True, fact, 99.0, "", answering="Who directed it?", other_question="Where was it filmed?"
    )
    shown = {f.name: f.value for f in _embed("q", two).fields}
    assert "Where was it filmed?" in (shown.get("Another question") or "")
    assert "I saw two questions" in (shown.get("Another question") or "")


def _discord_text(question: str, result: AskResult, film: str, locale: discord.Locale) -> str:
    """Everything an /ask reply shows in Discord, as the cog renders it."""
    reply = render.worded_reply(question, result, film, locale)
    if isinstance(reply, Refusal):
        return render.unknown_text(question, reply)
    embed = render.answer_embed(question, reply, locale)
    parts = [embed.description or "", *(f"{f.name}\n{f.value}" for f in embed.fields)]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "question",
    [
        "who directed it",  # one fact
        "how much did it make",  # a list
        "how much did it make in the first 2 weekends",  # with related figures
        "where was it filmed? and who directed it?",  # a second question
        "who directed titanic",  # I don't know, did you mean
        "???",  # nothing to go on
    ],
)
def test_discord_and_the_console_say_the_same_words(knowledge: Knowledge, question: str) -> None:
    """Both front ends word a reply from one place (bot.core.replies): every line the console
    prints, bar its source lines (Discord shows sources as fields), is in the Discord reply,
    in the asker's language."""
    matcher = knowledge.matcher
    result = matcher.ask(question)
    tr = translator("zh-CN")
    console = reply_text(ask_reply(question, result, matcher.film, tr), tr)
    shown = _discord_text(question, result, matcher.film, discord.Locale.chinese)
    source = tr(SOURCE, citation="")
    for line in console.splitlines():
        said = line.strip().removeprefix("• ")
        if said and not said.startswith(source):
            assert said in shown, f"{said!r} is not in Discord's reply:\n{shown}"


def test_a_disagreement_is_worded_alike_in_discord_and_the_console(
    knowledge: Knowledge, fact_base: FactBase
) -> None:
    fact = next(f for f in fact_base.facts if f.disagrees_with)
    test_discord_and_the_console_say_the_same_words(knowledge, fact.questions[0])


@pytest.mark.parametrize("reason", ["completed", "stopped", "inactive", "shutdown"])
async def test_a_rounds_end_is_worded_alike_in_discord_and_the_console(
    fact_base: FactBase, reason: EndReason
) -> None:
    """Why a round ended and how its answers came out read the same in both front ends
    (bot.core.round_words), in the player's language."""
    out = io.StringIO()
    console = ConsolePresenter(Terminal(out, interactive=False), translator("zh-CN"))
    await console.summary(0, Summary(reason=reason, asked=1, total=2, standings=()))
    title = render.summary_embed(Summary(reason, 1, 2, ()), discord.Locale.chinese).title
    assert title and title in out.getvalue()


@pytest.mark.parametrize("reason", ["answered", "timeout", "skipped", "stopped"])
async def test_a_reveal_is_worded_alike_in_discord_and_the_console(
    fact_base: FactBase, reason: CloseReason
) -> None:
    fact = fact_base.facts[0]
    reveal = Reveal(1, 1, fact, fact.answer, fact.source, reason, None, (), None)
    out = io.StringIO()
    console = ConsolePresenter(Terminal(out, interactive=False), translator("zh-CN"))
    await console.reveal(0, reveal)
    title = render.reveal_embed(reveal, discord.Locale.chinese).title
    assert title and out.getvalue().startswith(title)
