"""Amounts in answers: "$209 million" = "209 million" = "209m" = "$209,000,000"; "six" = "6".

Works on text already passed through `bot.core.text.normalize` (number words are digits, thousands
separators gone, "dollars" is "$", "percent" is "%"). Values are compared exactly: an amount is
never "close enough" ("290 million" is not "$209 million", "5.8" is not "5.9").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


__all__ = ["Quantity", "quantities", "same_quantity"]

_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY_WORDS = {
    "yuan": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "renminbi": "CNY",
    "usd": "USD",
    "us": None,  # "US$" is normalised to "$" already; a stray "us" says nothing
    "ntd": "TWD",
    "twd": "TWD",
    "nt": "TWD",
}
_QUANTITY = re.compile(
    r"(?<![\w.])(?P<cur>[a-z]{2,3}\s?)?(?P<neg>-)?(?P<dollar>\$)?(?P<num>\d+(?:\.\d+)?)"
    r"(?P<ordinal>st|nd|rd|th)?(?P<pct>%)?(?P<outof>/\d+(?:\.\d+)?)?"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mn|mil|bn|tn|k|m|b)\b)?"
    r"(?:\s(?P<after>[a-z]+))?"
)
# "5.9 out of 10" says the same as "5.9/10": the scale is not a second guess.
_OUT_OF = re.compile(r"\s*(?:out of|of|on)\s+(?:a\s+)?\d+(?:\.\d+)?\b(?:\s?(?:points?|stars?))?")


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    currency: str | None  # USD, CNY, TWD when the text says so
    percent: bool
    unit: str | None  # the word after the number when it is not a scale ("6 critics")
    start: int  # span in the normalised text
    end: int


def quantities(normalized: str) -> list[Quantity]:
    """Every amount in normalised text, left to right. Dates should be taken out first."""
    text = _OUT_OF.sub("", normalized)
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        value = float(m["num"])
        if m["scale"]:
            value *= _SCALES[m["scale"]]
        if m["neg"]:
            value = -value
        currency = "USD" if m["dollar"] else None
        prefix = (m["cur"] or "").strip()
        if currency is None and prefix in _CURRENCY_WORDS:
            currency = _CURRENCY_WORDS[prefix]
        after = m["after"]
        unit = None
        if after in _CURRENCY_WORDS:
            currency = currency or _CURRENCY_WORDS[after]
        elif after:
            unit = after
        found.append(Quantity(value, currency, bool(m["pct"]), unit, m.start(), m.end()))
    return found


def same_quantity(expected: Quantity, given: Quantity) -> bool:
    """Same value; a currency or percent sign the guess leaves out is fine, a different one not."""
    if abs(expected.value - given.value) > 1e-9 * max(1.0, abs(expected.value)):
        return False
    if expected.currency and given.currency and expected.currency != given.currency:
        return False
    if given.percent and not expected.percent:
        return False
    return not (expected.currency is None and given.currency is not None and expected.unit)


TIME_UNITS = _word_set(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades time times"
)


def conflicting_units(expected: Quantity, given: Quantity) -> bool:
    """ "10 days" for "10 years": both name a unit of time and they differ."""
    if expected.unit is None or given.unit is None:
        return False
    a, b = expected.unit.rstrip("s"), given.unit.rstrip("s")
    return a != b and expected.unit in TIME_UNITS and given.unit in TIME_UNITS
