"""Finding the question inside a chat message.

People rarely type a bare question in a Discord server: "hey all, random q but does anyone
remember who did the music for this one? the song at the end made me cry". Every word the facts
do not share drags a match down, so the message is read the way a person reads it first:

1. It is cut into sentences (at ``? ! .``, new lines, ``;``, a colon after a label such as
   "quick one:", and after an emoji, an emoticon or laughter: "destroyed me 😭 was he ..."),
   and each sentence into its words (``bot.core.text.normalize``), chat shorthand written out
   ("y did dey break up" -> "why did they break up"). A comma-separated
   afterthought about the asker around a question ("..., i keep forgetting", "i missed that
   bit, was it ...") is a sentence of its own, and so is a second question ("who directed it
   and when did it come out"). A follow-up that guesses the answer to an open question ("why
   does the train stop? was it the snow or something", "school? work?") is read only with
   that question, never as a question of its own; a statement asked only by its "?" before an
   open question ("heard the dad goes blind?? who plays him") is that question's context.
2. Greetings, hedges, tags and chat around a question ("hey all", "random q but", "sorry if dumb
   but", "does anyone remember", "thanks bot ur the best", "... or nah", "lol") are set aside,
   at the start and at the end of each sentence, and fillers inside it ("in the first place",
   "at some point", "at all") (``chat_words`` holds the words and phrases).
3. Each sentence left becomes a ``Part``: its words and whether it *asks* (a question mark, a
   question word or an auxiliary first, or a hedge such as "does anyone know" before it). A
   sentence that only tells ("jing boran's gray hair was wild", "the ending really got me") is
   context (how a thing looked or sounded is not: "looked fun"); one that tells of the asker
   ("i missed the first 10 min", "it made me cry", "need it for a quiz" with its "i" left out)
   is set aside, unless it reports what was heard or read ("i heard there was drama about
   ticket sales", not "the list i saw doesn't say"); of what it says, the asker's own things
   ("my film club") are dropped.

4. "he" and "she" in a question that names nobody of that sex are the one man or woman its
   telling sentences name ("xiaoxiao had a bf before she moved in with jianqing... why did she
   leave him": the boyfriend), by the pack's people (``people``) or an everyday noun.

The matcher scores every part and keeps the best, with context worth less than a question, so a
message with two questions is answered by the clearer one, the first on a tie.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.core import chat_words as chat
from bot.core import english
from bot.core import match_vocab as vocab
from bot.core.text import normalize

WHOLE = True
MAX_PARTS = 4  # sentences scored per message: a question rarely hides further in

# Sentence ends: ? and ! always, a full stop before a space (not "5.9" or "decider.com"), new
# lines, ";", a colon or dash after a short label ("quick one: ...", "question - ..."), and a
# slash or plus between two questions ("who directed it / who shot it"; not "7 / 10").
_SENTENCE_END = re.compile(
    r"(?<=[?!])|\.+(?=\s|$)|\n|;|:(?=\s)|\s[-–—]+\s|(?<=[^\d\s])\s[/+|]\s(?=[^\d\s])"
)
# A numbered list of questions: "1. who directed it 2. who shot it" (its numbers are no figures)
_LIST_START = re.compile(r"^\s*1[.)]\s")
_LIST_ITEM = re.compile(r"(?:^|\s)\d{1,2}[.)]\s")
# Emoji, emoticons and laughter close what was said before them: "that scene destroyed me 😭
# was he confused", "she sat on it so long lol, she saw it the year before". (A heart typed
# "<3" would otherwise read as the number 3.)
_CLAUSE_END = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]+"
    r"|(?<!\S)(?:[:;=][-']?[()\[\]DPpOo3/|*]+|<3+|xd+|lo+l+|lmf?a+o+|(?:ha){2,}h?|hah|rofl)"
    r"(?=[\s,.!?]|$)",
    re.IGNORECASE,
)
# Discord markup: mentions of a user, role or channel say who is asked, not what; a custom
# emoji or a typed shortcode (":sob:") closes what was said before it, as an emoji does
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>")
_CUSTOM_EMOJI = re.compile(r"<a?:\w+:\d+>|(?<!\S):[a-z0-9_+-]+:(?=\s|$)", re.IGNORECASE)
_COMMA = re.compile(r",\s")
_HERE = frozenset({"here"})  # a place the sentence names before its question
# "one" standing for a thing, not a number: "the older one", "which one" (but "this one" and
# "that one" are the film, which the pack's references say).
_PRONOUN_ONE = re.compile(
    r"\b(the|which|each|every|any|some|other|another|older|younger|main|last|same|quick|"
    r"random|dumb|little|new|sad|good|right|wrong|weird|odd|silly|stupid|easy|simple|hard|"
    r"legit|serious|real|deep|strange|tricky|honest)\s+one\b",
    re.IGNORECASE,
)
# ... and after a determiner and up to two describing words at the end of a clause: "a sad note
# or a happy one?", "who's the more level-headed one, him or her", "the long blog one" (not
# "this one", "the number one", "from day one", "did he win one")
_ONE_AT_END = re.compile(
    r"\b((?:an?|the|which|that|this)\s+(?:[a-z]+-?[a-z]+\s+)?"
    r"(?!(?:this|that|number|no|just|only|at|page|part|chapter|season|episode|top|and|or|"
    r"than|with|of|in|to|for)\b)[a-z]+-?[a-z]+)\s+one\b"
    r"(?=\s*(?:[?.!,;)]|$|or\b|and\b|but\b|who\b|than\b))",
    re.IGNORECASE,
)


# "us" that is not the title's first word: the United States ("us box office", "in the us")
_US = re.compile(r"(?:^|(?<=\bin )|(?<=\bthe ))us\b(?!\s*(?:&|\+|and\b|n\b))", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Part:
    """One sentence of a message with the chat around its question set aside."""

    words: tuple[str, ...]  # normalised words
    asks: bool  # reads as a question, not as context
    sentence: int = 0  # which sentence of the message it comes from; -1: all of them
    aside: bool = False  # tells of the asker ("i missed a line"): only its unknown names count
    guess: bool = False  # offers an answer to the open question before it: context, no referent
    said: tuple[str, ...] = ()  # its words as said when "it" was read as a work named before it


@dataclass(frozen=True, slots=True)
class Reading:
    """How a message was read, for ``ask --json``: the words the ranking went by, and the
    sentences kept as context, read as questions of their own ("where was it shot and in what
    year") or set aside as about the asker (chat around them dropped)."""

    question: str
    context: tuple[str, ...] = ()
    aside: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()


def reading(found: list[Part], chosen: Part | None) -> Reading | None:
    """The ``Reading`` of a message cut into ``found``, ranked by ``chosen``."""
    if chosen is None:
        return None
    whole = chosen.sentence == -1  # the message read as one question: every sentence in it
    others = [p for p in found if p.sentence >= 0 and p.sentence != chosen.sentence]
    told = [] if whole else [p for p in others if not p.aside]
    return Reading(
        " ".join(chosen.words),
        tuple(" ".join(p.words) for p in told if not p.asks),
        tuple(" ".join(p.words) for p in others if p.aside),
        tuple(" ".join(p.words) for p in told if p.asks),
    )


# A quoted line: a Discord block quote ("> ...") or words in quote marks, long enough to be a
# line of the film or a review rather than a word put in quotes ('the dad')
_QUOTED = re.compile(
    r"(?m)^>[ \t]?(?P<block>[^\n]+)$"
    r"|[\"“«](?P<marked>[^\"”»\n]{12,})[\"”»]"
    r"|(?<![A-Za-z])'(?P<single>[^'\n]{12,})'(?![A-Za-z])"
)
_POINTING = frozenset({"that", "this", "those"})  # "who said that": the quote
# ... and "it" when the question asks about words ("who said it"), not the film ("my friend
# said 'you have to watch this one' - who directed it?")
_SAYING = frozenset({"say", "said", "says", "saying", "line", "quote", "mean", "means", "meant"})


# The people a sentence names, as the pack knows them: (start, end, "he" / "she" / None) spans
People = Callable[[tuple[str, ...]], list[tuple[int, int, str | None]]]


def parts(message: str, people: People | None = None) -> list[Part]:
    """The sentences of ``message`` that say something, in order, chat set aside.

    A sentence whose question starts after a comma or after "but", "so" or "and" ("i loved
    it, who directed it", "sorry if dumb but who plays the girl") also gives that question
    as a part of its own. A quoted line that a question points to ("> no story is happy from
    beginning to end / who said that") is read into that question."""
    quoted = _QUOTED.search(message)
    if quoted:
        rest = parts(message[: quoted.start()] + "\n" + message[quoted.end() :], people)
        pointing = next((p for p in rest if p.asks and _points(p.words)), None)
        if pointing is not None:
            line = normalize(next(g for g in quoted.groups() if g)).split()
            said = replace(pointing, words=(*pointing.words, *line))
            return [said if p is pointing else p for p in rest if p.sentence != -1]
    return _parts(message, people)


def _points(words: tuple[str, ...]) -> bool:
    return not _POINTING.isdisjoint(words) or ("it" in words and not _SAYING.isdisjoint(words))


def _parts(message: str, people: People | None = None) -> list[Part]:
    out: list[Part] = []
    message = _ONE_AT_END.sub(r"\1 ones", _PRONOUN_ONE.sub(r"\1 ones", message))
    message = _US.sub("united states", message)
    message = chat.uncontracted(message)
    message = _CUSTOM_EMOJI.sub("\n", _MENTION.sub(" ", message))
    if _LIST_START.match(message):
        message = _LIST_ITEM.sub("\n", message)
    message = _CLAUSE_END.sub("\n", message)
    sentences = [s for s in _SENTENCE_END.split(message) if s and s.strip()]
    units = [q for s in sentences for c in _afterthoughts(s) for q in _two_questions(*c)]
    open_question = False  # a sentence before asked "who", "why", "what"...: "was it X?" guesses
    premises: set[int] = set()  # sentences that ask only by their "?"
    for n, (chunks, asked) in enumerate(units):
        raw = [w for chunk in chunks for w in chunk]
        if open_question and guesses_answer(raw):
            part = _part(raw, False, n)
            if part is not None:  # what it offers: "was it at some festival" -> "at some festival"
                said = part.words[2:] if part.words[0] in vocab.AUXILIARIES else part.words
                out.append(replace(part, words=said or part.words, asks=False, guess=True))
            continue
        words: list[str] = []
        starts: list[int] = []  # where a comma-separated chunk starts
        for chunk in chunks:
            starts.append(len(words))
            words.extend(chunk)
        starts += [i + 1 for i, w in enumerate(words) if w in chat.PIVOTS and i + 1 < len(words)]
        inner = None
        cut = 0
        for cut in sorted(set(starts) - {0}):
            inner = _part(words[cut:], asked, n, need_ask=True)
            if inner is not None:
                break
        whole = _part(words, asked or inner is not None, n)
        if inner is not None and not _HERE.isdisjoint(inner.words):
            inner = None  # "just moved to hk, when did it come out here": "here" is said before
        before = words[: cut - (words[cut - 1] in chat.PIVOTS)] if inner is not None else []
        if (
            inner is not None
            and whole is not None
            and whole.words != inner.words  # not chat that strip_chat sets aside
            and _of_asker(before)
        ):
            # "i was just thinking about it and who directed it": the asker, then the question
            whole = Part(tuple(before), False, len(units) + n)  # a sentence of its own
        out += [p for p in (whole, inner) if p is not None and (p is whole or p != whole)]
        open_question = open_question or any(p is not None and _opens(p) for p in (whole, inner))
        if whole is not None and inner is None and whole.asks and _premise(words):
            premises.add(n)
    # a statement asked only by its "?" before a question says what that question is about:
    # "i heard there was drama about ticket sales?? what was the opening number", "just learned
    # the movie came from her own story?? in the original do the two end up together"
    asked_after = max(
        (
            p.sentence
            for p in out
            if p.asks
            and p.sentence not in premises
            and _says_more(p.words)
            and (_opens(p) or p.words[0] in vocab.AUXILIARIES)
        ),
        default=-1,
    )
    out = [
        replace(p, asks=False) if p.sentence in premises and p.sentence < asked_after else p
        for p in out
    ]
    # a sentence about the asker is set aside ("i zoned out for a sec"), but a name in it that
    # no fact knows still says the question may be about something else ("i loved titanic"):
    # what the asker owns is not that name ("my film club", "my sister"); a statement asked by
    # its "?" before a question is what that question is about ("i think her leaving was good
    # for him? did the reviewer think that too")
    out = [
        replace(p, words=chat.without_belongings(p.words), aside=True)
        if not p.asks and p.sentence not in premises and chat.about_asker(list(p.words))
        else p
        for p in out
    ]
    resolved = _works_named(_resolved(out, premises))
    if people is not None:
        resolved, described = _referred(resolved, people)
        # "the man she loves. who is he" asks who the description is: its words alone would
        # answer in place of the question (a fact about whom "she" loves), so it is not read
        resolved = [p for p in resolved if p.asks or p.sentence not in described]
    read_as_one = resolved == out  # a question resolved is the message read as one already
    out = resolved
    if len(out) > MAX_PARTS:  # a long message: its questions first, then context
        out = ([p for p in out if p.asks] + [p for p in out if not p.asks])[:MAX_PARTS]
    sentences_seen = {p.sentence for p in out if not p.aside}
    if len(sentences_seen) > 1 and any(p.asks for p in out) and read_as_one:
        # the message as one question: "i heard there was drama about ticket sales. what was
        # that about?" asks about what the first sentence says
        joined: list[str] = []
        for p in out:
            if p.sentence in sentences_seen:
                sentences_seen.discard(p.sentence)
                joined.extend(p.words if p.asks or p.guess else _subject(p.words, told=False))
        out.append(Part(tuple(joined), True, -1))
    # a guess is read only with its question, never as a question of its own
    return [p for p in out if not p.guess or p.aside]


# Words after which "that" stands for what a telling sentence before is about, done at another
# time: "jing boran with gray hair is a look. had he done that before" (his gray hair)
_WHEN_AFTER = frozenset({"before", "since", "ever", "yet", "later", "earlier", "anymore"})
# Words after which "that" or "those" stands for something said, not for a thing named after
# it: "what was that about", "is that true", "did the critic think that too" (not "that scene";
# "this" is the film: "who distributed this in macau", "how did he end up in this")
_AFTER_POINTER = (
    vocab.AUXILIARIES
    | {"about", "too", "again", "true", "real", "right", "so", "really", "actually", "even"}
    | {"for", "in", "on", "at", "with", "to", "from", "or", "and", "but", "because", "bc"}
    | {"happen", "happened", "happens", "mean", "means", "meant", "come", "came"}
    | _WHEN_AFTER
)
# ... and a question that is nothing but such words points back with "it" too, to what was
# heard or read: "i heard jing boran drank on set?? is it true", "what was it" (elsewhere "it"
# is the film: "loved it. who directed it", "the ending was so sad. what's it about")
_ONLY_POINTING = frozenset(
    {"it", "true", "real", "right", "so", "why", "would", "do", "did", "ones", "called"}
)
_TRUE = frozenset({"true", "real"})  # "is it true": whether what was said is
_WHAT_IT_WAS = _TRUE | {"was", "were"}
# How the asker frames what they heard or think: "i remember some drama about ...", "i think
# her leaving was good for him" tell of the drama and of her leaving
_FRAMING = frozenset({"i", "im", "ive"})
_FRAMING_VERBS = frozenset(
    {"remember", "think", "thought", "heard", "read", "saw", "feel", "felt", "guess", "swear"}
)
# Where what a sentence about the asker reports starts: "my gf was confused why half the movie
# is in black and white", "i was wondering if ..."
_EMBEDDED = frozenset({"why", "how", "whether", "if", "that"})
# ... or what someone told them: "my friend says zhou dongyu was also in soul mate"
_TOLD = frozenset({"says", "said", "told", "tells", "thinks", "claims", "swears"})
_REPORTED = _TOLD | _FRAMING_VERBS
# verbs that only stand for the event pointed back to: "why did that happen" asks why it did
_EVENT_VERBS = [(w,) for w in ("happen", "happens", "happened", "take", "takes", "took")]
_REPORT_GAP = frozenset({"somewhere", "online", "once", "recently", "just", "also"})


def _pointer(words: tuple[str, ...]) -> tuple[int, int]:
    """Where a question points back at something said before it ("is there a reason for
    that", "what was that about", "what was it", "who directed that one"): the pointing
    words' span, else (-1, -1)."""
    for i, word in enumerate(words):
        if word in ("that", "those") and (i + 1 == len(words) or words[i + 1] in _AFTER_POINTER):
            if i and words[i - 1] == "like" and i + 1 == len(words):
                continue  # "why did it sell like that": so much, not what was said
            return i, i + 1
        # "that one" at the end: the thing named before ("this one" is the film)
        if word == "that" and words[i + 1 :] in (("1",), ("ones",)):
            return i, i + 2
    if words and words[0] in _BARE_OPEN and _BARE.issuperset(words):
        return len(words), len(words)  # "why tho", "how come": why what was said is so
    if (
        "it" in words
        and _POINTING_BACK.union(_ONLY_POINTING).issuperset(words)
        and not _WHAT_IT_WAS.isdisjoint(words)  # not "what's it about": the film
    ):
        at = words.index("it")
        return at, at + 1
    return -1, -1


# A question of nothing but its question word asks it of what was said before: "she left
# him?? why", "the blogger thinks it was good for him. why tho", "how come"
_BARE_OPEN = frozenset({"why", "how", "whys", "howd"})
_BARE = _BARE_OPEN | {"come", "exactly", "so", "then", "though", "tho", "really"}
# A yes-no question about something it does not name ("didn't netflix buy it at some
# festival?") that the next question asks to name: "which one was it", "what was it called"
_INDEFINITE = frozenset({"some", "a", "an", "any", "somewhere", "someone", "something"})


def _names_vaguely(part: Part) -> bool:
    words = part.words
    return (
        part.asks
        and len(words) > 2
        and (words[0] in vocab.AUXILIARIES or words[0] in _NEGATED)
        and not _INDEFINITE.isdisjoint(words[2:])
    )


def _reported(part: Part, premises: set[int]) -> bool:
    """Whether a sentence tells what was heard, read or said ("i heard ...", "someone said
    ...", "he said something about it in an interview right?"), which "it" may point back to."""
    return part.sentence in premises or not _REPORTED.isdisjoint(part.words)


def _said(part: Part, premises: set[int], vague: bool = False) -> tuple[str, ...]:
    """What a sentence before a question says that the question may point back to: a telling
    sentence's subject and what it tells, a statement asked only by its "?" (the asker's
    framing, "i remember", set aside), what a sentence about the asker reports ("she was
    confused why half the movie is in black and white"); () for a question of its own.
    ``vague``: the question points back with "it", which a yes-no question about something it
    does not name may stand for ("didn't they meet at some party? which one was it")."""
    words = part.words
    if part.guess:
        return ()
    if part.aside:
        at = next(
            (i for i, w in enumerate(words) if (i and w in _EMBEDDED) or w in _TOLD), len(words)
        )
        at += words[at + 1 : at + 2] in (("me",), ("us",))  # "my friend told me ..."
        return _subject(words[at + 1 :], told=False)
    if vague and _names_vaguely(part):
        return words[1:]  # "didnt netflix pick it up at some festival": what it asks of
    if part.asks and part.sentence not in premises:
        return ()
    # who said it: "i read (that) the numbers were faked", "someone told me the shoot was ..."
    said = next((i for i, w in enumerate(words[:3]) if w in _REPORTED | {"say"}), -1)
    if said >= 0 and words[said] in chat.SEEING and not chat.tells_sentence(words[said + 1 :]):
        said = -1  # "i saw it last week. when did that come out": the film seen
    if said >= 0 and len(words) > said + 2:
        words = words[said + 1 :]
        words = words[(words[0] in ("me", "us")) :]
        words = words[(words[0] == "that") :]
    while len(words) > 1 and words[0] in _REPORT_GAP:  # "(i read) somewhere this was ..."
        words = words[1:]
    if len(words) > 2 and words[0] == "there" and words[1] in _COPULAS:
        words = words[2:]  # "there was a lawsuit. what was that about": the lawsuit
    return _subject(words, told=False)


def _resolved(found: list[Part], premises: set[int]) -> list[Part]:
    """A question that points back at the sentence before it asks about what that sentence
    says: "i remember some drama about the opening weekend numbers being faked?? what was that
    about" asks what the drama about the faked numbers was about (the pointing word stands for
    what was said, which then counts as the question's own words). The sentence pointed to is
    context from then on."""
    out = list(found)
    for n, part in enumerate(found):
        at, end = _pointer(part.words) if part.asks and part.sentence > 0 else (-1, -1)
        if at < 0:
            continue
        before = [p for p in found if 0 <= p.sentence < part.sentence]
        if not before or any(p is not part and p.sentence == part.sentence for p in found):
            continue  # "the reviewer who watched it after a breakup, how soon after was that"
        referent = max(before, key=lambda p: p.sentence)
        if (
            at < len(part.words)
            and part.words[at] == "it"
            and not (
                _reported(referent, premises)
                or not _TRUE.isdisjoint(part.words)
                or _names_vaguely(referent)
            )
        ):
            continue
        said = _said(referent, premises, vague=part.words[at : at + 1] == ("it",))
        if said and not referent.asks and _WHEN_AFTER.intersection(part.words[end : end + 1]):
            said = _subject(said)  # "had he done that before": the gray hair, not how it looks
        if not said:
            continue
        after = end + (part.words[end : end + 1] in _EVENT_VERBS)  # "why did that happen"
        out[n] = replace(part, words=(*part.words[:at], *said, *part.words[after:]))
        # what is asked whether true is itself asked ("rene liu directed it right? is that
        # true", "i heard rene liu directed it. is it true" ask whether she did): the better
        # reading of the two wins, so the question read with it never does worse than it
        asked = not _TRUE.isdisjoint(part.words)
        out = [
            (replace(p, words=said, asks=True, aside=False) if asked else replace(p, asks=False))
            if p is referent
            else p
            for p in out
        ]
    return out


# Nouns for a work of its own (a story, a song, a review): "it" in the question after a
# sentence about one is that work, not the film ("the theme song is so good. who sang it")
_WORKS = chat.wordlist(
    "story stories book novel song songs review blog post article interview video mv script "
    "screenplay poem letter soundtrack trailer game"
)


def _works_named(found: list[Part]) -> list[Part]:
    """A question saying "it" right after a sentence that tells of a work ("rene's original
    story wasn't set in beijing?? where did they work in it") asks about that work (the
    matcher keeps that reading only if the pack answers it of the work, ``Part.said``)."""
    out = list(found)
    for n, part in enumerate(found):
        if not (part.asks and part.sentence > 0 and "it" in part.words):
            continue
        before = [p for p in found if 0 <= p.sentence < part.sentence]
        if not before:
            continue
        referent = max(before, key=lambda p: p.sentence)
        if referent.asks or referent.aside or referent.guess:
            continue
        words = referent.words
        ends = vocab.AUXILIARIES | _NEGATED | _COPULAS  # where its subject ends
        end = next((i for i, w in enumerate(words) if w in ends), len(words))
        if not (0 < end < len(words)) or words[end - 1] not in _WORKS:
            continue  # the work is the subject, its verb right after it
        work = words[:end]
        at = part.words.index("it")
        words = (*part.words[:at], *work, *part.words[at + 1 :])
        out[n] = replace(part, words=words, said=part.words)
    return out


# "he" and "she" in a question that names nobody of that sex stand for the one man or woman the
# message's telling sentences name: a person the pack knows ("jing boran talking about rene liu.
# what did he say about how she treats her actors"), or an everyday noun for a man or a woman
# ("xiaoxiao had a bf before she moved in with jianqing... why did she leave him": the boyfriend,
# named in the main clause, not jianqing in the clause under it; "that scene in the car with the
# wife. what does the dad call her": the wife)
_PRONOUN_SEX = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she"}
_MEN = chat.wordlist(
    "man guy dude boy boyfriend bf husband hubby father dad daddy papa son brother uncle "
    "grandfather grandpa gentleman groom fiance king prince nephew"
)
_WOMEN = chat.wordlist(
    "woman girl lady girlfriend gf wife wifey mother mom mum mommy mama "
    "daughter sister aunt grandmother grandma bride fiancee queen princess niece"
)
_SEX_OF_NOUN = {**{w: "he" for w in _MEN}, **{w: "she" for w in _WOMEN}}
_NOUN_OPENERS = chat.wordlist("a an the this that his her their")
_MODIFIERS = 2  # describing words between a determiner and its noun: "the older guy"
# Words that open a clause under the main one: who it names is less likely meant after it
_SUBORDINATORS = chat.wordlist(
    "before after when while because since until till if although though whereas once unless"
)
# A noun after these describes the subject ("the director is a woman"), no second person
_PREDICATING = frozenset({"be", "been", "being", "become", "became", "becomes"})
_BEFORE_PREDICATE = chat.wordlist("not also really still just such quite truly actually")
# A noun these follow is told of by a clause of its own ("the man she marries", "the guy who
# plays him"): the noun alone is not whom it names
_RELATIVE = chat.wordlist("who whom whose that i you he she we they")


def _mentioned(words: tuple[str, ...], people: People) -> list[tuple[bool, tuple[str, ...], str]]:
    """The men and women ``words`` name: (in its main clause, the words naming them, "he" or
    "she"), in order; a pronoun before any of its sex is named stands for someone named
    elsewhere ("the way he talks to his dad": he is not the dad), words ()."""
    sub = next((i for i, w in enumerate(words) if i and w in _SUBORDINATORS), len(words))
    found: list[tuple[int, tuple[bool, tuple[str, ...], str]]] = []
    named: dict[int, int] = {}  # start -> end of each name
    owners: dict[int, int] = {}  # end -> start of each name that may own the noun after it
    spans = people(words)
    for start, end, _ in spans:
        named.update((i, end) for i in range(start, end))
        owners[end] = start
    for start, end, sex in spans:
        if sex is not None:
            # "the girl jianqing loves": a description told of by a clause (not "jing boran
            # who plays him", a name that says whom on its own)
            described = words[start] in _NOUN_OPENERS and _clause_after(words, end, named)
            found.append((start, (start < sub, () if described else words[start:end], sex)))
    for i, word in enumerate(words):
        sex = _SEX_OF_NOUN.get(word)
        if sex is None or i in named:
            continue
        if i in owners:  # "xiaoxiao's mom" (its "'s" normalised away): the mom, not xiaoxiao
            owner = owners[i]
            found = [m for m in found if m[0] != owner]
            found.append((owner, (owner < sub, (*words[owner:i], word), sex)))
            continue
        j = i
        while j > 0 and i - j < _MODIFIERS and words[j - 1] not in _NOUN_OPENERS:
            j -= 1
        if j > 0 and words[j - 1] in _NOUN_OPENERS and not any(k in named for k in range(j, i)):
            phrase = ("the", *words[j:i], word)  # "a bf" -> "the bf", "his dad" -> "the dad"
            j -= 1
        else:
            phrase, j = ("the", word), i
        while j > 0 and words[j - 1] in _BEFORE_PREDICATE:
            j -= 1
        if j > 0 and words[j - 1] in _COPULAS | _PREDICATING:
            continue  # "the director is a woman": the director, said again
        if _clause_after(words, i + 1, named):
            phrase = ()  # "the man she marries": a man the noun alone does not say
        found.append((i, (i < sub, phrase, sex)))
    for i, word in enumerate(words):
        sex = _PRONOUN_SEX.get(word)
        if sex is not None and all(s != sex or at > i for at, (_, _, s) in found):
            found.append((i, (True, (), sex)))  # "he" before any man is named: someone else
    return [m for _, m in sorted(found)]


def _clause_after(words: tuple[str, ...], end: int, named: dict[int, int]) -> bool:
    """Whether a clause telling of the noun before ``end`` starts there: "who", "that", or a
    subject of its own ("the man she marries", "the girl jianqing loves")."""
    return end < len(words) and (words[end] in _RELATIVE or end in named)


_WHO_CLAUSE = frozenset({"who", "whom", "whose", "that", "which"})
# A question of these words asks only who "he" or "she" is
_ONLY_WHO = frozenset({"who", "whos", "exactly"}) | vocab.COPULAS | frozenset(_PRONOUN_SEX)


def _referred(found: list[Part], people: People) -> tuple[list[Part], set[int]]:
    """Questions with "he" or "she" (the first of each) read as naming whom the rest of the
    message names for it: the one of that sex in the main clauses of its telling sentences,
    else in the clauses under them; nobody when two are, or the question names one itself,
    and neither when one of two is nobody. Also the telling sentences of a question that asks
    only who "he" or "she" is, told of only by a noun with a clause ("the girl jianqing loves.
    who is she")."""
    out = list(found)
    described: set[int] = set()
    for n, part in enumerate(found):
        sexes = {_PRONOUN_SEX[w] for w in part.words if w in _PRONOUN_SEX}
        if not (part.asks and sexes and part.sentence >= 0):
            continue
        sexes -= {sex for _, named, sex in _mentioned(part.words, people) if named}
        told = [
            (p.sentence, *m)
            for p in found
            if p.sentence not in (part.sentence, -1) and not (p.asks or p.aside or p.guess)
            for m in _mentioned(p.words, people)
        ]
        said = {p.sentence: p.words for p in found}
        named: dict[str, tuple[str, ...]] = {}
        for sex in sexes:
            for main in (True, False):
                who = {phrase for _, in_main, phrase, s in told if s == sex and in_main == main}
                if who:
                    if len(who) == 1 and () not in who:
                        named[sex] = who.pop()
                    elif who == {()} and _ONLY_WHO.issuperset(part.words):
                        # not a "who" clause, which says what the person did ("the woman who
                        # directed it. who is she": the director)
                        described |= {
                            t
                            for t, m, _, s in told
                            if s == sex and m == main and _WHO_CLAUSE.isdisjoint(said[t])
                        }
                    break
        if not named or len(named) < len(sexes):  # "did he like working with her": who is he?
            continue
        words: list[str] = []
        for word in part.words:
            whom = named.pop(_PRONOUN_SEX.get(word, ""), None)
            words.extend(whom if whom is not None else (word,))
        out[n] = replace(part, words=tuple(words))
    return out, described


def _says_more(words: tuple[str, ...]) -> bool:
    return not _POINTING_BACK.issuperset(words)


def _premise(words: list[str]) -> bool:
    """Whether a sentence states rather than asks (its "?" aside): "i heard there was drama
    about ticket sales??", "so the film comes from her own story??"."""
    kept, hedged = chat.strip_chat(chat.without_fillers(words))
    return (
        bool(kept)
        and not hedged
        and not _asks(kept)
        and kept[0] not in _NEGATED  # "wasn't there some drama": asks
        and not any(_asks_at(kept, i) for i, w in enumerate(kept) if w in _OPEN)
    )


# Words after which "when", "how"... start what the asker wants to know: "wondering when it
# came out", "not sure how they met"
_WANTING = chat.wordlist(
    "wondering wonder curious know remember recall sure idea clue forgot forget tell ask "
    "asking asked explain understand confused"
)


def _asks_at(words: list[str], i: int) -> bool:
    """Whether the question word at ``i`` inside a statement asks: "she left him why",
    "wondering when it came out" (not "the song blew up when it dropped", which tells when)."""
    return not (i and _clause(words[i:]) and words[i - 1] not in _WANTING)


def _opens(part: Part) -> bool:
    """Whether a part asks an open question ("why does the train stop", "moved to hk and
    wondering when it came out"), which a follow-up may guess the answer to."""
    words = part.words
    return (
        part.asks
        and bool(words)
        and (
            words[0] in _OPEN
            or (words[0] not in vocab.AUXILIARIES and not _OPEN.isdisjoint(words[:4]))
        )
    )


# How a follow-up guess starts: "something with the game?", "maybe because of the snow?"
_GUESS_STARTS = frozenset({"something", "smth", "sth", "maybe", "because", "bc", "cuz", "prob"})
# "was it broken", "is that why", "did someone pitch it": the subject points back at what was
# asked; a subject of its own asks anew ("was the letter from the dad"); "he"/"she" guess only
# at a why or how ("why had she no ticket? was she broke", not "who plays him? is he good")
_GUESS_SUBJECTS = frozenset({"it", "that", "this", "there", "someone", "somebody"})
_GUESS_PEOPLE = frozenset({"he", "she"})
# ... and ends: offering an alternative ("did someone pitch it to him or", "or something")
_GUESS_ENDS = (("or",), ("or", "something"), ("or", "smth"), ("or", "sth"), ("or", "what"))
# ... and how the asker offers what they believe the answer is: "i think it was his mom"
_GUESS_FRAMES = (("i", "think"), ("i", "guess"), ("i", "believe"), ("pretty", "sure"))
_GUESS_WORDS = 3  # a fragment this short without a verb names a guess: "school? work?"


def guesses_answer(words: list[str], after_why: bool = False) -> bool:
    """Whether a sentence after an open question offers an answer to it rather than asks
    something of its own: "why does the train stop? was it broken or something", "what's the
    last scene? something with the game right??", "why'd they move? school? work?". With
    ``after_why`` (the question asked why or how) "was she broke" guesses the cause too."""
    kept, hedged = chat.strip_chat(chat.without_fillers(words))
    # "anyone remember the details": a request; "in what year": a question of its own
    if not kept or not _WH.isdisjoint(kept[:2]) or hedged:
        return False
    if kept[0] in _GUESS_STARTS or any(tuple(words[-len(e) :]) == e for e in _GUESS_ENDS):
        return True
    for frame in _GUESS_FRAMES:  # "i think it was the flixxpanda one", "pretty sure it was"
        if tuple(kept[: len(frame)]) == frame:
            said = kept[len(frame) :]
            return len(said) > 2 and said[0] in _GUESS_SUBJECTS and said[1] in _COPULAS
    if kept[0] in vocab.AUXILIARIES:
        return len(kept) > 1 and (
            kept[1] in _GUESS_SUBJECTS
            or (after_why and kept[0] in _COPULAS and kept[1] in _GUESS_PEOPLE)
        )
    return (
        len(kept) <= _GUESS_WORDS
        and vocab.AUXILIARIES.isdisjoint(kept)
        and "or" not in kept  # "..., welcoming or brutal": the answers to choose from
        and _COPULAS.isdisjoint(kept)  # "sounds super rushed": how it struck the asker
        and not chat.about_asker(kept)  # "couldnt tell"
    )


def _afterthoughts(sentence: str) -> list[tuple[list[list[str]], bool]]:
    """The sentence's comma-separated chunks (normalised words) and whether it ends with "?";
    a chunk about the asker after the question is a sentence of its own: "which festival did
    they buy it at, i keep forgetting" (it would otherwise be scored as part of the question),
    and so are chunks about the asker before it: "i missed that bit, was it his family"."""
    chunks = [chat.respell(normalize(chunk).split()) for chunk in _COMMA.split(sentence)]
    asked = sentence.rstrip().endswith("?")
    for i, chunk in enumerate(chunks):
        if _part(chunk, False, 0, need_ask=True) is not None:
            before: list[tuple[list[list[str]], bool]] = []
            after = {w for c in chunks[i:] for w in c}
            if i and all(_of_asker(c) for c in chunks[:i]) and _HERE.isdisjoint(after):
                before, chunks = [(chunks[:i], False)], chunks[i:]
            for j in range(1, len(chunks)):
                if _of_asker(chunks[j]):
                    return [*before, (chunks[:j], asked), (chunks[j:], False)]
                # "who paid for the flat, was it his dad": a guess after the question
                first = _part([w for c in chunks[:j] for w in c], True, 0)
                if first is not None and _opens(first) and guesses_answer(chunks[j]):
                    return [*before, (chunks[:j], asked), (chunks[j:], asked)]
            return [*before, (chunks, asked)]
    return [(chunks, asked)]


def _of_asker(chunk: list[str]) -> bool:
    """A chunk that tells of the asker and asks nothing: "i keep forgetting", "i missed it"."""
    kept, hedged = chat.strip_chat(chunk)
    return bool(kept) and not hedged and not vocab.asks(kept) and chat.about_asker(kept)


_NEXT_QUESTION = frozenset({"and", "also", "plus", "n"})  # "who directed it and who shot it"
_WH = frozenset({"who", "what", "when", "where", "why", "how", "which", "whose"})
# ... as chat spells them: "why'd", "how's"
_OPEN = _WH | {"whyd", "howd", "whod", "whatd", "whered", "whend", "hows", "whys", "wheres"}
# Words of a question that point back without naming anything: "what was that about", "what
# was it", "who said that"
_POINTING_BACK = (
    _OPEN
    | vocab.AUXILIARIES
    | {"it", "that", "this", "those", "about", "again", "exactly", "actually", "then", "even"}
    # ... how much of it, and verbs that only stand for the event pointed back to: "how did that
    # happen", "how long did that take", "what does that mean"
    | {"long", "many", "much", "often", "soon", "far", "come", "came"}
    | {"happen", "happens", "happened", "happening", "take", "takes", "took", "taking"}
    | {"go", "goes", "went", "going", "gone", "mean", "means", "meant"}
)
_NEGATED = frozenset({"wasnt", "isnt", "arent", "werent", "didnt", "doesnt", "dont", "hasnt"})


def _two_questions(chunks: list[list[str]], asked: bool) -> list[tuple[list[list[str]], bool]]:
    """A sentence holding two questions, as two: "who directed it and when did it come out",
    "who directed it, where was it filmed" (each is then ranked and answered on its own: the
    first is answered, the second named). The second must start with a question word and say
    more than it ("how did they meet and why" is one question)."""
    words = [w for chunk in chunks for w in chunk]
    cuts = {0}
    at = 0
    for chunk in chunks:  # where each comma-separated chunk starts
        cuts.add(at)
        at += len(chunk)
    for i in range(1, len(words) - 2):
        wh = words[i] in _WH or (words[i] in _SCENE_SETTERS and words[i + 1] in _WH)
        if (wh or _yes_no_after(words, i)) and (i in cuts or words[i - 1] in _NEXT_QUESTION):
            first = words[: i - (i not in cuts)]
            second = words[i:]
            if _clause(first):
                break  # "when he notices she's gone, where does he find her" asks once
            if _clause(second):
                continue  # "how long between when they meet and when they meet again"
            if _part(first, False, 0, need_ask=True) and _part(second, False, 0, need_ask=True):
                return [([first], asked), *_two_questions([second], asked)]
    return [(chunks, asked)]


# Who a yes-no question is about: "who plays the dad and is he any good"
_SUBJECTS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "that",
        "this",
        "there",
        "the",
        "his",
        "her",
        "their",
        "we",
        "you",
        "u",
    ]
)


