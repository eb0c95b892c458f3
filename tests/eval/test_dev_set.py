"""/ask measured on the development set against both baselines (issue 3).

The targets are 97% answered right and 96% refused right (issues 3 and 10), ahead of both
baselines. Since issue 10 a learned decision (bot/core/decision.py, trained on dev, fresh and
blind_a) answers or refuses. Dev: 97.4% answered right, 97.6% refused right, 1.7% wrong answers
(the threshold it replaced: 97.4%, 96.0%, 2.2%); fresh 92.0% / 88.7%, 6.4% wrong (was 7.4%);
held-out 94.0% / 100.0%, 1.4% wrong (unchanged); blind_a 57.4% / 86.0%, 6.6% wrong (was 7.6%).
Without the score line (issue 9), trained on dev, fresh, blind_a and blind_b, with the reading
of issue 9 (asides, two questions, the film vs a person, actors vs characters, opposite sides,
real English words left alone) and the pack's descriptions: dev 97.6% / 99.2%, 0.7% wrong;
fresh 94.7% / 88.7%, 5.9%; held-out 96.0% / 100.0%, 1.4%; blind_a 71.6% / 86.0%, 7.1%;
blind_b 70.1% / 80.0%, 10.7% (a list answer that gives a right fact counts as right).
Reading what kind of detail a question asks (a fact saying "a rival studio" does not say which
studio sued; "taiwan release date" asks when; other films, a cause of death, an activity, a
title, a figure now or in all, a part's actor), decision retrained with blind_c too: dev 98.0%
/ 99.2%, 0.9% wrong; fresh 95.4% / 96.0%, 3.4%; held-out 96.0% / 100.0%, 1.4%; blind_a 74.7% /
96.0%, 4.0%; blind_b 72.7% / 88.0%, 6.5%; blind_c 74.7% / 88.0%, 5.0% (from 73.0% / 74.0%,
9.6%).
Before issue 10:
Measured (455 answerable, 125 to refuse): 97.4% / 96.0%; on the 406 whose wording is not a pack
phrasing, 97.0% / 96.0%. WRatio answers 56.0% and refuses 93.6%, BM25 63.5% / 93.6% (each at
its best threshold). On ``heldout_questions.yaml``, never tuned on: 94.0% / 100.0%; on
``fresh_questions.yaml`` (written from seeds/ only): 92.0% / 88.7%.
``blind_a.yaml`` (three styles, written from seeds/ only), first run: 33.1% / 82.0%
(terse 88.0%, chat 8.3%, paraphrase 2.0% answered right).
``blind_c.yaml`` (a development set since), first run: 60.1% / 76.0%
(terse 96.0%, chat 57.1%, paraphrase 26.5% answered right), 9.1% wrong.
``blind_d.yaml`` (a development set since its second run), first run: 55.8% / 82.0%
(terse 93.9%, chat 46.9%, paraphrase 26.5% answered right), 7.6% wrong.
``blind_e.yaml`` (a development set since its second run), first run: 68.9% / 87.8%
(terse 98.0%, chat 66.0%, paraphrase 42.0% answered right), 5.5% wrong.
``blind_f.yaml`` (a development set since its second run), first run: 56.3% / 87.5%
(terse 92.3%, chat 52.0%, paraphrase 22.4% answered right), 6.5% wrong; second run at the end
of that session 54.3% / 85.4%, 7.0% wrong: the session's dev-set gains did not carry over.
``blind_g.yaml`` (a development set since its second run), first run: 61.3% / 85.7%
(terse 88.2%, chat 54.0%, paraphrase 40.8% answered right), 7.5% wrong; second run at the end
of that session 63.3% / 85.7% (terse 90.2%, chat 56.0%, paraphrase 42.9%), 7.0% wrong.
``blind_h.yaml`` (a development set since its second run), first run: 63.1% / 78.0%
(terse 98.0%, chat 56.0%, paraphrase 34.7% answered right), 11.1% wrong; second run at the end
of that session 62.4% / 78.0% (terse 98.0%, chat 56.0%, paraphrase 32.7%), 11.1% wrong: the
session's dev-set gains did not carry over.
``blind_i.yaml`` (held out: only its labels are checked here), first run: 57.3% / 82.0%
(terse 98.0%, chat 50.0%, paraphrase 24.0% answered right), 9.0% wrong; second run at the end
of that session 59.3% / 82.0% (terse 98.0%, chat 54.0%, paraphrase 26.0%), 8.5% wrong.
The floors are the issue's targets, so a change that loses real ground fails here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bot.core.matching import Matcher
from bot.core.model import FactBase
from bot.eval.match_eval import DevSet, Score, baselines, evaluate, load_dev_set, score_bot

DEV_SET = Path(__file__).with_name("dev_questions.yaml")
HELD_OUT = Path(__file__).with_name("heldout_questions.yaml")
FRESH = Path(__file__).with_name("fresh_questions.yaml")  # written from seeds/ only, late
BLIND_A = Path(__file__).with_name("blind_a.yaml")  # three styles, blind until its first run
BLIND_B = Path(__file__).with_name("blind_b.yaml")  # three styles; a development set since
BLIND_C = Path(__file__).with_name("blind_c.yaml")  # three styles; a development set since
BLIND_D = Path(__file__).with_name("blind_d.yaml")  # three styles; a development set since
BLIND_E = Path(__file__).with_name("blind_e.yaml")  # three styles; a development set since
BLIND_F = Path(__file__).with_name("blind_f.yaml")  # three styles; a development set since
BLIND_G = Path(__file__).with_name("blind_g.yaml")  # three styles; a development set since
BLIND_H = Path(__file__).with_name("blind_h.yaml")  # three styles; a development set since
BLIND_I = Path(__file__).with_name("blind_i.yaml")  # held out: only its labels are checked here
ANSWERED_FLOOR = 0.97
REFUSED_FLOOR = 0.96  # issue 10: development sets do not fall below 97% / 96%
UNSEEN_ANSWERED_FLOOR = 0.96  # questions whose wording the pack does not contain
# The development sets written from seeds/ only: (answered right at least, wrong answers at
# most, of all questions), a point or two below what the bot measures, so that a change giving
# back what was won fails here. Wrong answers are what the issues count worst.
KEPT = {
    FRESH: (0.93, 0.055),
    BLIND_A: (0.72, 0.06),
    BLIND_B: (0.70, 0.08),
    BLIND_C: (0.72, 0.065),
    BLIND_D: (0.60, 0.055),
    BLIND_E: (0.67, 0.065),
    BLIND_F: (0.58, 0.07),
    BLIND_G: (0.69, 0.06),
    BLIND_H: (0.60, 0.12),
}


@pytest.fixture(scope="module")
def dev() -> DevSet:
    return load_dev_set(DEV_SET)


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


@pytest.fixture(scope="module")
def scores(fact_base: FactBase, dev: DevSet, matcher: Matcher) -> list[Score]:
    # Each baseline is scored twice (at its best threshold, then held to the bot's refusals):
    # its guesses, a pure function of the question, are worked out once.
    guessers = [(name, cache(guess)) for name, guess in baselines(fact_base)[0]]
    return evaluate(fact_base, dev, matcher, guessers)


def test_dev_set_is_big_enough_and_names_real_facts(dev: DevSet, fact_base: FactBase) -> None:
    assert len(dev.answerable) >= 200
    assert len(dev.refuse) >= 40
    assert dev.unknown_ids(fact_base) == [], "the dev set names facts the pack does not have"


@pytest.mark.parametrize(
    "path",
    [
        HELD_OUT,
        FRESH,
        BLIND_A,
        BLIND_B,
        BLIND_C,
        BLIND_D,
        BLIND_E,
        BLIND_F,
        BLIND_G,
        BLIND_H,
        BLIND_I,
    ],
)
def test_other_sets_name_real_facts(fact_base: FactBase, path: Path) -> None:
    assert load_dev_set(path).unknown_ids(fact_base) == []


def test_bot_keeps_its_accuracy_and_beats_both_baselines(scores: list[Score]) -> None:
    bot, wratio, bm25 = scores[:3]
    report = "\n".join(bot.misses)
    assert bot.answered_right >= ANSWERED_FLOOR, report
    assert bot.refused_right >= REFUSED_FLOOR, report
    for baseline in (wratio, bm25):
        assert bot.answered_right > baseline.answered_right, baseline.name
        assert bot.refused_right > baseline.refused_right, baseline.name
    # held to refuse as often as the bot, each baseline answers far fewer questions right
    for held in scores[3:]:
        assert held.refused_right >= bot.refused_right
        assert bot.answered_right > held.answered_right + 0.2, held.name


def test_unseen_wording_is_answered_too(fact_base: FactBase, dev: DevSet, matcher: Matcher) -> None:
    unseen = dev.without(dev.copied(fact_base))
    bot = score_bot(matcher, unseen)  # the bot only: no baseline is compared here
    assert bot.answered_right >= UNSEEN_ANSWERED_FLOOR, "\n".join(bot.misses)
    assert bot.refused_right >= REFUSED_FLOOR, "\n".join(bot.misses)


@pytest.mark.parametrize("path", list(KEPT))
def test_sets_written_from_the_seeds_keep_their_answers_and_few_wrong_ones(
    matcher: Matcher, path: Path
) -> None:
    answered, wrong = KEPT[path]
    bot = score_bot(matcher, load_dev_set(path))
    report = "\n".join(bot.misses)
    assert bot.answered_right >= answered, report
    assert bot.wrong <= wrong, report
