"""The /ask index's per-fact data kept in a few flat arrays, its objects made when asked for.

A large base has hundreds of thousands of facts and phrasings; as Python objects (a tuple of
terms, an array of weights and a dict of term weights for each) they are most of the index's
memory, and loading a saved index meant creating every one of them. Here each kind of data is
one array for all facts (terms as numbers into one table of terms), so the index saves and
loads as a few large buffers, and a fact's ``FactEntry`` (its phrasings and term weights) is
made only when a question reaches the fact, then kept in a bounded cache: the scorer reads the
same objects as before.

    phrasings = PhrasingTable(terms)                 # the build stores each phrasing once:
    number = phrasings.add(terms_of_it, weights, intent)
    table = EntryTable.pack(facts, phrasings, rows)  # then every fact (``Row``), in order
    entry = table[position]                          # a FactEntry, made on first use
    postings = PostingTable.pack(terms, positions, weights)
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any, NamedTuple, TypeVar, overload

from bot.core.model import Fact

CACHED_ENTRIES = 8192  # facts kept as objects; beyond, the cache starts again (a few MB)
COMMON_POSTINGS = 500  # terms in more facts than this also keep a set, for fast re-scoring
_SEP = "\0"  # between the terms of the packed term table (no term holds it)


@dataclass(frozen=True, slots=True)
class Phrasing:
    terms: tuple[str, ...]
    weights: array[float]  # of each term, in the fit (doubles: no boxed float per term)
    total: float  # summed weight of the terms
    intent: str | None  # "where is rene liu from" is about a place, not just Rene Liu


@dataclass(frozen=True, slots=True)
class FactEntry:
    fact: Fact
    position: int  # order in the base: ties go to the fact declared first
    weights: dict[str, float]  # term -> 1.0 (phrasing, answer) or TEXT_WEIGHT (text, quote)
    phrasings: tuple[Phrasing, ...]
    answers: tuple[Phrasing, ...]  # the answer and accepted forms: "who is wynne" names one
    intents: frozenset[str]


@dataclass(frozen=True, slots=True)
class Postings:
    """The facts that have a term, with the term's weight in each (idf x share), compact."""

    positions: array[int]
    weights: array[float]
    members: frozenset[int] | None  # for common terms: re-scoring by set intersection
    top: float  # the largest weight (common terms re-score with it)

    def __len__(self) -> int:
        return len(self.positions)


class Row(NamedTuple):
    """One fact as the build hands it over: its term weights, phrasings, answers, intents."""

    weights: dict[str, float]
    phrasings: array[int]  # numbers in the ``PhrasingTable``
    answers: array[int]
    intents: frozenset[str]


class TermTable:
    """Every term of the index, numbered: the arrays hold numbers, not strings."""

    def __init__(self, terms: tuple[str, ...]) -> None:
        self.terms = terms
        self.number = {t: n for n, t in enumerate(terms)}

    def __reduce__(self) -> tuple[Any, ...]:
        """Saved as one string (one read, not one per term) when no term holds the separator."""
        if any(_SEP in t for t in self.terms):
            return (TermTable, (self.terms,))
        return (_term_table, (_SEP.join(self.terms), len(self.terms)))


def _term_table(packed: str, count: int) -> TermTable:
    # interned, as the analyser's terms are: lookups then compare by identity
    return TermTable(tuple(map(sys.intern, packed.split(_SEP))) if count else ())


_K = TypeVar("_K")


def _offsets() -> array[int]:
    return array("Q", [0])


class _Numbering(dict[_K, int]):
    """Numbers distinct values in the order first seen: ``numbering[value]``."""

    def __missing__(self, key: _K) -> int:
        number = self[key] = len(self)
        return number


class PhrasingTable:
    """The distinct phrasings as the build weighs them, numbered: their terms and weights
    (ranges of two arrays), totals and intents."""

    def __init__(self, terms: TermTable) -> None:
        self.terms = terms
        self.intents: _Numbering[str | None] = _Numbering({None: 0})
        self.arrays: dict[str, array[Any]] = {
            "ta": _offsets(),
            "tt": array("I"),
            "tw": array("d"),
            "tot": array("d"),
            "int": array("B"),
        }
        self._term_of = terms.number.__getitem__

    def add(self, terms: tuple[str, ...], weights: array[float], intent: str | None) -> int:
        """Store a phrasing; its number."""
        a = self.arrays
        number = len(a["tot"])
        a["tt"].extend(map(self._term_of, terms))
        a["tw"].extend(weights)
        a["ta"].append(len(a["tt"]))
        a["tot"].append(sum(weights))
        a["int"].append(self.intents[intent])
        return number


