"""How well one fact answers one question: the parts of the /ask score (0-100).

``score`` multiplies four named parts, each tested on its own:

- ``coverage``: the weight of the question's terms the fact has, against what it lacks (a word
  no fact contains weighs more than any known word; a missing name counts in full);
- ``phrasing_fit`` / ``answer_name_fit``: the F-beta of the fact's closest phrasing against the
  question (names of the answer the question gives count for the phrasing), or how much of the
  answer's name the question is ("who is wynne");
- ``penalties``: what makes a question no real question for this fact (one ordinary word, talk
  to the bot, the other side of an opposite, another film's score);
- ``kind_fit``: whether the fact gives the kind of answer asked (a "when" question is not
  answered by a "who" fact, a "what is it called" question only by a name, "which studio
  sued" not by "a rival studio", "what else has she been in" by no fact of a one-film pack).
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress
from operator import attrgetter, not_

from bot.core.answer_types import NOTHING, Asked, missing
from bot.core.match_index import SOFT_SHARE, TEXT_WEIGHT, FactEntry
from bot.core.match_vocab import (
    AGE,
    COUNT,
    FILM_NOUNS,
    MONEY,
    NAME,
    ROLE_WORDS,
    WHEN,
    WHERE,
    WHO,
    asks_opinion,
    spans_time,
    stem,
)
from bot.core.text import compact, normalize

INTENT_MISMATCH = 0.55  # the fact answers another kind of question
INTENT_UNKNOWN = 0.75  # the fact's phrasings ask no who/when/where/how much/how many
FIT_FLOOR = 0.5  # share of the score that coverage alone earns; the rest needs a phrasing fit
ANSWER_FIT = 0.9  # a question naming the fact's answer fits a little less than a phrasing
FIT_BETA2 = 2.0  # F-beta of a phrasing's precision and recall; above 1 favours recall
OTHER_INTENT_FIT = 0.5  # a phrasing asking who/when/where... fits another such question less
CHAT_FACTOR = 0.6  # a question to the bot itself, or one word said with "thanks bot"
# intents whose answer is a value (a person, a date, a count...), not an event or a reason
VALUE_INTENTS = frozenset({WHO, WHEN, WHERE, MONEY, COUNT, AGE})
YES_NO_FIT = 0.8  # a phrasing asking who/when/how many... fits a yes/no question less
PRONOUN_NAME = 0.3  # share of a phrasing's name left when the question says "they" or "she"
SINGLE_WORD = 0.65  # a one-word question that no phrasing says exactly
OTHER_SUBJECT_FIT = 0.5  # "did it win an award" fits "did the director win an award" less
SIBLINGS = 8  # the best-ranked facts whose words tell them apart (``apart``)
APART = 0.3  # how far a term's weight moves with how few of them have it
CREDIT_KINDS = frozenset({"person", "organisation"})
NAMED_KINDS = frozenset({"person", "character", "organisation"})  # who, not what
NAMED_PLACE_KINDS = NAMED_KINDS | {"place"}  # no title
FIGURE_KINDS = frozenset({"number", "money", "year", "date", "rating"})  # no activity
VIEWLESS_KINDS = NAMED_PLACE_KINDS | {"date", "year", "title", "award"}  # state no opinion
WIN = stem("win")
# A listing (a nominee, an entry in an accolades table) says nothing of a win
_LISTED = frozenset({"list", "lists", "listed", "nominated", "nomination", "nominee", "entry"})
_WON = frozenset({"win", "wins", "won", "winner", "winners", "winning"})
ROLE_STEMS = frozenset(stem(w) for w in ROLE_WORDS)  # "<name> job": what the named one does
PLAY = stem("play")
_terms = attrgetter("terms")


@dataclass(frozen=True, slots=True)
class Query:
    """A question's terms with their weights, worked out once for all candidates."""

    known: tuple[tuple[str, float, float], ...]  # (term, weight, share of it counted if missing)
    unknown: float  # summed weight of terms no fact has
    terms: frozenset[str]  # the known terms
    intent: str | None
    only_numbers: bool
    only_names: bool
    names: frozenset[str]  # the known names and numbers among the terms
    named: frozenset[str]  # the terms that must all be in an answer that is just a name
    pronoun: bool  # "they", "her": someone meant but not named
    yes_no: bool  # "do they walk home in the snow": not "how many walk home"
    name_of: tuple[str, ...]  # "jianqing's wife's name": the relative whose name is asked
    chat: str | None  # "addressed" to the bot ("do you like it"), "social" ("thanks bot")
    single_word: bool  # one known word, no name: a keyword, or chat ("what is love")
    actor: bool  # "who plays the dad": only a credit (a person) answers
    film_subject: bool  # "did it win any awards": about the film, no person named or meant
    sides: tuple[tuple[str, frozenset[str]], ...]  # "audience": not "critic" (OPPOSITES)
    owner: frozenset[str]  # "the douban score of dying to survive": whose score is asked
    thing: bool  # a thing is named ("game", "book"): no person's name answers "what's it called"
    about_cast: bool  # "play", "actor", "director"...: a credit may answer a "name" question
    which: tuple[str, ...] = ()  # kinds of thing whose identity is asked: "what hotel"
    other_works: bool = False  # "what else has she been in": other films than this one
    # "has jing boran directed anything": people asked of a credit the pack gives them nowhere
    uncredited: frozenset[str] = frozenset()
    action: bool = False  # "what do they do on the train": an activity, not a figure
    opinion: bool = False  # "what did the critic think": a view, not a name or a date
    current: bool = False  # "how many views does it have now": not a figure for a span
    title: bool = False  # "chinese title": a title is asked, not a place or a person
    work: str = ""  # "which film was that for": the noun of the work whose title is asked
    films: frozenset[str] = frozenset()  # the one film of the pack, as a term ("@usandthem")
    film_names: frozenset[str] = frozenset()  # its names, compacted ("usandthem", ...)
    won: bool = False  # "did he win the golden horse", "best film winner": a win is asked
    # (not "did he win any award", which a listing may answer)
    asked: Asked = NOTHING  # "what year", "which studio", "hong kong film awards", "not the X"
    told: frozenset[str] = frozenset()  # terms only from the message's other sentences


