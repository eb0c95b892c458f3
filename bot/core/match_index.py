"""The /ask index: questions and facts turned into weighted terms, built once per fact base.

A question is analysed into *terms*: stems of the words that carry meaning, entity tokens for
the names the alias table knows (``@fangxiaoxiao``; one token per entity whatever its spelling;
``@fangxiaoxiao/father`` for a relative of one), and numbers as written. Question words become
an *intent* instead (see ``match_vocab``). Unknown words are first corrected by ``Speller``.

Per fact the index keeps the terms of its phrasings and answer (full weight) and of its reply
text and source quote (partial weight: they let "is eason chan in it" find the theme song),
each phrasing and answer on its own for the fit, and the intents it answers (from its
phrasings and its answer kind). An inverted index (term -> facts) gives candidates without
scanning the base; ``Matcher`` then scores only those.
"""

from __future__ import annotations

import functools
import math
import operator
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain
from typing import Any

from bot.core import english
from bot.core import match_vocab as vocab
from bot.core.descriptions import KindTable, head_words
from bot.core.match_tables import EntryTable, PhrasingTable, PostingTable, Row, TermTable
from bot.core.match_tables import FactEntry as FactEntry  # where the scorer imports it from
from bot.core.match_tables import Phrasing as Phrasing
from bot.core.match_tables import Postings as Postings
from bot.core.model import Fact, FactBase
from bot.core.text import AliasTable, compact, normal_words, normalize

TEXT_WEIGHT = 0.6  # a term found only in the fact's answer or reply text
ENTITY_FLOOR = 3.5  # the least weight of a name or number, however common
SOFT_SHARE = 0.15  # weight left to "city" in "which city ..." (the intent says it)


@dataclass(frozen=True, slots=True)
class Analysis:
    """What a question asks: its terms (in order, unique), intent and entities."""

    terms: tuple[str, ...]
    intent: str | None
    entities: tuple[str, ...]  # entity tokens and numbers; names must match exactly
    numbers: frozenset[str] = frozenset()
    light: frozenset[str] = frozenset()  # "quietly", "trudging": words that describe, not name
    pronoun: bool = False  # "where do they meet": someone is meant without being named
    yes_no: bool = False  # "do they walk home": asks whether, not how many or who
    name_of: tuple[str, ...] = ()  # relatives whose name is asked: "jianqing's wife's name"
    chat: str | None = None  # "addressed" ("what's your favourite film"), "social" ("thanks")
    actor: bool = False  # "who plays jianqing's wife": an actor is asked, not a character
    owner: tuple[str, ...] = ()  # terms after "of": "the douban score of dying to survive"
    which: tuple[str, ...] = ()  # kinds of thing whose identity is asked: "what hotel"
    # "taiwan release date" asks when without a question word (the question's reading only:
    # a phrasing said so keeps its weights)
    noun_intent: str | None = None
    action: bool = False  # "what do they do on the train": an activity, not a figure
    opinion: bool = False  # "what did the critic think": a view, not a name or a date
    current: bool = False  # "how many views does it have now": not a figure for a span
    title: bool = False  # "chinese title": a title is asked, not a place or a person
    work: str = ""  # "which movie was that for": the title of a work is asked (its noun)
    won: bool = False  # "did he win the golden horse": whether a named prize was won
    other_works: bool = False  # "what else has she been in": other films than this one
    credited: tuple[tuple[str, str], ...] = ()  # "has jing boran directed": (@name, verb stem)
    words: tuple[str, ...] = ()  # the words read: what kind of answer they ask (answer_types)


def _is_number(word: str) -> bool:
    return any(map(str.isdigit, word))


def _is_entity_number(term: str) -> bool:
    """Numbers must match exactly, except ordinals: "first" is often loose ("first time")."""
    return not term.endswith(("st", "nd", "rd", "th"))


def _name_of(words: list[str], start: int, kin: int) -> bool:
    """Whether the relative at ``words[kin]`` (of the name at ``start``) is asked by name:
    "jianqing's wife's name", "the name of jianqing's wife"."""
    after = words[kin + 1] if kin + 1 < len(words) else ""
    before = [w for w in words[max(0, start - 3) : start] if w != "the"]
    return after in vocab.NAME_WORDS or before[-2:] == ["name", "of"]


