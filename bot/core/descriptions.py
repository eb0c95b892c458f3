"""Descriptions read by how they are made, not word for word.

An alias may say what kind of thing it is (its head nouns: a review, a critic, a man, a company)
and what marks it (words the documents use of it: short, 7/10, photography, ticketing). A noun
phrase whose head is one of those nouns and which carries one of those marks, before the head
("the shorter online critique") or in a short clause after it ("the man in charge of the
photography", "the woman who helmed this"), is read as that alias, but only when exactly one
alias fits best: "the review" alone, or "the online review" when two reviews are online, stays
unresolved. Marks may name another alias ("the Daily Dot's critic"); any of its names counts.

Heads and marks are compared after the matcher's own respelling and stemming, so a synonym
the vocabulary already folds ("critique" -> review, "helmed" -> directed, "shorter" -> short)
needs no entry of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress

from bot.core.model import Alias
from bot.core.text import compact, normalize

# General English: the nouns each kind of thing is called by. An alias names a class (or a
# noun of its own: "official", "father"); the respelling of the matcher applies on top.
HEAD_CLASSES: Mapping[str, tuple[str, ...]] = {
    "review": (
        "review", "critique", "write-up", "writeup", "piece", "post", "article", "blog post",
        "essay", "column", "take", "verdict", "appraisal", "assessment", "commentary",
    ),
    "critic": (
        "critic", "reviewer", "writer", "author", "blogger", "columnist", "journalist",
        "reporter", "person",
    ),
    "man": ("man", "guy", "gentleman", "fellow", "dude", "bloke", "chap", "gent", "person"),
    "woman": ("woman", "lady", "gal", "person"),
    "company": (
        "company", "firm", "platform", "site", "website", "service", "giant", "app", "outlet",
        "business", "brand", "operator", "corporation", "outfit",
    ),
    "place": ("place", "town", "city", "spot", "location", "area", "region", "village"),
    "event": ("event", "ceremony", "awards", "festival", "gala", "show", "honors", "honours"),
}  # fmt: skip


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that open a short clause or phrase after the head which may carry a mark.
_OPENERS = _words(
    "who whom whose that which of in for from at on behind with by responsible accused known "
    "credited famous"
)
# Words that end a modifier run before the head (it starts after them).
_LEFT_STOPS = _words(
    "what who whom which how why when where whose did does do is was are were has have had "
    "in on at for from to by with about and or but say said says think thinks"
)
_DETERMINERS = _words("the a an that this those these his her their its our my your")
_LEFT_WORDS = 5  # modifiers looked at before the head ("the 7 out of 10 review")
# The matcher's respelling drops a person before a relative clause ("the woman who helmed it"
# reads "the who directed it"): a determiner then "who" or "that" heads a clause about a person.
_PERSON_HEADS = frozenset({"man", "woman", "person", "guy", "lady"})
_DROPPED = (("who",), ("that",))
_RIGHT_WORDS = 5  # words of a clause after the head

Stem = Callable[[str], str]
Respell = Callable[[list[str]], list[str]]


@dataclass(frozen=True, slots=True)
class _Candidate:
    canonical: str
    marks: tuple[tuple[str, ...], ...]  # stemmed words; one "@name" item names another alias


@dataclass(slots=True)
class KindTable:
    """Head word -> (head words, the aliases it may describe); see the module's docstring."""

    _heads: dict[str, list[tuple[tuple[str, ...], list[_Candidate]]]] = field(default_factory=dict)
    _stem: Stem = str

    @classmethod
    def build(
        cls,
        aliases: Iterable[Alias],
        named: Callable[[str], str | None],
        respell: Respell,
        stem: Stem,
    ) -> KindTable:
        """``named``: the canonical form of a name, if the text is one (marks naming an alias)."""
        table = cls(_stem=stem)
        by_head: dict[tuple[str, ...], list[_Candidate]] = {}
        for alias in aliases:
            if not alias.heads:
                continue
            marks: list[tuple[str, ...]] = []
            for mark in alias.marks:
                canonical = named(mark)
                if canonical is not None:
                    marks.append(("@" + compact(canonical),))
                else:
                    words = respell(normalize(mark).split())
                    marks.append(tuple(map(stem, words)))
                    if words and words[-1].isalpha():  # "lens": "lenses" stems otherwise
                        marks.append((*map(stem, words[:-1]), stem(_plural(words[-1]))))
            candidate = _Candidate(alias.canonical, tuple(dict.fromkeys(m for m in marks if m)))
            for head in head_words(alias.heads):
                # heads as the matcher spells them, not stemmed: "directed" is no director
                key = tuple(respell(normalize(head).split()))
                if not key:
                    continue
                if candidate not in by_head.setdefault(key, []):
                    by_head[key].append(candidate)
                for dropped in _DROPPED if key[-1] in _PERSON_HEADS else ():
                    if candidate not in by_head.setdefault(dropped, []):
                        by_head[dropped].append(candidate)
        for key, candidates in by_head.items():
            table._heads.setdefault(key[0], []).append((key, candidates))
        for heads in table._heads.values():
            heads.sort(key=lambda item: -len(item[0]))  # "blog post" before "blog"
        return table

    def read(
        self,
        words: Sequence[str],
        names: Mapping[int, tuple[int, str]],
        described: Sequence[tuple[int, int, str]] = (),
    ) -> list[tuple[int, int, str]]:
        """Phrases of ``words`` (normalised and respelled) that describe one alias: (start,
        end, canonical). ``names``: start -> (end, canonical) of the names found in them;
        ``described``: the descriptions found word for word, each one mark of what it stands
        for unless it holds the head ("the man" of "the man in charge of the photography")."""
        if not self._heads:
            return []
        stems = [self._stem(w) for w in words]
        inside_name = {i for start, (end, _) in names.items() for i in range(start, end)}
        found: list[tuple[int, int, str]] = []
        free = 0
        for i in compress(range(len(words)), map(self._heads.__contains__, words)):
            if i < free or i in inside_name:
                continue
            for key, candidates in self._heads[words[i]]:
                end = i + len(key)
                if tuple(words[i:end]) != key:
                    continue
                if key in _DROPPED:
                    if i == 0 or words[i - 1] not in _DETERMINERS:
                        break
                    end = i  # "the [woman] who helmed it": the clause starts at "who"
                marked = {
                    **{a: (b, c) for a, b, c in described if b <= i or a >= max(end, i + 1)},
                    **names,
                }
                hit = self._resolve(words, stems, marked, free, i, end, candidates)
                if hit is not None:
                    found.append(hit)
                    free = hit[1]
                break
        return found

    def _resolve(
        self,
        words: Sequence[str],
        stems: list[str],
        names: Mapping[int, tuple[int, str]],
        floor: int,
        head: int,
        head_end: int,
        candidates: list[_Candidate],
    ) -> tuple[int, int, str] | None:
        """The one candidate the marks around the head fit best; ``floor``: where the words
        not yet read as a description start."""
        start = head
        while start > floor and head - start < _LEFT_WORDS and words[start - 1] not in _LEFT_STOPS:
            start -= 1
            if words[start] in _DETERMINERS:
                break
        stop = head_end
        if head_end == head or (head_end < len(words) and words[head_end] in _OPENERS):
            stop = min(len(words), head_end + _RIGHT_WORDS)
        # the window's words, each name in it as one "@name" item standing where it starts
        items: list[tuple[str, int, int]] = []  # (stem or @name, from, to)
        i = start
        while i < stop:
            if i in names:
                end, canonical = names[i]
                items.append(("@" + compact(canonical), i, end))
                i = end
            elif head <= i < head_end:
                # the head is no mark of itself ("blog" is read "review"; "director" stems
                # as "directed" does)
                items.append(("", i, i + 1))
                i += 1
            else:
                items.append((stems[i], i, i + 1))
                i += 1
        best: list[tuple[int, int, int, str]] = []  # (marks, from, to, canonical)
        for candidate in candidates:
            count, low, high = 0, head, head_end
            for mark in candidate.marks:
                at = _find(items, mark)
                if at is not None:
                    count += 1
                    low, high = min(low, at[0]), max(high, at[1])
            if count:
                best.append((count, low, high, candidate.canonical))
        if not best:
            return None
        best.sort(key=lambda b: -b[0])
        if len(best) > 1 and best[1][0] == best[0][0]:
            return None  # two aliases fit as well: the phrase says too little
        _, low, high, canonical = best[0]
        return min(low, start), high, canonical  # with its determiner and modifiers


def _plural(word: str) -> str:
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


def _find(items: list[tuple[str, int, int]], mark: tuple[str, ...]) -> tuple[int, int] | None:
    n = len(mark)
    for k in range(len(items) - n + 1):
        if all(items[k + j][0] == mark[j] for j in range(n)):
            return items[k][1], items[k + n - 1][2]
    return None


def head_words(heads: Iterable[str]) -> list[str]:
    """The nouns of ``heads``: a class's nouns, or the item itself (a noun of its own)."""
    words: list[str] = []
    for head in heads:
        words.extend(HEAD_CLASSES.get(head.strip().lower(), (head,)))
    return list(dict.fromkeys(words))


# Words too common to mark anything: a mark made only of them would fit every phrase.
FUNCTION_WORDS = _LEFT_STOPS | _DETERMINERS | _words("that it one some behind of")