@dataclass(frozen=True, slots=True)
class Coverage:
    covered: float  # weight of the question's terms the fact has
    asked: float  # that plus the weight it lacks (what the question asks, all told)

    @property
    def share(self) -> float:
        return self.covered / self.asked if self.asked else 0.0


def score(
    query: Query,
    entry: FactEntry,
    idf: Mapping[str, float],
    about_person: Container[tuple[int, int]],
) -> float:
    """0-100: coverage times fit, then each penalty and answer-kind factor in turn."""
    if query.only_numbers:
        return 0.0  # "what's 2+2"
    cover = coverage(query, entry)
    if not cover.covered:
        return 0.0
    fit = max(
        phrasing_fit(query, entry, cover.asked, idf, about_person),
        answer_name_fit(query, entry, idf),
    )
    result = 100.0 * (cover.covered / cover.asked) * (FIT_FLOOR + (1.0 - FIT_FLOOR) * fit)
    for factor in (*penalties(query, entry, fit), *kind_fit(query, entry)):
        result *= factor
    return result


def apart(query: Query, best: Sequence[FactEntry]) -> Query:
    """The question with each term weighed by how few of ``best`` (the facts it ranks first,
    often siblings told in one passage) have it, for ranking them again: a word they all have
    ("train" in a question about the train journey) tells none of them apart, a word only one
    has tells which is meant ("eyelashes" of the facts about the cold in Hailar). A term none
    of them has keeps its weight: it says nothing of these facts; so does a name, which says
    who or what the question is about however many of them name it, and a word of the
    message's other sentences (``told``), which only settles what the question points to."""
    n = len(best)
    factors = []
    for term, _, _ in query.known:
        having = (
            0
            if term in query.names or term in query.told
            else sum(1 for e in best if e.weights.get(term, 0.0) >= TEXT_WEIGHT)
        )
        # 1 - APART (all have it) ... 1 + APART (one of many has it)
        factors.append(1.0 - APART + APART * 2.0 * (n - having + 0.5) / (n + 1) if having else 1.0)
    # the question's own known terms keep their total weight: only its share among them
    # moves, so a question whose words all the rivals share scores as before (the told words
    # keep their lower weight)
    own = [(w, f) for (t, w, _), f in zip(query.known, factors, strict=True) if t not in query.told]
    moved = sum(w * f for w, f in own)
    scale = sum(w for w, _ in own) / moved if moved else 1.0
    known = tuple(
        (term, weight * (1.0 if term in query.told else factor * scale), miss)
        for (term, weight, miss), factor in zip(query.known, factors, strict=True)
    )
    return replace(query, known=known)


