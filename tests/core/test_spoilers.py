"""The no-spoiler rule: what /ask, /quote and autocomplete may show while a question is open."""

from __future__ import annotations

import random

from bot.core.matching import Matcher
from bot.core.model import FactBase
from bot.core.quotes import QuoteIndex
from bot.core.spoilers import ask_spoils, quote_spoils, safe_choices, safe_random


def test_an_answer_to_the_open_question_is_held_back(fact_base: FactBase) -> None:
    matcher = Matcher(fact_base)
    director = fact_base.by_id["director"]
    assert ask_spoils(director, matcher.ask("who directed it"))
    assert ask_spoils(director, matcher.ask("who made her directorial debut with it"))
    assert not ask_spoils(director, matcher.ask("where was it filmed"))
    assert not ask_spoils(None, matcher.ask("who directed it"))  # no round: nothing held


def test_quotes_and_autocomplete_never_name_the_open_answer(fact_base: FactBase) -> None:
    director = fact_base.by_id["director"]
    quotes = QuoteIndex(fact_base)
    by_her = [q for q in fact_base.quotes if "Liu" in q.speaker]
    assert by_her and all(quote_spoils(director, q) for q in by_her)
    rng = random.Random(3)
    for _ in range(30):
        quote = safe_random(quotes, rng, director)
        assert quote is not None and not quote_spoils(director, quote)
    choices = ["Who directed Us and Them?", "Who is Rene Liu?", "Is Rene Liu a singer?"]
    assert safe_choices(director, choices) == ["Who directed Us and Them?"]
