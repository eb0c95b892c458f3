"""Finding the question inside a chat message.

People rarely type a bare question in a Discord server: "hey all, random q but does anyone
remember who did the music for this one? the song at the end made me cry". Every word the facts
do not share drags a match down, so the message is read the way a person reads it first:

1. It is cut into sentences (at ``? ! .``, new lines, ``;`` and a colon after a label such as
   "quick one:"), and each sentence into its words (``bot.core.text.normalize``).
2. Greetings, hedges and chat around a question ("hey all", "random q but", "sorry if dumb but",
   "does anyone remember", "can someone tell me", "thanks in advance", "lol") are set aside,
   at the start and at the end of each sentence (``chat_words`` holds the words and phrases).
3. Each sentence left becomes a ``Part``: its words and whether it *asks* (a question mark, a
   question word or an auxiliary first, or a hedge such as "does anyone know" before it). A
   sentence that only tells ("jing boran's gray hair was wild") is context; one that tells of
   the asker ("i missed the first 10 min", "the song at the end made me cry") is set aside,
   unless it reports what was heard or read ("i heard there was drama about ticket sales").

The matcher scores every part and keeps the best, with context worth less than a question, so a
message with two questions is answered by the clearer one, the first on a tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.core import chat_words as chat
from bot.core import match_vocab as vocab
from bot.core.text import normalize

WHOLE = True
MAX_PARTS = 4  # sentences scored per message: a question rarely hides further in

# Sentence ends: ? and ! always, a full stop before a space (not "5.9" or "decider.com"), new
# lines, ";", and a colon or dash after a short label ("quick one: ...", "question - ...").
_SENTENCE_END = re.compile(r"(?<=[?!])|\.+(?=\s|$)|\n|;|:(?=\s)|\s[-–—]+\s")
_COMMA = re.compile(r",\s")
# "one" standing for a thing, not a number: "the older one", "which one" (but "this one" and
# "that one" are the film, which the pack's references say).
_PRONOUN_ONE = re.compile(
    r"\b(the|which|each|every|any|some|other|another|older|younger|main|last|same|quick|"
    r"random|dumb|little|new|sad|good|right|wrong)\s+one\b",
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


def parts(message: str) -> list[Part]:
    """The sentences of ``message`` that say something, in order, chat set aside.

    A sentence whose question starts after a comma or after "but", "so" or "and" ("i loved
    it, who directed it", "sorry if dumb but who plays the girl") also gives that question
    as a part of its own."""
    out: list[Part] = []
    message = _US.sub("united states", _PRONOUN_ONE.sub(r"\1 ones", message))
    sentences = _SENTENCE_END.split(message)
    for n, sentence in enumerate(s for s in sentences if s and s.strip()):
        words: list[str] = []
        starts: list[int] = []  # where a comma-separated chunk starts
        for chunk in _COMMA.split(sentence):
            starts.append(len(words))
            words.extend(normalize(chunk).split())
        starts += [i + 1 for i, w in enumerate(words) if w in chat.PIVOTS and i + 1 < len(words)]
        asked = sentence.rstrip().endswith("?")
        inner = None
        for start in sorted(set(starts) - {0}):
            inner = _part(words[start:], asked, n, need_ask=True)
            if inner is not None:
                break
        whole = _part(words, asked or inner is not None, n)
        out += [p for p in (whole, inner) if p is not None and (p is whole or p != whole)]
    # a sentence about the asker is set aside ("i zoned out for a sec"), but a name in it that
    # no fact knows still says the question may be about something else ("i loved titanic")
    out = [
        replace(p, aside=True) if not p.asks and chat.about_asker(list(p.words)) else p for p in out
    ]
    if len(out) > MAX_PARTS:  # a long message: its questions first, then context
        out = ([p for p in out if p.asks] + [p for p in out if not p.asks])[:MAX_PARTS]
    sentences_seen = {p.sentence for p in out if not p.aside}
    if len(sentences_seen) > 1 and any(p.asks for p in out):
        # the message as one question: "i heard there was drama about ticket sales. what was
        # that about?" asks about what the first sentence says
        joined: list[str] = []
        for p in out:
            if p.sentence in sentences_seen:
                sentences_seen.discard(p.sentence)
                joined.extend(p.words)
        out.append(Part(tuple(joined), True, -1))
    return out


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
            words.extend(other.words if other.asks else _subject(other.words))
    return tuple(words)


_COPULAS = vocab.COPULAS


def _subject(words: tuple[str, ...]) -> tuple[str, ...]:
    """What a telling sentence is about, without what it says of it: "jing boran's gray hair
    was wild" -> "jing boran gray hair"; "the pacing and framing were unreal" -> "the pacing and
    framing" (how the asker found it names nothing a fact could say)."""
    for i, word in enumerate(words):
        if i and word in _COPULAS:
            return words[:i]
    return words


def _part(words: list[str], asked: bool, sentence: int, need_ask: bool = False) -> Part | None:
    kept, hedged = chat.strip_chat(words)
    if not kept:
        return None
    asks = hedged or vocab.asks(kept)
    if need_ask and not asks:
        return None
    return Part(tuple(kept), asks or asked, sentence)
