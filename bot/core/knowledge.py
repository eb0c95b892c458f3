"""The fact base a front end serves, the indexes built from it, and its atomic reload.

`Knowledge` bundles a fact base with its matcher (/ask), quote index (/quote) and answer checker
(quiz answers), so a reader always sees indexes built from the base beside them. Discord, the
console and the command-line tools all take their facts from one. An index is built the first
time it is asked for, so `quote` does not pay for the matcher; `Knowledge.build` builds them all,
as a reload does off the event loop before it swaps.

`KnowledgeHolder.reload` loads, validates and indexes the packs again, then swaps one reference:
a pack with errors raises and leaves the old bundle serving, and quiz rounds already running keep
the facts they were started with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.index_cache import Indexed, load_indexed
from bot.core.matching import Matcher
from bot.core.model import FactBase

if TYPE_CHECKING:  # imported when first built: `ask` needs neither
    from bot.core.answers import AnswerChecker
    from bot.core.quotes import QuoteIndex


class Knowledge:
    """A fact base and its indexes; each index is built on first use, then kept."""

    __slots__ = ("_checker", "_matcher", "_quotes", "facts")

    def __init__(self, facts: FactBase, matcher: Matcher | None = None) -> None:
        self.facts = facts
        self._matcher = matcher
        self._quotes: QuoteIndex | None = None
        self._checker: AnswerChecker | None = None

    @classmethod
    def of(cls, facts: FactBase | Indexed) -> Knowledge:
        """The knowledge of ``facts``, indexes built when used; an ``Indexed`` brings its
        matcher (perhaps from the index cache)."""
        if isinstance(facts, Indexed):
            return cls(facts.fact_base, facts.matcher)
        return cls(facts)

    @classmethod
    def build(cls, facts: FactBase | Indexed) -> Knowledge:
        """The knowledge of ``facts`` with every index built now."""
        knowledge = cls.of(facts)
        knowledge.matcher, knowledge.quotes, knowledge.checker  # noqa: B018 - built on access
        return knowledge

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.facts)
        return self._matcher

    @property
    def quotes(self) -> QuoteIndex:
        if self._quotes is None:
            from bot.core.quotes import QuoteIndex

            self._quotes = QuoteIndex(self.facts)
        return self._quotes

    @property
    def checker(self) -> AnswerChecker:
        """Is this typed answer right for this fact? (``checker(fact, text)``)"""
        if self._checker is None:
            from bot.core.answers import AnswerChecker

            self._checker = AnswerChecker(self.facts)
        return self._checker


def load_knowledge(
    paths: Sequence[Path] | None = None,
    seeds_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> Knowledge:
    """The validated packs' knowledge, its matcher from ``cache_dir`` when still valid.

    Raises what `load_fact_base` raises (`PackPathError`, `FactPackError`)."""
    return Knowledge.of(load_indexed(paths, seeds_dir, cache_dir))


class KnowledgeHolder:
    """Owns the one reference to the current `Knowledge`."""

    def __init__(self, knowledge: Knowledge, loader: Callable[[], FactBase | Indexed]) -> None:
        import asyncio  # here, not at the top: `ask` and `quote` start without the event loop

        self._current = knowledge
        self._loader = loader  # reads and validates the packs; raises FactPackError
        self._lock = asyncio.Lock()  # two admins reloading at once run one after the other

    @property
    def current(self) -> Knowledge:
        return self._current

    async def reload(self) -> Knowledge:
        """Load, validate and index the packs again, then swap. Raises on any pack problem."""
        import asyncio

        async with self._lock:
            fresh = await asyncio.to_thread(lambda: Knowledge.build(self._loader()))
            self._current = fresh
            return fresh
