"""The analysis pipeline's fast paths give exactly what the plain implementations gave.

``normalize`` skips a rewrite when its text lacks the character (or digit) it needs,
``intent`` and ``spell`` skip scans when no word they look for is there, alias spans and
descriptions look only at the words that may start one, and the index build reads phrasings
without the question-only parts, with a name reader that knows every prefix of every name and
each word's term cached. The plain versions below are
the implementations these replaced (kept here as the reference); they are compared on every
text of the shipped pack, every question of the development sets and generated strings full of
the characters the rewrites are about.
"""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from pathlib import Path

import pytest

from bot.core import match_vocab as vocab
from bot.core import text
from bot.core.match_index import Analyzer
from bot.core.model import FactBase
from bot.core.text import AliasTable, normalize
from bot.eval.match_eval import load_dev_set

REPO = Path(__file__).resolve().parents[2]
SETS = ("dev_questions", "fresh_questions", "heldout_questions", "blind_a", "blind_b")


def reference_normalize(value: str) -> str:
    value = text._CONTROL.sub(" ", value)
    value = text._fold_chinese(value)
    decomposed = unicodedata.normalize("NFKD", value.translate(text._QUOTES))
    value = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    value = text._POSSESSIVE.sub("", value)
    value = text._APOSTROPHE.sub("", value)
    value = text._THOUSANDS.sub("", value)
    value = text._AMPERSAND.sub(" and ", value)
    value = text._DEGREES.sub(" ", value)
    value = text._UNDERSCORE.sub(" ", text._PUNCT.sub(" ", value))
    value = text._STRAY_DOT.sub(" ", value)
    value = text._STRAY_SLASH.sub(" ", value)
    value = re.sub(r"(?<!\S)minus\s+(?=\d)", "-", value)
    value = text._STRAY_HYPHEN.sub(" ", value)
    value = text._LONE_N.sub("and", value)
    value = " ".join(text._spell_numbers(value.split()))
    value = re.sub(r"(?<!\S)minus (?=\d)", "-", value)
    value = text._PERCENT_WORD.sub("%", value)
    value = text._USD_BEFORE.sub("$", value)
    value = text._DOLLARS_AFTER.sub(lambda m: f"${m.group(1)}{m.group(2)}", value)
    value = text._DOLLAR_SPACE.sub("$", value)
    value = text._PERCENT_SPACE.sub("%", value)
    value = text._STRAY_DOLLAR.sub(" ", value)
    value = text._STRAY_PERCENT.sub(" ", value)
    return text._WHITESPACE.sub(" ", value).strip()


def reference_intent(words: list[str]) -> str | None:
    for at, pair in enumerate(itertools.pairwise(words)):
        name = vocab._INTENT_PAIRS.get(pair)
        if name == vocab.MONEY:  # "how much time" is a span, "how much he knew" a degree
            after = words[at + 2 :]
            if after and after[0] in vocab._SPANS:
                return vocab.COUNT
            if (
                after
                and after[0] in vocab._SOMEONE
                and not any(w in vocab._SUM_WORDS for w in after)
            ):
                return vocab.DEGREE
        if name is not None:
            return name
    for at, word in enumerate(words):
        if word in vocab._INTENT_WORDS and not vocab.relative(words, at):
            return vocab._INTENT_WORDS[word]
    return vocab.NAME if any(w in vocab.NAME_WORDS for w in words) else None


def reference_spell(words: list[str]) -> list[str]:
    words = [w for word in words for w in vocab.CHAT_SPELLINGS.get(word, word).split()]
    out: list[str] = []
    i = 0
    while i < len(words):
        longest = min(vocab._MAX_PHRASE, len(words) - i) if words[i] in vocab._PHRASE_STARTS else 1
        for n in range(longest, 1, -1):
            phrase = vocab.PHRASES.get(tuple(words[i : i + n]))
            if phrase is not None:
                out.extend(phrase.split())
                i += n
                break
        else:
            word = words[i]
            i += 1
            if (
                word in vocab._RELATIVE_HEADS
                and i < len(words)
                and words[i] in vocab._RELATIVE_WORDS
            ):
                continue
            out.append(word)
    return out


def reference_descriptions(table: AliasTable, words: list[str]) -> list[tuple[int, int, str]]:
    found, i = [], 0
    while i < len(words):
        for n in range(min(table._described_words, len(words) - i), 0, -1):
            entry = table._described.get(tuple(words[i : i + n]))
            if entry is not None:
                found.append((i, i + n, entry.canonical))
                i += n
                break
        else:
            i += 1
    return found


def reference_spans(table: AliasTable, words: list[str]) -> list[tuple[int, int, str]]:
    spans, i = [], 0
    while i < len(words):
        for n in range(min(table._max_words + 2, len(words) - i), 0, -1):
            entry = table._by_compact.get("".join(words[i : i + n]).replace("-", ""))
            if entry is not None:
                spans.append((i, i + n, entry.canonical))
                i += n
                break
        else:
            i += 1
    return spans


