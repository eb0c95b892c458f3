"""/quote search on the shipped pack: by words, by speaker in any spelling, at random."""

from __future__ import annotations

import random

import pytest

from bot.core.model import FactBase
from bot.core.quote_lines import ELLIPSIS, starts_mid_sentence
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
    assert first in index.quotes
    assert index.random(random.Random(7)) == first
    seen = {index.random(random.Random(seed)).id for seed in range(30)}
    assert len(seen) > 1


def test_formatted_quote_names_speaker_and_source(index: QuoteIndex) -> None:
    quote = index.search("happiness")[0]
    shown = format_quote(quote)
    assert quote.text in shown and quote.speaker in shown and quote.source.title in shown


def test_a_search_shows_lines_from_a_sentence_start(index: QuoteIndex) -> None:
    found = index.search("jing", limit=50)
    assert len(found) >= 3
    for quote in found:
        assert not starts_mid_sentence(quote.text) or quote.text.startswith(ELLIPSIS), quote.text


def test_every_line_starts_a_sentence_or_says_it_is_a_fragment(index: QuoteIndex) -> None:
    for quote in index.quotes:
        if starts_mid_sentence(quote.text):
            assert quote.text.startswith(ELLIPSIS), quote.id


def test_a_line_is_credited_to_the_document_that_has_it_whole(
    index: QuoteIndex, fact_base: FactBase
) -> None:
    # The pack holds Jing Boran's words on the script as the encyclopedia quotes them, from
    # mid-sentence; the interview has his whole answer.
    packed = next(q for q in fact_base.quotes if q.text.startswith("by accident"))
    shown = next(q for q in index.quotes if q.id == packed.id)
    document = fact_base.documents[shown.source.document]
    assert document.kind == "interview"
    assert shown.text.endswith(packed.text) and not starts_mid_sentence(shown.text)
    assert shown.source.quote in document.text  # verbatim, where it is credited
    assert shown.source.title == document.title


def test_every_source_is_verbatim_in_the_document_it_credits(
    index: QuoteIndex, fact_base: FactBase
) -> None:
    for quote in index.quotes:
        assert quote.source.quote in fact_base.documents[quote.source.document].text, quote.id


def test_no_line_is_shown_again_inside_a_longer_one(index: QuoteIndex, fact_base: FactBase) -> None:
    aliases = AliasTable.from_fact_base(fact_base)
    for quote in index.quotes:
        for other in index.quotes:
            if other is not quote and aliases.same(other.speaker, quote.speaker):
                assert normalize(quote.text) not in normalize(other.text), (quote.id, other.id)
    # the shorter copy of Jing Boran's line is the one left out, not the whole answer
    assert any("take up the role" in q.text for q in index.search("jing", limit=50))


def test_context_notes_do_not_nest_parentheses(index: QuoteIndex) -> None:
    assert any("(" in q.context for q in index.quotes)  # the pack has such notes
    for quote in index.quotes:
        depth = deepest = 0
        for char in format_quote(quote):
            depth += {"(": 1, ")": -1}.get(char, 0)
            deepest = max(deepest, depth)
        assert deepest <= 1, format_quote(quote)


def test_pages_cover_every_match_once(index: QuoteIndex) -> None:
    everything = index.search("rene liu", limit=50)
    first = index.page("rene liu", 1)
    assert first.pages >= 2 and first.total == len(everything)
    seen = [q for n in range(1, first.pages + 1) for q in index.page("rene liu", n).quotes]
    assert seen == everything
    past = index.page("rene liu", first.pages + 1)
    assert not past.exists and past.quotes == ()
    assert not index.page("zzzqqq xylophone").exists