def _number_term(word: str) -> str:
    return word.strip("$%")


_ARTICLES = frozenset({"the", "a", "an"})
_TITLE_WORDS = frozenset({"title", "titled", "titles"})


# What a word outside a name adds to an analysis, worked out once per distinct word (flags).
_SKIP, _NAME_WORD, _NUMBER, _ENTITY_NUMBER, _LIGHT = 1, 2, 4, 8, 16


@functools.lru_cache(maxsize=65536)
def _word_term(word: str) -> tuple[int, str]:
    """(flags, term) of one word: skipped (stop and filler words), a name word (skipped when
    the question asks for a name), a number (an entity unless an ordinal), a describing word;
    the term is its stem, or the number as written."""
    if word in vocab.STOP_WORDS or word in vocab.FILLER_WORDS:
        return _SKIP, ""
    if _is_number(word):
        term = _number_term(word)
        return _NUMBER | (_ENTITY_NUMBER if _is_entity_number(term) else 0), term
    flags = _NAME_WORD if word in vocab.NAME_WORDS else 0
    if vocab.describes(word):
        flags |= _LIGHT
    return flags, sys.intern(vocab.stem(word))


@functools.lru_cache(maxsize=65536)
def _entity_token(canonical: str) -> str:
    """``@`` and the compact name: one token (one string, interned) per entity."""
    return sys.intern("@" + compact(canonical))


_Read = tuple[tuple[str, ...], str | None]  # (terms, intent) of a text: all the index keeps
_terms_of = operator.itemgetter(0)  # of a ``_Read``
_Raw = tuple[_Read, ...]  # of each phrasing


SOFT_STEMS = frozenset(vocab.stem(w) for w in vocab.SOFT_WORDS)


def _weighed(
    raw: _Raw,
    idf: dict[str, float],
    implicit: frozenset[str],
    shared: dict[tuple[tuple[str, ...], str | None], int | None],
    table: PhrasingTable,
) -> array[int]:
    """Each phrasing's terms with their weights, as its number in ``table`` (the implicit film
    left out; a word that restates the phrasing's intent, "country" in "what country is it
    from", counts little).

    ``shared``: the numbers of the phrasings so far by (terms, intent). A phrasing's weights
    depend only on its terms and intent, and phrasings repeat across facts ("who directed
    it"), so each distinct one is stored once."""
    out = array("I")
    for key in raw:
        known = shared.get(key, _UNSEEN)  # (a key's hash is its terms': looked up once)
        if known != _UNSEEN:
            if known is not None:
                out.append(known)
            continue
        all_terms, intent = key
        terms = (
            all_terms
            if implicit.isdisjoint(all_terms)
            else tuple(t for t in all_terms if t not in implicit)
        )
        if not terms:
            shared[key] = None
            continue
        if intent and not SOFT_STEMS.isdisjoint(terms):
            values = [idf[t] * (SOFT_SHARE if t in SOFT_STEMS else 1.0) for t in terms]
        else:
            values = list(map(idf.__getitem__, terms))
        number = shared[key] = table.add(terms, array("d", values), intent)
        out.append(number)
    return out


_UNSEEN = -1  # no phrasing numbered so far has these terms and intent


def _weights(df: Counter[str], n: int) -> tuple[dict[str, float], float]:
    """Each term's weight (a smoothed idf) and the weight of a term no fact has."""
    idf = {t: math.log(1 + (n + 1) / (c + 0.5)) for t, c in df.items()}
    for term in idf:
        if term.startswith("@") or _is_number(term):
            # Names are what a question is about, however many facts share them: a phrasing
            # about Xiaoxiao must not answer a question about Jianqing.
            idf[term] = max(idf[term], ENTITY_FLOOR)
    # an unknown word ("titanic", "imdb") is as rare as can be, and then some
    return idf, math.log(1 + (n + 1) / 0.5) * 1.25


def _likeliest(word: str, meant: str) -> bool:
    """Whether ``meant`` is the commonest English word that ``word`` is with one letter put
    back: "acor" is "actor" (not "acorn"), "frst" is not "frost" but "first"."""
    counts = english.counts()
    least = counts.get(meant, 0)
    return not any(
        counts.get(word[:at] + letter + word[at:], 0) > least
        for at in range(1, len(word) + 1)
        for letter in "abcdefghijklmnopqrstuvwxyz"
    )


