"""/quote: find quotes by their words or by who said them, or pick one at random.

    index = QuoteIndex(fact_base)
    index.search("happiness")     # quotes whose words match, best first (typos tolerated)
    index.search("xiaoxiao")      # quotes said by Fang Xiaoxiao (any spelling of the name)
    index.random(random.Random()) # any quote
    index.page("rene liu", 2)     # the second page of matches (QUOTES_PER_PAGE a page)
    format_quote(quote)           # “text” — speaker, context, source: what a user sees

The index serves the lines as `complete_lines` shows them: from a sentence start, credited to
the document that has the whole line, without a line repeated inside a longer one.

Words are matched as stems with the same normalisation, aliases and typo correction as /ask.
A quote said by the person the query names ranks above quotes that only mention them, and a
quote with the query's very words above one with words of the same stem.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass

from bot.core.match_index import Analyzer, Speller
from bot.core.model import FactBase, Quote
from bot.core.quote_lines import complete_lines
from bot.core.text import AliasTable, compact, normalize
from bot.l10n import N_, Translator, english, join

MIN_SCORE = 50.0  # below this share of the query's weight a quote is not a match
SPEAKER_BONUS = 20.0  # said by the person asked for, not merely mentioning them
EXACT_BONUS = 10.0  # "happiness" ranks the line with that very word above "happy"
CONTEXT_WEIGHT = 0.5  # words of the context ("Xiaoxiao's question") count for less
QUOTES_PER_PAGE = 3  # a page is what fits on a screen or in one Discord message
MAX_MATCHES = 50  # no query needs more pages than this
_COMMAND_WORDS = {"quote", "quotes", "line", "lines", "said", "says", "by", "from", "about"}


@dataclass(frozen=True, slots=True)
class _Entry:
    quote: Quote
    weights: dict[str, float]
    speaker: str  # entity token of the speaker, or "" when the alias table does not know them
    words: frozenset[str]  # the quote's own words, unstemmed: exact wording ranks first


@dataclass(frozen=True, slots=True)
class QuotePage:
    """One page of the quotes matching a query, best first."""

    query: str
    quotes: tuple[Quote, ...]  # empty when nothing matches or the page is past the last
    page: int  # 1-based, as asked for
    pages: int  # pages there are (0 when nothing matches)
    total: int  # quotes matching in all

    @property
    def exists(self) -> bool:
        return 1 <= self.page <= self.pages


class QuoteIndex:
    def __init__(self, fact_base: FactBase) -> None:
        aliases = AliasTable.from_fact_base(fact_base)
        self.quotes = complete_lines(fact_base.quotes, list(fact_base.documents.values()), aliases)
        plain = Analyzer(aliases)
        # speaker words one by one too: "inspector" finds "The ticket inspector"
        bare = Analyzer(AliasTable())
        vocabulary: Counter[str] = Counter()
        entries: list[_Entry] = []
        for quote in self.quotes:
            weights = dict.fromkeys(plain.analyze(quote.context).terms, CONTEXT_WEIGHT)
            spoken = plain.analyze(f"{quote.speaker} {quote.text}").terms
            weights.update(dict.fromkeys(spoken, 1.0))
            weights.update(dict.fromkeys(bare.analyze(quote.speaker).terms, 1.0))
            canonical = aliases.canonical(quote.speaker)
            speaker = "@" + compact(canonical) if canonical else ""
            words = frozenset(normalize(quote.text).split())
            entries.append(_Entry(quote, weights, speaker, words))
            vocabulary.update(normalize(f"{quote.speaker} {quote.text} {quote.context}").split())
        for alias in fact_base.aliases:
            for name in (alias.canonical, *alias.variants):
                vocabulary.update(normalize(name).split())
        self._entries = tuple(entries)
        self._analyzer = Analyzer(aliases, Speller(vocabulary))
        df: Counter[str] = Counter(t for e in entries for t in e.weights)
        n = len(entries)
        self._idf = {t: math.log(1 + (n + 1) / (c + 0.5)) for t, c in df.items()}
        self._unknown = math.log(1 + (n + 1) / 0.5) * 1.25
        self._postings: dict[str, list[int]] = defaultdict(list)
        for pos, entry in enumerate(entries):
            for term in entry.weights:
                self._postings[term].append(pos)

    def search(self, query: str, limit: int = 5) -> list[Quote]:
        """Quotes matching ``query`` by words or speaker, best first; [] when nothing fits."""
        words = [w for w in normalize(query[:300]).split() if w not in _COMMAND_WORDS]
        terms = self._analyzer.analyze(" ".join(words)).terms
        speller = self._analyzer.speller
        if speller is not None:
            words = [speller.correct(w) for w in words]
        if not terms or limit <= 0:
            return []
        words = words or [""]
        candidates = {pos for t in terms for pos in self._postings.get(t, ())}
        total = sum(self._idf.get(t, self._unknown) for t in terms)
        scored: list[tuple[float, int]] = []
        for pos in candidates:
            entry = self._entries[pos]
            covered = sum(self._idf.get(t, 0.0) * entry.weights.get(t, 0.0) for t in terms)
            score = 100.0 * covered / total
            if entry.speaker and entry.speaker in terms:
                score += SPEAKER_BONUS
            score += EXACT_BONUS * sum(1 for w in words if w in entry.words) / len(words)
            if score >= MIN_SCORE:
                scored.append((score, -pos))
        best = heapq.nlargest(limit, scored)
        return [self._entries[-neg].quote for _, neg in best]

    def page(self, query: str, page: int = 1, per_page: int = QUOTES_PER_PAGE) -> QuotePage:
        """Page ``page`` of the quotes matching ``query``; see `QuotePage.exists`."""
        found = self.search(query, limit=MAX_MATCHES)
        per_page = max(1, per_page)
        pages = math.ceil(len(found) / per_page)
        shown = found[(page - 1) * per_page : page * per_page] if page >= 1 else []
        return QuotePage(query, tuple(shown), page, pages, len(found))

    def random(self, rng: random.Random) -> Quote:
        """Any quote; raises LookupError when the base has none."""
        if not self.quotes:
            raise LookupError("The fact base has no quotes.")
        return rng.choice(self.quotes)


def format_quote(quote: Quote, tr: Translator = english) -> str:
    """A quote as a user sees it: the words, who said them, the context and the source.

    The context gets a line of its own: it may hold parentheses itself.
    """
    context = "\n" + tr(N_("Context: {context}"), context=quote.context) if quote.context else ""
    source = tr(N_("Source: {citation}"), citation=quote.source.title)
    return f"“{quote.text}”\n— {quote.speaker}{context}\n{source}"


def page_footer(page: QuotePage, more: str, tr: Translator = english) -> str:
    """'Page 1 of 3 (7 quotes). More: <more>' under a page; "" when everything fits on one."""
    if page.pages <= 1:
        return ""
    footer = tr(
        N_("Page {page} of {pages} ({total} quotes)."),
        page=page.page,
        pages=page.pages,
        total=page.total,
    )
    if page.page < page.pages:
        return join(footer, tr(N_("More: {more}"), more=more))
    return footer


def missing_page(page: QuotePage, tr: Translator = english) -> str:
    """What to say when the page asked for does not exist."""
    if page.page < 1:
        return tr(N_("Pages start at 1."))
    if page.pages == 1:
        return tr(N_("There is only 1 page of quotes for {query}."), query=repr(page.query))
    return tr(
        N_("There are only {pages} pages of quotes for {query}."),
        pages=page.pages,
        query=repr(page.query),
    )