def _yes_no_after(words: list[str], i: int) -> bool:
    """Whether a yes-no question starts at ``i``, after an open question: "who plays the dad
    and is he good" (not "does he know and does she care", one question of two halves)."""
    return (
        words[i] in vocab.AUXILIARIES
        and words[i + 1] in _SUBJECTS
        and not _OPEN.isdisjoint(chat.strip_chat(words[:i])[0][:1])
    )


_HOW_MUCH = frozenset({"come", "many", "much", "long", "old", "far", "often", "soon"})


def _clause(words: list[str]) -> bool:
    """Whether words that start with "when", "where", "why" or "how" tell when or how
    something happens rather than ask it ("when he begs for another shot"): no auxiliary
    follows ("when did he beg")."""
    kept, _ = chat.strip_chat(words)
    return (
        len(kept) > 1
        and kept[0] in {"when", "where", "why", "how"}
        and kept[1] not in vocab.AUXILIARIES | _HOW_MUCH
    )


def context(found: list[Part], part: Part, aside: bool = False) -> tuple[str, ...]:
    """The words of the message's other sentences: what "that" and "he" may
    point to ("jing boran's gray hair was wild. was that a first for him?"), or a follow-up
    says ("why did she leave him? something about his family?"). ``aside``: the words of
    the sentences about the asker instead."""
    if part.sentence < 0:
        return ()
    seen: set[int] = {-1}
    words: list[str] = []
    for other in found:
        if other.sentence not in (part.sentence, *seen) and other.aside == aside:
            seen.add(other.sentence)
            words.extend(other.words if other.asks else _subject(other.words, done_to=not aside))
    return tuple(words)


