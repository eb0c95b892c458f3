"""Learn the /ask decision (answer or refuse) from the development question sets.

    .venv/bin/python tools/train_decision.py            # writes bot/core/decision_weights.json
    .venv/bin/python tools/train_decision.py --dry-run  # prints the fit, writes nothing
    .venv/bin/python tools/train_decision.py --cross    # leave one set out: the figures that count

Each question of the development sets gives one example: the features ``bot.core.decision``
reads from the ranking, labelled 1 when the top-ranked fact (or the list it answers with) is one
the set accepts, 0 when it is another fact or the question is one to refuse. A logistic
regression (Newton's method, a little L2) fits the weights; a coordinate search then adjusts
them to maximise right answers minus ``WRONG_COST`` times wrong answers on the same examples (a
wrong answer misleads, a refusal with good suggestions costs a retry) while keeping the first
set at its floors.
Only DEV_SETS are read: the held-out sets stay unseen.

In-sample figures flatter any feature or rule grown from a set's misses. ``--cross`` trains on
all development sets but one and scores the one left out, for each set in turn: the mean of
those figures is what a change must improve (or at least not lower) to be kept.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.decision import FEATURES, WEIGHTS_FILE, DecisionModel, answerable  # noqa: E402
from bot.core.facts import load_fact_base  # noqa: E402
from bot.core.matching import Matcher  # noqa: E402
from bot.eval.match_eval import load_dev_set  # noqa: E402

EVAL = ROOT / "tests" / "eval"
# never heldout_questions.yaml (measured only) nor a blind set before its second run (held out)
DEV_SETS = (
    "dev_questions.yaml",
    "fresh_questions.yaml",
    "blind_a.yaml",
    "blind_b.yaml",
    "blind_c.yaml",
    "blind_d.yaml",
    "blind_e.yaml",
    "blind_f.yaml",
    "blind_g.yaml",
)
WRONG_COST = 3.0
L2 = 5.0  # chosen by --cross (1 to 30 tried): fewer wrong answers on the left-out sets than 10
# The sign each feature's weight must keep: what the feature means (more margin never argues for
# refusing, a name the fact lacks never for answering). The coordinate search may otherwise buy
# a few in-sample answers with a weight of the wrong sign on a feature few examples carry (the
# "addressed to the bot" flag went to +1 on six examples); features with no sign are free.
SIGNS = {
    "top": 1,
    "margin": 1,
    "rival": -1,
    "agree": 1,
    "unknown": -1,
    "uncovered": -1,
    "precision": 1,
    "names_missing": -1,
    "intent_missing": -1,
    "one_word": -1,
    "evidence": 1,
    "chat": -1,
}
# The first set is the one the project's floors hold the bot to (tests/eval/test_dev_set.py):
# the cut keeps its answered-right and refused-right shares at least this high when it can.
KEEP_ANSWERED = 0.972
KEEP_REFUSED = 0.962


@dataclass(frozen=True, slots=True)
class Example:
    features: list[float]
    label: int  # 1: the top fact (or its list) is one the set accepts
    role: str  # "answer"/"refuse" for the first set's floors, "" elsewhere
    allowed: bool  # whether the model may answer at all
    source: str  # the set it comes from
    answerable: bool  # the set has an answer for it (else it is one to refuse)


def examples(matcher: Matcher) -> list[Example]:
    out: list[Example] = []
    for name in DEV_SETS:
        path = EVAL / name
        if not path.exists():
            continue
        dev = load_dev_set(path)
        asked = [(q, ids) for q, ids in dev.answerable] + [(q, frozenset()) for q in dev.refuse]
        for question, ids in asked:
            result = matcher.ask(question)
            if result.decision is None:
                continue
            ranked = matcher.rank(question, limit=1)
            # a list answer (cast, box-office figures) that gives a right fact answers it too
            shown = [ranked[0].entry.fact, *matcher.listed(ranked)] if ranked else []
            label = int(any(f.id in ids for f in shown))
            role = "" if name != DEV_SETS[0] else "answer" if ids else "refuse"
            features = result.decision.features
            out.append(
                Example(
                    [features[f] for f in FEATURES],
                    label,
                    role,
                    answerable(features),
                    name,
                    bool(ids),
                )
            )
        print(f"{name}: {len(asked)} questions", file=sys.stderr, flush=True)
    return out


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the system is small and well-posed)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col]:
                k = m[r][col] / m[col][col]
                m[r] = [x - k * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit(data: list[Example], l2: float = L2, iterations: int = 30) -> list[float]:
    """Weights (bias last) of an L2-regularised logistic regression."""
    n = len(FEATURES) + 1
    w = [0.0] * n
    for _ in range(iterations):
        grad = [l2 * x for x in w]
        grad[-1] = 0.0
        hess = [[l2 * (i == j and i < n - 1) for j in range(n)] for i in range(n)]
        for ex in data:
            if not ex.allowed:
                continue  # refused whatever the weights: nothing to learn from
            xs, y = [*ex.features, 1.0], ex.label
            p = _sigmoid(sum(a * b for a, b in zip(w, xs, strict=True)))
            for i in range(n):
                grad[i] += (p - y) * xs[i]
                for j in range(n):
                    hess[i][j] += p * (1 - p) * xs[i] * xs[j]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return w


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def value(w: list[float], data: list[Example], cost: float = WRONG_COST) -> float:
    """Right answers minus WRONG_COST x wrong ones (answer when the linear score is >= 0), with
    a heavy penalty for each question the first set's floors would lose."""
    right = wrong = kept = refused = first = to_refuse = 0
    for ex in data:
        answer = answers(w, ex)
        right += answer and ex.label
        wrong += answer and not ex.label
        if ex.role == "answer":
            first += 1
            kept += answer and ex.label
        elif ex.role == "refuse":
            to_refuse += 1
            refused += not answer
    short = max(0.0, KEEP_ANSWERED * first - kept) + max(0.0, KEEP_REFUSED * to_refuse - refused)
    return right - cost * wrong - 50.0 * short


