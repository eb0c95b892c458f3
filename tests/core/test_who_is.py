"""/ask on "who is <person>": "who is zhou dongyu" was refused because the facts naming her (she
stars in it, she plays Fang Xiaoxiao) tied and were read as rivals."""

from __future__ import annotations

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who is zhou dongyu", "Zhou Dongyu plays Fang Xiaoxiao"),
        ("who's zhou dongyu", "Zhou Dongyu plays Fang Xiaoxiao"),
        ("who is the lead actress", "Zhou Dongyu plays Fang Xiaoxiao"),
        ("who is jing boran", "Jing Boran plays Lin Jianqing"),  # her co-star: his part
    ],
)
def test_who_is_a_person_is_answered_with_their_part(
    matcher: Matcher, question: str, said: str
) -> None:
    result = matcher.ask(question)
    assert result.matched, result.refusal
    assert said in result.reply
