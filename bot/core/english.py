"""Real English words, so the /ask speller leaves them alone ("handed" is not "handled").

The list is pyspellchecker's English word frequencies, kept above a floor: its rarest entries
are mostly misspellings ("directer", "hailer") that the speller should still correct. It is
read once per process, the first time the speller is about to change a word.
"""

from __future__ import annotations

import pkgutil
import re
import zlib
from collections.abc import Iterable
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


_FREQUENT: dict[tuple[str, int], bool] = {}  # (word, least) -> whether it occurs that often
_BLOCK = 1 << 16  # bytes of the compressed list inflated at a time


def frequent(candidates: Iterable[str], least: int) -> frozenset[str]:
    """Those of ``candidates`` that the list counts at least ``least`` times (``least`` >=
    COMMON), as ``counts()`` would say. The list's file is scanned for them alone, and each word
    is looked up once per process: an index build asks this of a few hundred words, and loading
    ``counts()`` costs it 0.6 s and some 20 MB that it keeps."""
    asked = set(candidates)
    todo = {w for w in asked if (w, least) not in _FREQUENT}
    if todo:
        # the file SpellChecker reads: a JSON object, one '"word": count' a line (its words
        # lower-cased, as SpellChecker does); a count of ``least`` or more has as many digits.
        # Inflated a block at a time: the whole text at once raised the peak by 6 MB.
        entry = re.compile(rb'\n"([^"\\\n]*)": (\d{%d,})[,\n]' % len(str(least)))
        packed = pkgutil.get_data("spellchecker", "resources/en.json.gz") or b""
        inflate = zlib.decompressobj(wbits=31)  # (a gzip stream)
        found: set[str] = set()
        tail = b""
        for at in range(0, len(packed) + _BLOCK, _BLOCK):
            last = at >= len(packed)
            block = tail + (
                inflate.flush() if last else inflate.decompress(packed[at : at + _BLOCK])
            )
            # a block's last line is read with the next block, from its "\n"
            cut = len(block) if last else block.rfind(b"\n")
            block, tail = (block[:cut], block[cut:]) if cut > 0 else (b"", block)
            for m in entry.finditer(block):
                word = m[1].decode("utf-8").lower()
                if word in todo and int(m[2]) >= least:
                    found.add(word)
        _FREQUENT.update(((w, least), w in found) for w in todo)
    return frozenset(w for w in asked if _FREQUENT[(w, least)])


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