def coverage(query: Query, entry: FactEntry) -> Coverage:
    """The question's weight the fact has, and all it asks (what the fact lacks counts too)."""
    weights = entry.weights
    covered, missed = 0.0, query.unknown
    # "mark lee ping bing job": a fact crediting him need not say "job"
    credit = entry.fact.kind in CREDIT_KINDS
    for term, w, miss in query.known:
        if credit and term in ROLE_STEMS and query.names:
            miss = SOFT_SHARE
        share = weights.get(term, 0.0)
        covered += w * share
        missed += w * (1.0 - share) * miss
    return Coverage(covered, covered + missed)


def phrasing_fit(
    query: Query,
    entry: FactEntry,
    asked: float,
    idf: Mapping[str, float],
    about_person: Container[tuple[int, int]],
) -> float:
    """0-1: how well the fact's closest phrasing and the question say the same thing."""
    terms = query.terms
    fit = 0.0
    # Names and numbers of the answer that the question gives: "was it filmed in hailar" is
    # "where was it filmed" with its answer. They count for the phrasing when asked.
    named = [a.terms for a in entry.answers if not query.names.isdisjoint(a.terms)]
    about_person = about_person if query.film_subject else frozenset()
    has = terms.__contains__
    phrasings = entry.phrasings
    # only the phrasings sharing a term with the question (most share none), picked out and
    # their shared weights summed in order without a Python loop
    sharing = map(not_, map(terms.isdisjoint, map(_terms, phrasings)))
    for number in compress(range(len(phrasings)), sharing):
        phrasing = phrasings[number]
        shared = sum(compress(phrasing.weights, map(has, phrasing.terms)))
        if not shared:
            continue
        total = phrasing.total
        if query.pronoun:
            # "where do they meet" may mean the phrasing's "jianqing and xiaoxiao"
            total -= (1.0 - PRONOUN_NAME) * sum(
                w
                for t, w in zip(phrasing.terms, phrasing.weights, strict=True)
                if t.startswith("@") and t not in terms
            )
        extra = (
            max(
                sum(idf[t] for t in a if t in query.names and t not in phrasing.terms)
                for a in named
            )
            if named
            else 0.0
        )
        # how much of the phrasing the question says, and of the question the phrasing says
        shared += extra
        precision = shared / (total + extra)
        recall = min(1.0, shared / asked)
        share = (1 + FIT_BETA2) * precision * recall / (FIT_BETA2 * precision + recall)
        if query.intent and phrasing.intent and phrasing.intent != query.intent:
            share *= OTHER_INTENT_FIT  # "where did they meet" fits "when did they meet" less
        elif query.yes_no and phrasing.intent in VALUE_INTENTS:
            share *= YES_NO_FIT  # "do they walk home" fits "how many walk home" less
        if (entry.position, number) in about_person:
            share *= OTHER_SUBJECT_FIT  # the film's awards are not the director's
        if share > fit:
            fit = share
    return fit


def answer_name_fit(query: Query, entry: FactEntry, idf: Mapping[str, float]) -> float:
    """0-1: the question is only the answer's name ("who is wynne", "ge dawei"). "<person>
    job" is answered by a fact naming a real person (a crew credit), never one naming only a
    character."""
    credit = entry.fact.kind in CREDIT_KINDS
    fit = 0.0
    if (query.only_names or NAME in entry.intents) and (credit or query.named == query.terms):
        for answer in entry.answers:
            if query.named.issubset(answer.terms):
                fit = max(fit, ANSWER_FIT * sum(idf[t] for t in query.named) / answer.total)
    return fit


