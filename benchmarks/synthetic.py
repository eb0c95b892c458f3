"""Generated fact bases of any size, built from the real pack with renamed entities.

    base = synthetic_fact_base(load_fact_base(), 10_000)

Copy k of the real pack is a film of its own: every name the alias table knows (the title,
characters, people, places, organisations) gets a made-up name of the same number of words,
consistent within the copy, so the questions keep their shape ("who directed Talo Mirak?")
while names and ids differ. The real pack is kept as copy 0, so real questions still have their
answers in every generated base. Numbers are left alone: many films share a year.

Each generated fact has objects of its own, as a real pack's facts would: its source, its quiz
card and every string (a text the renaming leaves as it was is copied), with the names in the
source quote, the quiz prompt and the distractors renamed too. ``shared=True`` gives the base
the benchmark used before: the copies kept the real facts' ``Source`` and ``QuizSpec`` objects
and every unrenamed string, which a saved index stores once for all 318 copies (it flattered
the cache load at 100,000 facts: 0.64-0.84 s against 1.22-1.25 s).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace

from bot.core.model import Alias, Fact, FactBase, QuizSpec, Source

_SYLLABLE_TEXT = (
    "ka lo mi ra ven tu sa no bel dor fi ga hu ji ke li mo na pe qui ro si ta vo wu xa ye zo "
    "bri cla dra fen gro har jin kor lum mar nix orn pal quen rus sel tor ulm vex wen yor zan"
)
_SYLLABLES = tuple(_SYLLABLE_TEXT.split())


def _name(rng: random.Random, words: int, taken: set[str]) -> str:
    while True:
        name = " ".join(
            "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            for _ in range(words)
        )
        if name.lower() not in taken:
            taken.add(name.lower())
            return name


def _renamer(names: dict[str, str]) -> re.Pattern[str]:
    ordered = sorted(names, key=len, reverse=True)  # "Lin Jianqing" before "Jianqing"
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in ordered) + r")\b", re.IGNORECASE)


def _own(text: str) -> str:
    """An equal string that is an object of its own (as one read from a file would be)."""
    return "".join(list(text)) if len(text) > 1 else text


def _own_copy(fact: Fact, copy: int, rename: Callable[[str], str]) -> Fact:
    """``fact``'s source, quiz card and strings as objects of their own, names renamed (and
    its related facts those of its copy, as its contradicting facts already are)."""
    source = Source(_own(fact.source.document), rename(fact.source.quote), _own(fact.source.title))
    quiz = fact.quiz
    if quiz is not None:
        quiz = QuizSpec(
            quiz.difficulty,
            quiz.modes,
            rename(quiz.prompt),
            tuple(rename(d) for d in quiz.distractors),
        )
    return replace(
        fact,
        category=_own(fact.category),
        kind=_own(fact.kind),
        file=_own(fact.file),
        group=_own(fact.group),
        source=source,
        quiz=quiz,
        related=tuple(f"{r}-{copy}" for r in fact.related),
    )


def synthetic_fact_base(
    real: FactBase, n_facts: int, seed: int = 0, shared: bool = False
) -> FactBase:
    """A base of ``n_facts`` facts: the real pack, then renamed copies of it (the last partial).

    ``shared``: the copies share the real facts' sources, quiz cards and unrenamed strings."""
    rng = random.Random(seed)
    taken = {v.lower() for a in real.aliases for v in (a.canonical, *a.variants)}
    surfaces = sorted(
        {v for a in real.aliases for v in (a.canonical, *a.variants) if v.strip()} | set(real.films)
    )
    facts: list[Fact] = list(real.facts[:n_facts])
    aliases: list[Alias] = list(real.aliases)
    films: list[str] = list(real.films)
    copy = 0
    while len(facts) < n_facts:
        copy += 1
        names = {s.lower(): _name(rng, len(s.split()), taken) for s in surfaces}
        pattern = _renamer(names)

        def rename(
            text: str,
            names: dict[str, str] = names,
            pattern: re.Pattern[str] = pattern,
            own: Callable[[str], str] = (lambda t: t) if shared else _own,
        ) -> str:
            renamed = pattern.sub(lambda m: names[m.group(0).lower()], text)
            return own(renamed) if renamed is text else renamed

        films.extend(rename(f) for f in real.films)
        aliases.extend(
            Alias(rename(a.canonical), a.kind, tuple(rename(v) for v in a.variants))
            for a in real.aliases
        )
        for fact in real.facts:
            if len(facts) >= n_facts:
                break
            copied = fact if shared else _own_copy(fact, copy, rename)
            facts.append(
                replace(
                    copied,
                    id=f"{fact.id}-{copy}",
                    questions=tuple(rename(q) for q in fact.questions),
                    answer=rename(fact.answer),
                    accept=tuple(rename(a) for a in fact.accept),
                    text=rename(fact.text),
                    disagrees_with=tuple(f"{d}-{copy}" for d in fact.disagrees_with),
                )
            )
    return FactBase(
        facts=tuple(facts),
        quotes=real.quotes,
        aliases=tuple(aliases),
        documents=real.documents,
        films=tuple(films),
        film_references=real.film_references,
        files=real.files,
    )
