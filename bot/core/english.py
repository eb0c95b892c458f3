"""Real English words, so the /ask speller leaves them alone ("handed" is not "handled").

The list is pyspellchecker's English word frequencies, kept above a floor: its rarest entries
are mostly misspellings ("directer", "hailer") that the speller should still correct. It is
read once per process, the first time the speller is about to change a word.
"""

from __future__ import annotations

from functools import cache

COMMON = 200  # occurrences in the list's corpus; rarer entries are mostly typos of real words


@cache
def counts() -> dict[str, int]:
    """How often each listed word occurs in the list's corpus ("first" far more than "frost")."""
    from spellchecker import SpellChecker  # a 0.5 s read: only when a correction is proposed

    found = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return {w: n for w, n in found.items() if n >= COMMON}


@cache
def words() -> frozenset[str]:
    return frozenset(counts())


# Chat shorthand is English as a chat server writes it: "googled it but got nothing, need it
# for my gf rn" names nothing
_SHORTHAND = """
    lol lmao rn bc cuz tbh ngl imo idk gf bf bestie bff irl dm dms smh fr tho pls plz thx ty
    omg btw ppl srsly ik ikr ofc istg ong jk nvm yk afaik tysm frfr asf omfg wtf
"""
CHAT = frozenset(_SHORTHAND.split())


def is_word(word: str) -> bool:
    """Whether ``word`` is English: in the list, chat shorthand, or an inflection of a listed
    word that the list lacks ("googled", "binged", "rewatching", "texted")."""
    known = words()
    if word in known or word in CHAT or any(stem in known for stem in stems(word)):
        return True
    # "rewatched", "rewatching": a listed word done again
    return word.startswith("re") and len(word) > 6 and word[2:] in known


def stems(word: str) -> tuple[str, ...]:
    """The words ``word`` may inflect: "googled" -> "googl", "google"."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            # "googled" -> "googl(e)", "binged" -> "binge", "shotted" -> "shot"
            return (stem, stem + "e", stem[:-1]) if stem[-1:] == stem[-2:-1] else (stem, stem + "e")
    return ()
