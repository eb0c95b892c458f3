"""Multiple-choice options: the answer plus three wrong options of the same kind.

Wrong options come first from the fact's curated ``quiz.distractors``, then from other facts'
answers of the same ``Fact.kind`` (other people for a "who", other dates for a "when"), and for
numbers, years, amounts and ratings from nearby values written like the answer. A candidate the
answer checker would accept for this fact is never used, so there is never a second correct
option, and no two options are the same thing written differently.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence

from bot.core.dates import find_dates
from bot.core.model import Fact
from bot.core.text import normalize, number_value

__all__ = ["OPTION_COUNT", "ChoiceBuilder", "build_choices"]

OPTION_COUNT = 4
NUMERIC_KINDS = frozenset({"year", "number", "money", "rating"})
_FIRST_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b([1-9]|[12]\d|3[01])\b(?!\s*[-/.]\d)")


def build_choices(
    fact: Fact,
    pool: Sequence[Fact],
    rng: random.Random,
    checker: Callable[[Fact, str], bool],
    count: int = OPTION_COUNT,
) -> tuple[tuple[str, ...], int] | None:
    """(options, index of the correct one), or None when too few distinct wrong options exist."""
    return ChoiceBuilder(pool, checker).build(fact, rng, count)


class ChoiceBuilder:
    """Builds options for many rounds; remembers which candidates the checker refused.

    Round starts must not stall the event loop, so each (fact, candidate) verdict is computed
    once per fact base.
    """

    def __init__(self, pool: Sequence[Fact], checker: Callable[[Fact, str], bool]) -> None:
        self._check = checker
        self._by_kind: dict[str, list[Fact]] = {}
        for f in pool:
            self._by_kind.setdefault(f.kind, []).append(f)
        self._verdicts: dict[tuple[str, str], bool] = {}
        self._identities: dict[str, str] = {}

    def build(
        self, fact: Fact, rng: random.Random, count: int = OPTION_COUNT
    ) -> tuple[tuple[str, ...], int] | None:
        curated = list(fact.quiz.distractors) if fact.quiz else []
        same_kind = [f.answer for f in self._by_kind.get(fact.kind, ()) if f.id != fact.id]
        # A random handful is nearly always enough; the whole list only when it is not.
        sample = rng.sample(same_kind, min(len(same_kind), 4 * count))
        generated: list[str] = []
        if fact.kind in NUMERIC_KINDS:
            generated = _nearby_values(fact.answer, rng)
        elif fact.kind == "date":
            generated = _nearby_dates(fact.answer, rng)
        wrong = self._distinct_wrong(fact, curated + sample + generated, count - 1)
        if len(wrong) < count - 1 and len(sample) < len(same_kind):
            rng.shuffle(same_kind)
            wrong = self._distinct_wrong(fact, curated + same_kind + generated, count - 1)
        if len(wrong) < count - 1:
            return None
        options = [*wrong, fact.answer]
        rng.shuffle(options)
        return tuple(options), options.index(fact.answer)

    def _accepted(self, fact: Fact, text: str) -> bool:
        key = (fact.id, text)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = self._check(fact, text)
        return verdict

    def _identity(self, text: str) -> str:
        key = self._identities.get(text)
        if key is None:
            key = self._identities[text] = _identity(text)
        return key

    def _distinct_wrong(self, fact: Fact, candidates: Iterable[str], wanted: int) -> list[str]:
        chosen: list[str] = []
        # Two options that are one thing written twice ("Rene Liu", "Liu Rene", "209m" and
        # "$209 million") would give the game away.
        seen = {self._identity(fact.answer), *(self._identity(a) for a in fact.accept)}
        for text in candidates:
            key = self._identity(text)
            if not key or key in seen or self._accepted(fact, text):
                continue
            seen.add(key)
            chosen.append(text)
            if len(chosen) == wanted:
                break
        return chosen


def _identity(text: str) -> str:
    """One key for the ways of writing the same option: amounts, dates, word order, spacing."""
    norm = normalize(text)
    dates = find_dates(norm)
    if len(dates) == 1:
        return "date:" + repr(sorted(dates[0].readings, key=repr))
    value = number_value(text)
    if value is not None:
        return f"number:{value:g}"
    words = [w for w in norm.split() if w not in {"the", "a", "an"}] or norm.split()
    # The letters in any order and spacing: "Liu Rene" and "jingboran" land on one key.
    return "".join(sorted("".join(words).replace("-", "")))


def _nearby_values(answer: str, rng: random.Random) -> list[str]:
    """The answer with its first number changed: "$209 million" -> "$167 million", ..."""
    match = _FIRST_NUMBER.search(answer)
    if match is None:
        return []
    raw = match.group()
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    value = float(raw.replace(",", ""))
    if value >= 1000 and value < 2200 and decimals == 0 and "," not in raw:  # a year
        steps = [-3, -2, -1, 1, 2, 3]
        values = [value + s for s in steps]
    elif decimals:
        unit = 10**-decimals
        values = [value + k * unit * 3 for k in (-3, -2, -1, 1, 2)]
    else:
        values = [value * f for f in (0.5, 0.75, 0.8, 1.25, 1.5, 2.0)]
    rng.shuffle(values)
    out = []
    for v in values:
        if v <= 0:
            continue
        if decimals:
            text = f"{v:.{decimals}f}"
        elif "," in raw:
            text = f"{round(v):,}"
        else:
            text = str(round(v))
        if text != raw:
            out.append(answer[: match.start()] + text + answer[match.end() :])
    return out


def _nearby_dates(answer: str, rng: random.Random) -> list[str]:
    """The answer with its year or day moved: "April 28, 2018" -> "April 25, 2018", ..."""
    out: list[str] = []
    year = _YEAR.search(answer)
    if year is not None:
        value = int(year.group())
        for step in (-2, -1, 1, 2):
            out.append(answer[: year.start()] + str(value + step) + answer[year.end() :])
    day = _DAY.search(answer)
    if day is not None and (year is None or day.start() != year.start()):
        value = int(day.group())
        for step in (-7, -3, 3, 7):
            if 1 <= value + step <= 28:
                out.append(answer[: day.start()] + str(value + step) + answer[day.end() :])
    rng.shuffle(out)
    return out
