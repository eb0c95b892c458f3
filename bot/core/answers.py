"""Is this typed answer correct for this fact? Accept what a fair quiz host would.

``AnswerChecker(fact_base).check(fact, guess) -> Verdict`` (``checker(fact, guess) -> bool`` too).
Text goes through the same `bot.core.text.normalize` as /ask, then the fact's ``kind`` decides:

- names (person, character, place, organisation, award, title): every word of the answer (or of
  an accepted alternative, or of a pack alias of it) must be there, in any order and spacing
  ("Liu Rene", "jing bo ran", "jingboran"); a word may carry a small typo ("Hailer", "Rene Lui")
  but only with its first letter right, and never one that turns it into another known word.
  Numbers inside names are exact. A fragment ("hai") is not the name.
- amounts (year, number, money, rating): the value must be exactly equal, however written
  ("$209 million" = "209m" = "$209,000,000", "six" = "6"); a different value or unit is wrong.
- dates: the same calendar date in any common format, with the same parts given.
- text: every content word of the answer, small typos allowed, extra words fine.

Extra words around the answer are fine ("in Hailar", "Hailar, Inner Mongolia"). A message that
lists several guesses is wrong: "Beijing or Hailar", a second known name of the same kind, or a
second different number.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.core.dates import DateValue, find_dates
from bot.core.model import Fact, FactBase
from bot.core.numbers import Quantity, conflicting_units, quantities, same_quantity
from bot.core.text import normalize


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


__all__ = ["AnswerChecker", "Verdict"]

NAME_KINDS = frozenset({"person", "character", "place", "organisation", "award", "title"})
NUMBER_KINDS = frozenset({"year", "number", "money", "rating"})
MAX_GUESS_CHARS = 200
ARTICLES = frozenset({"the", "a", "an"})
# Small words that say nothing about which answer is meant.
FILLER = _word_set(
    """a an the of to in on at for by with from as is was were it its it's this that i think
    maybe probably im i'm answer be been being his her their he she they them film movie"""
)
PEOPLE_KINDS = frozenset({"person", "character"})
NEGATIONS = _word_set(
    "not no never nor neither doesnt dont didnt isnt wasnt arent werent cant wont"
)
DATE_WORDS = _word_set(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec
    spring summer autumn fall winter"""
)
# Regions a place answer may be qualified with: "Beijing, China", "Hailar, Inner Mongolia".
BROAD_PLACES = _word_set("china mainlandchina innermongolia mongolia taiwan hongkong asia prc")
ROLE_WORDS = _word_set(
    "director actor actress singer star producer writer critic mr mrs ms miss dr and"
)
ALTERNATION = frozenset({"or", "nor", "either", "vs", "versus"})
# "/", "|" and ";" between words separate guesses; "/" between digits is a rating ("5.9/10").
_DOUBLED = re.compile(r"(.)\1+")
_SEPARATORS = re.compile(r"\s*(?:[|;]|(?<!\d)/|/(?!\d))\s*")


@dataclass(frozen=True, slots=True)
class Verdict:
    correct: bool
    reason: str  # why, for pack authors (`python -m bot facts try`)

    def __bool__(self) -> bool:
        return self.correct


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    words: tuple[str, ...]  # normalised, articles dropped when other words remain
    joined: str  # words without spaces or hyphens
    quantities: tuple[Quantity, ...]
    dates: tuple[DateValue, ...]
    orders: tuple[str, ...]  # joined in every word order (names of up to 3 words), for spacing


@dataclass(frozen=True, slots=True)
class _Compiled:
    kind: str
    candidates: tuple[_Candidate, ...]
    own_words: frozenset[str]  # every word of every candidate: not "another known name"


class AnswerChecker:
    """Checks answers against facts; build once per fact base (it caches per fact)."""

    def __init__(self, fact_base: FactBase | None = None) -> None:
        self._groups: dict[str, tuple[str, ...]] = {}  # joined form -> every form of that name
        self._known_by_kind: dict[str, set[str]] = {}  # kind -> joined forms of known names
        self._vocabulary: set[str] = set()  # every word of every known name and answer
        self._cache: dict[tuple[str, str, tuple[str, ...], str], _Compiled] = {}
        if fact_base is not None:
            self._learn(fact_base)

    def _learn(self, fact_base: FactBase) -> None:
        for alias in fact_base.aliases:
            forms = (alias.canonical, *alias.variants)
            for form in forms:
                self._groups.setdefault(_joined(form), forms)
                self._vocabulary.update(normalize(form).split())
            for kind in _answer_kinds_for_alias(alias.kind):
                self._known_by_kind.setdefault(kind, set()).update(_joined(f) for f in forms)
        for fact in fact_base.facts:
            for text in (fact.answer, *fact.accept):
                self._vocabulary.update(normalize(text).split())
            if fact.kind in NAME_KINDS:
                self._known_by_kind.setdefault(fact.kind, set()).add(_joined(fact.answer))

    # -- public --------------------------------------------------------------------------------

    def __call__(self, fact: Fact, guess: str) -> bool:
        return self.check(fact, guess).correct

    def check(self, fact: Fact, guess: str) -> Verdict:
        if len(guess) > MAX_GUESS_CHARS:
            return Verdict(False, "too long to be one answer")
        folded = guess.strip().casefold()
        if folded == fact.answer.casefold() or any(folded == a.casefold() for a in fact.accept):
            return Verdict(True, "the answer exactly")  # the common case, without normalising
        text = normalize(_SEPARATORS.sub(" or ", guess))
        words = text.split()
        if not words:
            return Verdict(False, "empty")
        compiled = self._compile(fact)
        if compiled.kind == "date":
            verdict = self._check_date(compiled, text)
        elif compiled.kind in NUMBER_KINDS:
            verdict = self._check_number(compiled, text)
        else:
            verdict = None
        if verdict is not None:
            return verdict
        commas = "," in guess or "、" in guess
        if compiled.kind == "text":
            return self._check_text(compiled, words, commas)
        return self._check_name(compiled, words, commas)

    # -- compile -------------------------------------------------------------------------------

    def _compile(self, fact: Fact) -> _Compiled:
        key = (fact.id, fact.answer, fact.accept, fact.kind)
        compiled = self._cache.get(key)
        if compiled is None:
            compiled = self._cache[key] = self._build(fact)
        return compiled

    def _build(self, fact: Fact) -> _Compiled:
        texts: list[str] = []
        for text in (fact.answer, *fact.accept):
            texts.append(text)
            if fact.kind not in NUMBER_KINDS and fact.kind != "date":
                texts.extend(self._groups.get(_joined(text), ()))
        candidates: list[_Candidate] = []
        seen: set[str] = set()
        for text in texts:
            norm = normalize(_SEPARATORS.sub(" or ", text))
            if not norm or norm in seen:
                continue
            seen.add(norm)
            words = tuple(norm.split())
            content = tuple(w for w in words if w not in ARTICLES) or words
            dates = tuple(find_dates(norm))
            candidates.append(
                _Candidate(
                    text,
                    content,
                    "".join(content).replace("-", ""),
                    tuple(quantities(_without_dates(norm, dates))),
                    dates,
                    _joined_orders(content),
                )
            )
        own = frozenset(w for c in candidates for w in c.words)
        return _Compiled(fact.kind, tuple(candidates), own)

    # -- dates and amounts ---------------------------------------------------------------------

    def _check_date(self, compiled: _Compiled, text: str) -> Verdict | None:
        expected = [c for c in compiled.candidates if c.dates]
        if not expected:
            return None  # the answer is not written as a date: compare it as text
        given = find_dates(text)
        if not given:
            return Verdict(False, "no date in the answer")
        for candidate in expected:
            if all(any(g.matches(e) for e in candidate.dates) for g in given) and (
                len(given) == 1 or _all_same(given)
            ):
                return Verdict(True, "same date")
        if len(given) > 1:
            return Verdict(False, "several different dates")
        return Verdict(False, "a different date (or a date missing its day, month or year)")

    def _check_number(self, compiled: _Compiled, text: str) -> Verdict | None:
        expected = [c for c in compiled.candidates if c.quantities]
        if not expected:
            return None
        given = quantities(text)
        if not given:
            # "a dozen" style alternatives written without digits are compared as text.
            return (
                None
                if len(expected) < len(compiled.candidates)
                else Verdict(False, "no number in the answer")
            )
        for candidate in expected:
            if len(candidate.quantities) == 1:
                want = candidate.quantities[0]
                if all(same_quantity(want, g) for g in given):
                    if any(conflicting_units(want, g) for g in given):
                        return Verdict(False, "a different unit")
                    return Verdict(True, "same amount")
            elif _same_amounts(candidate.quantities, given):
                return Verdict(True, "same amounts")
        distinct = {g.value for g in given}
        if len(distinct) > 1:
            return Verdict(False, "several different numbers")
        return Verdict(False, "a different number")

    # -- names and text ------------------------------------------------------------------------

    def _check_name(self, compiled: _Compiled, words: list[str], commas: bool) -> Verdict:
        best: tuple[int, int] | None = None
        best_candidate: _Candidate | None = None
        for candidate in compiled.candidates:
            span = self._find(candidate, words)
            if span is not None and (best is None or span[1] - span[0] > best[1] - best[0]):
                best, best_candidate = span, candidate
        if best is None or best_candidate is None:
            return Verdict(False, "not the answer (names must match word for word)")
        if compiled.kind in PEOPLE_KINDS and self._extends_short_name(
            compiled, best_candidate, words, best
        ):
            return Verdict(False, "a different name (only part of it matches)")
        rest = words[: best[0]] + words[best[1] :]
        problem = self._several_guesses(compiled, rest, commas)
        if problem:
            return Verdict(False, problem)
        return Verdict(True, "matches")

    def _check_text(self, compiled: _Compiled, words: list[str], commas: bool) -> Verdict:
        negated = NEGATIONS.intersection(words)
        for candidate in compiled.candidates:
            if negated - set(candidate.words):
                continue  # "he is not married" says the opposite of "married"
            span = self._find(candidate, words)
            if span is not None:
                rest = words[: span[0]] + words[span[1] :]
                problem = self._several_guesses(compiled, rest, commas)
                return Verdict(not problem, problem or "matches")
            content = [w for w in candidate.words if w not in FILLER] or list(candidate.words)
            used: set[int] = set()
            missing = 0
            for word in content:
                index = next(
                    (
                        i
                        for i, g in enumerate(words)
                        if i not in used and self._close(g, word, compiled.own_words)
                    ),
                    None,
                )
                if index is None:
                    missing += 1
                else:
                    used.add(index)
            # Every content word must be there: the missing one is often the point ("coldest").
            if missing == 0:
                rest = [w for i, w in enumerate(words) if i not in used]
                problem = self._several_guesses(compiled, rest, commas)
                return Verdict(not problem, problem or "has every word of the answer")
        return Verdict(False, "not the answer")

    @staticmethod
    def _extends_short_name(
        compiled: _Compiled, candidate: _Candidate, words: Sequence[str], span: tuple[int, int]
    ) -> bool:
        """ "Wang Yibai" is not Zhang Yibai even though "Yibai" alone is accepted."""
        longest = max(len(c.words) for c in compiled.candidates)
        if len(candidate.words) >= longest:
            return False
        neighbours = [*words[max(0, span[0] - 1) : span[0]], *words[span[1] : span[1] + 1]]
        return any(
            w not in FILLER and w not in ROLE_WORDS and w not in ALTERNATION for w in neighbours
        )

    def _find(self, candidate: _Candidate, words: Sequence[str]) -> tuple[int, int] | None:
        """The span of ``words`` that spells the candidate, or None."""
        size = len(candidate.words)
        for length in range(min(len(words), size + 2), 0, -1):
            for start in range(len(words) - length + 1):
                window = words[start : start + length]
                if length == size and self._same_words(window, candidate):
                    return start, start + length
                if self._same_joined(window, candidate):
                    return start, start + length
        return None

    def _same_words(self, window: Sequence[str], candidate: _Candidate) -> bool:
        orders: Iterable[Sequence[str]] = (
            itertools.permutations(window) if len(window) <= 4 else (window, window[::-1])
        )
        own = frozenset(candidate.words)
        return any(
            all(self._close(g, w, own) for g, w in zip(o, candidate.words, strict=True))
            for o in orders
        )

    def _same_joined(self, window: Sequence[str], candidate: _Candidate) -> bool:
        """Spacing does not matter: "jingboran", "jing bo ran" and "liurene" spell the name."""
        joined = "".join(window).replace("-", "")
        if len(window) > 4:
            return joined == candidate.joined
        for goal in candidate.orders:
            if joined == goal:
                return True
            # One slip in a long name written without its spaces ("jingborna").
            if (
                len(goal) >= 8
                and joined[:1] == goal[:1]
                and abs(len(joined) - len(goal)) <= 1
                and not _has_digit(goal)
                and OSA.distance(joined, goal, score_cutoff=1) <= 1
            ):
                return True
        return False

    def _close(self, given: str, expected: str, own: frozenset[str]) -> bool:
        """Same word, or a small typo of it that is not another word we know."""
        if given == expected:
            return True
        if _has_digit(given) or _has_digit(expected) or given[:1] != expected[:1]:
            return False
        if given in self._vocabulary and given not in own:
            return False  # "yimou" is not a typo of "yibai" if both are names we know
        n = len(expected)
        if n <= 4:
            # Short words: only two swapped letters ("lui" for "liu") or a doubled letter
            # ("stubb"); one changed letter makes another name too often ("Chan", "Chen").
            if _undouble(given) == _undouble(expected):
                return True
            return (
                len(given) == n
                and sorted(given) == sorted(expected)
                and OSA.distance(given, expected) == 1
            )
        allowed = 1 if n <= 8 else 2
        return OSA.distance(given, expected, score_cutoff=allowed) <= allowed

    def _several_guesses(self, compiled: _Compiled, rest: Sequence[str], commas: bool) -> str:
        """Why the words around a matched answer make it a list of guesses ("" if they don't)."""
        return (
            _alternatives(rest)
            or _more_names(compiled, rest, commas)
            or _other_value(compiled, rest)
            or self._another_known(compiled, rest)
        )

    def _another_known(self, compiled: _Compiled, rest: Sequence[str]) -> str:
        """A second name the pack knows, of the answer's kind: "Beijing Hailar"."""
        known = self._known_by_kind.get(compiled.kind, set())
        mine = {c.joined for c in compiled.candidates}
        for length in range(1, 5):
            for start in range(len(rest) - length + 1):
                joined = "".join(rest[start : start + length]).replace("-", "")
                if joined in BROAD_PLACES and compiled.kind == "place":
                    continue  # "Beijing, China" only says where Beijing is
                if joined in known and joined not in mine and joined not in compiled.own_words:
                    return f"also names another {compiled.kind}"
        return ""


def _alternatives(rest: Sequence[str]) -> str:
    """ "Beijing or Hailar": an either/or is two guesses."""
    if any(w in ALTERNATION for w in rest):
        return 'several guesses ("or")'
    return ""


def _more_names(compiled: _Compiled, rest: Sequence[str], commas: bool) -> str:
    """A name answer given with more names: "Hailar and Beijing", "Eason Chan, Jackie Chan"."""
    if compiled.kind in NAME_KINDS and "and" in rest:
        after = rest[rest.index("and") + 1 :]
        if any(w not in FILLER for w in after):
            return 'several names ("and")'
    content = [w for w in rest if w not in FILLER and w not in ROLE_WORDS]
    if compiled.kind in PEOPLE_KINDS and content and (commas or compiled.own_words & set(content)):
        return "several names"  # "Eason Chan, Jackie Chan"
    return ""


def _other_value(compiled: _Compiled, rest: Sequence[str]) -> str:
    """A number or a time of year beside the answer that is not the answer's own."""
    answer_numbers = {w for c in compiled.candidates for w in c.words if _has_digit(w)}
    if answer_numbers and any(_has_digit(w) and w not in answer_numbers for w in rest):
        return "a different number"  # "56th Golden Horse Awards"
    if compiled.kind in {"date", "year"} and any(
        w in DATE_WORDS and w not in compiled.own_words for w in rest
    ):
        return "a different time of year"  # "autumn 2017" for "winter 2017"
    return ""


def _joined_orders(words: Sequence[str]) -> tuple[str, ...]:
    if len(words) > 3:
        return ("".join(words).replace("-", ""),)
    return tuple(dict.fromkeys("".join(o).replace("-", "") for o in itertools.permutations(words)))


def _joined(text: str) -> str:
    return normalize(text).replace(" ", "").replace("-", "")


def _undouble(word: str) -> str:
    return _DOUBLED.sub(r"\1", word)


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def _without_dates(text: str, dates: Sequence[DateValue]) -> str:
    for date in sorted(dates, key=lambda d: d.start, reverse=True):
        text = text[: date.start] + " " + text[date.end :]
    return text


def _all_same(dates: Sequence[DateValue]) -> bool:
    return all(d.matches(dates[0]) for d in dates[1:])


def _same_amounts(expected: Sequence[Quantity], given: Sequence[Quantity]) -> bool:
    if len(expected) != len(given):
        return False
    return all(same_quantity(e, g) for e, g in zip(expected, given, strict=True))


def _answer_kinds_for_alias(alias_kind: str) -> tuple[str, ...]:
    """Alias kinds name the same things as these answer kinds."""
    return {
        "person": ("person",),
        "character": ("character",),
        "place": ("place",),
        "organisation": ("organisation",),
        "film": ("title",),
        "term": ("award", "text"),
    }.get(alias_kind, ())