def answers(w: list[float], ex: Example) -> bool:
    return ex.allowed and sum(a * b for a, b in zip(w, ex.features, strict=False)) + w[-1] >= 0


def figures(w: list[float], data: list[Example]) -> tuple[float, float, float]:
    """Answered right (of answerable), wrong answers (of all), refused right (of the rest)."""
    asked = [ex for ex in data if ex.answerable]
    refuse = [ex for ex in data if not ex.answerable]
    said = [answers(w, ex) for ex in data]
    right = sum(a and ex.label for a, ex in zip(said, data, strict=True) if ex.answerable)
    wrong = sum(a and not ex.label for a, ex in zip(said, data, strict=True))
    kept = sum(not a for a, ex in zip(said, data, strict=True) if not ex.answerable)
    return right / max(1, len(asked)), wrong / max(1, len(data)), kept / max(1, len(refuse))


def train(data: list[Example], l2: float = L2, cost: float = WRONG_COST) -> list[float]:
    return refine(signed(fit(data, l2)), data, cost=cost)


def signed(w: list[float]) -> list[float]:
    """The weights with any of the wrong sign (SIGNS) set to zero."""
    return [
        0.0 if i < len(FEATURES) and v * SIGNS.get(FEATURES[i], 0) < 0 else v
        for i, v in enumerate(w)
    ]


def cross(data: list[Example], l2: float = L2, cost: float = WRONG_COST) -> None:
    """Leave one set out: train on the others, score it; then the in-sample fit for contrast."""
    names = [n for n in DEV_SETS if any(ex.source == n for ex in data)]
    w_all = train(data, l2, cost)
    head = f"{'left out':22} {'right':>7} {'wrong':>7} {'refused':>8}"
    print(head + "   in-sample: right wrong refused")
    rows = []
    for name in names:
        w = train([ex for ex in data if ex.source != name], l2, cost)
        held = [ex for ex in data if ex.source == name]
        got, seen = figures(w, held), figures(w_all, held)
        rows.append((got, seen))
        print(
            f"{name:22} {got[0]:7.1%} {got[1]:7.1%} {got[2]:8.1%}   "
            f"{seen[0]:7.1%} {seen[1]:6.1%} {seen[2]:7.1%}"
        )
    # the sets written from the seeds in three styles are the likeliest image of a new one
    for label, part in (("mean", rows), ("mean of blind_*", rows[-len(_blind(names)) :])):
        if not part:
            continue
        mean = [sum(r[0][i] for r in part) / len(part) for i in range(3)]
        same = [sum(r[1][i] for r in part) / len(part) for i in range(3)]
        print(
            f"{label:22} {mean[0]:7.1%} {mean[1]:7.1%} {mean[2]:8.1%}   "
            f"{same[0]:7.1%} {same[1]:6.1%} {same[2]:7.1%}"
        )


def _blind(names: list[str]) -> list[str]:
    return [n for n in names if n.startswith("blind_")]


def refine(
    w: list[float], data: list[Example], rounds: int = 12, cost: float = WRONG_COST
) -> list[float]:
    """The log-loss fit ranks questions well but is not built to meet the floors at one cut:
    nudge one weight at a time (halving the step each round) while ``value`` improves."""
    w = w[:]
    best = value(w, data, cost)
    step = 1.0
    for _ in range(rounds):
        for i in range(len(w)):
            for delta in (step, -step):
                trial = w[:]
                trial[i] += delta
                if signed(trial) != trial:
                    continue
                got = value(trial, data, cost)
                if got > best:
                    w, best = trial, got
        step /= 2
    return w


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print the weights only")
    parser.add_argument(
        "--cross", action="store_true", help="leave-one-set-out figures; writes nothing"
    )
    parser.add_argument("--l2", type=float, default=L2, help=f"regularisation (default {L2})")
    parser.add_argument(
        "--wrong-cost", type=float, default=WRONG_COST, help=f"(default {WRONG_COST})"
    )
    args = parser.parse_args(argv)
    fact_base = load_fact_base(None)
    # the features do not depend on the weights: a neutral model reads them even when the
    # committed weights name other features
    neutral = DecisionModel(dict.fromkeys(FEATURES, 0.0), 0.0, 0.5)
    data = examples(Matcher(fact_base, neutral))
    if args.cross:
        cross(data, args.l2, args.wrong_cost)
        return 0
    w = train(data, args.l2, args.wrong_cost)
    weights = {f: round(v, 4) for f, v in zip(FEATURES, w, strict=False)}
    cut = 0.5  # the bias carries the cut: answer when the confidence reaches one half
    out = {
        "trained_on": [n for n in DEV_SETS if (EVAL / n).exists()],
        "examples": len(data),
        "wrong_cost": args.wrong_cost,
        "l2": args.l2,
        "keep_answered": KEEP_ANSWERED,
        "keep_refused": KEEP_REFUSED,
        "weights": weights,
        "bias": round(w[-1], 4),
        "cut": cut,
    }
    text = json.dumps(out, indent=2) + "\n"
    print(text)
    if not args.dry_run:
        WEIGHTS_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