class EntryTable(Sequence[FactEntry]):
    """Every fact's ``FactEntry``, by position, from flat arrays (see the module's notes)."""

    def __init__(
        self,
        facts: Sequence[Fact],
        terms: TermTable,
        shares: tuple[float, ...],
        intents: tuple[str | None, ...],
        intent_sets: tuple[frozenset[str], ...],
        arrays: dict[str, array[Any]],
    ) -> None:
        self._facts = facts
        self.terms = terms
        self._terms = terms.terms
        self._shares = shares  # the distinct term weights of facts (1.0, TEXT_WEIGHT)
        self._intents = intents  # phrasing intents (None first)
        self._intent_sets = intent_sets  # facts' sets of intents
        self._arrays = arrays
        a = arrays
        # facts: their term weights, phrasings, answers (ranges into the arrays below)
        self._weight_at, self._weight_term, self._weight_share = a["wa"], a["wt"], a["ws"]
        self._phrasing_at, self._phrasing_ids = a["pa"], a["pi"]
        self._answer_at, self._answer_ids = a["aa"], a["ai"]
        self._intent_set = a["is"]
        # distinct phrasings: terms and weights (ranges), total, intent
        self._term_at, self._term, self._weight = a["ta"], a["tt"], a["tw"]
        self._total, self._intent = a["tot"], a["int"]
        self._cache: dict[int, FactEntry] = {}
        self._phrasings: dict[int, Phrasing] = {}

    @classmethod
    def pack(
        cls, facts: Sequence[Fact], phrasings: PhrasingTable, rows: Iterable[Row]
    ) -> EntryTable:
        """The table of ``rows`` (one per fact, in order) over the build's ``phrasings``."""
        terms = phrasings.terms
        term_of = terms.number.__getitem__
        arrays: dict[str, array[Any]] = {
            "wa": _offsets(),
            "wt": array("I"),
            "ws": array("B"),
            "pa": _offsets(),
            "pi": array("I"),
            "aa": _offsets(),
            "ai": array("I"),
            "is": array("I"),
            **phrasings.arrays,
        }
        a = arrays
        shares: _Numbering[float] = _Numbering()
        intents = phrasings.intents
        intent_sets: _Numbering[frozenset[str]] = _Numbering()
        weight_at, weight_term, weight_share = a["wa"], a["wt"], a["ws"]
        phrasing_at, phrasing_ids_of, answer_at, answer_ids_of = a["pa"], a["pi"], a["aa"], a["ai"]
        for row in rows:
            weight_term.extend(map(term_of, row.weights))
            weight_share.extend(map(shares.__getitem__, row.weights.values()))
            weight_at.append(len(weight_term))
            phrasing_ids_of.extend(row.phrasings)
            phrasing_at.append(len(phrasing_ids_of))
            answer_ids_of.extend(row.answers)
            answer_at.append(len(answer_ids_of))
            a["is"].append(intent_sets[row.intents])
        return cls(facts, terms, tuple(shares), tuple(intents), tuple(intent_sets), arrays)

    def __len__(self) -> int:
        return len(self._intent_set)

    @overload
    def __getitem__(self, position: int) -> FactEntry: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[FactEntry]: ...

    def __getitem__(self, position: int | slice) -> FactEntry | Sequence[FactEntry]:
        if isinstance(position, slice):
            return [self[i] for i in range(len(self))[position]]
        entry = self._cache.get(position)
        if entry is None:
            if not 0 <= position < len(self):
                raise IndexError(position)
            entry = self._make(position)
            if len(self._cache) >= CACHED_ENTRIES:
                # bounded: a long-running bot reaches most facts of a large base in time
                self._cache.clear()
                self._phrasings.clear()
            self._cache[position] = entry
        return entry

    def __iter__(self) -> Iterator[FactEntry]:
        return map(self.__getitem__, range(len(self)))

    def _make(self, pos: int) -> FactEntry:
        terms, shares = self._terms, self._shares
        start, end = self._weight_at[pos], self._weight_at[pos + 1]
        weights = dict(
            zip(
                map(terms.__getitem__, self._weight_term[start:end]),
                map(shares.__getitem__, self._weight_share[start:end]),
                strict=True,
            )
        )
        phrasing, at, answer_at = self._phrasing, self._phrasing_at, self._answer_at
        return FactEntry(
            fact=self._facts[pos],
            position=pos,
            weights=weights,
            phrasings=tuple(map(phrasing, self._phrasing_ids[at[pos] : at[pos + 1]])),
            answers=tuple(map(phrasing, self._answer_ids[answer_at[pos] : answer_at[pos + 1]])),
            intents=self._intent_sets[self._intent_set[pos]],
        )

    def _phrasing(self, number: int) -> Phrasing:
        """Phrasing ``number``, one object for every fact of the cache that has it."""
        found = self._phrasings.get(number)
        if found is None:
            start, end = self._term_at[number], self._term_at[number + 1]
            found = self._phrasings[number] = Phrasing(
                tuple(map(self._terms.__getitem__, self._term[start:end])),
                self._weight[start:end],
                self._total[number],
                self._intents[self._intent[number]],
            )
        return found

    def about(self, wanted: frozenset[str]) -> PhrasingSet:
        """The (fact position, phrasing number) of the phrasings having any of ``wanted``."""
        flags = bytearray(len(self._total))
        hit = [t in wanted for t in self._terms]
        term_at = self._term_at
        # each place in the phrasings' terms holding a wanted term flags its phrasing (found by
        # bisection: a phrasing is never empty, so its range holds the place)
        for place in compress(range(len(self._term)), map(hit.__getitem__, self._term)):
            flags[bisect_right(term_at, place) - 1] = 1
        return PhrasingSet(self._phrasing_at, self._phrasing_ids, flags)

    def __reduce__(self) -> tuple[Any, ...]:
        """Saved as its arrays (large buffers), never its cache of objects."""
        fields = (self._facts, self.terms, self._shares, self._intents, self._intent_sets)
        return (EntryTable, (*fields, self._arrays))