def penalties(query: Query, entry: FactEntry, fit: float) -> list[float]:
    """Factors for a question that is no real question for this fact, in the order applied."""
    weights = entry.weights
    out: list[float] = []
    if query.single_word and fit < 1.0:
        # one ordinary word ("love", "time") is no question unless a phrasing is just that
        out.append(SINGLE_WORD)
    if query.chat == "addressed" or (query.chat == "social" and query.single_word):
        # "what's your favourite movie", "thanks bot ur the best": talk, not a question
        out.append(CHAT_FACTOR)
    if any(t not in weights and not other.isdisjoint(weights) for t, other in query.sides):
        out.append(INTENT_MISMATCH)  # the audience score asked, the critics' score known
    if query.owner and query.owner.isdisjoint(weights):
        out.append(INTENT_MISMATCH)  # the score of another film, the meaning of life
    return out


def kind_fit(query: Query, entry: FactEntry) -> list[float]:
    """Factors for a fact that gives another kind of answer than the one asked, in order."""
    out: list[float] = []
    kind = entry.fact.kind
    if query.intent == NAME and kind in NAMED_KINDS and query.thing:
        out.append(INTENT_MISMATCH)  # "the name of the game he makes" is no person's name
    elif query.intent == NAME and not query.about_cast and plays(entry):
        out.append(INTENT_MISMATCH)  # "dad's name" is the character's, not his actor's
    if query.actor and kind not in CREDIT_KINDS:
        out.append(INTENT_MISMATCH)  # "who plays jianqing's wife": a character is no actor
    if query.name_of and names_someone_else(query, entry):
        out.append(INTENT_MISMATCH)
    if (query.which or query.intent == NAME) and says_which(query, entry) is False:
        out.append(INTENT_MISMATCH)  # "what hotel": "a hotel room" does not say which
    if query.action and kind in FIGURE_KINDS:
        out.append(INTENT_MISMATCH)  # "what do they do for money" is no sum of money
    if query.opinion and kind in VIEWLESS_KINDS and not _asked_as_view(entry.fact.questions):
        out.append(INTENT_MISMATCH)  # "what did the netflix reviewer think": not "Netflix"
    if query.current and spans_time(entry.fact.text):
        out.append(INTENT_MISMATCH)  # "views by now": "2 million in two hours" is not it
    if query.title and kind in NAMED_PLACE_KINDS:
        out.append(INTENT_MISMATCH)  # "chinese title" is not "China"
    if query.work and not (query.work in FILM_NOUNS and query.films) and kind != "title":
        out.append(INTENT_MISMATCH)  # what ``not_given`` calls "the title of a work"
    # (which film, in a one-film pack, is left to the top fact: weighed down, a fact that
    # names the film by chance would outrank a prize won for another, "what film did she win
    # best actress for")
    # (a listing asked as a win is refused, not weighed down: a win of another prize would
    # then outrank the listing of the prize named, "did it win best new director")
    if query.other_works:
        out.append(INTENT_MISMATCH)  # "what else has she been in": the pack knows one film
    if query.intent and query.intent not in entry.intents:
        # a fact phrased without a question word may still say who or when; never a name
        vague = not entry.intents and query.intent != NAME
        out.append(INTENT_UNKNOWN if vague else INTENT_MISMATCH)
    return out


@lru_cache(maxsize=1024)
def _asked_as_view(questions: tuple[str, ...]) -> bool:
    """Whether the curator asks for the fact as a view ("what did joe reid think of it"): its
    answer names the critic, its text gives what they thought."""
    return any(asks_opinion(normalize(q).split()) for q in questions)


def not_given(query: Query, entry: FactEntry) -> str:
    """What the question asks that the fact cannot give, however well it matches its words
    (the bot then refuses, whatever the ranking's confidence), or ""."""
    if query.work and not gives_work(query, entry):
        return "the title of a work"  # "which movie did she win it for": no prize, no story
    if query.won and only_listed(entry):
        return "a win"  # "did he win the golden horse": "listed under" does not say
    if query.intent == NAME and says_which(query, entry) is False:
        return "a name"  # "the name of the family's restaurant": "a restaurant" is none
    if query.other_works:
        return "other works"  # "what else has she been in": the pack knows one film
    if query.uncredited:
        return "their credit"  # "has jing boran directed anything": a fact of him, no credit
    if query.owner and query.owner.isdisjoint(entry.weights):
        return "its owner"  # "the douban score of dying to survive": another film's
    # "in what year did the book come out": the book's contents hold no year
    return missing(query.asked, entry)


