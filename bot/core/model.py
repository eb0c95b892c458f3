"""Immutable data model of a fact base. Built once by `bot.core.facts.load_fact_base`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Difficulty = Literal["easy", "medium", "hard"]
QuizMode = Literal["typed", "choice"]

# What kind of thing an answer is: drives answer checking (numbers and names are never fuzzy)
# and picks multiple-choice distractors of the same kind.
ANSWER_KINDS: tuple[str, ...] = (
    "person",  # a real person: director, actor, critic
    "character",  # a character in the film
    "place",  # city, region, venue
    "date",  # a full calendar date
    "year",
    "number",  # a count or plain number ("six", "30", "224453")
    "money",  # an amount of money ("$209 million")
    "rating",  # a score ("5.9/10", "100%")
    "title",  # a work's title: film, song, book, short story
    "organisation",  # company, studio, platform, publication
    "award",  # an award or festival
    "text",  # anything else: a phrase, an object, a reason
)
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
QUIZ_MODES: tuple[str, ...] = ("typed", "choice")
ALIAS_KINDS: tuple[str, ...] = ("film", "person", "character", "place", "organisation", "term")


@dataclass(frozen=True, slots=True)
class Document:
    key: str  # short name used in the pack ("wikipedia")
    file: str  # file name under seeds/
    title: str
    kind: str  # review, encyclopedia, interview, ...
    text: str = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    document: str  # the document's file name under seeds/
    quote: str  # copied verbatim from that document
    title: str  # the document's title, for citations


@dataclass(frozen=True, slots=True)
class QuizSpec:
    difficulty: Difficulty
    modes: tuple[QuizMode, ...]
    prompt: str  # the question as a quiz card shows it
    distractors: tuple[str, ...]  # curated wrong options for multiple choice (may be empty)


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    category: str
    questions: tuple[str, ...]  # phrasings people use in chat
    answer: str  # canonical short answer, exactly as the curator wrote it
    accept: tuple[str, ...]  # accepted alternatives of the answer
    text: str  # the one-sentence reply of /ask
    kind: str  # one of ANSWER_KINDS
    quiz: QuizSpec | None  # None: never asked in a quiz
    source: Source
    disagrees_with: tuple[str, ...]  # ids of facts from other documents that claim otherwise
    file: str  # pack file and line, for messages
    line: int
    related: tuple[str, ...] = ()  # ids of facts giving related figures (not a contradiction)
    group: str = ""  # facts sharing a group form one list ("cast", "accolades")


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    text: str
    speaker: str
    context: str
    kind: Literal["film", "interview", "review"]  # a line from the film, an interviewee, a critic
    source: Source
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Alias:
    canonical: str
    kind: str  # one of ALIAS_KINDS
    variants: tuple[str, ...]
    # how people describe it without its name ("the cinematographer", "the guy who shot it"):
    # /ask reads them as a hint of the name, weaker than the name itself; answers never match them
    descriptions: tuple[str, ...] = ()
    # what kind of thing it is (head nouns or classes: "review", "man", "official") and what
    # marks it ("short", "photography"): descriptions read by how they are made (descriptions.py)
    heads: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FactBase:
    # a tuple as the loader makes it; loaded from the index cache, a ``fact_table.FactTable``
    # (each fact made when first read)
    facts: Sequence[Fact]
    quotes: tuple[Quote, ...]
    aliases: tuple[Alias, ...]
    documents: Mapping[str, Document]  # by file name
    films: tuple[str, ...]  # titles of the films the packs cover
    film_references: tuple[
        str, ...
    ]  # words standing for the film in a question ("the movie", "it")
    files: tuple[str, ...]  # the pack files it was loaded from
    by_id: Mapping[str, Fact] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from bot.core.fact_table import FactTable  # it imports this module

        if isinstance(self.facts, FactTable):
            by_id = self.facts.by_id()  # makes no fact until one is looked up
        else:
            by_id = MappingProxyType({f.id: f for f in self.facts})
        object.__setattr__(self, "by_id", by_id)

    @property
    def quiz_facts(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.quiz is not None)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(sorted({f.category for f in self.facts}))

    def disagreeing(self, fact: Fact) -> tuple[Fact, ...]:
        """Facts from other documents that make a different claim about the same thing."""
        return tuple(self.by_id[i] for i in fact.disagrees_with if i in self.by_id)

    def related_to(self, fact: Fact) -> tuple[Fact, ...]:
        """Facts giving related figures that measure something else ($200m in 10 days)."""
        return tuple(self.by_id[i] for i in fact.related if i in self.by_id)

    def group_of(self, fact: Fact) -> tuple[Fact, ...]:
        """Every fact of ``fact``'s list, in pack order (empty when it belongs to none)."""
        if not fact.group:
            return ()
        from bot.core.fact_table import FactTable

        if isinstance(self.facts, FactTable):  # the list's members alone are made
            return tuple(map(self.facts.__getitem__, self.facts.in_group(fact.group)))
        return tuple(f for f in self.facts if f.group == fact.group)
