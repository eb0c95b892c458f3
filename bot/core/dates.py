"""Calendar dates in answers: "April 28, 2018" = "28 April 2018" = "2018-04-28" = "28/04/2018".

Works on text passed through `bot.core.text.normalize` (lower case, "28th" kept, commas gone).
A date may be partial ("April 2018", "April 28"); comparisons need the same parts to be given.
Numeric day/month order is ambiguous ("04/05/2018"), so such a date carries both readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DateValue", "find_dates"]

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_OF = r"(?:\s+of)?"
_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),  # ISO
    re.compile(rf"\b(?P<a>[0-3]?\d)[/.-](?P<b>[0-3]?\d)[/.-]{_YEAR}\b"),  # 28/04/2018, 4/28/2018
    re.compile(rf"\b{_DAY}{_OF}\s+{_MONTH}(?:\s+{_YEAR})?\b"),  # 28 april 2018
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s+{_YEAR})?\b"),  # april 28 2018
    re.compile(rf"\b{_MONTH}(?:\s+of)?\s+{_YEAR}\b"),  # april 2018
]


@dataclass(frozen=True, slots=True)
class DateValue:
    readings: frozenset[tuple[int | None, int | None, int | None]]  # (year, month, day) options
    start: int
    end: int

    def matches(self, other: DateValue) -> bool:
        """Some reading of each is the same date, with the same parts given."""
        return bool(self.readings & other.readings)


def find_dates(normalized: str) -> list[DateValue]:
    """Dates in normalised text, left to right, without overlaps."""
    found: list[DateValue] = []
    taken: list[tuple[int, int]] = []
    for index, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(normalized):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            readings = _readings(index, m)
            if readings:
                found.append(DateValue(frozenset(readings), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _readings(index: int, m: re.Match[str]) -> set[tuple[int | None, int | None, int | None]]:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if index == 0:
        return _valid({(year, int(m["m"]), int(m["d"]))})
    if index == 1:
        a, b = int(m["a"]), int(m["b"])
        return _valid({(year, b, a), (year, a, b)})
    month = MONTHS[groups["month"]]
    day = int(groups["day"]) if groups.get("day") else None
    return _valid({(year, month, day)})


def _valid(
    readings: set[tuple[int | None, int | None, int | None]],
) -> set[tuple[int | None, int | None, int | None]]:
    return {
        (y, mo, d)
        for y, mo, d in readings
        if mo is not None and 1 <= mo <= 12 and (d is None or 1 <= d <= 31)
    }