def gives_work(query: Query, entry: FactEntry) -> bool:
    """Whether the fact says which work is asked ("which film ..."). In a pack about one film,
    its title does, and so does a fact that names the film and says all the rest the question
    asks ("which film is jing boran in": "Us and Them stars ..."); not one that merely names
    the film ("which film did eason chan act in": "Eason Chan sang the theme song of Us and
    Them"). A title of another work (the short story, a song) answers only which film that
    work is from ("which movie is the song from"). Else only a title does."""
    fact = entry.fact
    if not (query.work in FILM_NOUNS and query.films):
        return fact.kind == "title"
    if fact.kind == "title" and compact(fact.answer) in query.film_names:
        return True
    if not any(name in compact(fact.text) for name in query.film_names):
        return False
    if fact.kind == "title":  # another work's: the question must name that work
        return not query.terms.isdisjoint(_OTHER_WORK_STEMS) and says_the_rest(query, entry)
    if fact.kind in CREDIT_KINDS and not (query.names or query.pronoun):
        return False  # "which film was the highest grossing": not the director who was
    return says_the_rest(query, entry)


_OTHER_WORK_STEMS = frozenset(stem(w) for w in ("song", "book", "novel", "story"))


def says_the_rest(query: Query, entry: FactEntry) -> bool:
    """Whether one phrasing of the fact has every term of the question ("which film did rene
    liu direct": "did rene liu direct it"), the film aside: the fact says who did what. A
    credit says who made the film ("what movie did rene liu make": the director)."""
    terms = query.terms - _MADE if entry.fact.kind in CREDIT_KINDS else query.terms
    return any(terms.issubset(p.terms) for p in entry.phrasings)


_MADE = frozenset({stem("make")})


def only_listed(entry: FactEntry) -> bool:
    """A fact that lists a nominee ("is listed under Best Supporting Actor") and says nothing
    of a win, unless a phrasing of the pack asks it as one ("did zhou dongyu win anything")."""
    if entry.weights.get(WIN, 0.0) >= 1.0:
        return False
    words = _words(entry.fact.text)
    return not _LISTED.isdisjoint(words) and _WON.isdisjoint(words)


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    return frozenset(normalize(text).split())


def says_which(query: Query, entry: FactEntry) -> bool | None:
    """False when the fact's answer mentions the thing asked without saying which one: "a
    rival studio" for "which studio sued", "at an airport" for "the name of the airport
    hotel", "a flight delay" for "what hotel did they share" (the fact's text tells of the
    hotel, its phrasings do not ask for one). None when the answer is no such mention."""
    words = _indefinite(entry.fact.answer)
    if not words:
        return None
    if query.intent == NAME:
        return False  # "a ..." is never a name
    weights = entry.weights
    return not any(
        any(_is_kind(w, kind) for w in words) or weights.get(stem(kind), 0.0) < 1.0
        for kind in query.which
    )


def _is_kind(word: str, kind: str) -> bool:
    """ "studio" is a studio, "cards" a card, a "hometown" a town."""
    return word in (kind, kind + "s") or (len(kind) > 3 and word.endswith(kind))


_ARTICLE = frozenset({"a", "an"})
_PREPOSITIONS = frozenset({"at", "in", "on", "to", "from", "into", "with"})


@lru_cache(maxsize=8192)
def _indefinite(answer: str) -> tuple[str, ...]:
    """The words of an answer that mentions something indefinitely ("a hotel room", "at an
    airport"), () for any other answer."""
    words = normalize(answer).split()
    if words[:1] and words[0] in _PREPOSITIONS:
        words = words[1:]
    return tuple(words[1:]) if words[:1] and words[0] in _ARTICLE else ()


def plays(entry: FactEntry) -> bool:
    """A cast credit: a person's fact asked as "who plays ..."."""
    return entry.fact.kind == "person" and any(PLAY in p.terms for p in entry.phrasings)


def names_someone_else(query: Query, entry: FactEntry) -> bool:
    """ "what is jianqing's wife's name": a fact whose answer is another known person
    (Xiaoxiao, whom his father calls her by mistake) does not give the wife's name."""
    relations = query.name_of
    return bool(relations and entry.answers) and all(
        answer.terms
        and all(t.startswith("@") for t in answer.terms)
        and not any(r in answer.terms for r in relations)
        for answer in entry.answers
    )