def telling(found: list[Part], part: Part) -> tuple[str, ...]:
    """The words of the message's sentences that tell (neither ask nor tell of the asker): who
    "he" or "she" in ``part`` is, when they name one person ("jing boran's grey hair look was
    so good. was that new for him?"). A name in another question is not: "who turned rene's
    story into the script? was it her?" asks whether the writer is Rene."""
    return tuple(
        word
        for other in found
        if other.sentence not in (part.sentence, -1)
        and not (other.asks or other.aside or other.guess)
        for word in other.words
    )


_COPULAS = vocab.COPULAS | {"sounds", "sounded", "seem", "look", "feel"}
_STRESS = frozenset({"so", "really", "just", "kinda", "lowkey", "totally", "literally"})


def _subject(words: tuple[str, ...], told: bool = True, done_to: bool = True) -> tuple[str, ...]:
    """What a telling sentence is about, without what it says of it: "jing boran's gray hair
    was wild" -> "jing boran gray hair"; "the pacing and framing were unreal" -> "the pacing and
    framing"; "the ending really got me" -> "the ending" (how the asker found it names nothing
    a fact could say). ``told``: cut at a copula; ``done_to``: at what the thing did to the
    asker ("got me")."""
    if told and words[:1] == ("there",) and words[1:2] and words[1] in _COPULAS:
        words = words[2:]  # "there was drama about ticket sales": the drama
    for i, word in enumerate(words):
        if told and word in _COPULAS:
            return words[:i]  # "looked fun", "sounds like she sat on it": nothing but how
        if done_to and i > 1 and word == "me":  # "the bit where ... absolutely destroyed me"
            i -= 1  # the verb
            while i > 1 and (words[i - 1].endswith("ly") or words[i - 1] in _STRESS):
                i -= 1
            return words[:i]
    return words


