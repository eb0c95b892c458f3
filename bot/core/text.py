"""Text normalisation shared by /ask matching and quiz answer checking.

Stable API (other modules build on it; only additions from here on):

- ``normalize(text) -> str``: one comparable form of any user or pack text. Casefolds, strips
  accents (René -> rene), unifies quote marks, turns ``&`` and a lone ``n`` into ``and``, drops
  possessives (Jianqing's -> jianqing), drops punctuation, writes number words as digits
  (six -> 6, twenty-two -> 22, first -> 1st, minus 30 -> -30), collapses whitespace.
  Numbers keep what makes them numbers: ``5.9``, ``$209 million``, ``100%``, ``5.9/10``,
  ``2018-04-28``, ``-30``; thousands separators go (224,453 -> 224453); "dollars" and
  "percent" become ``$`` and ``%``. Chinese is folded to Simplified (OpenCC), one word per
  character (后来的我们 and 後來的我們 -> ``后 来 的 我 们``).
- ``tokens(text) -> list[str]``: the words of ``normalize(text)``.
- ``NUMBER_WORDS`` (word -> int) and ``number_value(text) -> float | None``: the number a short
  answer states, if it is only a number ("six", "$209 million" -> 209000000.0, "5.9/10" -> 5.9).
- ``compact(text) -> str``: ``normalize`` without spaces or hyphens, the key that makes
  "Xiao Xiao", "Xiaoxiao" and "xiao-xiao" equal.
- ``AliasTable``: built from the pack's aliases (``AliasTable.from_fact_base(fb)``), maps every
  name variant, in any spacing, to its canonical form.
    - ``table.canonical(name) -> str | None``: the canonical display form of a whole name.
    - ``table.canonicalize(text) -> str``: ``normalize(text)`` with every variant found in it
      replaced by the normalised canonical form (longest match first). Film references such
      as "the movie" or "it" become the film's title.
    - ``table.mentions(text) -> list[str]``: canonical display forms named in ``text``, in order.
    - ``table.same(a, b) -> bool``: whether two names are the same entity (or equal text).
    - ``table.spans(words) -> list[(start, end, canonical)]``: where names sit in a list of
      normalised words (used by the matcher to turn each name into one entity token).
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress

from bot.core.model import Alias, FactBase

__all__ = [
    "NUMBER_WORDS",
    "AliasTable",
    "compact",
    "normalize",
    "number_value",
    "tokens",
]

Respell = Callable[[list[str]], list[str]]

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
NUMBER_WORDS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
_MULTIPLIERS = {"hundred": 100, "thousand": 1000}
# Million and billion stay words: "$209 million" is how answers are written and asked.
_SCALES = {"million": 1_000_000, "billion": 1_000_000_000, "k": 1000, "m": 1_000_000}

_ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}

# Words that start a number (multipliers only follow one): text without any has none to spell.
_NUMBER_WORD_SET = frozenset(NUMBER_WORDS) | frozenset(_ORDINAL_WORDS)

_QUOTES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "′": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "＆": "&",
    }
)

_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_AMPERSAND = re.compile(r"&")
_LONE_N = re.compile(r"(?<![\w'])n(?![\w'])")
_PERCENT_WORD = re.compile(r"(?<=\d)\s*(?:percent|per cent|pct)\b")
_DEGREES = re.compile(r"°\s*[cf]?\b")
# Everything that is not a letter, digit or a character numbers need becomes a space.
_PUNCT = re.compile(r"[^\w\s$%./-]")
_UNDERSCORE = re.compile(r"_+")
# "." and "/" survive only between digits (5.9, 5.9/10); "-" only inside numbers or before one.
_STRAY_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")
_STRAY_SLASH = re.compile(r"(?<!\d)/|/(?!\d)")
_STRAY_HYPHEN = re.compile(r"(?<!\d)-(?!\d)|(?<=\d)-(?!\d)|(?<=[^\W\d])-(?=\d)")
_DOLLAR_SPACE = re.compile(r"\$\s+(?=\d)")
_PERCENT_SPACE = re.compile(r"(?<=\d)\s+%")
_STRAY_DOLLAR = re.compile(r"\$(?!\d)")
_STRAY_PERCENT = re.compile(r"(?<!\d)%")
_WHITESPACE = re.compile(r"\s+")
_DOLLARS_AFTER = re.compile(
    r"(?<![$\d.])(\d[\d.]*)((?: (?:million|billion|thousand))?) (?:dollars|usd|bucks)\b"
)
_USD_BEFORE = re.compile(r"\b(?:usd|us\$) ?(?=\d)")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DIGIT = re.compile(r"\d")
_MINUS_SPACES = re.compile(r"(?<!\S)minus\s+(?=\d)")
_MINUS_SPACE = re.compile(r"(?<!\S)minus (?=\d)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


@functools.cache
def _to_simplified() -> Callable[[str], str]:
    import opencc  # loaded on the first Chinese text only

    return opencc.OpenCC("t2s").convert


def _fold_chinese(text: str) -> str:
    """Traditional Chinese folded to Simplified (OpenCC's t2s table: 後來的我們 -> 后来的我们),
    each Han character a word of its own: Chinese is written without spaces, so a title inside
    a sentence ("后来的我们的导演是谁") is still found as a run of words."""
    if not _HAN.search(text):
        return text
    return _HAN.sub(r" \g<0> ", _to_simplified()(text))


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text  # nothing to decompose: most pack and user text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _spell_numbers(words: list[str]) -> list[str]:
    """Replace runs of number words by digits: "twenty two" -> "22", "first" -> "1st"."""
    if _NUMBER_WORD_SET.isdisjoint(words):
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _ORDINAL_WORDS:
            out.append(f"{_ORDINAL_WORDS[word]}{_ordinal_suffix(_ORDINAL_WORDS[word])}")
            i += 1
            continue
        if word not in NUMBER_WORDS:
            out.append(word)
            i += 1
            continue
        total, current = 0, NUMBER_WORDS[word]
        j = i + 1
        ordinal = False
        while j < len(words):
            nxt = words[j]
            if nxt in NUMBER_WORDS and current % 10 == 0 and NUMBER_WORDS[nxt] < 10 and current:
                current += NUMBER_WORDS[nxt]
            elif nxt in _ORDINAL_WORDS and current >= 20 and _ORDINAL_WORDS[nxt] < 10:
                current += _ORDINAL_WORDS[nxt]
                ordinal = True
                j += 1
                break
            elif nxt in _MULTIPLIERS and current:
                current *= _MULTIPLIERS[nxt]
                if nxt == "thousand":
                    total, current = total + current, 0
            else:
                break
            j += 1
        value = total + current
        out.append(f"{value}{_ordinal_suffix(value)}" if ordinal else str(value))
        i = j
    return out


def _ordinal_suffix(value: int) -> str:
    if 10 <= value % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


# A pure function of its text, called for the same names and phrasings again and again.
# Each rewrite runs only when its text has the character (or word) it needs, and the rules about
# numbers only when it has a digit (without one, every ".", "/", "-", "$" and "%" is stray and
# goes by plain replacement): a pass that cannot match is a no-op, and skipping it leaves a few
# passes over the string instead of 22.
@functools.lru_cache(maxsize=32768)
def normalize(text: str) -> str:
    """The comparable form of ``text`` (see the module docstring for every rule)."""
    normal = _normal(text)
    return normal if isinstance(normal, str) else " ".join(normal)


def normal_words(text: str) -> list[str]:
    """``normalize(text).split()``, without joining the words only to split them again (the
    index build reads every text of the pack once: no cache either). A split: no word is
    empty or holds a space."""
    normal = _normal(text)
    return normal.split() if isinstance(normal, str) else normal


def _normal(text: str) -> str | list[str]:
    """``normalize(text)``, or its words when it is only they joined by single spaces."""
    if not text.isprintable():
        text = _CONTROL.sub(" ", text)
    if text.isascii():  # of the quote marks only the backtick is ASCII
        text = (text.replace("`", "'") if "`" in text else text).casefold()
    else:
        text = _strip_accents(_fold_chinese(text).translate(_QUOTES)).casefold()
    digits = _DIGIT.search(text) is not None
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
        text = _APOSTROPHE.sub("", text)
    if digits and "," in text:
        text = _THOUSANDS.sub("", text)
    if "&" in text:
        text = _AMPERSAND.sub(" and ", text)
    if "°" in text:
        text = _DEGREES.sub(" ", text)
    text = _PUNCT.sub(" ", text)
    if "_" in text:
        text = _UNDERSCORE.sub(" ", text)
    if "." in text:
        text = _STRAY_DOT.sub(" ", text) if digits else text.replace(".", " ")
    if "/" in text:
        text = _STRAY_SLASH.sub(" ", text) if digits else text.replace("/", " ")
    # "minus 30" and a hyphen before a number that starts a word ("-30") mean negative.
    minus = "minus" in text
    if minus and digits:
        text = _MINUS_SPACES.sub("-", text)
    if "-" in text:
        text = _STRAY_HYPHEN.sub(" ", text) if digits else text.replace("-", " ")
    split = text.split()
    # The only characters left beside a letter are spaces, "$" and "%" ("." and "/" stay only
    # between digits, "-" only before one and never after a letter): a lone "n" is a word or
    # touches one of those.
    if "n" in text and ("$" in text or "%" in text or "n" in split):
        text = _LONE_N.sub("and", text)
        split = text.split()
    words = _spell_numbers(split)
    digits = digits or words is not split  # number words became digits
    if not digits:
        if "$" in text or "%" in text:
            text = " ".join(words).replace("$", " ").replace("%", " ")
            return _WHITESPACE.sub(" ", text).strip()
        return words  # nothing to collapse: the words joined by single spaces
    text = " ".join(words)
    if minus:
        text = _MINUS_SPACE.sub("-", text)
    if "percent" in text or "per cent" in text or "pct" in text:
        text = _PERCENT_WORD.sub("%", text)
    if "usd" in text or "us$" in text:
        text = _USD_BEFORE.sub("$", text)
    if "dollars" in text or "usd" in text or "bucks" in text:
        text = _DOLLARS_AFTER.sub(lambda m: f"${m.group(1)}{m.group(2)}", text)
    dollar, percent = "$" in text, "%" in text
    if not dollar and not percent:
        return text  # still words joined by single spaces: nothing to collapse
    if dollar:
        text = _DOLLAR_SPACE.sub("$", text)
    if percent:
        text = _PERCENT_SPACE.sub("%", text)
    if dollar:
        text = _STRAY_DOLLAR.sub(" ", text)
    if percent:
        text = _STRAY_PERCENT.sub(" ", text)
    return _WHITESPACE.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """The words of ``normalize(text)``."""
    return normalize(text).split()


def compact(text: str) -> str:
    """``normalize(text)`` without spaces or hyphens: "Xiao Xiao" == "Xiaoxiao"."""
    return normalize(text).replace(" ", "").replace("-", "")


_NUMBER = re.compile(
    r"^(?P<sign>-)?\$?(?P<num>\d+(?:\.\d+)?)(?P<pct>%)?(?:/\d+(?:\.\d+)?)?"
    r"(?: ?(?P<scale>million|billion|thousand|k|m))?(?: [a-z]+)?$"
)


def number_value(text: str) -> float | None:
    """The number a short answer states, or None when it is not just a number.

    "six" -> 6.0, "$209 million" -> 209000000.0, "5.9/10" -> 5.9, "100%" -> 100.0,
    "6 critics" -> 6.0 (one trailing unit word is allowed). Dates are not numbers.
    """
    match = _NUMBER.match(normalize(text))
    if match is None:
        return None
    value = float(match["num"])
    scale = match["scale"]
    if scale:
        value *= _SCALES.get(scale, 1000)
    return -value if match["sign"] else value


# characters of a name's compact key kept to rule out words, and joins of words, quickly (8:
# a join of words is ruled out at its second word twice as often as with 4)
_HEAD = 8
_head = operator.itemgetter(slice(0, _HEAD))


@dataclass(frozen=True, slots=True)
class _Entry:
    canonical: str  # display form
    normalized: str  # normalize(canonical)
    kind: str


_NAMED_KINDS = frozenset({"person", "character"})


def _one_slip(typed: str, name: str) -> bool:
    """Whether ``typed`` is ``name`` with one letter added, dropped, changed or two swapped,
    keeping its first letter ("lu"/"liu", "jin"/"jing", "zou"/"zhou")."""
    if typed == name or not typed or typed[0] != name[0] or abs(len(typed) - len(name)) > 1:
        return False
    if len(typed) == len(name):
        diff = [i for i, (a, b) in enumerate(zip(typed, name, strict=True)) if a != b]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and typed[diff[0]] == name[diff[1]]
            and typed[diff[1]] == name[diff[0]]
        )
    short, long = sorted((typed, name), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@dataclass(slots=True)
class AliasTable:
    """Every name variant -> its canonical form; matches ignore spacing and hyphens."""

    _by_compact: dict[str, _Entry] = field(default_factory=dict)
    _max_words: int = 1
    # the first characters (up to _HEAD) of every key: most words start no name at all
    _heads: set[str] = field(default_factory=lambda: {""})
    # descriptions ("the cinematographer") by their words: hints of a name, never the name
    _described: dict[tuple[str, ...], _Entry] = field(default_factory=dict)
    _described_words: int = 0
    _description_starts: set[str] = field(default_factory=set)  # first words of descriptions
    # the first two words of descriptions of two words or more: "the" starts many, ends none
    _description_heads: set[tuple[str, ...]] = field(default_factory=set)

    @classmethod
    def from_fact_base(cls, fact_base: FactBase, respell: Respell | None = None) -> AliasTable:
        refs: Sequence[str] = fact_base.film_references
        film = fact_base.films[0] if fact_base.films else None
        return cls.build(fact_base.aliases, film_title=film, film_references=refs, respell=respell)

    @classmethod
    def build(
        cls,
        aliases: Iterable[Alias],
        film_title: str | None = None,
        film_references: Iterable[str] = (),
        respell: Respell | None = None,
    ) -> AliasTable:
        """``respell``: how the user of the table rewrites words before looking names up (the
        matcher reads "lady" as "woman"); each variant is then also known in that spelling."""
        table = cls()
        for alias in aliases:
            entry = _Entry(alias.canonical, normalize(alias.canonical), alias.kind)
            table._add(alias.canonical, entry, respell)
            for variant in alias.variants:
                table._add(variant, entry, respell)
            for description in alias.descriptions:
                table._describe(description, entry, respell)
        if film_title:
            film_entry = table._by_compact.get(compact(film_title)) or _Entry(
                film_title, normalize(film_title), "film"
            )
            table._add(film_title, film_entry, respell)
            for ref in film_references:
                table._add(ref, film_entry, respell)
        return table

    def _add(self, variant: str, entry: _Entry, respell: Respell | None = None) -> None:
        if respell is not None:
            respelled = " ".join(respell(normalize(variant).split()))
            if respelled != normalize(variant):
                self._add(respelled, entry)
        words = normalize(variant).split()
        key = "".join(words).replace("-", "")
        if not key:
            return
        # First declaration wins, so a pack cannot silently re-point a name.
        self._by_compact.setdefault(key, entry)
        self._max_words = max(self._max_words, len(words))
        self._heads.update(key[:n] for n in range(1, _HEAD + 1))

    def _describe(self, description: str, entry: _Entry, respell: Respell | None) -> None:
        words = tuple(normalize(description).split())
        for key in (words, tuple(respell(list(words))) if respell is not None else ()):
            if key:
                # first declaration wins, as for names
                self._described.setdefault(key, entry)
                self._described_words = max(self._described_words, len(key))
                self._description_starts.add(key[0])
                self._description_heads.add(key[:2])

    def descriptions(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """Descriptions in already normalised (and respelled) ``words``, longest first from the
        left: (start, end, canonical display form of what they describe)."""
        found: list[tuple[int, int, str]] = []
        starts = self._description_starts
        if starts.isdisjoint(words):
            return found  # most texts: no word that starts a description
        count = len(words)
        free = 0  # words before this one are inside a description found already
        # only the words that start a description need a look (picked out without a loop)
        for i in compress(range(count), map(starts.__contains__, words)):
            if i < free:
                continue
            longest = min(self._described_words, count - i)
            if longest > 1 and tuple(words[i : i + 2]) not in self._description_heads:
                if (words[i],) not in self._described:
                    continue  # "the" before a word no description has
                longest = 1  # no description of more words starts here
            for n in range(longest, 0, -1):
                entry = self._described.get(tuple(words[i : i + n]))
                if entry is not None:
                    found.append((i, i + n, entry.canonical))
                    free = i + n
                    break
        return found

    def canonical(self, name: str) -> str | None:
        """The canonical display form of ``name`` if it is a known variant, else None."""
        entry = self._by_compact.get(compact(name))
        return entry.canonical if entry else None

    def kind(self, name: str) -> str | None:
        """The alias kind of ``name`` (person, character, film, ...) if known."""
        entry = self._by_compact.get(compact(name))
        return entry.kind if entry else None

    def _spans(self, words: list[str]) -> list[tuple[int, int, _Entry]]:
        """Longest known variants in ``words`` as (start, end, entry), left to right.

        A span may join words ("xiao xiao") or split one ("xiaoxiaofang" is a single word whose
        compact form is a variant), so every spelling of a name lands on the same entry.
        """
        spans: list[tuple[int, int, _Entry]] = []
        heads, by_compact = self._heads, self._by_compact
        # a key is the join of its words' bare forms (no hyphens)
        bare = [w.replace("-", "") for w in words] if "-" in "".join(words) else words
        count = len(bare)
        # Names of more words than declared can still appear when a user splits a word.
        longest = self._max_words + 2
        free = 0  # words before this one are inside a name found already
        # Most words start no name: the words that may are picked out without a Python loop.
        for i in compress(range(count), map(heads.__contains__, map(_head, bare))):
            if i < free:
                continue
            # the longest join of words from here that is a key; a key's head is the head of
            # every shorter join that could start it, so the first join whose head no key has
            # ends the search
            joined = bare[i]
            found = by_compact.get(joined)
            end = j = i + 1  # the span's end so far; the next word to join
            last = i + longest if i + longest < count else count
            while j < last:
                joined += bare[j]
                j += 1
                if joined[:_HEAD] not in heads:
                    break
                entry = by_compact.get(joined)
                if entry is not None:
                    found, end = entry, j
            if found is not None:
                spans.append((i, end, found))
                free = end
        return spans

    def completed(self, words: Sequence[str]) -> list[str]:
        """``words`` with a one-letter slip in the rest of a person's name put right, when the
        other part of the name is typed right: "rene lu", "jin boran", "zou dongyu" (the word
        next to a known part, starting with the same letter, one edit from the name's word)."""
        out = list(words)
        for start, end, entry in self._spans(out):
            if entry.kind not in _NAMED_KINDS:
                continue
            full = entry.normalized.replace("-", " ").split()
            part = "".join(w.replace("-", "") for w in out[start:end])
            at = next(
                (i for i in range(len(full)) if part == "".join(full[i : i + end - start])), None
            )
            if at is None:
                continue
            if at > 0 and start > 0 and _one_slip(out[start - 1], full[at - 1]):
                out[start - 1] = full[at - 1]
            after = at + end - start
            if after < len(full) and end < len(out) and _one_slip(out[end], full[after]):
                out[end] = full[after]
        return out

    def spans(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """Known names in already normalised ``words``: (start, end, canonical display form)."""
        return [(start, end, entry.canonical) for start, end, entry in self._spans(list(words))]

    def span_ends(self, words: list[str]) -> dict[int, tuple[int, str]]:
        """``spans(words)`` as start -> (end, canonical display form)."""
        return {start: (end, entry.canonical) for start, end, entry in self._spans(words)}

    def span_reader(self) -> Callable[[list[str]], dict[int, tuple[int, str]]]:
        """``span_ends`` for reading many texts (the index build reads every text of the pack):
        every prefix of every key is looked up at once, so a join of words stops as soon as no
        key starts with it (``_spans`` can only rule out its first 8 characters), and a word
        starts a look only when a key starts with all of it. Same spans."""
        prefixes: dict[str, _Entry | None] = {}
        for key in self._by_compact:
            for n in range(len(key)):  # "" too: a word of only hyphens joins the next one
                prefixes.setdefault(key[:n], None)
        prefixes.update(self._by_compact)
        longest = self._max_words + 2
        starts = prefixes.__contains__
        get = prefixes.get
        not_prefix = _Entry("", "", "")  # no key starts with the join

        def span_ends(words: list[str]) -> dict[int, tuple[int, str]]:
            ends: dict[int, tuple[int, str]] = {}
            bare = [w.replace("-", "") for w in words] if "-" in "".join(words) else words
            count = len(bare)
            free = 0  # words before this one are inside a name found already
            for i in compress(range(count), map(starts, bare)):
                if i < free:
                    continue
                joined = bare[i]
                found = prefixes[joined]
                end = j = i + 1  # the span's end so far; the next word to join
                last = i + longest if i + longest < count else count
                while j < last:
                    joined += bare[j]
                    j += 1
                    entry = get(joined, not_prefix)
                    if entry is not_prefix:
                        break
                    if entry is not None:
                        found, end = entry, j
                if found is not None:
                    ends[i] = (end, found.canonical)
                    free = end
            return ends

        return span_ends

    def canonicalize(self, text: str) -> str:
        """``normalize(text)`` with each known variant replaced by its normalised canonical."""
        words = normalize(text).split()
        out: list[str] = []
        last = 0
        for start, end, entry in self._spans(words):
            out.extend(words[last:start])
            out.append(entry.normalized)
            last = end
        out.extend(words[last:])
        return " ".join(out)

    def mentions(self, text: str) -> list[str]:
        """Canonical display forms of the names in ``text``, in order of appearance."""
        return [entry.canonical for _, _, entry in self._spans(normalize(text).split())]

    def same(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` name the same entity, or normalise to the same text."""
        if compact(a) == compact(b):
            return True
        ea, eb = self._by_compact.get(compact(a)), self._by_compact.get(compact(b))
        return ea is not None and ea is eb

    def __len__(self) -> int:
        return len(self._by_compact)
