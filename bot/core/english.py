"""Real English words, so the /ask speller leaves them alone ("handed" is not "handled").

The list is pyspellchecker's English word frequencies, kept above a floor: its rarest entries
are mostly misspellings ("directer", "hailer") that the speller should still correct. It is
read once per process, the first time the speller is about to change a word.
"""

from __future__ import annotations

from functools import cache

COMMON = 200  # occurrences in the list's corpus; rarer entries are mostly typos of real words


@cache
def words() -> frozenset[str]:
    from spellchecker import SpellChecker  # a 0.5 s read: only when a correction is proposed

    counts = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return frozenset(w for w, n in counts.items() if n >= COMMON)


def is_word(word: str) -> bool:
    return word in words()