# A phrase that sets the scene before the question proper: "in rene's story do the two end up
# together", "by the end is she still single", "at the end of the film what happens to him"
_SCENE_SETTERS = chat.wordlist(
    "in by at after before during on from since until till throughout within over for"
)
_PHRASE_SUBJECTS = chat.wordlist("i im ive id he she they it we you u there")
_DO_AUXILIARIES = vocab.AUXILIARIES - vocab.COPULAS  # "does", "did", "can": a verb follows
_SCENE_WORDS = 8  # a scene-setting phrase runs to at most this many words


def _fronted(words: list[str]) -> list[str] | None:
    """The question after a phrase that sets its scene, with that phrase put after it: "by
    the end is she still single" -> "is she still single by the end"; None when the words
    do not read so ("in the end he leaves her", "in the film the dad is blind": a subject
    of its own follows the phrase, so it tells). A question word inside the phrase asks
    already: "in which city do they work" stays as it is."""
    if len(words) < 3 or words[0] not in _SCENE_SETTERS:
        return None
    if words[1] in _WH:  # "for how long did they date", "in which city do they work"
        return words if _wh_asks(words[2:]) else None
    if len(words) < 4:
        return None
    for i in range(1, min(len(words) - 1, _SCENE_WORDS + 1)):
        word, before, after = words[i], words[i - 1], words[i + 1]
        if word in _PHRASE_SUBJECTS:
            return None
        if word in chat.DETERMINERS and before not in _SCENE_SETTERS | {"of"}:
            return None  # "in the film the dad ...": the sentence's own subject
        if i < 2:
            continue
        if word in _WH or (
            word in _DO_AUXILIARIES
            or (
                word in vocab.COPULAS
                and english.is_word(before)  # "in beijing jianqing is ...": a name's verb
                and (
                    after in _PHRASE_SUBJECTS
                    or after in chat.DETERMINERS
                    or not english.is_word(after)  # "by the present day is jianqing ..."
                )
            )
        ):
            return [*words[i:], *words[:i]]
    return None


