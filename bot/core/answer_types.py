"""What a question asks for, and whether a fact's own words hold an answer of that kind.

A fact can share every word of a question and still not answer it: "in what year did the book
come out" is not answered by what the book contains (no year in it), "which rival studio sued"
not by "a rival studio sued" (no name), "did it get any hong kong film awards nominations" not
by a Golden Horse listing (another award), "film score composer (not the theme song)" not by the
theme song's composer (the thing excluded), "who was the makeup artist" not by a fact naming
only the actor the question names, "what is the father's name" not by "Jianqing's father" (a
description, no name). ``Asked`` reads that from the question once;
``PackNames`` knows, from the pack's own texts, what a year, a date, a season, a name, a
company or a place looks like in them; ``missing`` applies the same test to every fact.

General by construction: the kinds are English (a year is four digits, a duration has a unit of
time, a company is named by a proper name), the names come from the pack (the capitalised
phrases its texts, answers and quiz options write, and its aliases), never from questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.core import english
from bot.core.chat_words import wordlist
from bot.core.match_tables import FactEntry
from bot.core.match_vocab import (
    AUXILIARIES,
    CHAT_SPELLINGS,
    KIN_WORDS,
    PRONOUNS,
    QUESTION_WORDS,
    stem,
)
from bot.core.model import Fact, FactBase
from bot.core.text import compact, normalize

YEAR, DATE, SEASON, AGE, DURATION, LENGTH, COUNT, MONEY, PLACE, COMPANY, NAME, CREDIT = (
    "a year",
    "a date",
    "a time of year",
    "an age",
    "a length of time",
    "a length",
    "a number",
    "a sum of money",
    "a named place",
    "a company's name",
    "a name",
    "who held the job",
)


# kinds answered by a value, whoever or whatever it is of (not by a name)
VALUE_KINDS = frozenset({YEAR, DATE, SEASON, AGE, DURATION, LENGTH, COUNT, MONEY})


_WHICH = frozenset({"what", "which", "whats"})
_MONTHS = wordlist(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAYS = wordlist("monday tuesday wednesday thursday friday saturday sunday")
_SEASONS = wordlist("spring summer autumn fall winter wintertime summertime")
# words that place a day in the calendar ("New Year's Eve", "the Spring Festival")
_CALENDAR = wordlist("eve festival holiday holidays christmas valentine valentines")
_UNITS = wordlist(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades overnight instantly immediately"
)
# words that say how long without a figure
_SPANS = wordlist("long longer longest short shorter shortest brief briefly while forever ages")
# an age in words: "in her twenties", "his mid-thirties", "a teenager"
_DECADES = wordlist(
    "teens teen teenage teenager teenagers twenties thirties forties fifties sixties seventies "
    "eighties nineties"
)
# how old without a figure: an age only when said of the one asked about ("men much older
# than her" is the men's age, not hers)
_AGE_WORDS = wordlist("old older oldest young younger youngest elderly aged adult")
# between a person and the age word said of them: "men much older", "she is so young"
_AGE_LINKS = wordlist("is was are were much so very quite a bit lot far")
_AMOUNTS = wordlist("couple few several dozen dozens hundreds thousands millions once twice both")
# an answer that is someone's relation or thing, no name: "Jianqing's father"
_DESCRIBED = re.compile(r"^[A-Z][\w-]*(?: [A-Z][\w-]*)*['’]s(?: [a-z][\w-]*)+$")
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
# nouns naming a company ("which rival studio", "what streaming service")
_COMPANY_NOUNS = wordlist(
    "company companies studio studios website site platform publisher distributor network "
    "outlet publication newspaper magazine streamer firm label broadcaster service channel"
)
# what a sum asked is made, paid or spent by: "how much did it cost", "how much was the budget"
_SUMS = wordlist("make made earn earned gross grossed cost costs pay paid spend spent budget worth")
_MONEY_NOUNS = wordlist("money cash revenue profit profits dollars yuan rmb")
# a clause ends here: "how much does she love him after he made money" asks no sum
_CLAUSE_ENDS = wordlist("but after before because when while if than that which who so")
_NOT_YEAR = wordlist("new lunar next last this every each per a the that school")
_PLACE_NOUNS = wordlist("city town country province region village")
_STOPS = wordlist(
    "the a an of in on at to for with and or is was are were did does do has have had it this "
    "that they he she his her their its"
)
# "is not", "she did not": a verb's negation, not a thing ruled out
_NOT_AFTER = AUXILIARIES | PRONOUNS | frozenset({"s", "it", "nt", "why", "just", "really"})
_EXCLUDE_OPENERS = frozenset({"the", "a", "an", "his", "her", "their", "its"})
_IS = (["it"], ["is"], ["was"])
_OWNERS = wordlist("his her their its a")
# "title name meaning", "hotel name origin": the name is what the query is about, not asked
_NAME_SUBJECT = wordlist("mean means meaning meant origin origins come came from change changed")
_EXCLUDERS = (("not",), ("other", "than"), ("except",), ("apart", "from"), ("instead", "of"))
_EXCLUDER_STARTS = frozenset(opener[0] for opener in _EXCLUDERS)


@dataclass(frozen=True, slots=True)
class Asked:
    """What the question asks for: a kind of answer, the pack's things it names (each as the
    words a fact must have), and what it rules out ("not the theme song")."""

    kind: str = ""
    named: tuple[frozenset[str], ...] = ()
    excluded: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()  # the pack's names the question says ("@jingboran")
    names: PackNames | None = field(default=None, compare=False)
    about: frozenset[str] = frozenset()  # whose age is asked, as stems ("xiaoxiao", "man")


NOTHING = Asked()


# the words a kind of answer is asked by (each rule below starts at one of them)
_TRIGGERS = _WHICH | wordlist("how name called who year")


def asked_kind(words: Sequence[str]) -> str:
    """The kind of answer ``words`` (normalised, as the reading writes them) ask for, or ""."""
    words = list(words)  # (slices compared with lists below)
    n = len(words)
    for i, word in enumerate(words):
        if word not in _TRIGGERS:
            continue
        nxt = words[i + 1] if i + 1 < n else ""
        after = words[i + 2] if i + 2 < n else ""
        if word in _WHICH:
            if nxt in ("year", "decade") and after != "old":
                return YEAR
            if nxt in ("date", "day", "month", "months"):
                return DATE
            if nxt == "season" or (nxt, after, *words[i + 3 : i + 4]) == ("time", "of", "year"):
                return SEASON
            if nxt == "age" or (nxt, after) == ("old", "age"):  # the reading writes "old age"
                return AGE
            # "which rival studio", "what streaming service": up to two words before the noun
            for noun in words[i + 1 : i + 4]:
                if noun in _COMPANY_NOUNS:
                    return COMPANY
                if noun in _PLACE_NOUNS:
                    return PLACE
                if noun in _STOPS:
                    break
        if word == "how":
            if nxt == "old":
                return AGE
            if nxt == "long":
                return LENGTH  # of time, or of a book in pages
            if nxt in ("quickly", "fast", "soon"):
                return DURATION
            if nxt == "much" and after == "time":
                return DURATION
            if nxt == "many":
                return DURATION if after in _UNITS else COUNT
            if nxt == "much" and _asks_sum(words[i + 2 :]):
                return MONEY
        if (word, nxt) == ("name", "of") or (word == "called" and words[i - 1 : i] in _IS):
            return NAME
        if word == "name" and i and _name_asked(words, i):
            return NAME  # "does his character even have a name", "what is the father's name"
        if word == "called" and (not nxt or nxt in ("again", "exactly")):
            return NAME  # "what is the game called"
        if word == "who" and _credit_asked(words[i + 1 :]):
            return CREDIT  # "who was the makeup artist": a person of the crew, by name
        # "release year", "year of release" (not "chinese new year", "10 years")
        before = words[i - 1] if i else ""
        if word == "year" and (nxt == "of" or (before and not nxt)) and before not in _NOT_YEAR:
            return "" if any(c.isdigit() for c in before) else YEAR
    return ""


_DO = wordlist("do does did")
_BEFORE_NOUN = _OWNERS | wordlist("the this that")


def _name_asked(words: Sequence[str], i: int) -> bool:
    """Whether "name" at ``i`` is what the question asks for ("what's his name", "what is the
    father's name", "does his character have a name"), not the subject of another question
    ("what does the name mean", "what is the meaning of the name", "why that name")."""
    asker = max((j for j in range(i) if words[j] in QUESTION_WORDS), default=-1)
    if asker < 0:  # "does his character even have a name"; a search-box query: "hotel name"
        before, after = words[i - 1], words[i + 1 : i + 2]
        if before in _OWNERS:
            return True
        return before not in _STOPS | AUXILIARIES and not (after and after[0] in _NAME_SUBJECT)
    between = words[asker + 1 : i]
    if words[asker] not in _WHICH or "of" in between:
        return False  # "where does the name come from", "what is the meaning of the name"
    # "what does the name mean": the name is who does; "what did they name him" asks one
    return not (between[:1] and between[0] in _DO and words[i - 1] in _BEFORE_NOUN)


_BE = wordlist("is was s are were")
# nouns of people that are no job: "who is the other one", "who is her father"
_NO_JOB = KIN_WORDS | wordlist("other another older younger better leader lover member")


def _credit_asked(words: Sequence[str]) -> bool:
    """Whether words after "who" ask for the holder of a job: "was the makeup artist", "is
    the screenwriter" (a noun of a doer, "-er", "-or", "-ist", "-ian", ending its phrase)."""
    if words[:1] and words[0] in _BE and words[1:2] == ["the"]:
        phrase: list[str] = []
        for word in words[2:5]:
            if word in _STOPS or word in QUESTION_WORDS:
                break
            phrase.append(word)
        head = phrase[-1] if phrase else ""
        doer = head.endswith(("er", "or", "ist", "ian")) and head not in _NO_JOB
        return doer and len(head) > 4
    return False


def _asks_sum(after: Sequence[str]) -> bool:
    """Whether the words after "how much" ask a sum: "how much money", "how much did it
    cost / make / gross", "how much was the budget"; not "how much of the movie is made up",
    "how much did he know"."""
    if after[:1] and after[0] in _MONEY_NOUNS:
        return True
    if not after[:1] or after[0] not in AUXILIARIES:
        return False  # "how much of the story": "how much" is not what is made or paid
    for word in after[1:7]:
        if word in _CLAUSE_ENDS or word in QUESTION_WORDS:
            return False
        if word in _SUMS or word in _MONEY_NOUNS:
            return True
    return False


def age_of(words: Sequence[str]) -> frozenset[str]:
    """Whose age ``words`` ask, as stems: "how old is xiaoxiao" (xiaoxiao), "what age are the
    men she chases" (man); nothing for "how old is she" (a pronoun names no one)."""
    for i, word in enumerate(words):
        if (word, *words[i + 1 : i + 2]) in (("how", "old"), ("what", "age"), ("which", "age")):
            start = i + 2
        elif tuple(words[i : i + 3]) == ("what", "old", "age"):
            start = i + 3
        else:
            continue
        out: list[str] = []
        for w in words[start : start + 6]:
            if w in AUXILIARIES or w in _EXCLUDE_OPENERS:
                if out:
                    break
                continue
            if w in _STOPS or w in QUESTION_WORDS or w in PRONOUNS:
                break
            out.append(stem(w))
        return frozenset(out)
    return frozenset()


def excluded(words: Sequence[str]) -> frozenset[str]:
    """The words of a thing the question rules out: "film score composer (not the theme
    song)", "who else, other than the director": only a noun phrase after the excluding word
    (an article or possessive first), not "why did she not stay"."""
    if _EXCLUDER_STARTS.isdisjoint(words):
        return frozenset()  # (most questions: read once per sentence of every message)
    for i in range(len(words)):
        if i and words[i - 1] in _NOT_AFTER:
            continue  # "happiness is not a story": a statement, nothing ruled out
        for opener in _EXCLUDERS:
            end = i + len(opener)
            if tuple(words[i:end]) != opener or end >= len(words):
                continue
            if words[end] not in _EXCLUDE_OPENERS:
                continue
            phrase: list[str] = []
            for w in words[end + 1 : end + 4]:
                if w in _STOPS or w in QUESTION_WORDS or w in ("one", "ones"):
                    break
                phrase.append(w)
            if phrase:
                return frozenset(map(stem, phrase))
    return frozenset()


_ENDS = frozenset(".!?:;")
# words that open a sentence capitalised by grammar, not as a name
_SENTENCE_OPENERS = wordlist(
    "the a an in on at after before when while during if then with from for as by and but so "
    "eventually noticing counting which what who where why how this that these those"
)
RARE = 2000  # occurrences in the English word list's corpus below which a word is a name


_PUNCTUATION = ".,;:!?()[]\"“”‘’'…"
_WORD = r"[A-Z][^\s,.;:!?()\"“”]*"
_RUN = re.compile(rf"{_WORD}(?:(?: | of ){_WORD})+")


def _plain(text: str) -> tuple[str, ...]:
    """``normalize(text).split()``, without its cost for plain lower-case ASCII words."""
    low = text.lower()
    if low.isascii() and low.replace(" ", "").isalnum():
        return tuple(low.split())
    return tuple(normalize(text).split())


def _tokens(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9][\w'’-]*|[.,!?:;\"“”()]", text)


class PackNames:
    """What the pack's texts call things by name: the capitalised phrases its facts, answers,
    accepted answers, quiz prompts and options write ("Hong Kong Film Awards", "Taihai
    Publishing"), the words it only ever writes capitalised (proper words), and its aliases."""

    def __init__(self, fact_base: FactBase) -> None:
        texts: list[str] = []
        for fact in fact_base.facts:
            texts += [fact.text, fact.answer, *fact.accept]
            if fact.quiz is not None:
                texts += [fact.quiz.prompt or "", *(fact.quiz.distractors or ())]
        texts += [q.text for q in fact_base.quotes]
        # read all texts at once, each distinct word once: a pack may hold 100,000 facts
        every = "\n".join(set(texts))
        tokens = {t.strip(_PUNCTUATION) for t in set(every.split())}
        lower = {t for t in tokens if t[:1].islower()}  # words written in lower case somewhere
        upper = {t.lower() for t in tokens if t[:1].isupper()}
        runs = set(_RUN.findall(every))  # runs of capitalised words ("Hong Kong Film Awards")
        # a proper word: written only capitalised in the pack, and rare in general English
        # ("hong", "kong", "cannes"; not "year" or "awards", which the pack happens to write
        # only in names)
        candidates = {w for token in upper - lower for w in _plain(token) if not w[0].isdigit()}
        # (only these are looked up in the English list: loading it all cost the build 0.6 s)
        self.proper_words: frozenset[str] = frozenset(
            candidates - english.frequent(candidates, RARE)
        )
        people = {"person", "character", "film"}
        self._people: frozenset[str] = frozenset(
            w
            for a in fact_base.aliases
            if a.kind in people
            for name in (a.canonical, *a.variants)
            for w in normalize(name).split()
        )
        phrases: set[tuple[str, ...]] = set()
        proper_words = self.proper_words
        for run in runs:
            split = run.split()
            if run.isascii() and proper_words.isdisjoint(run.lower().split()):
                continue  # (most runs: no need to read them as a question is read)
            # a sentence's first word is capitalised by grammar: "After Jianqing ..."
            while split and (split[0].lower() in _SENTENCE_OPENERS or split[0] == "of"):
                split = split[1:]
            words = tuple(normalize(" ".join(split)).split())
            proper = not self.proper_words.isdisjoint(words)
            if len(words) >= 2 and proper and not set(words) <= self._people:
                phrases.add(words)
        self.phrases: frozenset[tuple[str, ...]] = frozenset(phrases)
        self._longest = max((len(p) for p in phrases), default=0)
        self._starts = frozenset(p[0] for p in phrases)  # words a phrase starts with
        # the pack's names for days of the calendar ("Chunyun" is the Spring Festival travel
        # period): a fact naming one says when in the year
        self.calendar: frozenset[str] = frozenset(
            w
            for a in fact_base.aliases
            if any(_is_calendar(normalize(n).split()) for n in (a.canonical, *a.variants))
            for n in (a.canonical, *a.variants)
            for w in normalize(n).split()
            if w in self.proper_words
        )
        self._organisations: frozenset[str] = frozenset(
            w
            for a in fact_base.aliases
            if a.kind == "organisation"
            for n in (a.canonical, *a.variants)
            for w in normalize(n).split()
        )
        self._places: frozenset[str] = frozenset(
            w
            for a in fact_base.aliases
            if a.kind == "place"
            for n in (a.canonical, *a.variants)
            for w in normalize(n).split()
        )
        # the real people and companies of the pack, as the reading names them ("@reneliu")
        self._real: frozenset[str] = frozenset(
            "@" + compact(a.canonical)
            for a in fact_base.aliases
            if a.kind in ("person", "organisation")
        )
        self.characters: frozenset[str] = frozenset(
            "@" + compact(a.canonical) for a in fact_base.aliases if a.kind == "character"
        )
        self._words_of_name: dict[str, frozenset[str]] = {
            "@" + compact(a.canonical): frozenset(
                w for n in (a.canonical, *a.variants) for w in normalize(n).split()
            )
            for a in fact_base.aliases
        }
        self._held: dict[tuple[str, str], bool] = {}
        self._words: dict[str, frozenset[str]] = {}

    def named_in(self, words: Sequence[str]) -> tuple[frozenset[str], ...]:
        """The pack's named things ``words`` say, longest first, each as its proper words."""
        out: list[frozenset[str]] = []
        starts = self._starts
        if starts.isdisjoint(words):
            return ()
        i = 0
        while i < len(words):
            if words[i] not in starts:
                i += 1
                continue
            for size in range(min(self._longest, len(words) - i), 1, -1):
                phrase = tuple(words[i : i + size])
                if phrase in self.phrases:
                    out.append(frozenset(phrase) & self.proper_words)
                    i += size
                    break
            else:
                i += 1
        return tuple(out)

    def words_of(self, fact: Fact) -> frozenset[str]:
        """The normalised words of the fact's text, answer and accepted answers (cached)."""
        found = self._words.get(fact.id)
        if found is None:
            said = (fact.text, fact.answer, *fact.accept)
            found = self._words[fact.id] = frozenset(w for t in said for w in normalize(t).split())
        return found

    def holds(self, kind: str, fact: Fact) -> bool:
        """Whether ``fact``'s text or answer holds an answer of ``kind`` (cached per fact)."""
        key = (kind, fact.id)
        found = self._held.get(key)
        if found is None:
            found = self._held[key] = self._holds(kind, fact)
        return found

    def _holds(self, kind: str, fact: Fact) -> bool:
        words = self.words_of(fact)
        digits = any(any(c.isdigit() for c in w) for w in words)
        if kind == YEAR:
            return fact.kind == "year" or any(_YEAR.match(w) for w in words)
        if kind == DATE:
            dated = fact.kind in ("date", "year") or _dated(words)
            return dated or not self.calendar.isdisjoint(words)
        if kind == SEASON:
            return _dated(words) or not (_SEASONS | self.calendar).isdisjoint(words)
        if kind == AGE:  # "20", "his mid-thirties" ("older men": see ``aged``)
            return digits or not _DECADES.isdisjoint(words)
        if kind == DURATION:  # "within minutes", "the longest period he has played"
            return not (_UNITS | _SPANS).isdisjoint(words)
        if kind == LENGTH:  # "288 pages", as well as a length of time
            return digits or not (_UNITS | _SPANS).isdisjoint(words)
        if kind == COUNT:  # "five", written 5 by the reading; "a couple of tears"
            return digits or fact.kind == "number" or not _AMOUNTS.isdisjoint(words)
        if kind == MONEY:
            return digits or fact.kind in ("number", "money")
        if kind == COMPANY:
            return fact.kind == "organisation" or self._names_one(fact, self._organisations)
        if kind == PLACE:
            return fact.kind == "place" or self._names_one(fact, self._places)
        if kind == NAME:
            answer = fact.answer
            if _DESCRIBED.match(answer):
                return False  # "Jianqing's father" says whose he is, not his name
            named = bool(self._proper(answer)) or '"' in answer or not answer.isascii()
            # a character may be known by a description only: "the ticket inspector"
            return fact.kind not in ("text", "character") or named
        return True

    def credits_another(self, entry: FactEntry, named: frozenset[str]) -> bool:
        """Whether the fact names a real person (or a company) other than those the question
        names: "who was the makeup artist" is not answered by Jing Boran's gray hair."""
        fact = entry.fact
        if fact.kind in ("person", "organisation"):
            return True
        people = self._real
        if any(t in people and t not in named for t in entry.weights):
            return True
        said = {w for t in named for w in self._words_of_name.get(t, ())}
        return any(w not in self._people and w not in said for w in self._proper(fact.text))

    def aged(self, fact: Fact, about: frozenset[str]) -> bool:
        """Whether the fact says how old one of ``about`` (stems) is without a figure: "men
        much older than her" for the men, "a young woman" for the woman."""
        said = [w for t in (fact.text, fact.answer) for w in normalize(t).split()]
        stems = [stem(v) for w in said for v in CHAT_SPELLINGS.get(w, w).split()]
        for i, w in enumerate(said):
            if w not in _AGE_WORDS:
                continue
            j = i - 1  # "men much older": the person before, across linking words
            while j >= 0 and said[j] in _AGE_LINKS and i - j < 4:
                j -= 1
            if (j >= 0 and stems[j] in about) or (i + 1 < len(stems) and stems[i + 1] in about):
                return True
        return False

    def _names_one(self, fact: Fact, known: frozenset[str]) -> bool:
        """Whether the fact's text names one of ``known`` or a proper name that is not a
        person's, a character's or the film's."""
        names = self._proper(fact.text)
        return not known.isdisjoint(names) or any(w not in self._people for w in names)

    def _proper(self, text: str) -> set[str]:
        """The proper words of ``text``: capitalised where a sentence does not start, or any
        word the pack writes only capitalised."""
        out: set[str] = set()
        start = True
        for tok in _tokens(text):
            if not tok[0].isalnum():
                start = tok in _ENDS
                continue
            low = normalize(tok)
            if tok[0].isupper() and (not start or low in self.proper_words) and low != "i":
                out.update(low.split())
            start = False
        return out


def _dated(words: Iterable[str]) -> bool:
    words = set(words)
    return (
        not (_MONTHS | _WEEKDAYS | _CALENDAR).isdisjoint(words)
        or any(_YEAR.match(w) for w in words)
        or ("new" in words and "year" in words)
    )


def _is_calendar(words: Sequence[str]) -> bool:
    """A name of a time of year ("Spring Festival travel rush", "Lunar New Year"); a film
    festival is an event, not a time of year."""
    if "film" in words:
        return False
    return not (_CALENDAR | _SEASONS).isdisjoint(words) or ("new" in words and "year" in words)


def read(words: Sequence[str], names: PackNames, entities: Iterable[str] = ()) -> Asked:
    """What ``words`` ask for, with the pack's names they say (``entities``: the names the
    reading found, descriptions read as the name: "the leading man" is Jing Boran)."""
    entities = frozenset(entities)
    kind = asked_kind(words)
    if kind == CREDIT and not names.characters.isdisjoint(entities):
        kind = ""  # "who is the ticket inspector": a part in the story, no job of the crew
    named = names.named_in(words)
    out = excluded(words)
    if not (kind or named or out):
        return NOTHING
    about = age_of(words) if kind == AGE else frozenset()
    return Asked(kind, named, out, entities, names, about)


def missing(asked: Asked, entry: FactEntry) -> str:
    """What ``asked`` wants that the fact does not hold, or "" when it holds it all: the kind
    of answer asked, each thing the question names; nor may the fact be about what the
    question rules out (its phrasings ask about it)."""
    names = asked.names
    if names is None:
        return ""
    fact = entry.fact
    # an age in words is said of someone: "older men" is the men's age ("how old are they")
    aged = asked.kind == AGE and asked.about and names.aged(fact, asked.about)
    if asked.kind == CREDIT:
        if not names.credits_another(entry, asked.entities):
            return asked.kind
    elif asked.kind and not names.holds(asked.kind, fact) and not aged:
        return asked.kind
    if asked.named:
        # the fact's words, and its phrasings': the curator may ask it by the name ("which
        # hong kong star sang the track": Eason Chan)
        said = names.words_of(fact)
        weights = entry.weights
        if any(not (thing <= said or all(t in weights for t in thing)) for thing in asked.named):
            return "the thing named"
    weights = entry.weights
    if asked.excluded and all(weights.get(t, 0.0) >= 1.0 for t in asked.excluded):
        return "what the question rules out"
    return ""
