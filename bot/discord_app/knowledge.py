"""The fact base the bot serves, and its atomic reload.

`Knowledge` bundles a fact base with the indexes built from it, so a reader always sees a base and
indexes that belong together. `KnowledgeHolder.reload` builds a complete new bundle off the event
loop, then swaps one reference: a pack with errors raises and leaves the old bundle serving, and
quiz rounds already running keep the facts they were started with.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.answers import AnswerChecker
from bot.core.index_cache import Indexed
from bot.core.matching import Matcher
from bot.core.model import Fact, FactBase
from bot.core.quotes import QuoteIndex


@dataclass(frozen=True, slots=True)
class Knowledge:
    facts: FactBase
    matcher: Matcher
    quotes: QuoteIndex
    checker: Callable[[Fact, str], bool]  # is this typed answer right for this fact?

    @classmethod
    def build(cls, facts: FactBase | Indexed) -> Knowledge:
        """The indexes of ``facts``; an ``Indexed`` brings its matcher (perhaps from the cache)."""
        if isinstance(facts, Indexed):
            base, matcher = facts.fact_base, facts.matcher
        else:
            base, matcher = facts, Matcher(facts)
        return cls(
            facts=base,
            matcher=matcher,
            quotes=QuoteIndex(base),
            checker=AnswerChecker(base),
        )


class KnowledgeHolder:
    """Owns the one reference to the current `Knowledge`."""

    def __init__(self, knowledge: Knowledge, loader: Callable[[], FactBase | Indexed]) -> None:
        self._current = knowledge
        self._loader = loader  # reads and validates the packs; raises FactPackError
        self._lock = asyncio.Lock()  # two admins reloading at once run one after the other

    @property
    def current(self) -> Knowledge:
        return self._current

    async def reload(self) -> Knowledge:
        """Load, validate and index the packs again, then swap. Raises on any pack problem."""
        async with self._lock:
            fresh = await asyncio.to_thread(lambda: Knowledge.build(self._loader()))
            self._current = fresh
            return fresh
