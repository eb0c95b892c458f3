"""No spoilers during a round: what /ask, /quote and autocomplete may show in a channel whose
quiz question is still open.

A reply is held back when it shows the open question's fact (or a fact linked to it) or names
its answer or an accepted form of it, as whole words ("Rene Liu", "2018"). Front ends tell the
asker briefly (privately on Discord) and give the answer once the question is revealed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from bot.core.matching import AskResult
from bot.core.model import Fact, Quote
from bot.core.quotes import QuoteIndex
from bot.core.text import normalize
from bot.l10n import N_  # marked for the catalogs; the front ends translate them

HELD_BACK = N_(
    "No spoilers: that would give away the answer to the quiz question open here. "
    "I'll answer once it is revealed."
)
HELD_QUOTE = N_(
    "No spoilers: that quote would give away the answer to the quiz question open here. "
    "Try again once it is revealed."
)


@lru_cache(maxsize=512)
def _patterns(answers: tuple[str, ...]) -> re.Pattern[str] | None:
    words = [normalize(a) for a in answers]
    words = [w for w in words if w]
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def reveals(fact: Fact, texts: Iterable[str]) -> bool:
    """Whether any of ``texts`` names ``fact``'s answer or one of its accepted forms."""
    pattern = _patterns((fact.answer, *fact.accept))
    return pattern is not None and any(pattern.search(normalize(t)) for t in texts)


def ask_spoils(open_fact: Fact | None, result: AskResult) -> bool:
    """Whether showing ``result`` would give away the answer to ``open_fact``'s question."""
    if open_fact is None:
        return False
    shown = (result.fact, *result.also, *result.related, *result.listed, *result.suggested)
    if any(f is not None and f.id == open_fact.id for f in shown):
        return True
    return reveals(open_fact, (result.reply, *result.suggestions))


def quote_spoils(open_fact: Fact | None, quote: Quote) -> bool:
    """Whether a quote (its line, speaker or context) names the open question's answer."""
    return open_fact is not None and reveals(open_fact, (quote.text, quote.speaker, quote.context))


def safe_random(
    index: QuoteIndex, rng: random.Random, open_fact: Fact | None, tries: int = 20
) -> Quote | None:
    """A random quote that does not name the open question's answer (None if none is found)."""
    for _ in range(tries):
        quote = index.random(rng)
        if not quote_spoils(open_fact, quote):
            return quote
    return None


def safe_choices(open_fact: Fact | None, choices: Sequence[str]) -> list[str]:
    """Autocomplete entries minus those naming the open question's answer."""
    if open_fact is None:
        return list(choices)
    return [c for c in choices if not reveals(open_fact, (c,))]