_ENDINGS = ("s", "es", "d", "ed", "n", "en", "ing", "er", "ers", "est", "ly")


def _inflected(word: str, known: str) -> bool:
    """Whether ``word`` is ``known`` with an ending: "broken" of "broke", not "tempo" of "temp"."""
    return word.startswith(known) and word[len(known) :] in _ENDINGS


class Speller:
    """Corrects words the index has never seen to a known word one or two edits away.

    The first letter must agree (typos rarely hit it, and it keeps "Jason" from becoming
    "Eason"). Words of 5-9 letters may be one edit off, longer ones two (two edits turn real
    words of eight or nine letters into others: "existing" into "editing"); words of three or four
    letters only by a swap of two neighbours ("lui" -> "liu", "flim" -> "film"), and of four also
    by a letter left out of a word of five, when only one fits ("tran" -> "train"). Numbers and
    real English words ("handed", not "handled": ``bot.core.english``) are never corrected.
    """

    def __init__(self, counts: Counter[str]) -> None:
        """``counts``: every word of the base with how often it occurs (ties go to the commoner)."""
        words = [w for w, _ in counts.most_common() if w.isalpha()]
        self.known: frozenset[str] = frozenset(words)
        buckets: dict[str, list[str]] = defaultdict(list)
        for word in words:
            buckets[word[0]].append(word)
        self._buckets = {k: tuple(v) for k, v in buckets.items()}
        self._cache: dict[str, str] = {}

    def correct(self, word: str) -> str:
        if word in self.known or not word.isalpha() or len(word) < 3:
            return word
        if word.endswith("s") and word[:-1] in self.known:
            return word[:-1]  # a possessive typed without its apostrophe: "lius" -> "liu"
        if word.endswith("d") and word[:-1] + "ed" in self.known:
            return word[:-1] + "ed"  # "-ed" typed without its "e": "filmd" is "filmed", not "film"
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = self._lookup(word)
        if len(self._cache) < 50_000:  # bounded: user input is unbounded
            self._cache[word] = result
        return result

    def _lookup(self, word: str) -> str:
        found = self._nearest(word)
        if found == word or found.startswith(word) or _inflected(word, found):
            return found  # "broken" is read as the pack's "broke" (not "tempo" as "temp")
        # a real English word the pack does not use is no typo: "handed" stays, it is not
        # "handled"; a misspelling ("flim", "directer") is in no list
        return word if english.is_word(word) else found

    def _nearest(self, word: str) -> str:
        # here, not at the top: loading it is ~10 ms of every start, and most questions have
        # no unknown word
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        bucket = self._buckets.get(word[0], ())
        if len(word) <= 4:
            # Short words only by a swap of two letters ("lui" -> "liu", "flim" -> "film"): too
            # many real words sit one other edit from a known one ("born"/"boran", "tall"/"talk").
            letters = sorted(word)
            for known in bucket:
                swap = len(known) == len(word) and sorted(known) == letters
                if swap and OSA.distance(word, known) == 1:
                    return known
            if len(word) == 4 and not english.is_word(word):  # ... or a letter left out of
                # one word: "tran" (not "frst": "first" or "frost"; not "rail", a word)
                longer = [k for k in bucket if len(k) == 5 and OSA.distance(word, k) == 1]
                return longer[0] if len(longer) == 1 and _likeliest(word, longer[0]) else word
            return word
        max_edits = 1 if len(word) <= 9 else 2
        found = process.extractOne(
            word,
            bucket,
            scorer=OSA.distance,
            score_cutoff=max_edits,
            processor=None,
        )
        return found[0] if found else word


