"""Multiple-choice options: same kind, curated first, never a second correct option."""

from __future__ import annotations

import random

import pytest
from quiz_pack import fact, small_pack

from bot.core.answers import AnswerChecker
from bot.core.choices import build_choices
from bot.core.dates import find_dates
from bot.core.model import FactBase
from bot.core.text import normalize, number_value

PACK = small_pack()
CHECK = AnswerChecker(PACK)


def options_for(fact_id: str, pack: FactBase = PACK, seed: int = 1) -> tuple[tuple[str, ...], int]:
    built = build_choices(pack.by_id[fact_id], pack.facts, random.Random(seed), AnswerChecker(pack))
    assert built is not None
    return built


def test_four_options_with_the_answer_at_the_given_index() -> None:
    options, right = options_for("director")
    assert len(options) == 4 and len(set(options)) == 4
    assert options[right] == "Rene Liu"


def test_wrong_options_are_people_for_a_who_question() -> None:
    people = {f.answer for f in PACK.facts if f.kind == "person"} | {"Tian Zhuangzhuang"}
    for seed in range(10):
        options, _ = options_for("producer", seed=seed)
        assert set(options) <= people


def test_curated_distractors_come_first() -> None:
    for seed in range(5):
        options, _ = options_for("director", seed=seed)
        assert "Tian Zhuangzhuang" in options


def test_dates_get_other_dates_and_amounts_get_other_amounts() -> None:
    options, right = options_for("release")
    assert options[right] == "April 28, 2018"
    assert {"April 23, 2018", "June 22, 2018"} <= set(options)  # the pack's other dates
    assert all(find_dates(normalize(o)) for o in options)
    amounts, right = options_for("gross")
    values = [number_value(o) for o in amounts]
    assert all(v is not None for v in values)
    assert len(set(values)) == 4 and values[right] == 209_000_000


def test_never_a_second_correct_option() -> None:
    # Another fact whose answer is the same person spelled differently must not become an option.
    pack = small_pack(
        (
            fact("director", "Rene Liu", "person"),
            fact("writer", "René Liu", "person"),
            fact("author", "Liu Rene", "person"),
            fact("a", "Jing Boran", "person"),
            fact("b", "Zhou Dongyu", "person"),
            fact("c", "Eason Chan", "person"),
        )
    )
    check = AnswerChecker(pack)
    for seed in range(20):
        options, right = options_for("director", pack, seed)
        accepted = [o for o in options if check(pack.by_id["director"], o)]
        assert accepted == [options[right]]


def test_too_few_wrong_options_gives_none() -> None:
    pack = small_pack((fact("t1", "Us and Them", "title"), fact("t2", "We", "title")))
    assert build_choices(pack.by_id["t1"], pack.facts, random.Random(1), CHECK) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_choice_question_of_the_shipped_pack_has_one_right_option(
    fact_base: FactBase, seed: int
) -> None:
    check = AnswerChecker(fact_base)
    rng = random.Random(seed)
    problems = []
    usable = 0
    for f in fact_base.quiz_facts:
        if f.quiz is None or "choice" not in f.quiz.modes:
            continue
        built = build_choices(f, fact_base.facts, rng, check)
        if built is None:
            continue
        usable += 1
        options, right = built
        accepted = [o for o in options if check(f, o)]
        if accepted != [options[right]] or len(set(options)) != len(options):
            problems.append((f.id, options, accepted))
    assert problems == []
    assert usable >= 50
