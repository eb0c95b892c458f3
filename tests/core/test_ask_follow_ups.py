"""A bare "why", "why tho" or "how come" after a statement asks why of what was said, and all
three are answered alike (review of this session's reading changes: "how come" was refused
where "why" was answered)."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    "message",
    [
        "they broke up?? why",
        "they broke up?? why tho",
        "they broke up?? how come",
        "how come they broke up",
    ],
)
def test_why_tho_and_how_come_ask_why_as_why_does(matcher: Matcher, message: str) -> None:
    result = matcher.ask(message)
    assert result.matched and result.fact is not None, result.refusal
    assert result.fact.id == "wynne-why-broke-up", result.reply


@pytest.mark.parametrize(
    "message",
    [
        "she left him?? why",
        "she left him?? why tho",
        "she left him?? how come",
        "from what i remember she left him. why?",
    ],
)
def test_a_bare_why_gets_what_the_question_spelled_out_gets(matcher: Matcher, message: str) -> None:
    spelled_out = matcher.ask("why she left him")
    result = matcher.ask(message)
    assert result.matched == spelled_out.matched
    assert result.fact == spelled_out.fact
    assert result.suggestions == spelled_out.suggestions