class Analyzer:
    """Turns text into an ``Analysis`` with the pack's aliases and the speller."""

    def __init__(
        self, aliases: AliasTable, speller: Speller | None = None, kinds: KindTable | None = None
    ) -> None:
        self.aliases = aliases
        self.speller = speller
        self.kinds = kinds  # descriptions read by head and mark ("the shorter critique")

    def words(self, text: str) -> list[str]:
        return self.read(normalize(text).split())

    def read(self, words: list[str] | tuple[str, ...]) -> list[str]:
        """Normalised words corrected by the speller, chat spellings and phrases rewritten."""
        if self.speller is not None:
            words = self.aliases.completed(words)
            # a name typed in more words than the pack writes it is no typo of each word:
            # "tian zhuang zhuang" is Tian Zhuangzhuang, not "tian zhang zhang"
            named = {
                i
                for start, end, _ in self.aliases.spans(words)
                if end - start > 1
                for i in range(start, end)
            }
            words = [w if i in named else self.speller.correct(w) for i, w in enumerate(words)]
        return vocab.spell(list(words))

    def analyze(self, text: str) -> Analysis:
        return self.analyze_words(self.words(text))

    def _role_question(self, words: list[str], spans: dict[int, tuple[int, str]]) -> bool:
        """A person, then "in" and the film: "who is zhou dongyu in the movie"."""
        kinds = {self.aliases.kind(canonical) for _, canonical in spans.values()}
        if "person" not in kinds:
            return False
        return any(
            self.aliases.kind(canonical) == "film" and start > 0 and words[start - 1] == "in"
            for start, (_, canonical) in spans.items()
        )

    def _described(
        self, words: list[str], spans: dict[int, tuple[int, str]]
    ) -> tuple[list[str], AbstractSet[int]]:
        """Who or what the descriptions in ``words`` stand for ("the cinematographer", "the
        guy who shot it") as terms, and the positions of the words the term replaces. The term
        is not a name a fact must have, so a name the question gives outranks it; a description
        inside a known name ("the father") is that name's, and a name inside a description
        ("the actor who plays jianqing") stays a name. A description of one word that means
        something ("the director") keeps it: "who is the director" is not "who is rene liu"."""
        tokens: list[str] = []
        found = self.aliases.descriptions(words)
        if self.kinds is not None:
            found, composed = _composed(self.kinds, words, spans, found)
            tokens += composed
        if not found:
            return tokens, _NOTHING_REPLACED  # most texts
        replaced: set[int] = set()
        for start, end, canonical in found:
            if any(a <= start and end <= b for a, (b, _) in spans.items()):
                continue
            tokens.append(sys.intern("@" + compact(canonical)))
            if end - start == 1 or (end - start == 2 and words[start] in _ARTICLES):
                continue
            replaced.update(
                i for i in range(start, end) if not any(a <= i < b for a, (b, _) in spans.items())
            )
        return tokens, replaced

    def analyze_words(self, words: list[str], *, brief: bool = False) -> Analysis:
        """Like ``analyze`` for words already normalised, corrected and spelled.

        ``brief``: only the terms and intent are wanted (all the index keeps of a text); how
        the text reads as a question (chat, pronoun, yes/no) is left at its default."""
        if brief:
            terms, intent = self.read_terms(words)
            return Analysis(terms, intent, ())
        return self._analysis(words)

    def read_terms(
        self,
        words: list[str],
        span_ends: Callable[[list[str]], dict[int, tuple[int, str]]] | None = None,
    ) -> tuple[tuple[str, ...], str | None]:
        """The terms and intent of ``analyze_words(words)``, all the index keeps of a text, read
        without the rest of the analysis: the index build reads every text of the pack
        (``span_ends``: the alias table's ``span_reader()``, for many texts)."""
        intent = vocab.intent(words)
        spans = (span_ends or self.aliases.span_ends)(words)
        described, replaced = self._described(words, spans)
        terms = _brief_terms(words, spans, intent, replaced)
        terms.extend(described)
        if intent == vocab.WHO and self._role_question(words, spans):
            terms.append(vocab.stem("play"))  # as ``_analysis`` adds them
        if words and words[-1] == "from" and intent == vocab.WHERE:
            terms.append("origin")
        return tuple(dict.fromkeys(terms)), intent

    def _analysis(self, words: list[str]) -> Analysis:
        intent = vocab.intent(words)
        terms: list[str] = []
        entities: list[str] = []
        numbers: set[str] = set()
        named: list[str] = []
        light: list[str] = []  # terms of words that describe how, not what ("quietly")
        spans = self.aliases.span_ends(list(words))
        described, replaced = self._described(words, spans)
        i = 0
        while i < len(words):
            if i in replaced:
                i += 1
                continue
            if i in spans:
                start = i
                end, canonical = spans[i]
                token = _entity_token(canonical)
                terms.append(token)
                entities.append(token)
                i = end
                if i < len(words) and words[i] in vocab.KIN_WORDS:
                    # "xiaoxiao's father" is another person than Xiaoxiao: one more name
                    compound = f"{token}/{vocab.stem(words[i])}"
                    terms.append(compound)
                    entities.append(compound)
                    if _name_of(words, start, i):
                        named.append(compound)  # "jianqing's wife's name", "name of his wife"
                continue
            word = words[i]
            i += 1
            flags, term = _word_term(word)
            if flags & _SKIP or (flags & _NAME_WORD and intent == vocab.NAME):
                continue  # "what is it called": the word is the question, not its subject
            terms.append(term)
            if flags & _NUMBER:
                numbers.add(term)
                if flags & _ENTITY_NUMBER:
                    entities.append(term)
            elif flags & _LIGHT:
                light.append(term)
        terms.extend(described)
        if intent == vocab.WHO and self._role_question(words, spans):
            terms.append(vocab.stem("play"))  # "who is zhou dongyu in the movie": her part
        if words and words[-1] == "from" and intent == vocab.WHERE:
            # "where is rene liu from", "what city is xiaoxiao from": a place of origin, which
            # a fact must state as such (living in Beijing is not coming from it)
            terms.append("origin")
            entities.append("origin")
        owner = self.analyze_words(vocab.owner(words), brief=True).terms if "of" in words else ()
        return Analysis(
            tuple(dict.fromkeys(terms)),
            intent,
            tuple(dict.fromkeys(entities)),
            frozenset(numbers),
            name_of=tuple(named),
            light=frozenset(light),
            yes_no=intent is None and bool(words) and words[0] in vocab.AUXILIARIES,
            chat=vocab.chat(words),
            actor=(intent == vocab.WHO and vocab.asks_actor(words))
            or (intent is None and vocab.names_actor(words)),
            current=vocab.asks_current(words),
            owner=owner,
            which=tuple(vocab.which_kinds(words)),
            noun_intent=None if intent else vocab.noun_intent(words) or vocab.cause_intent(words),
            action=vocab.asks_action(words),
            opinion=vocab.asks_opinion(words),
            title=not _TITLE_WORDS.isdisjoint(words),
            work=vocab.asks_work(words),
            won=vocab.asks_win(words),
            other_works=vocab.other_works(words),
            words=tuple(words),
            credited=tuple(
                (_entity_token(name), verb)
                for end, name in spans.values()
                if self.aliases.kind(name) == "person" and (verb := vocab.credited_at(words, end))
            ),
            pronoun=not vocab.PRONOUNS.isdisjoint(words)
            and any(
                w in vocab.PRONOUNS and not any(a <= i < b for a, (b, _) in spans.items())
                for i, w in enumerate(words)
            ),
        )


