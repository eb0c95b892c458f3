"""Quotes as people should read them: from the start of a sentence, credited where they are whole.

A pack may hold a line as one document quotes it, from mid-sentence ("by accident and
immediately fell in love with it...", as the encyclopedia quotes Jing Boran) while another
document has the speaker's whole sentence (the interview: "I came across the script of Us and
Them by accident and..."). `complete_lines` looks the line up in every document and, where one
has the sentence from its start in the speaker's own words, shows that sentence and credits that
document. A document's own words before an opening quotation mark ("Joe Reid described it as
“a simple...") are not the speaker's, so they are never added; such a fragment keeps its words
and starts with "…". A line then wholly contained in a longer line of the same speaker is left
out, so one search does not show the same words twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.core.model import Document, Quote, Source
from bot.core.text import AliasTable, normalize

ELLIPSIS = "…"
_OPENING = '“‘"'
_CLOSING = '”’"'
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\s+")
# "Jing Boran: I came across..." - an interview answer, its speaker named before the colon.
_SPEAKER_LABEL = re.compile(r"([A-Z][\w.’' -]{0,40}?):\s+")


def starts_mid_sentence(text: str) -> bool:
    """True when the first word is not a sentence's first word ("by accident and...")."""
    first = text.lstrip(_OPENING + "([ ")[:1]
    return first.islower()


def complete_lines(
    quotes: Sequence[Quote], documents: Sequence[Document], aliases: AliasTable
) -> tuple[Quote, ...]:
    """The quotes as shown to users: whole sentences where a document has them, no repeats."""
    shown = [_complete(q, documents, aliases) if starts_mid_sentence(q.text) else q for q in quotes]
    return tuple(q for q in shown if not _repeated(q, shown, aliases))


def _complete(quote: Quote, documents: Sequence[Document], aliases: AliasTable) -> Quote:
    own = [d for d in documents if d.file == quote.source.document]
    others = [d for d in documents if d.file != quote.source.document]
    for document in own + others:  # the pack's own source first
        line = _whole_sentence(quote.text, quote.speaker, document.text, aliases)
        if line is not None:
            # Shown inside “…”: a quotation within the line takes single marks.
            text = line.replace("“", "‘").replace("”", "’")
            return replace(quote, text=text, source=Source(document.file, line, document.title))
    return replace(quote, text=ELLIPSIS + quote.text)


def _whole_sentence(text: str, speaker: str, document: str, aliases: AliasTable) -> str | None:
    """The sentence of ``document`` that ends with ``text``, from its start, if the speaker says
    all of it there; None when the document does not have it so."""
    needle = text.rstrip(".!?,;: ")
    at = document.find(needle)
    while at >= 0:
        paragraph = document.rfind("\n", 0, at) + 1
        start = paragraph
        label = _SPEAKER_LABEL.match(document, paragraph, at)
        labelled = label is not None and _names(label.group(1), speaker, aliases)
        if label is not None:
            start = label.end()
        for end in _SENTENCE_END.finditer(document, start, at):
            start = end.end()
        before = document[start:at]
        # An open quotation mark in a paragraph that is not the speaker's answer: the words
        # before it are the document's own, not the speaker's.
        quoted = before.count("“") > before.count("”") or before.count('"') % 2 == 1
        if before.strip() and not (quoted and not labelled):
            stop = at + len(needle)
            while stop < len(document) and document[stop] in ".!?" + _CLOSING:
                stop += 1
            line = document[start:stop].strip()
            if not starts_mid_sentence(line):
                return line
        at = document.find(needle, at + 1)
    return None


def _names(label: str, speaker: str, aliases: AliasTable) -> bool:
    """The answer's label ("Jing", "René") names the quote's speaker ("Jing Boran")."""
    if aliases.same(label, speaker):
        return True
    words = set(normalize(label).split())
    return bool(words) and words <= set(normalize(speaker).split())


def _repeated(quote: Quote, shown: Sequence[Quote], aliases: AliasTable) -> bool:
    """Another line by the same speaker says all of this one's words and more."""
    words = normalize(quote.text)
    return any(
        other is not quote
        and len(other.text) > len(quote.text)
        and words in normalize(other.text)
        and aliases.same(other.speaker, quote.speaker)
        for other in shown
    )