_WH_NOUN_WORDS = 3  # "in what frozen place did ...": the words a question word's noun runs to


def _wh_asks(after: list[str]) -> bool:
    """Whether the words after a fronted question word make it ask: an auxiliary ("for how
    long did they date"), or a noun then one ("in what year was it", "in which city did they
    work"); a subject before any tells what the asker says or heard ("for what it's worth",
    "from what i remember")."""
    for word in after[: _WH_NOUN_WORDS + 1]:
        if word in _PHRASE_SUBJECTS:
            return False
        if word in vocab.AUXILIARIES:
            return True
    return len(after) <= _WH_NOUN_WORDS  # "... and in what year": the question cut short


def _asks(kept: list[str]) -> bool:
    """Whether words read as a question, a scene-setting phrase before it or not."""
    return vocab.asks(kept) or _fronted(kept) is not None


# Copulas of a question about what was or is so, not what happens in the story ("when do
# they meet again": the reunion)
_REMINDED = frozenset({"was", "were", "is", "are"})
# Question words that ask for the verb's object ("who did jing boran play again"); "how",
# "where", "when", "why" ask of the event itself, which may happen again ("how did they meet")
_OBJECT_WH = chat.wordlist("who whom what which whats")
_FILM = chat.wordlist("it this")  # or "the film": what the film did is no event of its story
# A particle or a person after the verb makes it an event between people ("see him", "run into
# each other", "fall for", "get together"), which the story may tell twice
_EVENT_TAIL = chat.wordlist(
    "him her them us me other another into onto for with to up out back off over across "
    "together along"
)


