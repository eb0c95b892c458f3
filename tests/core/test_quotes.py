"""/quote search on the shipped pack: by words, by speaker in any spelling, at random."""

from __future__ import annotations

import random

import pytest

from bot.core.model import FactBase
from bot.core.quotes import QuoteIndex, format_quote
from bot.core.text import AliasTable, normalize


@pytest.fixture(scope="module")
def index(fact_base: FactBase) -> QuoteIndex:
    return QuoteIndex(fact_base)


@pytest.mark.parametrize("query", ["happiness", "quote happiness", "hapiness"])
def test_words_find_the_line_that_says_them(index: QuoteIndex, query: str) -> None:
    found = index.search(query)
    assert found
    assert "happiness" in normalize(found[0].text)


@pytest.mark.parametrize(
    ("query", "speaker"),
    [
        ("xiaoxiao", "Fang Xiaoxiao"),
        ("Xiao Xiao", "Fang Xiaoxiao"),
        ("quote rene liu", "Rene Liu"),
        ("René", "Rene Liu"),
        ("zhou dongyu", "Zhou Dongyu"),
    ],
)
def test_speaker_in_any_spelling(
    index: QuoteIndex, fact_base: FactBase, query: str, speaker: str
) -> None:
    aliases = AliasTable.from_fact_base(fact_base)
    found = index.search(query, limit=5)
    assert found
    by_speaker = [q for q in fact_base.quotes if aliases.same(q.speaker, speaker)]
    # the best matches are the person's own words, as many as they have (up to the limit)
    top = found[: min(len(by_speaker), 3)]
    assert all(aliases.same(q.speaker, speaker) for q in top), [q.speaker for q in top]


def test_nothing_found_is_an_empty_list(index: QuoteIndex) -> None:
    assert index.search("zzzqqq xylophone") == []
    assert index.search("") == []
    assert index.search("\x00" * 5000) == []


def test_random_is_reproducible_with_a_seed(index: QuoteIndex, fact_base: FactBase) -> None:
    first = index.random(random.Random(7))
    assert first in fact_base.quotes
    assert index.random(random.Random(7)) == first
    seen = {index.random(random.Random(seed)).id for seed in range(30)}
    assert len(seen) > 1


def test_formatted_quote_names_speaker_and_source(index: QuoteIndex) -> None:
    quote = index.search("happiness")[0]
    shown = format_quote(quote)
    assert quote.text in shown and quote.speaker in shown and quote.source.title in shown
