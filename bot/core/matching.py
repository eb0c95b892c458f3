"""/ask: a free-text question -> the fact that answers it, or an honest "I don't know".

    matcher = Matcher(fact_base)            # builds the index once
    result = matcher.ask("who directed it") # AskResult: matched, fact, score, reply, also, ...
    matcher.autocomplete("who dir")         # question strings for Discord autocomplete

How a question is ranked (``match_index`` builds the terms, ``match_vocab`` holds the rules):

0. A chat message is read first (``message``): greetings, hedges and thanks around the question
   are set aside and each sentence is ranked on its own; a sentence that only tells ("loved it")
   counts ``CONTEXT_FACTOR`` as much as one that asks, and the best sentence's ranking is kept
   (a later one only when clearly better, and a guess after a question, "was it his family",
   only when it confirms a fact the question ranks itself: ``_guesses``). "The two" is the
   pair spoken of, not the number 2 (``the_pair``).
1. Candidates come from the inverted index, rarest terms first, so the cost follows the few
   facts that share a meaningful word, not the size of the base.
2. Each candidate is scored 0-100 (``match_score``) from its *coverage* of the question (the
   weight of the question's terms the fact has, against what it lacks: a word no fact contains, like
   "titanic" or "imdb", weighs more than any known word, a missing name or number counts in
   full, another known word half) times its *fit* (the F-beta of its best phrasing against the
   question; names and numbers of the answer count, so "was it filmed in hailar" fits "where
   was it filmed"), and an *intent* factor (a "when" question is not answered by a "who" fact,
   a "what is X called" question only by a name).
3. ``bot.core.decision`` reads the ranking's evidence (top score, margin, words and names the
   fact lacks, intent...) and answers only when its learned confidence is high enough; else
   the bot abstains and offers up to three "did you mean" questions, each one it can answer.
   An answer says which question it answers ("Answering: Who directed Us and Them?").
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from operator import attrgetter, itemgetter

from bot.core import answer_types, english
from bot.core.decision import (
    LIST,
    Decision,
    DecisionModel,
    evidence,
    person_asked,
    same_claim,
)
from bot.core.match_index import SOFT_SHARE, SOFT_STEMS, Analysis, FactEntry, Index
from bot.core.match_score import (
    PLAY,
    ROLE_STEMS,
    SIBLINGS,
    Query,
    apart,
    not_given,
    score,
)
from bot.core.match_vocab import (
    AUXILIARIES,
    OPPOSITES,
    PERSON_NOUNS,
    QUESTION_WORDS,
    THING_NOUNS,
    VIEWER_WORDS,
    WATCHED_VERBS,
    asks,
    other_works,
    stem,
)
from bot.core.message import Part, Reading, context, guesses_answer, parts, reading, telling
from bot.core.model import Fact, FactBase
from bot.core.replies import EMPTY_QUESTION, format_reply, refusal_text
from bot.core.text import compact, normalize

GROUP_MARGIN = LIST  # another member of the top fact's list this close: answer with the list
SUGGEST_MIN = 10.0  # near misses worth offering as "did you mean"
MAX_QUESTION_CHARS = 300
MAX_CANDIDATES = 30
TIE_SHARE = 0.95  # a fact this close to the best one is as good a match of the question's words
RIVAL_SHARE = 0.5  # a fact scoring this share of the best one's is told apart from it by words
POSTINGS_BUDGET = 3000  # postings walked in full per question; beyond it, only re-score
CONTEXT_FACTOR = 0.5  # a sentence beside a question that only tells: "the ending made me cry"
LATER_MARGIN = 1.1  # how much better a later sentence of a message must rank to be the question
CONTEXT_SHARE = 0.5  # weight of a term from another sentence of the message than the question
CONTEXT_MISS = 0.15  # share of that weight lost when a fact lacks it
CONTEXT_UNKNOWN = 0.35  # ... and when no fact has it ("i loved titanic. who directed it?")
RELATION_MISS = 3.5  # weight of "<name>'s <relative>" when no fact knows that relative
LIGHT_UNKNOWN = 0.5  # share of an unknown word's weight when it describes ("quietly")
KNOWN_MISS = 0.5  # a known word the fact lacks weighs less than a word no fact has
PEOPLE_KINDS = frozenset({"person", "character"})  # who "he" or "she" may be
_HE = frozenset({"he", "him", "his", "himself"})
_SHE = frozenset({"she", "her", "hers", "herself"})
_NOMINATIVE = frozenset({"he", "she"})  # the pronoun is the subject, never the film's object
# Words between an actor and the part he plays that make them one person: "tian zhuangzhuang as
# the father", "jing boran playing jianqing", "the father played by tian zhuangzhuang".
_PLAYS = frozenset({"as", "play"})
_PLAYS_TOO = frozenset({"by", "who", "that", "the", "role", "of"})
_POSSESSIVE = frozenset({"his", "her"})
# what may follow "her" as its object, not as what she owns: "did he give her the letter"
_NOT_OWNED = frozenset({"the", "a", "an", "to", "up", "back", "out", "in", "on", "for", "that"})
_NOT_OWNED_TOO = frozenset({"this", "and", "or", "so", "at", "with", "about", "from", "again"})
# What "he" asks of the actor rather than of the part he plays: "... as the father. did he win
# an award / what else was he in / how was his acting" (but "who plays his dad", "what was his
# job", "did he win her back" ask of the character)
_PERFORMER = frozenset(
    {"award", "awards", "prize", "prizes", "nominated", "nomination", "nominations", "nominee"}
    | {"act", "acts", "acted", "acting", "actor", "actress", "performance", "performances"}
    | {"interview", "interviews", "interviewed", "career", "films", "movies", "roles", "else"}
    | {"cast", "casting", "casted", "audition", "auditioned", "filmography"}
)
# ... and what may be asked of either: a prize won, or the story's "did he win her back"
_EITHER = frozenset({"win", "wins", "won", "winning"})
PERSON_STEMS = frozenset(stem(w) for w in PERSON_NOUNS)
THING_STEMS = frozenset(stem(w) for w in THING_NOUNS)
AUTOCOMPLETE_CHARS = 100
SUGGESTION_CHARS = 60


@dataclass(frozen=True, slots=True)
class AskResult:
    matched: bool
    fact: Fact | None
    score: float  # 0-100
    reply: str  # what the user sees when matched; "" otherwise
    also: tuple[Fact, ...] = ()  # facts from other documents that claim otherwise
    suggestions: tuple[str, ...] = ()  # up to 3 "did you mean" questions
    refusal: str = ""  # what the user sees when not matched
    suggested: tuple[Fact, ...] = ()  # the facts behind ``suggestions``, in the same order
    decision: Decision | None = None  # the evidence and the call (None: the input was unusable)
    answering: str = ""  # the question the reply answers, so a misreading shows at a glance
    related: tuple[Fact, ...] = ()  # related figures from the sources (no contradiction)
    listed: tuple[Fact, ...] = ()  # the whole list when the answer is one (cast, accolades...)
    other_question: str = ""  # a second question in the message, answered by another fact
    reading: Reading | None = None  # how the message was read: its question, what was set aside
    not_given: str = ""  # what the best fact lacks that the question asks ("a year"), if refused


@dataclass(frozen=True, slots=True)
class Ranked:
    entry: FactEntry
    score: float


def _owned(part: Part, at: int) -> bool:
    """Whether the possessive at ``at`` owns the word after it ("his dad", "her job"; not "gave
    her the letter")."""
    after = part.words[at + 1]
    return part.words[at] == "his" or not (
        after in _NOT_OWNED or after in _NOT_OWNED_TOO or after in AUXILIARIES
    )


def the_pair(words: Sequence[str]) -> list[str]:
    """ "the two" (normalised "the 2") is a pair already known, not a figure asked: "how
    often do the two meet", "the two of them" are "they" (someone meant, not named); "the
    two leads" are the leads. Left as the number, it would be a name the fact must have."""
    out = list(words)
    i = 0
    while i + 1 < len(out):
        if out[i] == "the" and out[i + 1] == "2":
            after = out[i + 2] if i + 2 < len(out) else ""
            if after == "of" and out[i + 3 : i + 4] == ["them"]:
                out[i : i + 4] = ["they"]
            elif after.endswith("s") and after not in _VERB_S:
                del out[i + 1]  # "the two leads": the leads
            else:
                out[i : i + 2] = ["they"]  # "the two keep in touch", "... the two?"
        i += 1
    return out


_VERB_S = frozenset({"has", "is", "was", "does", "gets", "ends", "meets", "goes", "stays"})

# The film and its song, named by someone who made them: "the rene liu film", "eason chan's
# theme song" (the possessive is read off), "the film rene liu directed", "the film by rene liu"
_WORK_NOUNS = frozenset({"movie", "film", "flick", "picture", "theme", "song"})
# (the reading has put irregular verbs in their base form: "shot" is "shoot")
_MADE_VERBS = frozenset({"make", "made", "shoot", "shot", "write", "wrote", "do", "did"}) | {
    *("sing", "sang", "sung", "star", "starred", "direct", "directed", "compose", "composed"),
    *("produce", "produced", "film", "filmed", "score", "scored", "act", "acted", "appeared"),
}
_MADE_TAIL = frozenset({"in", "for", "on"})
_DO = frozenset({"do", "does", "did", "can", "could", "will", "would", "should", "to"})
# "the best jing boran movie" picks one of his works, not this film (the reading writes
# "first" as "1st")
_PICKS = frozenset({"best", "worst", "first", "1st", "last", "latest", "next", "new", "newest"}) | {
    *("old", "older", "earliest", "favorite", "favourite", "other", "another", "previous")
}


def _told_over(told: Part, asking: Part) -> bool:
    """Whether ``told`` only tells and ``asking`` is a question not read with it."""
    return not told.asks and asking.asks and not set(told.words) <= set(asking.words)


def _guesses(asked: Part, later: Part, found: list[Part]) -> bool:
    """Whether ``later`` follows the question ``asked`` with a guess at its answer: "why
    does the train stop? was it broken or something", "how did he get the part? did someone
    pitch it to him" (or is the whole message read as one, guess included). A later question
    word asks something of its own ("was the review good? what did it call the film")."""
    if not (asked.asks and asked.sentence >= 0 and asked.words[:1]):
        return False
    if asked.words[0] not in QUESTION_WORDS:
        return False
    if later.sentence < 0:  # the whole message: a guess is in it when one follows the question
        return any(_guesses(asked, p, found) for p in found if p.sentence >= 0)
    return (
        later.asks
        and asked.sentence < later.sentence
        and not QUESTION_WORDS.intersection(later.words)
        # "was the box office faked" asks anew; "was she broke" guesses at a why
        and guesses_answer(list(later.words), after_why=asked.words[0] in ("why", "how"))
    )


def _rivals(ranked: list[Ranked]) -> list[Ranked]:
    """The best-ranked fact and those scoring at least ``RIVAL_SHARE`` of it (``SIBLINGS``
    at most): the facts a question's distinctive words must tell apart."""
    best = heapq.nlargest(SIBLINGS, ranked, key=attrgetter("score"))
    if not best or best[0].score <= 0.0:
        return []
    return [r for r in best if r.score >= RIVAL_SHARE * best[0].score]


class Matcher:
    """Answers questions from one ``FactBase``; build once, ask many times (thread-safe reads)."""

    def __init__(self, fact_base: FactBase, decision: DecisionModel | None = None) -> None:
        self.fact_base = fact_base
        # each phrasing's normalised words, which the build reads anyway: the autocomplete keys
        # are made of them after it (made during it, they sat among its garbage: more memory)
        words_of: dict[str, tuple[str, ...]] = {}
        self.index = Index.build(fact_base, words_of)
        self.decision = decision or DecisionModel.load()
        self._suggestions: dict[str, str] = {}  # fact id -> the question it answers (lazily)
        # (fact position, phrasing number) of phrasings about a person: a name or "the director"
        # (each distinct term looked up once: every phrasing's terms are among the idf's)
        person_terms = frozenset(filter(self._person_term, self.index.idf))
        self._about_person = self.index.entries.about(person_terms)
        self.film = fact_base.films[0] if fact_base.films else "the film"
        self._names = answer_types.PackNames(fact_base)  # what the pack calls things by name
        # the one film's names ("which movie is that": a title answers if it is one of them)
        self._film_names = frozenset(
            compact(name)
            for a in fact_base.aliases
            if a.kind == "film" and self.index.implicit
            for name in (a.canonical, *a.variants)
        )
        # who "he" and who "she" may be: the people whose heads say "man" or "woman"
        self._pronoun = {
            "@" + compact(a.canonical): pronoun
            for a in fact_base.aliases
            if a.kind in PEOPLE_KINDS
            for head, pronoun in (("man", "he"), ("woman", "she"))
            if head in a.heads
        }
        # Autocomplete: every phrasing, sorted by its normalised form for prefix search.
        seen: set[str] = set()
        pairs: list[tuple[str, str]] = []
        for fact in fact_base.facts:
            for question in fact.questions:
                key = " ".join(words_of[question])  # normalize(question)
                if key and key not in seen and len(question) <= AUTOCOMPLETE_CHARS:
                    seen.add(key)
                    pairs.append((key, question))
        self._opening = [
            f.questions[0]
            for f in fact_base.facts[:25]
            if len(f.questions[0]) <= AUTOCOMPLETE_CHARS
        ]
        words_of.clear()
        pairs.sort()
        # (a cached matcher loads them packed: fact_table.PackedText)
        self._complete_keys: Sequence[str] = [k for k, _ in pairs]
        self._complete_text: Sequence[str] = [q for _, q in pairs]

    def _giving_first(
        self, analysis: Analysis, ranked: list[Ranked], alone: list[float]
    ) -> tuple[list[Ranked], list[float]]:
        """The ranking with a fact that gives the kind of answer asked first when the best one
        does not and it matches the question's words as well ("how old is xiaoxiao": her age
        on the train, not why she dates older men)."""
        query = self._query(analysis)
        # a value (a year, an age, a sum), not a name: a near fact naming someone else is no
        # name of the one asked; nor a win, a work...: a near fact may lack it as well
        kind = query.asked.kind
        if kind not in answer_types.VALUE_KINDS or not_given(query, ranked[0].entry) != kind:
            return ranked, alone
        floor = TIE_SHARE * ranked[0].score
        for k, r in enumerate(ranked[1:4], 1):
            if r.score < floor:
                break
            if not not_given(query, r.entry):
                order = [k, *(i for i in range(len(ranked)) if i != k)]
                return [ranked[i] for i in order], [alone[i] for i in order] if alone else alone
        return ranked, alone

    # ------------------------------------------------------------------ public API
    def ask(self, question: str) -> AskResult:
        problem = self._input_problem(question)
        if problem:
            return AskResult(False, None, 0.0, "", refusal=problem)
        analysis, ranked, others, alone, read = self._ranking(question)
        if analysis is not None and len(ranked) > 1:
            ranked, alone = self._giving_first(analysis, ranked, alone)
        # the decision weighs the question as asked: the ranking's order, the question's scores
        scores = alone or [r.score for r in ranked]
        weighed = [(r.entry, max(s, r.score)) for r, s in zip(ranked, scores, strict=True)]
        decision = self.decision.decide(evidence(self.index, analysis, weighed))
        lacking = ""
        if decision.answer and analysis is not None:
            lacking = not_given(self._query(analysis), ranked[0].entry)
        if lacking:
            # the top fact cannot give what is asked ("which film was that award for"): refuse
            decision = replace(
                decision, answer=False, features={**decision.features, "not_given": 1.0}
            )
        if not decision.answer:
            top = ranked[0].score if ranked else 0.0
            offered: dict[str, Fact] = {}
            for r in ranked[:3]:
                if r.score >= SUGGEST_MIN:
                    offered.setdefault(self._suggestion(r.entry.fact), r.entry.fact)
            return AskResult(
                False,
                None,
                round(top, 1),
                "",
                suggestions=tuple(offered),
                refusal=self._refusal(offered),
                suggested=tuple(offered.values()),
                decision=decision,
                reading=read,
                not_given=lacking,
            )
        best = ranked[0]
        fact = best.entry.fact
        listed = self.listed(ranked)
        also = self.fact_base.disagreeing(fact)
        related = () if listed else self.fact_base.related_to(fact)
        answering = self._suggestion(fact)
        other = self._other_question(others, fact, listed)
        return AskResult(
            True,
            fact,
            round(best.score, 1),
            format_reply(fact, also, answering, related, listed, other_question=other),
            also=also,
            decision=decision,
            reading=read,
            answering=answering,
            related=related,
            listed=listed,
            other_question=other,
        )

    def _other_question(
        self, others: list[tuple[Part, Analysis]], fact: Fact, listed: tuple[Fact, ...]
    ) -> str:
        """Another sentence of the message that asks something else the bot can answer: "who
        directed it? and where was it filmed?" answers the first and names the second."""
        for part, analysis in others:
            ranked = self._rank(analysis, 5, 1.0)
            if not ranked or ranked[0].entry.fact is fact or ranked[0].entry.fact in listed:
                continue
            found = evidence(self.index, analysis, [(r.entry, r.score) for r in ranked])
            if self.decision.decide(found).answer:
                said = " ".join(part.words)
                return said[:1].upper() + said[1:] + "?"
        return ""

    def listed(self, ranked: list[Ranked]) -> tuple[Fact, ...]:
        """The top fact's whole list, when another of its members ranks close behind it: the
        question then asks for the list ("who is in the cast"), not for one of its items."""
        best = ranked[0]
        group = best.entry.fact.group
        if not group or not any(
            r.entry.fact.group == group and r.score >= best.score - GROUP_MARGIN for r in ranked[1:]
        ):
            return ()
        members = self.fact_base.group_of(best.entry.fact)
        return (best.entry.fact, *(f for f in members if f is not best.entry.fact))

    def rank(self, question: str, limit: int = 5) -> list[Ranked]:
        """The best-scoring facts for ``question``, best first (scores 0-100)."""
        return self.ranking(question, limit)[1]

    def ranking(self, question: str, limit: int = 5) -> tuple[Analysis | None, list[Ranked]]:
        """``rank`` with the analysis of the sentence it ranked by (the decision reads both)."""
        analysis, ranked, *_ = self._ranking(question, limit)
        return analysis, ranked

    def _ranking(
        self, question: str, limit: int = 5
    ) -> tuple[
        Analysis | None, list[Ranked], list[tuple[Part, Analysis]], list[float], Reading | None
    ]:
        """``ranking``, the other sentences of the message that ask on their own (a message may
        hold two questions), the ranked facts' scores on the question sentence alone ([]
        when the message is that sentence), and how the message was read.

        The rest of a message settles which fact a question points to, but its words lower
        every score alike ("i'm writing an essay for class. when was it released?"): the
        decision reads the better of the two, so a chat message is judged as its question
        when the rest only dilutes it, and with the rest when the question points back to it
        ("jing boran's gray hair was wild. was that a first for him?"); names of things the
        pack does not know, said around it, count in both."""
        found = parts(question[: MAX_QUESTION_CHARS * 2], self._people)
        asking = any(p.asks for p in found)
        analyzer = self.index.analyzer
        best: list[Ranked] = []
        chosen: Analysis | None = None
        chosen_part: Part | None = None
        chosen_factor, around_chosen = 1.0, False
        asked: list[tuple[Part, Analysis]] = []
        kind = analyzer.aliases.kind
        kept = [p for p in found if not p.aside]
        # should the parts not about the asker say nothing, those about the asker that name
        # someone the pack knows ("still cant believe jianqing left her. why did he do it?")
        fallback = [p for p in found if p.aside] if kept else []
        for part in kept + fallback if kept else found:
            if part in fallback and best:
                break
            aside = part in fallback
            read = self._the_work(analyzer.read(the_pair(part.words)))
            analysis = analyzer.analyze_words(read)
            if part.said:
                said = replace(part, words=part.said, said=())
                bare = analyzer.analyze_words(self._the_work(analyzer.read(the_pair(said.words))))
                if not self._of_the_work(analysis, bare):
                    # "the trailer looks good. who directed it": the pack says nothing of who
                    # directed the trailer, "it" is the film
                    part, analysis = said, bare
            if not analysis.terms:
                continue
            if aside and not any(
                t.startswith("@") and kind(t[1:]) in PEOPLE_KINDS for t in analysis.entities
            ):
                continue
            if part.asks and part.sentence >= 0 and asks(list(part.words)):
                asked.append((part, analysis))  # a question of its own, not "or his family?"
            # a sentence that only tells ("loved it") is weighed below one that asks
            factor = 1.0 if part.asks or not asking else CONTEXT_FACTOR
            around = [w for w in context(found, part) if w not in VIEWER_WORDS] if part.asks else ()
            told = analyzer.analyze_words(analyzer.read(the_pair(around))) if around else None
            named, plain = self._unknown_words(context(found, part, aside=True), part.asks)
            if named or plain:  # both count for the ranking as context, names for the decision
                more = named + plain
                told = replace(told, terms=told.terms + more) if told else Analysis(more, None, ())
            if part.asks and analysis.pronoun:
                analysis = self._referent(analysis, found, part)
            ranked = self._rank(analysis, limit, factor, told)
            # a later sentence must do clearly better: a message's first question comes first,
            # and a guess after it ("why did she leave? was it his family") is no question of
            # its own: it may only confirm a fact the question itself ranks ("how did netflix
            # get it? was it at a festival"), never bring in another
            # a sentence that only tells never answers in place of one that asks ("rene liu is so
            # humble. when they asked her why it was a hit what did she say"), unless the question
            # was read with it ("the dad dies?? how did that happen")
            told_first = chosen_part is not None and _told_over(chosen_part, part)
            if (
                ranked
                and (not best or ranked[0].score > LATER_MARGIN * best[0].score or told_first)
                and not (chosen_part is not None and _told_over(part, chosen_part))
                and not (
                    chosen_part is not None
                    and _guesses(chosen_part, part, found)
                    and all(r.entry is not ranked[0].entry for r in best[:3])
                )
            ):
                best = ranked
                chosen = replace(analysis, terms=analysis.terms + named) if named else analysis
                chosen_part = part
                chosen_factor, around_chosen = factor, told is not None
        alone: list[float] = []
        if chosen is not None and around_chosen:
            query = self._query(chosen)
            scored = [Ranked(r.entry, chosen_factor * self._score(query, r.entry)) for r in best]
            scored = self._apart(query, scored, chosen_factor)
            # in the ranking's order: no runner-up above the fact it ranks first
            alone = [min(r.score, scored[0].score) for r in scored]
        at = chosen_part.sentence if chosen_part is not None else -1
        others = [(p, a) for p, a in asked if at >= 0 and p.sentence != at]
        talk = next((a.chat for _, a in asked if a.chat), None)
        if chosen is not None and chosen_part is not None and chosen.chat is None and talk:
            if at >= 0 and chosen_part.asks:
                return chosen, best, others, alone, reading(found, chosen_part)
            # the message read by its telling sentence or as one question: the sentence that
            # asks was talk to the bot ("just watched it. what should i watch next?")
            chosen = replace(chosen, chat=talk)
        return chosen, best, others, alone, reading(found, chosen_part)

    def _people(self, words: tuple[str, ...]) -> list[tuple[int, int, str | None]]:
        """The people and characters ``words`` name, with who "he" or "she" may be of them."""
        aliases = self.index.analyzer.aliases
        return [
            (start, end, self._pronoun.get("@" + compact(name)))
            for start, (end, name) in aliases.span_ends(list(words)).items()
            if aliases.kind(name) in PEOPLE_KINDS
        ]

    def _of_the_work(self, analysis: Analysis, bare: Analysis) -> bool:
        """Whether the pack answers a question about a work named before it ("the music video
        is gorgeous. who directed it": the video's director) with a fact about that work
        (``bare``: the question with "it" as said)."""
        work = set(analysis.terms) - set(bare.terms)
        return self._answers(analysis, work)

    def _answers(self, analysis: Analysis, about: set[str] | None = None) -> bool:
        """Whether the decision answers ``analysis`` alone (with a fact that has a term of
        ``about``, if given)."""
        ranked = self._rank(analysis, 5, 1.0)
        if not ranked or (about is not None and about.isdisjoint(ranked[0].entry.weights)):
            return False
        found = evidence(self.index, analysis, [(r.entry, r.score) for r in ranked])
        return self.decision.decide(found).answer

    def _the_work(self, words: list[str]) -> list[str]:
        """``words`` without the pack's people named only to say which work is meant: "how
        much did the jing boran movie make" asks what the movie made, "who composed eason
        chan's theme song" who composed the theme song, "who shot the film rene liu directed"
        who shot the film. Left in, the name is read as the person asked about, and a who
        question answers with him or her whatever role it asks."""
        aliases = self.index.analyzer.aliases
        if other_works(words):  # "what other jing boran movies": his career, not this film
            return words
        drop: set[int] = set()
        for start, (end, name) in aliases.span_ends(words).items():
            if aliases.kind(name) != "person":
                continue
            before, after = words[start - 1 : start], words[end : end + 1]
            if after and after[0] in _WORK_NOUNS and not (before and before[0] in _PICKS):
                if before and before[0] in _DO and after[0] == "film":
                    continue  # "did rene liu film it": the name is the subject of "film"
                drop.update(range(start, end))  # "the rene liu film", "eason chan's song"
                continue
            at = start - 1 - (before in (["that"], ["which"], ["by"]))
            if at < 0 or words[at] not in _WORK_NOUNS - {"theme"}:
                continue
            if at and words[at - 1] in _PICKS:
                continue  # "the first movie rene liu directed": one of hers, maybe this one
            if before == ["by"]:  # "the film by rene liu"
                drop.update(range(start - 1, end))
            elif after and after[0] in _MADE_VERBS:
                # "the film rene liu directed", "the movie that jing boran starred in"
                tail = 2 if words[end + 1 : end + 2] and words[end + 1] in _MADE_TAIL else 1
                drop.update(range(start - (before != words[at : at + 1]), end + tail))
        return [w for i, w in enumerate(words) if i not in drop] if drop else words

    def _referent(self, analysis: Analysis, found: list[Part], part: Part) -> Analysis:
        """A question that says "he" or "she" and names nobody, about the one person a telling
        sentence of the message names (else a sentence about the asker): "jing boran's grey
        hair look was so good. was that new for him?" asks about Jing Boran (his name counts as
        if asked)."""
        kind = self.index.analyzer.aliases.kind
        if any(t.startswith("@") and kind(t[1:]) in PEOPLE_KINDS for t in analysis.entities):
            return analysis
        he, she = _HE.intersection(part.words), _SHE.intersection(part.words)
        if bool(he) == bool(she):
            # "zhou dongyu was great. did he like working with her?": two people; "jing boran
            # was great. what do they sell?": "they" is not the one person named
            return analysis
        analyzer = self.index.analyzer
        performer = not _PERFORMER.isdisjoint(part.words)
        played: set[str] = set()  # the parts named beside their actors, filled by people()

        def people(words: tuple[str, ...]) -> set[str]:
            if not words:
                return set()
            read = analyzer.read(words)
            said = analyzer.analyze_words(read).entities
            named = {t for t in said if t.startswith("@") and kind(t[1:]) in PEOPLE_KINDS}
            # an actor named with his part is one person: the actor when the question asks of
            # the performer ("tian zhuangzhuang as the father was so good. did he win an
            # award?"), else the part ("jing boran as jianqing. who plays his dad")
            if len(named) < 2:
                return named
            if not performer and not _EITHER.isdisjoint(part.words):
                return named  # "did he win anything": a prize, or her back? neither is sure
            actors, parts = self._parts_played(read)
            played.update(parts)
            return named - (parts if performer else actors)

        told = telling(found, part)
        named = people(told)
        if not named:  # then a sentence about the asker: "loved jing boran. who did he play?"
            told = tuple(
                w
                for p in found
                if p.aside and p.sentence not in (part.sentence, -1)
                for w in p.words
            )
            named = people(told)
        if len(named) > 1:  # the one the pronoun fits, else the one the sentence is about
            pronoun = "he" if he else "she"
            fits = {n for n in named if self._pronoun.get(n, pronoun) == pronoun}
            if len(fits) == 1:
                named = fits
            else:  # an actor named with his part stays one person asked of either way
                if not self._parts_played(analyzer.read(told))[1] & named:
                    subject = self._subject(told, fits)
                    if not subject:
                        return analysis
                    # the sentence's subject only when the pack answers the question of them:
                    # "tian zhuangzhuang is so good as the dad. who directed him" asks who
                    # directed the film, as it did before subjects were read; "he" asking is
                    # the subject himself, answered or refused ("what has he directed")
                    bound = self._bound(analysis, part, subject.pop(), played)
                    sure = not _NOMINATIVE.isdisjoint(part.words)
                    return bound if sure or self._answers(bound) else analysis
        if len(named) != 1:
            return analysis
        return self._bound(analysis, part, next(iter(named)), played)

    def _bound(self, analysis: Analysis, part: Part, name: str, played: set[str]) -> Analysis:
        """``analysis`` of a question whose "he" or "she" is ``name``."""
        analyzer = self.index.analyzer
        whose = [i for i, w in enumerate(part.words[:-1]) if w in _POSSESSIVE and _owned(part, i)]
        canonical = analyzer.aliases.canonical(name[1:])
        if whose and canonical and name in played:
            # "his dad" is the dad of the part named beside its actor: read as if typed ("who
            # plays jianqing's dad"), so what he owns is what is asked, not who he is
            own = normalize(canonical).split()
            words = [x for i, w in enumerate(part.words) for x in (own if i in whose else [w])]
            return analyzer.analyze_words(analyzer.read(the_pair(words)))
        return replace(analysis, terms=(*analysis.terms, name), entities=(*analysis.entities, name))

    def _subject(self, words: tuple[str, ...], named: set[str]) -> set[str]:
        """The one of ``named`` that ``words`` open with as their subject ("jing boran said
        playing jianqing was hard": Jing Boran), a pronoun's likeliest referent; else none."""
        read = self.index.analyzer.read(words)
        start = int(read[:1] == ["the"])
        end, name = self.index.analyzer.aliases.span_ends(read).get(start, (0, ""))
        key = "@" + compact(name)
        if not name or key not in named or read[end : end + 1] in (["and"], ["or"], ["n"]):
            return set()  # "jing boran and zhou dongyu were great": neither alone
        return {key}

    def _parts_played(self, words: list[str]) -> tuple[set[str], set[str]]:
        """The actors and the characters ``words`` name (or describe) as played by each other
        ("tian zhuangzhuang as the father", "the father played by tian zhuangzhuang")."""
        aliases = self.index.analyzer.aliases
        spans = [(i, end, name) for i, (end, name) in aliases.span_ends(words).items()]
        names = sorted(spans + aliases.descriptions(words))
        actors: set[str] = set()
        played: set[str] = set()
        for (_, end, a), (start, _, b) in pairwise(names):
            kinds = (aliases.kind(a), aliases.kind(b))
            between = set(words[end:start])
            one_person = set(kinds) == {"person", "character"} and between & _PLAYS
            if one_person and between <= _PLAYS | _PLAYS_TOO:
                actor, part = (b, a) if kinds[0] == "character" else (a, b)
                actors.add("@" + compact(actor))
                played.add("@" + compact(part))
        return actors, played

    def _unknown_words(
        self, aside: tuple[str, ...], asking: bool
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The words no fact has in the sentences about the asker (of a sentence that asks):
        the names among them, then the ordinary words. "i loved titanic. who directed it?" is
        about Titanic, a thing the pack does not know; "i'm writing an essay for class" names
        nothing, so an ordinary English word is a name only as what the asker watched ("loved
        titanic"); "i missed a line" says nothing of lines."""
        if not aside or not asking:
            return (), ()
        analyzer = self.index.analyzer
        said = analyzer.analyze_words(analyzer.read([w for w in aside if w not in VIEWER_WORDS]))
        idf = self.index.idf
        unknown = [t for t in said.terms if t not in idf and "/" not in t]
        if not unknown:
            return (), ()
        ordinary = {
            t
            for i, w in enumerate(aside)
            if english.is_word(w) and not (i and aside[i - 1] in WATCHED_VERBS)
            for t in analyzer.analyze_words(analyzer.read([w])).terms
        }
        names = tuple(t for t in unknown if t not in ordinary)
        return names, tuple(t for t in unknown if t in ordinary)

    def _rank(
        self, analysis: Analysis, limit: int, factor: float, told: Analysis | None = None
    ) -> list[Ranked]:
        query = self._query(analysis, told)
        ranked = [Ranked(e, factor * self._score(query, e)) for e in self._candidates(analysis)]
        ranked = self._apart(query, ranked, factor)
        # Ties go to the fact declared first: packs list the central facts first; but "who is
        # zhou dongyu" is best answered by the fact whose answer is her (her part in the film).
        # Only for a name said: "who are the main actors" may be read as "the main actor".
        person = person_asked(self.index, analysis)
        person = person if person in analysis.entities else None

        def order(r: Ranked) -> tuple[float, bool, int]:
            answers = person is not None and "@" + compact(r.entry.fact.answer) == person
            return round(r.score, 6), answers, -r.entry.position

        return heapq.nlargest(limit, ranked, key=order)

    def _apart(self, query: Query, ranked: list[Ranked], factor: float) -> list[Ranked]:
        """``ranked`` with the best fact and its rivals scored again by the words that tell
        them apart (``apart``); the rest stay below them. Facts giving one claim (the same
        answer, linked claims) are no rivals of one another: the claim is weighed by its best
        fact, and they move with it, in the order the question gave them."""
        head: dict[int, Ranked] = {}  # a rival -> the best-scored fact of its claim
        for r in _rivals(ranked):
            head[id(r)] = next((h for h in head.values() if same_claim(h.entry, r.entry)), r)
        heads = {id(h): h for h in head.values()}
        if len(heads) < 2:
            return ranked
        query = apart(query, [h.entry for h in heads.values()])
        moved = {k: factor * self._score(query, h.entry) / h.score for k, h in heads.items()}
        again = {
            id(r): Ranked(r.entry, r.score * moved[id(head[id(r)])])
            for r in ranked
            if id(r) in head
        }
        floor = min(r.score for r in again.values())
        # in the same order; the rest (below half the best) stay below the rivals, and only
        # those above the lowest of them are copied
        return [
            again.get(id(r)) or (r if r.score <= floor else Ranked(r.entry, floor)) for r in ranked
        ]

    def _person_term(self, term: str) -> bool:
        if term in PERSON_STEMS:
            return True
        return term.startswith("@") and self.index.analyzer.aliases.kind(term[1:]) == "person"

    def autocomplete(self, prefix: str, limit: int = 25) -> list[str]:
        """Question strings starting with (or, failing that, best matching) ``prefix``."""
        limit = max(0, min(limit, 25))
        key = normalize(prefix[:AUTOCOMPLETE_CHARS])
        if not key:  # nothing typed yet: the pack's first (most central) questions
            return self._opening[:limit]
        out: list[str] = []
        start = bisect.bisect_left(self._complete_keys, key)
        for i in range(start, len(self._complete_keys)):
            if len(out) >= limit or not self._complete_keys[i].startswith(key):
                break
            out.append(self._complete_text[i])
        if len(out) < limit and key:
            for r in self.rank(prefix[:AUTOCOMPLETE_CHARS], limit=limit):
                for question in r.entry.fact.questions:
                    if len(question) <= AUTOCOMPLETE_CHARS and question not in out:
                        out.append(question)
                        break
                if len(out) >= limit:
                    break
        return out[:limit]

    # ------------------------------------------------------------------ ranking
    def _candidates(self, analysis: Analysis) -> list[FactEntry]:
        """Facts sharing the question's rarer terms, by summed weight; common terms re-score."""
        postings = self.index.postings
        known = sorted((postings[t] for t in analysis.terms if t in postings), key=len)
        acc: dict[int, float] = {}
        walked = 0
        for found in known:
            if not acc:
                acc = dict(zip(found.positions, found.weights, strict=True))
                walked = len(found)
            elif walked + len(found) <= POSTINGS_BUDGET:
                walked += len(found)
                get = acc.get
                for pos, weight in zip(found.positions, found.weights, strict=True):
                    acc[pos] = get(pos, 0.0) + weight
            else:  # a common term: only re-score the facts the rarer terms found
                members = found.members or frozenset(found.positions)
                for pos in members.intersection(acc):
                    acc[pos] += found.top
        # a question that is only a name ("who is jianqing") finds every fact naming it alike:
        # look further down that long list for the fact that is about the name itself
        limit = MAX_CANDIDATES * (2 if set(analysis.terms) <= set(analysis.entities) else 1)
        best = heapq.nlargest(limit, acc.items(), key=itemgetter(1))
        entries = self.index.entries
        return [entries[pos] for pos, _ in best]

    def _holds(self, name: str, verb: str) -> bool:
        """Whether a fact of the pack credits ``name`` with ``verb`` ("direct": the director
        fact, phrased "who directed it", answers "Rene Liu"). Only the facts that have the verb
        are read (its postings), not every fact: at 100,000 facts a scan made them all."""
        postings = self.index.postings
        if verb not in postings:
            return False
        entries = self.index.entries
        return any(
            entry.weights.get(verb, 0.0) >= 1.0 and any(name in a.terms for a in entry.answers)
            for entry in map(entries.__getitem__, postings[verb].positions)
        )

    def _query(self, analysis: Analysis, told: Analysis | None = None) -> Query:
        """The question's terms with their weights, worked out once for all candidates.

        ``told``: the other sentences of the message ("the ticket inspector was so rude. what
        was he threatening her with"). Their terms count a share of their weight, found or
        missing, so they settle what the question points to without outweighing it."""
        idf = self.index.idf
        query_intent = analysis.intent or analysis.noun_intent
        known: list[tuple[str, float, float]] = []  # term, weight, miss factor
        unknown = 0.0
        for term in analysis.terms:
            if term in self.index.implicit:
                continue
            w = idf.get(term)
            if w is None:
                # a relation of a known name ("xiaoxiao/mother") is unknown, but less so
                if "/" in term:
                    unknown += RELATION_MISS
                elif term in analysis.light:
                    unknown += LIGHT_UNKNOWN * self.index.unknown_idf
                else:
                    unknown += self.index.unknown_idf
            else:
                # A name the fact lacks counts in full: it is what the question is about.
                if term in analysis.entities:
                    miss = 1.0
                elif term in SOFT_STEMS and query_intent:
                    miss = SOFT_SHARE
                else:
                    miss = KNOWN_MISS
                known.append((term, w, miss))
        context: set[str] = set()
        if told is not None:
            asked = {t for t, _, _ in known}
            for term in told.terms:
                w = idf.get(term)
                if term in self.index.implicit or term in asked:
                    continue
                if w is None:
                    unknown += CONTEXT_SHARE * CONTEXT_UNKNOWN * self.index.unknown_idf
                else:
                    known.append((term, CONTEXT_SHARE * w, CONTEXT_MISS))
                    context.add(term)
        terms = frozenset(t for t, _, _ in known)
        names = terms.intersection(analysis.entities)
        film_subject = (
            not self.index.implicit.isdisjoint(analysis.terms)
            and not analysis.pronoun
            and not any(self._person_term(t) for t in terms)
        )
        # "who is wynne", "zhang yibai role": a question that is a name (and a job word)
        named = terms - ROLE_STEMS if names else terms
        return Query(
            known=tuple(known),
            unknown=unknown,
            terms=terms,
            intent=query_intent,
            only_numbers=all(t in analysis.numbers for t in terms),
            only_names=all(t in analysis.entities for t in named) and not unknown,
            names=names,
            named=named,
            pronoun=analysis.pronoun,
            yes_no=analysis.yes_no,
            chat=analysis.chat,
            name_of=analysis.name_of,
            single_word=len(known) == 1
            and not unknown
            and not analysis.pronoun  # "where do they meet" names its subject by a pronoun
            and not analysis.intent  # "how much did it make" asks for a figure
            and terms.isdisjoint(analysis.entities),
            actor=analysis.actor,
            film_subject=film_subject,
            sides=tuple((t, OPPOSITES[t]) for t in analysis.terms if t in OPPOSITES),
            owner=frozenset(analysis.owner) - self.index.implicit,
            thing=not THING_STEMS.isdisjoint(analysis.terms),
            about_cast=any(self._person_term(t) or t == PLAY for t in analysis.terms),
            which=analysis.which,
            other_works=analysis.other_works,
            uncredited=frozenset(n for n, verb in analysis.credited if not self._holds(n, verb)),
            action=analysis.action,
            opinion=analysis.opinion,
            current=analysis.current,
            title=analysis.title,
            work=analysis.work,
            films=self.index.implicit,
            film_names=self._film_names,
            won=analysis.won,
            asked=answer_types.read(analysis.words, self._names, analysis.entities),
            told=frozenset(context),
        )

    def _score(self, query: Query, entry: FactEntry) -> float:
        return score(query, entry, self.index.idf, self._about_person)

    # ------------------------------------------------------------------ messages
    def _input_problem(self, question: str) -> str:
        if not isinstance(question, str) or not normalize(question[:1000]):
            return EMPTY_QUESTION.format(film=self.film)
        if len(question) > MAX_QUESTION_CHARS:
            return (
                f"That question is {len(question):,} characters long; please keep it under "
                f"{MAX_QUESTION_CHARS} and ask one thing at a time."
            )
        return ""

    def _suggestion(self, fact: Fact) -> str:
        cached = self._suggestions.get(fact.id)
        if cached is None:
            cached = self._suggestions[fact.id] = self._make_suggestion(fact)
        return cached

    def _make_suggestion(self, fact: Fact) -> str:
        """A question to offer: the quiz prompt when short, else the first phrasing, with the
        names in it written as the pack writes them ("who is rene liu" -> "Who is Rene Liu?")."""
        prompt = fact.quiz.prompt if fact.quiz is not None else ""
        if prompt and len(prompt) <= SUGGESTION_CHARS:
            return prompt
        words = fact.questions[0].rstrip("?").split()
        if [normalize(w) for w in words] == normalize(" ".join(words)).split():
            aliases = self.index.analyzer.aliases
            for start, end, canonical in reversed(aliases.spans([normalize(w) for w in words])):
                if aliases.kind(canonical) != "term":
                    words[start:end] = [canonical]
        question = " ".join(words)
        return question[:1].upper() + question[1:] + "?"

    def _refusal(self, suggestions: Iterable[str]) -> str:
        return refusal_text(self.film, bool(tuple(suggestions)))