class _Terms(dict[str, str | None]):
    """word -> its term (``_word_term``), None when a text's terms leave it out (with
    ``skip``): so the terms of the words between names are read without a Python loop."""

    def __init__(self, skip: int) -> None:
        super().__init__()
        self.skip = skip

    def __missing__(self, word: str) -> str | None:
        flags, term = _word_term(word)
        found = None if flags & self.skip else term
        if len(self) < 65536:  # bounded: questions bring words without end
            self[word] = found
        return found


_TERMS = _Terms(_SKIP)
_NAME_TERMS = _Terms(_SKIP | _NAME_WORD)  # a question asking for a name: not its name words


def _brief_terms(
    words: list[str],
    spans: dict[int, tuple[int, str]],
    intent: str | None,
    replaced: AbstractSet[int],
) -> list[str]:
    """The terms ``Analyzer.analyze_words`` reads from the words and names of ``words``, in the
    same order (the caller adds the descriptions' and the closing rules'), without what only a
    question needs (entities, numbers, describing words): the index build reads every text of
    the pack so, the words between names a list at a time. ``replaced``: the positions of the
    words a description stands for (never inside a name), left out."""
    term = (_NAME_TERMS if intent == vocab.NAME else _TERMS).__getitem__
    # (a replaced word is read as a stop word: skipped like one)
    read = [_REPLACED if i in replaced else w for i, w in enumerate(words)] if replaced else words
    # (a term is never empty: None, left out, is the only false one)
    if not spans:
        return list(filter(None, map(term, read)))
    terms: list[str] = []
    at = 0
    for start, (end, canonical) in spans.items():
        if at < start:
            terms += filter(None, map(term, read[at:start]))
        token = _entity_token(canonical)
        terms.append(token)
        if end < len(words) and words[end] in vocab.KIN_WORDS:
            terms.append(f"{token}/{vocab.stem(words[end])}")
        at = end
    if at < len(words):
        terms += filter(None, map(term, read[at:]))
    return terms


