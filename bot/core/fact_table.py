"""A fact base's facts kept as a few flat buffers, each ``Fact`` made when it is first read.

A saved index of 100,000 facts spent half its load making every ``Fact``, ``Source`` and
``QuizSpec`` object and their strings, though a question reaches a few dozen facts. The index
cache (``index_cache``) saves the facts as this table instead: every distinct string once, in
one UTF-8 buffer, and each fact as a run of numbers (its strings' numbers, its line, the lengths
of its lists). Loading it is reading those buffers; ``table[i]`` makes fact ``i`` and keeps it,
so a fact is one object however often it is read (the matcher compares facts by identity).

    table = FactTable.of(facts)       # from a sequence of facts, as the loader made them
    table[i] == facts[i]              # equal facts, made on first use
    table.position(fact_id)           # without making any fact; None when unknown
    table.in_group("cast")            # positions of a list's members, in order
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

from bot.core.model import Fact, QuizSpec, Source

# A fact's run of numbers: these strings first, then its line, then each list as its length
# and its strings; a quiz card (a 0 or 1 first) adds its difficulty, prompt, modes, distractors.
_FIXED = ("id", "category", "answer", "text", "kind", "file", "group")
_LISTS = ("questions", "accept", "disagrees_with", "related")
_ID, _GROUP = 0, 6


class PackedText(Sequence[str]):
    """A read-only list of strings kept as one UTF-8 buffer and where each item ends: two
    objects to save and load, not one per string, and a single non-ASCII character does not
    widen the whole buffer (as it would a packed ``str``)."""

    __slots__ = ("_data", "_ends")

    def __init__(self, data: bytes, ends: array[int]) -> None:
        self._data, self._ends = data, ends

    @classmethod
    def of(cls, items: Sequence[str]) -> PackedText:
        encoded = [s.encode("utf-8", "surrogatepass") for s in items]
        return cls(b"".join(encoded), array("Q", itertools.accumulate(map(len, encoded))))

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        end = self._ends[index]  # raises IndexError past the end, as a list does
        index %= len(self._ends)
        start = self._ends[index - 1] if index else 0
        return self._data[start:end].decode("utf-8", "surrogatepass")

    def __reduce__(self) -> tuple[Any, ...]:
        return PackedText, (self._data, self._ends)


class FactTable(Sequence[Fact]):
    """Facts by position, made from flat buffers when first read (see the module's notes)."""

    def __init__(self, strings: PackedText, codes: array[int], at: array[int]) -> None:
        self._strings = strings
        self._codes = codes  # every fact's run of numbers, one after the other
        self._at = at  # where each fact's run starts (and, last, where the runs end)
        self._count = len(at) - 1
        self._made: dict[int, Fact] = {}  # by position, each fact as first made
        self._positions: dict[str, int] | None = None  # fact id -> position, when first asked
        self._groups: dict[str, tuple[int, ...]] | None = None

    @classmethod
    def of(cls, facts: Sequence[Fact]) -> FactTable:
        numbers: dict[str, int] = {}
        number = numbers.setdefault
        codes, at = array("I"), array("Q", [0])
        for fact in facts:
            run = [number(getattr(fact, name), len(numbers)) for name in _FIXED]
            source = fact.source
            run += [number(s, len(numbers)) for s in (source.document, source.quote, source.title)]
            run.append(fact.line)
            for name in _LISTS:
                items = getattr(fact, name)
                run.append(len(items))
                run += [number(s, len(numbers)) for s in items]
            quiz = fact.quiz
            if quiz is None:
                run.append(0)
            else:
                run += [1, number(quiz.difficulty, len(numbers)), number(quiz.prompt, len(numbers))]
                for items in (quiz.modes, quiz.distractors):
                    run.append(len(items))
                    run += [number(s, len(numbers)) for s in items]
            codes.extend(run)
            at.append(len(codes))
        return cls(PackedText.of(list(numbers)), codes, at)

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, position: int) -> Fact: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[Fact]: ...

    def __getitem__(self, position: int | slice) -> Fact | Sequence[Fact]:
        if isinstance(position, slice):
            return tuple(self[i] for i in range(len(self))[position])
        if not -self._count <= position < self._count:
            raise IndexError(position)
        position %= self._count
        fact = self._made.get(position)
        if fact is None:
            # setdefault: two threads reading the fact at once still share one object
            fact = self._made.setdefault(position, self._make(position))
        return fact

    def __iter__(self) -> Iterator[Fact]:
        return map(self.__getitem__, range(len(self)))

    def _make(self, position: int) -> Fact:
        string = self._strings.__getitem__
        run = iter(self._codes[self._at[position] : self._at[position + 1]])
        fixed = [string(next(run)) for _ in _FIXED]
        source = Source(string(next(run)), string(next(run)), string(next(run)))
        line = next(run)
        lists = [tuple(string(next(run)) for _ in range(next(run))) for _ in _LISTS]
        quiz = None
        if next(run):
            difficulty, prompt = string(next(run)), string(next(run))
            modes = tuple(string(next(run)) for _ in range(next(run)))
            distractors = tuple(string(next(run)) for _ in range(next(run)))
            quiz = QuizSpec(difficulty, modes, prompt, distractors)  # type: ignore[arg-type]
        fact_id, category, answer, text, kind, file, group = fixed
        questions, accept, disagrees_with, related = lists
        return Fact(
            id=fact_id,
            category=category,
            questions=questions,
            answer=answer,
            accept=accept,
            text=text,
            kind=kind,
            quiz=quiz,
            source=source,
            disagrees_with=disagrees_with,
            file=file,
            line=line,
            related=related,
            group=group,
        )

    def _column(self, field: int) -> Iterator[str]:
        """One of the fixed strings of every fact, in order, without making the facts."""
        string, codes = self._strings.__getitem__, self._codes
        return (string(codes[start + field]) for start in self._at[:-1])

    def position(self, fact_id: str) -> int | None:
        """Where the fact with this id is; None when no fact has it."""
        return self.positions().get(fact_id)

    def positions(self) -> Mapping[str, int]:
        """fact id -> position, in order (made on first use from the ids alone)."""
        if self._positions is None:
            # of equal ids the last, as a dict of the facts keeps (the loader allows none)
            self._positions = {known: pos for pos, known in enumerate(self._column(_ID))}
        return self._positions

    def in_group(self, group: str) -> tuple[int, ...]:
        """The positions of the facts of ``group``, in order."""
        if self._groups is None:
            groups: dict[str, list[int]] = {}
            for pos, name in enumerate(self._column(_GROUP)):
                groups.setdefault(name, []).append(pos)
            self._groups = {name: tuple(members) for name, members in groups.items()}
        return self._groups.get(group, ())

    def by_id(self) -> Mapping[str, Fact]:
        return _ById(self)

    def __reduce__(self) -> tuple[Any, ...]:
        """Saved as its buffers, never the facts made from them."""
        return (FactTable, (self._strings, self._codes, self._at))


class _ById(Mapping[str, Fact]):
    """fact id -> fact over a ``FactTable``, each fact made when looked up."""

    __slots__ = ("_table",)

    def __init__(self, table: FactTable) -> None:
        self._table = table

    def __getitem__(self, fact_id: str) -> Fact:
        pos = self._table.position(fact_id)
        if pos is None:
            raise KeyError(fact_id)
        return self._table[pos]

    def __contains__(self, fact_id: object) -> bool:
        return isinstance(fact_id, str) and self._table.position(fact_id) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.positions())

    def __len__(self) -> int:
        return len(self._table.positions())
