"""Descriptions read by how they are made: an alias says what kind of thing it is (`heads`) and
what marks it (`marks`), so a wording nobody listed ("the fellow in charge of the lenses", "the
longer critique") still reaches the facts of what it describes, and a phrase that fits no alias
or two alike stays unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.facts import check, load_fact_base
from bot.core.matching import Matcher
from bot.core.model import FactBase

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

PACK = """\
documents:
  wiki: {file: 001_bcec255b40af6893.txt, title: The article, kind: encyclopedia}
  mb: {file: 003_c643adb93aa20613.txt, title: The interview, kind: interview}
aliases:
  - canonical: Mark Lee Ping-bing
    kind: person
    variants: [Mark Lee]
    heads: [man, cinematographer]
    marks: [photography, camera, lens, film, winter]
  - canonical: Zhang Yibai
    kind: person
    variants: []
    descriptions: [the winter man]
    heads: [man, producer]
    marks: [produce, script, film]
  - canonical: Rene Liu
    kind: person
    variants: []
    heads: [woman, director]
    marks: [direct, debut]
facts:
  - id: lee-cinema
    category: interview
    questions: [what did mark lee tell her]
    answer: cinema has its own language
    kind: text
    text: Mark Lee Ping-Bing said that cinema has its own language.
    source: {document: mb, quote: "Mark Lee Ping-Bing told me that cinema has its own language."}
  - id: zhang-script
    category: production
    questions: [what did zhang yibai do with the story]
    answer: made it into a script
    kind: text
    text: Producer Zhang Yibai encountered the story and made it into a script.
    source:
      document: mb
      quote: "Producer Zhang Yibai encountered this story and made it into a script."
  - id: liu-cold
    category: production
    questions: [what did rene liu say about the shoot]
    answer: painfully cold
    kind: text
    text: Liu remarked that shooting in minus 40 degrees Celsius weather was painfully cold.
    source: {document: wiki, quote: "Liu remarked that shooting scenes in minus 40 degrees"}
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    path = tmp_path_factory.mktemp("pack") / "composed.yaml"
    path.write_text(PACK, encoding="utf-8")
    return Matcher(load_fact_base([path], SEEDS))


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what did the guy in charge of the photography tell her", "lee-cinema"),  # after
        ("what did the camera fellow tell her", "lee-cinema"),  # before the head
        ("what did the woman who helmed it say about the shoot", "liu-cold"),  # a clause
        ("what did the debut filmmaker lady say about the shoot", "liu-cold"),
    ],
)
def test_a_description_nobody_listed_reaches_what_it_describes(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    result = matcher.ask(question)
    assert result.matched, result.suggestions
    assert result.fact is not None and result.fact.id == fact_id


@pytest.mark.parametrize(
    "question",
    [
        "what did the man say",  # a head without a mark: any man
        "what did the man who filmed it say",  # a mark both men carry
        "what did the lady in charge of the photography say",  # a mark of a man, not a woman
    ],
)
def test_a_phrase_that_fits_no_one_alias_stands_for_no_one(matcher: Matcher, question: str) -> None:
    terms = matcher.index.analyzer.analyze(question).terms
    assert not [t for t in terms if t.startswith("@")], terms


def test_a_description_listed_word_for_word_outranks_one_read_by_its_marks(
    matcher: Matcher,
) -> None:
    # "winter" is one of Mark Lee's marks here, but the pack says "the winter man" is Zhang Yibai
    terms = matcher.index.analyzer.analyze("what did the winter man say").terms
    assert "@zhangyibai" in terms and "@markleepingbing" not in terms, terms


def write_pack(tmp_path: Path, old: str, new: str) -> Path:
    assert old in PACK
    path = tmp_path / "broken.yaml"
    path.write_text(PACK.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        (
            "    marks: [produce, script, film]\n",
            "",
            "heads: [man, producer]",
            "heads without marks: every phrase with such a head would be read as this alias",
        ),
        (
            "    heads: [man, producer]\n",
            "",
            "marks: [produce, script, film]",
            "marks without heads: a mark is only read on a phrase with one of its heads",
        ),
        (
            "marks: [direct, debut]",
            "marks: [direct, of the]",
            "marks: [direct, of the]",
            "mark 'of the' has no word of its own: it would fit nearly every phrase",
        ),
        (
            "heads: [woman, director]",
            "heads: [woman, the woman who made it]",
            "heads: [woman, the woman who made it]",
            "head 'the woman who made it' is not a noun",
        ),
        ("marks: [direct, debut]", "marks: direct", "marks: direct", "marks must be a list"),
    ],
)
def test_a_bad_heads_or_marks_entry_is_reported_at_its_line(
    tmp_path: Path, old: str, new: str, at: str, message: str
) -> None:
    path = write_pack(tmp_path, old, new)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if at in text)
    problems = [str(p) for p in check([path], SEEDS)]
    assert any(f"broken.yaml:{line}:" in p and message in p for p in problems), problems


# On the shipped pack: wordings of its reviews, people and companies that no description lists.
@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        (
            "what did the fellow in charge of the lenses tell the director about cinema",
            "mark-lee-cinema-language",
        ),
        ("what does the longer critique say about beijing", "wynne-beijing-heartless"),
        ("what does the railway employee want from xiaoxiao", "wynne-inspector-goal"),
    ],
)
def test_shipped_heads_and_marks_reach_their_facts(
    fact_base: FactBase, question: str, fact_id: str
) -> None:
    result = Matcher(fact_base).ask(question)
    assert result.matched, result.suggestions
    assert result.fact is not None and result.fact.id == fact_id