def _unrepeated(words: list[str]) -> list[str]:
    """``words`` without a last "again" that asks to be reminded, as chat does: "who directed it
    again", "what was her name again", "who did he play again" (not "where do they meet again",
    "how did they meet again", "where did she see him again": an event the story may tell
    twice)."""
    if len(words) < 3 or words[-1] != "again" or words[0] not in _WH:
        return words
    if not _SUBORDINATORS.isdisjoint(words[1:]):
        return words  # "which airport were they at when they ran into each other again"
    aux = next((w for w in words[1:] if w in vocab.AUXILIARIES), None)
    if aux is None:  # "who directed it again": the question word its subject, the verb past
        return words[:-1] if words[1].endswith("ed") or words[1] in _PAST else words
    if aux in _REMINDED:  # "which city was it again", "what was her name again"
        return words[:-1]
    if aux == "did" and words[0] in _OBJECT_WH and words[-2] not in _EVENT_TAIL:
        return words[:-1]  # "who did jing boran play again", "what did they call it again"
    at = words.index(aux) + 1
    if aux == "did" and (words[at] in _FILM or not vocab.FILM_NOUNS.isdisjoint(words[at : at + 2])):
        return words[:-1]  # "when did it come out again", "where did the film premiere again"
    if aux == "did" and _ENCOUNTERS.isdisjoint(words[at:-1]):
        return words[:-1]  # "why did they break up again", "where did they live again"
    return words


# Verbs of meeting someone, which "again" makes a second meeting ("where did they meet again",
# "where did she see him again"), not a request to be reminded
_ENCOUNTERS = chat.wordlist(
    "meet met see saw seen run ran bump bumped cross crossed reunite reunited"
)


_PAST = chat.wordlist("wrote sang made shot won said gave told took sold paid bought")


def _part(words: list[str], asked: bool, sentence: int, need_ask: bool = False) -> Part | None:
    kept, hedged = chat.strip_chat(chat.without_fillers(words))
    kept = _unrepeated(kept)
    if not kept:
        return None
    fronted = _fronted(kept)
    kept = fronted or kept
    # "why i can't remember", "what i was thinking": what the asker wonders about themselves
    asks = (vocab.asks(kept) or fronted is not None) and kept[1:2] not in (
        ["i"],
        ["im"],
        ["ive"],
        ["id"],
    )
    if hedged and not asks:
        # "i'm trying to figure out if it's my kind of thing", "need to know before i keep
        # watching": what the asker wonders about themselves, which no fact answers
        asks = not chat.about_asker(kept)
    if need_ask and not asks:
        return None
    return Part(tuple(kept), asks or (asked and not (hedged and not asks)), sentence)
