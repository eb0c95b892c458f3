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
from dataclasses import replace

from bot.core.model import Fact
from bot.core.text import compact

__all__ = ["OPTION_COUNT", "build_choices"]

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
    curated = list(fact.quiz.distractors) if fact.quiz else []
    same_kind = [f.answer for f in pool if f.kind == fact.kind and f.id != fact.id]
    rng.shuffle(same_kind)
    candidates: list[str] = curated + same_kind
    if fact.kind in NUMERIC_KINDS:
        candidates += _nearby_values(fact.answer, rng)
    elif fact.kind == "date":
        candidates += _nearby_dates(fact.answer, rng)
    wrong = _distinct_wrong(fact, candidates, checker, count - 1)
    if len(wrong) < count - 1:
        return None
    options = [*wrong, fact.answer]
    rng.shuffle(options)
    return tuple(options), options.index(fact.answer)


def _distinct_wrong(
    fact: Fact, candidates: Iterable[str], checker: Callable[[Fact, str], bool], wanted: int
) -> list[str]:
    chosen: list[str] = []
    seen = {compact(fact.answer), *(compact(a) for a in fact.accept)}
    for text in candidates:
        key = compact(text)
        if not key or key in seen or checker(fact, text):
            continue
        # Two options that are one thing spelled twice would give the game away.
        if any(_same_thing(text, other, fact, checker) for other in chosen):
            continue
        seen.add(key)
        chosen.append(text)
        if len(chosen) == wanted:
            break
    return chosen


def _same_thing(a: str, b: str, fact: Fact, checker: Callable[[Fact, str], bool]) -> bool:
    return checker(replace(fact, answer=a, accept=()), b)


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
