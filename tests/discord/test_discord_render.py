"""Rendering stays inside Discord's limits and never lets user text format or break a message."""

from __future__ import annotations

from bot.core.matching import AskResult
from bot.core.model import FactBase
from bot.discord_app import render


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
        embed = render.answer_embed(question, result)
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
    assert not any(f.name == "Another question" for f in render.answer_embed("q", one).fields)
    two = AskResult(
        True, fact, 99.0, "", answering="Who directed it?", other_question="Where was it filmed?"
    )
    shown = {f.name: f.value for f in render.answer_embed("q", two).fields}
    assert "Where was it filmed?" in (shown.get("Another question") or "")
    assert "I saw two questions" in (shown.get("Another question") or "")