_NOTHING_REPLACED: frozenset[int] = frozenset()
_REPLACED = "the"  # a stop word


def _composed(
    kinds: KindTable,
    words: list[str],
    spans: dict[int, tuple[int, str]],
    found: list[tuple[int, int, str]],
) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Descriptions read by head noun and mark ("the shorter online critique"): their terms,
    and the word-for-word descriptions left. A longer phrase read so outranks a description
    inside it ("the man" of "the man in charge of the photography"); its words stay terms
    (a mark says what the question is about too: "the ticketing website")."""
    terms: list[str] = []
    for start, end, canonical in kinds.read(words, spans, found):
        if any(f[0] <= start and end <= f[1] for f in found):
            continue  # said word for word: "the male lead" is the actor the pack says it is
        found = [
            f for f in found if not (start <= f[0] and f[1] <= end and f[1] - f[0] < end - start)
        ]
        terms.append(sys.intern("@" + compact(canonical)))
    return found, terms


@dataclass(slots=True)
class Index:
    analyzer: Analyzer
    entries: EntryTable  # by position: a sequence of ``FactEntry``, made as they are read
    postings: PostingTable  # term -> ``Postings``
    idf: dict[str, float]
    unknown_idf: float  # weight of a term no fact has: as rare as can be, and then some
    implicit: frozenset[str]  # terms every question carries unsaid (the film, in a one-film base)

    @classmethod
    def build(
        cls, fact_base: FactBase, words_of: dict[str, tuple[str, ...]] | None = None
    ) -> Index:
        """The index of ``fact_base``; ``words_of``, if given, is filled with each phrasing's
        normalised words (``normal_words``), which the build reads anyway."""
        aliases = AliasTable.from_fact_base(fact_base, respell=vocab.spell)
        # the pack's own texts are read without descriptions by head and mark: its phrasings
        # name what they mean, and a term read into them (Joe Reid into "decider review") made
        # them miss the questions that name only what they name (measured on the dev sets)
        kinds = KindTable.build(fact_base.aliases, aliases.canonical, vocab.spell, vocab.stem)
        plain = Analyzer(aliases)
        spelling: Counter[str] = Counter(list(vocab.CHAT_SPELLINGS))
        spelling.update(vocab.STOP_WORDS)
        for alias in fact_base.aliases:
            # marks and heads are words to read, not typos to correct ("lengthy", "onboard")
            for name in (alias.canonical, *alias.variants, *alias.marks, *head_words(alias.heads)):
                spelling.update(normalize(name).split())

        # Phrasings repeat across facts ("who directed it"): each distinct text is analysed once.
        # Its words are kept interned (one string per distinct word, not one per mention), and
        # each text read is noted once per read, not word by word: the build's peak memory.
        analysed: dict[str, tuple[tuple[str, ...], _Read]] = {}
        reads: list[str] = []  # every text read, its words counted for the speller at the end
        span_ends = aliases.span_reader()

        def analyze(text: str, count: bool = True) -> _Read:
            known = analysed.get(text)
            if known is None:
                words = normal_words(text)
                read = plain.read_terms(vocab.spell(words, split=True), span_ends)
                known = analysed[text] = (tuple(map(sys.intern, words)), read)
            if count:
                reads.append(text)
            return known[1]

        # First pass: each fact's terms; the weights need every fact's terms first.
        drafts: list[tuple[Fact, dict[str, float], _Raw, _Raw, frozenset[str]]] = []
        shared_intents: dict[frozenset[str], frozenset[str]] = {}
        df: Counter[str] = Counter()
        for fact in fact_base.facts:
            # the quiz card's prompt is one more way the curator asks for the fact
            phrasings = [analyze(q) for q in fact.questions]
            if fact.quiz:
                phrasings.append(analyze(fact.quiz.prompt))
            extra = analyze(f"{fact.text} {fact.source.quote}")
            answers = [analyze(a, count=False) for a in (fact.answer, *fact.accept)]
            weights: dict[str, float] = dict.fromkeys(extra[0], TEXT_WEIGHT)
            weights.update(dict.fromkeys(chain.from_iterable(map(_terms_of, phrasings)), 1.0))
            weights.update(dict.fromkeys(chain.from_iterable(map(_terms_of, answers)), 1.0))
            df.update(weights.keys())
            intents = frozenset(
                {i for _, i in phrasings if i} | vocab.KIND_INTENTS.get(fact.kind, set())
            )
            if any(vocab.answers_degree(normalize(a).split()) for a in (fact.answer, *fact.accept)):
                intents |= {vocab.DEGREE}  # "doesn't know a lot": how much he knew
            intents = shared_intents.setdefault(intents, intents)
            drafts.append((fact, weights, tuple(phrasings), tuple(answers), intents))
        # Texts in the order first read, so the words' first counts (ties in the speller) and
        # their counts are those of counting every word of every read in turn: each text's words
        # once (one update over them all: an update per text was ~5% of the build at 10k facts),
        # then the further reads of the few texts read again (phrasings many facts share).
        times_read = Counter(reads)
        spelling.update(chain.from_iterable(analysed[text][0] for text in times_read))
        for text, times in times_read.items():
            if times > 1:
                for word in analysed[text][0]:
                    spelling[word] += times - 1
        if words_of is not None:
            words_of.update(
                (text, analysed[text][0]) for fact in fact_base.facts for text in fact.questions
            )
        analysed.clear()
        reads.clear()
        idf, unknown_idf = _weights(df, len(drafts))
        # With one film in the base, naming it adds nothing: "who directed it" = "who directed".
        implicit = frozenset(
            "@" + compact(f) for f in fact_base.films[:1] if len(fact_base.films) == 1
        )

        # Facts share equal phrasings and lists of them: the table stores each phrasing once.
        terms = TermTable(tuple(idf))  # every term of every fact
        table = PhrasingTable(terms)
        phrasing_pool: dict[tuple[tuple[str, ...], str | None], int | None] = {}
        list_pool: dict[_Raw, array[int]] = {}

        def weighed(raw: _Raw) -> array[int]:
            known = list_pool.get(raw)
            if known is None:
                known = list_pool[raw] = _weighed(raw, idf, implicit, phrasing_pool, table)
            return known

        positions: dict[str, array[int]] = defaultdict(lambda: array("i"))
        weighted: dict[str, array[float]] = defaultdict(lambda: array("f"))

        def rows() -> Iterator[Row]:
            for pos, (_, weights, raw_phrasings, raw_answers, intents) in enumerate(drafts):
                for term, share in weights.items():
                    positions[term].append(pos)
                    weighted[term].append(idf[term] * share)
                yield Row(weights, weighed(raw_phrasings), weighed(raw_answers), intents)

        entries = EntryTable.pack(fact_base.facts, table, rows())
        drafts.clear()
        analyzer = Analyzer(aliases, Speller(spelling), kinds)
        return cls(
            analyzer=analyzer,
            entries=entries,
            postings=PostingTable.pack(terms, positions, weighted),
            idf=idf,
            unknown_idf=unknown_idf,
            implicit=implicit,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Saved with its idf as one array in the order of the term table (its keys)."""
        fields = (self.analyzer, self.entries, self.postings, array("d", self.idf.values()))
        return (_index, (*fields, self.unknown_idf, self.implicit))


def _index(
    analyzer: Analyzer,
    entries: EntryTable,
    postings: PostingTable,
    idf: array[float],
    unknown_idf: float,
    implicit: frozenset[str],
) -> Index:
    terms = dict(zip(entries.terms.terms, idf, strict=True))  # the build's order: idf's
    return Index(analyzer, entries, postings, terms, unknown_idf, implicit)
