"""The /ask decision: learned weights read from the repo, evidence a user can inspect."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.decision import FEATURES, WEIGHTS_FILE, DecisionModel, DecisionModelError
from bot.core.matching import Matcher
from bot.core.model import FactBase

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))
import train_decision  # noqa: E402 (tools/train_decision.py: the trainer the weights come from)


@pytest.fixture(scope="module")
def matcher(fact_base: FactBase) -> Matcher:
    return Matcher(fact_base)


def test_shipped_weights_cover_every_feature_and_say_what_they_were_trained_on() -> None:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert set(data["weights"]) == set(FEATURES)
    # trained on development sets only: the held-out sets measure it
    assert "dev_questions.yaml" in data["trained_on"]
    # blind_b to blind_h are development sets since their second runs; blind_i is held out
    held_out = ("heldout", "blind_i")
    assert not any(h in n for h in held_out for n in data["trained_on"])
    assert 0.0 < data["cut"] < 1.0


def test_stale_weights_are_reported_with_the_command_that_retrains_them() -> None:
    with pytest.raises(DecisionModelError, match=r"tools/train_decision\.py"):
        DecisionModel.from_dict({"weights": {"top": 1.0}, "bias": 0.0, "cut": 0.5})


def test_an_answer_and_a_refusal_carry_their_evidence(matcher: Matcher) -> None:
    answered = matcher.ask("who directed us and them")
    refused = matcher.ask("who directed titanic")
    assert answered.decision is not None and refused.decision is not None
    assert answered.decision.answer and not refused.decision.answer
    assert answered.decision.confidence > refused.decision.confidence
    assert set(refused.decision.features) == set(FEATURES)
    assert refused.decision.features["unknown"] > 0  # "titanic" is in no fact
    assert answered.decision.features["unknown"] == 0


def test_the_decision_follows_the_weights_not_a_fixed_threshold(fact_base: FactBase) -> None:
    """The same ranking, another model: the call changes, so the data decides."""
    shipped = DecisionModel.load()
    wary = DecisionModel(shipped.weights, shipped.bias, cut=0.999)
    question = "where was it filmed"
    assert Matcher(fact_base).ask(question).matched
    assert not Matcher(fact_base, wary).ask(question).matched


def test_a_chat_message_is_answered_on_its_evidence_without_a_score_line(
    matcher: Matcher,
) -> None:
    """The chat around the question lowers the ranking's score below the old line of 64; the
    rest of the evidence (nothing unknown, a clear lead, a phrasing said in full) answers it."""
    message = (
        "hiya, who was the composer on this one? the whole office keeps humming the melody all week"
    )
    result = matcher.ask(message)
    assert matcher.rank(message, 1)[0].score < 64
    assert result.matched and result.decision is not None
    assert set(result.decision.features) == set(FEATURES)
    assert result.reply.startswith("Answering: ")
    assert "composed by" in result.reply


def test_a_misreading_question_is_refused_by_the_evidence(matcher: Matcher) -> None:
    # the top fact (flight cancelled for bad weather) scores above the old threshold of 64,
    # but its words cover little of the question: no answer beats a wrong one
    result = matcher.ask("what's the weather like")
    assert matcher.rank("what's the weather like", 1)[0].score >= 64
    assert not result.matched


def test_every_answer_says_which_question_it_answers(matcher: Matcher) -> None:
    result = matcher.ask("when did the mv come out")
    assert result.matched and result.fact is not None
    assert result.reply.startswith("Answering: When was the music video released?\n")
    assert result.answering == "When was the music video released?"


def test_a_question_is_judged_on_its_own_words_not_the_chat_around_it(matcher: Matcher) -> None:
    """The sentence before only dilutes "who directed it": the decision reads the question's
    own scores, so the message is answered as the question alone would be."""
    message = "i need this for trivia night at the pub tomorrow. who directed it?"
    result = matcher.ask(message)
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == "director"
    # a name the pack does not know, said around the question, still makes it another film's
    assert not matcher.ask("i rewatched titanic last night. who directed it?").matched


def test_a_yes_no_question_the_top_fact_settles_is_answered(matcher: Matcher) -> None:
    """Whether a question asks yes or no is evidence of its own: the ranking scores such
    questions below the phrasings that ask who or how many, and the decision learns how much
    that says; the same words about someone the fact is not about stay refused. The question
    matches no phrasing word for word (it scores below them), so the decision has to judge it."""
    result = matcher.ask("is jing boran a big drinker")
    assert result.score < 100
    assert result.matched, result.refusal
    assert result.fact is not None and result.fact.id == "jing-boran-allergic-alcohol"
    assert not matcher.ask("is zhou dongyu a big drinker").matched


def test_a_retrain_from_the_saved_examples_gives_the_same_bytes_whatever_the_hash_seed() -> None:
    """Same examples, same trainer: byte-identical weights, here and in processes with other
    string hashes (a set's or a dict's order leaking into the fit would show), so a reviewer
    can reproduce a shipped retrain and a retrain moves only when the rankings do."""
    text = train_decision.read_examples()
    here = train_decision.weights_text(text)
    assert train_decision.weights_text(text) == here
    assert json.loads(here)["examples"] > 2000
    trainer = [sys.executable, str(TOOLS / "train_decision.py"), "--from-file", "--dry-run"]
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(trainer, env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        assert run.stdout == here + "\n"


def test_the_check_says_when_the_shipped_weights_are_not_what_the_examples_train_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = tmp_path / "examples.csv"
    examples.write_text(train_decision.read_examples(), encoding="utf-8")
    weights = tmp_path / "weights.json"
    weights.write_text(train_decision.weights_text(examples.read_text()), encoding="utf-8")
    assert train_decision.check(rankings=False, examples_file=examples, weights_file=weights) == 0
    assert "is what examples.csv trains to, byte for byte" in capsys.readouterr().out
    tuned = json.loads(weights.read_text())
    tuned["weights"]["top"] += 0.01  # a weight edited by hand, or trained by other code
    weights.write_text(json.dumps(tuned, indent=2) + "\n", encoding="utf-8")
    assert train_decision.check(rankings=False, examples_file=examples, weights_file=weights) == 1
    said = capsys.readouterr().out
    assert "weights.json is not what examples.csv trains to" in said
    assert "(the trainer or the weights changed since)" in said and "`--from-file`" in said


def test_saved_examples_of_other_features_are_refused_with_the_command_that_rewrites_them(
    tmp_path: Path,
) -> None:
    text = train_decision.read_examples().replace(",yes_no\n", ",asked_twice\n", 1)
    with pytest.raises(train_decision.ExamplesFileError, match=r"tools/train_decision\.py"):
        train_decision.parse_examples(text, tmp_path / "examples.csv")


def test_the_trainer_keeps_the_first_sets_floor_when_wrong_answers_elsewhere_cost_more() -> None:
    """Dev's floor (97% answered right) outranks the cost of wrong answers on the other sets:
    a retrain never ships weights that fail tests/eval/test_dev_set.py to save a few."""
    top = FEATURES.index("top")

    def example(value: float, label: int, source: str, n: int) -> train_decision.Example:
        features = tuple(value if i == top else 0.0 for i in range(len(FEATURES)))
        role = "answer" if source == train_decision.DEV_SETS[0] else ""
        return train_decision.Example(features, label, role, True, source, True, n)

    dev = [example(0.30 + 0.01 * i, 1, train_decision.DEV_SETS[0], i) for i in range(70)]
    # below a top of 0.5 the other set's questions are all wrong, and many
    other = [example(0.20 + 0.003 * i, 0, "blind_x.yaml", i) for i in range(100)]
    other += [example(0.60 + 0.004 * i, 1, "blind_x.yaml", 100 + i) for i in range(100)]
    w = train_decision.train(dev + other)
    assert train_decision.figures(w, dev)[0] >= 0.97 * len(dev)  # test_dev_set's floor
    assert train_decision.figures(w, other)[1] > 0  # the floor was worth those wrong answers
    # without the floor's set, the same trainer refuses them, and would fail the floor
    alone = train_decision.train(other)
    assert train_decision.figures(alone, other)[1] == 0
    assert train_decision.figures(alone, dev)[0] < 0.97 * len(dev)


def test_the_trainer_reads_each_question_as_the_bot_answers_it(fact_base: FactBase) -> None:
    """An example says what the bot does with the question under the shipped weights, vetoes
    included: a question whose top fact cannot give what is asked is refused whatever the
    confidence, so the trainer must not count it as one the weights answer."""
    shipped = DecisionModel.load()
    ws = [shipped.weights[f] for f in FEATURES] + [shipped.bias]
    neutral = Matcher(fact_base, DecisionModel(dict.fromkeys(FEATURES, 0.0), 0.0, 0.5))
    bot = Matcher(fact_base)
    vetoed = (
        "rene liu won best actress at the asia pacific film festival, which movie was that for?"
    )
    assert bot.ask(vetoed).decision.confidence >= shipped.cut  # type: ignore[union-attr]
    for question in ("who directed us and them", "who directed titanic", vetoed):
        ex = train_decision.example(neutral, question, frozenset({"director"}), "x.yaml")
        assert ex is not None
        assert train_decision.answers(ws, ex) == bot.ask(question).matched, question


def test_the_cross_check_compares_on_the_sets_the_shipped_weights_never_saw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Shipped and retrained weights are judged on the sets the shipped ones were not trained
    on (on the others the shipped weights are scored in-sample); weights from before a feature
    was added read it as zero, so a new feature can be judged against them."""
    data, _ = train_decision.parse_examples(train_decision.read_examples())
    sets = ("blind_e.yaml", "blind_f.yaml")
    part = [ex for ex in data if ex.source in sets]
    old = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    del old["weights"][FEATURES[-1]]  # trained before the last feature existed
    old["trained_on"] = ["blind_e.yaml"]
    against = tmp_path / "old.json"
    against.write_text(json.dumps(old), encoding="utf-8")
    train_decision.cross(part, against=against)
    rows = [line for line in capsys.readouterr().out.splitlines() if "unseen by shipped" in line]
    assert (
        len(rows) == 2
        and rows[0].split()[3] == "shipped"
        and rows[1].split()[3:5]
        == [
            "left",
            "out",
        ]
    )
    weights = [old["weights"].get(f, 0.0) for f in FEATURES] + [old["bias"]]
    right, wrong, kept, asked, refuse = train_decision.figures(
        weights, [ex for ex in part if ex.source == "blind_f.yaml"]
    )
    assert f"{right:4}/{asked:<4}" in rows[0] and f"{kept:3}/{refuse:<3}" in rows[0]
    assert f"right - 3 x wrong: {right - 3 * wrong:g}" in rows[0]
    # weights trained on every set (a retrain just written over the shipped file) have none
    old["trained_on"] = list(sets)
    against.write_text(json.dumps(old), encoding="utf-8")
    train_decision.cross(part, against=against)
    said = capsys.readouterr().out
    assert "unseen by shipped: none (old.json was trained on every set here" in said
