"""Descriptions in a pack's aliases: "the camera guy" reaches what Mark Lee Ping-bing said, a name
the question gives outranks a description, and a description is never an answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.answers import AnswerChecker
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
    descriptions: [the camera guy, the guy who shot it]
  - canonical: Rene Liu
    kind: person
    variants: []
    descriptions: [the woman in charge]
facts:
  - id: lee-cinema
    category: interview
    questions: [what did mark lee tell her]
    answer: cinema has its own language
    kind: text
    text: Mark Lee Ping-Bing said that cinema has its own language.
    source: {document: mb, quote: "Mark Lee Ping-Bing told me that cinema has its own language."}
  - id: liu-cold
    category: production
    questions: [what did rene liu tell them]
    answer: painfully cold
    kind: text
    text: Liu remarked that shooting in minus 40 degrees Celsius weather was painfully cold.
    source: {document: wiki, quote: "Liu remarked that shooting scenes in minus 40 degrees"}
  - id: cinematographer
    category: production
    questions: [who was the cinematographer]
    answer: Mark Lee Ping-bing
    kind: person
    text: The cinematographer of Us and Them was Mark Lee Ping-bing.
    source: {document: wiki, quote: "Cinematography: Mark Lee Ping-bing"}
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    path = tmp_path_factory.mktemp("pack") / "described.yaml"
    path.write_text(PACK, encoding="utf-8")
    return load_fact_base([path], SEEDS)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what did the camera guy tell her", "lee-cinema"),
        ("what did the guy who shot it tell her", "lee-cinema"),  # a relative clause
        ("what did the woman in charge tell them", "liu-cold"),
    ],
)
def test_a_description_reaches_the_facts_of_what_it_describes(
    base: FactBase, question: str, fact_id: str
) -> None:
    result = Matcher(base).ask(question)
    assert result.fact is not None and result.fact.id == fact_id, result.suggestions


def test_a_name_in_the_question_outranks_a_description_of_someone_else(base: FactBase) -> None:
    matcher = Matcher(base)
    # the description alone points to Mark Lee; with Rene Liu named, her fact comes first
    assert matcher.rank("what did the camera guy tell them")[0].entry.fact.id == "lee-cinema"
    ranked = matcher.rank("what did rene liu and the camera guy tell them")
    assert ranked[0].entry.fact.id == "liu-cold"


def test_a_description_is_no_answer_in_a_quiz(base: FactBase) -> None:
    checker = AnswerChecker(base)
    fact = base.by_id["cinematographer"]
    assert checker(fact, "Mark Lee")
    assert not checker(fact, "the camera guy")


def test_descriptions_that_are_not_a_list_are_reported_at_their_line(tmp_path: Path) -> None:
    broken = PACK.replace(
        "descriptions: [the woman in charge]", "descriptions: the woman in charge"
    )
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")

    problems = [str(p) for p in check([path], SEEDS)]
    assert any("broken.yaml:12" in p and "descriptions must be a list" in p for p in problems), (
        problems
    )


# On the shipped pack: what fans call people and things instead of their names.
@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what did the camera guy say about cinema", "mark-lee-cinema-language"),
        ("what is the male star allergic to", "jing-boran-allergic-alcohol"),
        ("what did the ticket site blame the refunds on", "box-office-refund-explanation"),
        ("what does the restaurant owner refuse to do", "plot-father-refuses-beijing"),
        # what the cast is called: the lead actor
        ("what is the lead actor allergic to", "jing-boran-allergic-alcohol"),
    ],
)
def test_shipped_descriptions_reach_their_facts(
    fact_base: FactBase, question: str, fact_id: str
) -> None:
    result = Matcher(fact_base).ask(question)
    assert result.matched, result.suggestions
    assert result.fact is not None and result.fact.id == fact_id


# "who is <description>" asks who a character is: a description the reading cannot carry in this
# form stays out of the pack ("the female protagonist" read as Xiaoxiao was refused, "the main
# character" read as Jianqing answered with where Xiaoxiao moves)
@pytest.fixture(scope="module")
def shipped(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.mark.parametrize(
    "question", ["who is the female protagonist", "who is his girlfriend", "who is the heroine"]
)
def test_who_is_the_heroine_in_other_words_is_xiaoxiao(shipped: Matcher, question: str) -> None:
    result = shipped.ask(question)
    assert result.matched, result.suggestions
    assert result.fact is not None and result.fact.id == "cast-xiaoxiao"


@pytest.mark.parametrize("question", ["who is the main character", "who is her love interest"])
def test_who_is_the_hero_in_other_words_is_never_another_fact(
    shipped: Matcher, question: str
) -> None:
    result = shipped.ask(question)
    assert not result.matched or (result.fact is not None and result.fact.id == "cast-jianqing")
