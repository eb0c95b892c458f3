"""A small hand-made fact pack for quiz tests, built with the model dataclasses.

Kept apart from the shipped pack so rules tests do not change when curators edit facts.
"""

from __future__ import annotations

from bot.core.model import Alias, Fact, FactBase, QuizSpec, Source

SOURCE = Source(document="001.txt", quote="a sentence from the document", title="Test document")


def fact(
    id: str,
    answer: str,
    kind: str,
    *,
    accept: tuple[str, ...] = (),
    category: str = "production",
    difficulty: str = "easy",
    modes: tuple[str, ...] = ("typed", "choice"),
    distractors: tuple[str, ...] = (),
    quiz: bool = True,
) -> Fact:
    spec = QuizSpec(difficulty, modes, f"Question about {id}?", distractors) if quiz else None  # type: ignore[arg-type]
    return Fact(
        id=id,
        category=category,
        questions=(f"what is {id}",),
        answer=answer,
        accept=accept,
        text=f"The answer about {id} is {answer}.",
        kind=kind,
        quiz=spec,
        source=SOURCE,
        disagrees_with=(),
        file="test.yaml",
        line=1,
    )


ALIASES = (
    Alias("Rene Liu", "person", ("René Liu", "Rene", "René")),
    Alias("Jing Boran", "person", ("Boran",)),
    Alias("Eason Chan", "person", ("Eason",)),
    Alias("Zhang Yibai", "person", ("Yibai",)),
    Alias("Beijing", "place", ("Peking",)),
    Alias("Hailar", "place", ()),
    Alias("Golden Horse Awards", "term", ("Golden Horse",)),
)

FACTS = (
    fact("director", "Rene Liu", "person", accept=("Liu",), distractors=("Tian Zhuangzhuang",)),
    fact("lead", "Jing Boran", "person"),
    fact("singer", "Eason Chan", "person", category="music"),
    fact("producer", "Zhang Yibai", "person", difficulty="medium"),
    fact("actress", "Zhou Dongyu", "person", difficulty="hard"),
    fact("location", "Hailar", "place"),
    fact("city", "Beijing", "place", category="plot"),
    fact("gross", "$209 million", "money", difficulty="medium"),
    fact("release", "April 28, 2018", "date", category="release"),
    fact("premiere", "April 23, 2018", "date", category="release"),
    fact("netflix", "June 22, 2018", "date", category="release"),
    fact("year", "2018", "year", category="release"),
    fact("douban", "5.9/10", "rating", category="reception"),
    fact("critics", "six", "number", category="reception"),
    fact("award", "Golden Horse Awards", "award", category="awards"),
    fact("title", "Us and Them", "title", modes=("typed",)),
    fact("object", "a ticket stub", "text", category="plot", modes=("typed",)),
    fact("married", "married with a child", "text", category="plot", modes=("typed",)),
    fact("hidden", "not a quiz fact", "text", quiz=False),
)


def small_pack(facts: tuple[Fact, ...] = FACTS) -> FactBase:
    return FactBase(
        facts=facts,
        quotes=(),
        aliases=ALIASES,
        documents={},
        films=("Us and Them",),
        film_references=("the film",),
        files=("test.yaml",),
    )