class PhrasingSet:
    """A set of (fact position, phrasing number), as one flag per distinct phrasing."""

    def __init__(self, at: array[int], ids: array[int], flags: bytearray) -> None:
        self._at, self._ids, self._flags = at, ids, flags

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        pos, number = key
        if not 0 <= pos < len(self._at) - 1:
            return False
        start = self._at[pos]
        if not 0 <= number < self._at[pos + 1] - start:
            return False
        return bool(self._flags[self._ids[start + number]])


class PostingTable(Mapping[str, Postings]):
    """term -> ``Postings``, every term's facts and weights in two arrays; the objects are made
    when a question has the term."""

    def __init__(
        self, terms: TermTable, at: array[int], positions: array[int], weights: array[float]
    ) -> None:
        self.terms = terms
        self._number = terms.number
        self._at, self._positions, self._weights = at, positions, weights
        self._cache: dict[str, Postings] = {}

    @classmethod
    def pack(
        cls,
        terms: TermTable,
        positions: Mapping[str, array[int]],
        weights: Mapping[str, array[float]],
    ) -> PostingTable:
        """Each term's facts (``positions``) and weights in them, in the order of ``terms``."""
        at, flat_positions, flat_weights = _offsets(), array("i"), array("f")
        for term in terms.terms:
            flat_positions.extend(positions[term])
            flat_weights.extend(weights[term])
            at.append(len(flat_positions))
        return cls(terms, at, flat_positions, flat_weights)

    def __getitem__(self, term: str) -> Postings:
        found = self._cache.get(term)
        if found is None:
            number = self._number[term]
            start, end = self._at[number], self._at[number + 1]
            positions = self._positions[start:end]
            weights = self._weights[start:end]
            found = Postings(
                positions,
                weights,
                frozenset(positions) if len(positions) > COMMON_POSTINGS else None,
                max(weights),
            )
            if len(self._cache) >= CACHED_ENTRIES:
                self._cache.clear()
            self._cache[term] = found
        return found

    def __contains__(self, term: object) -> bool:
        return term in self._number

    def __len__(self) -> int:
        return len(self.terms.terms)

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms.terms)

    def __reduce__(self) -> tuple[Any, ...]:
        return (PostingTable, (self.terms, self._at, self._positions, self._weights))