@pytest.fixture(scope="module")
def corpus(fact_base: FactBase) -> list[str]:
    texts: list[str] = []
    for fact in fact_base.facts:
        texts += [*fact.questions, fact.answer, *fact.accept, fact.text, fact.source.quote]
    for alias in fact_base.aliases:
        texts += [alias.canonical, *alias.variants]
    for name in SETS:
        dev = load_dev_set(REPO / "tests" / "eval" / f"{name}.yaml")
        texts += [q for q, _ in dev.answerable] + list(dev.refuse)
    pieces = [
        *"ab n s1 2 09,.'’`/-−_&°%$ \t\n\x01\u200bé\u0301ñÅ℃ŉﬁ²٣①後來的我们",
        " minus ", " percent ", " per cent ", "pct", " usd ", "us$", " dollars", " bucks",
        " million ", "twenty", " two", "first", " thousand ", "hundred", "'s", "s'",
    ]  # fmt: skip
    rng = random.Random(16)
    texts += ["".join(rng.choices(pieces, k=rng.randint(1, 12))) for _ in range(20_000)]
    return texts


def test_normalize_gives_what_every_rewrite_in_turn_gave(corpus: list[str]) -> None:
    different = [t for t in corpus if normalize(t) != reference_normalize(t)]
    assert different == []


def test_the_build_reads_the_words_of_normalize(corpus: list[str]) -> None:
    # the build takes a text's words without joining them only to split them again
    different = [t for t in corpus if text.normal_words(t) != reference_normalize(t).split()]
    assert different == []
    # ... and the autocomplete keys are those words joined again
    assert [t for t in corpus if " ".join(text.normal_words(t)) != normalize(t)] == []


def test_intent_spell_names_and_descriptions_give_what_the_plain_scans_gave(
    corpus: list[str], fact_base: FactBase
) -> None:
    table = AliasTable.from_fact_base(fact_base, respell=vocab.spell)
    span_ends = table.span_reader()
    for value in corpus:
        words = normalize(value).split()
        assert vocab.spell(words) == reference_spell(words), value
        assert vocab.spell(words, split=True) == reference_spell(words), value
        spelled = reference_spell(words)
        assert vocab.intent(spelled) == reference_intent(spelled), value
        spans = reference_spans(table, spelled)
        assert table.spans(spelled) == spans, value
        assert span_ends(spelled) == {start: (end, name) for start, end, name in spans}, value
        assert table.descriptions(spelled) == reference_descriptions(table, spelled), value


def test_spell_respells_a_word_for_a_word_only_where_each_stands_for_one() -> None:
    # (the set is kept: a chat spelling added to the table must not be left out of it)
    spaced = {k for k, v in vocab.CHAT_SPELLINGS.items() if v.split() != [v]}
    assert spaced == vocab._spaced_spellings()
    for words in (["whos", "the", "dad", "in", "hk"], ["whos", "the", "dad"], ["the", "dad"]):
        assert vocab.spell(words, split=True) == reference_spell(words)


def test_the_builds_name_reader_finds_every_spelling_of_a_name(fact_base: FactBase) -> None:
    # names joined from words, split inside a word, hyphenated, beside each other and others
    table = AliasTable.from_fact_base(fact_base, respell=vocab.spell)
    span_ends = table.span_reader()
    names = [normalize(v) for a in fact_base.aliases for v in (a.canonical, *a.variants)]
    rng = random.Random(7)
    pieces = ["the", "a", "it", "to", "movie", "film", "who", "-", "x"]
    for _ in range(5_000):
        words: list[str] = []
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.4:
                words.append(rng.choice(pieces))
                continue
            name = rng.choice(names)
            if rng.random() < 0.3:  # split inside a word, or joined with a hyphen
                cut = rng.randint(0, len(name))
                name = f"{name[:cut]} {name[cut:]}" if rng.random() < 0.5 else name + "-x"
            words += name.split()
        spans = reference_spans(table, words)
        assert span_ends(words) == {start: (end, name) for start, end, name in spans}, words


def test_the_index_reads_a_text_as_the_full_analysis_does(
    corpus: list[str], fact_base: FactBase
) -> None:
    analyzer = Analyzer(AliasTable.from_fact_base(fact_base, respell=vocab.spell))
    span_ends = analyzer.aliases.span_reader()  # as the build reads
    for value in corpus:
        words = vocab.spell(normalize(value).split())
        full, brief = analyzer.analyze_words(words), analyzer.analyze_words(words, brief=True)
        assert (brief.terms, brief.intent) == (full.terms, full.intent), value
        assert analyzer.read_terms(words, span_ends) == (full.terms, full.intent), value
