"""Measure /ask on a development set, side by side with two baselines.

A dev set (YAML) has ``answerable`` entries ``{q: question, ids: [fact ids]}`` (any listed id
counts as right) and ``refuse`` entries (plain questions the bot must not answer).

For each system we report top-1 accuracy on the answerable questions (answered, with one of the
listed facts) and the abstention rate on the rest. The baselines only give a best fact and a
score, so each is shown at the threshold that maximises the mean of those two rates on this very
set, which flatters them; the bot runs at its fixed threshold.

- ``wratio``: rapidfuzz ``process.extractOne`` with ``WRatio`` over every phrasing in the base.
- ``bm25``: ``rank_bm25.BM25Okapi`` over every phrasing (a test dependency, imported lazily).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process, utils

from bot.core.matching import Matcher
from bot.core.model import FactBase
from bot.core.text import normalize, tokens


class DevSetError(Exception):
    """A dev set file that cannot be read; the message says where and how to fix it."""


@dataclass(frozen=True, slots=True)
class DevSet:
    answerable: tuple[tuple[str, frozenset[str]], ...]
    refuse: tuple[str, ...]

    def copied(self, fact_base: FactBase) -> set[str]:
        """Questions of this set that the pack has as phrasings, word for word (normalised).

        They no longer measure how the bot copes with unseen wording."""
        phrasings = {normalize(q) for f in fact_base.facts for q in f.questions}
        asked = [q for q, _ in self.answerable] + list(self.refuse)
        return {q for q in asked if normalize(q) in phrasings}

    def without(self, questions: set[str]) -> DevSet:
        return DevSet(
            tuple(a for a in self.answerable if a[0] not in questions),
            tuple(q for q in self.refuse if q not in questions),
        )

    def unknown_ids(self, fact_base: FactBase) -> list[str]:
        """Fact ids the set expects that the base does not have."""
        wanted = {i for _, ids in self.answerable for i in ids}
        return sorted(wanted - set(fact_base.by_id))


def load_dev_set(path: Path) -> DevSet:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DevSetError(f"{path}: cannot read the dev set ({exc.strerror}).") from exc
    except yaml.YAMLError as exc:
        raise DevSetError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("answerable"), list):
        raise DevSetError(f"{path}: expected a mapping with `answerable:` and `refuse:` lists.")
    answerable: list[tuple[str, frozenset[str]]] = []
    for n, item in enumerate(data["answerable"], 1):
        ok = isinstance(item, dict) and isinstance(item.get("q"), str)
        ids = item.get("ids") if ok else None
        if not ok or not isinstance(ids, list) or not ids:
            raise DevSetError(
                f"{path}: answerable entry {n} must look like {{q: question, ids: [fact-id]}}."
            )
        answerable.append((item["q"], frozenset(str(i) for i in ids)))
    refuse = data.get("refuse") or []
    if not isinstance(refuse, list):
        raise DevSetError(f"{path}: `refuse:` must be a list of questions.")
    for n, question in enumerate(refuse, 1):
        if not isinstance(question, str):
            raise DevSetError(
                f"{path}: refuse entry {n} ({question!r}) is not text; put it in quotes."
            )
    return DevSet(tuple(answerable), tuple(refuse))


@dataclass(slots=True)
class Score:
    name: str
    answered_right: float  # share of answerable questions answered with a listed fact
    refused_right: float  # share of the others left unanswered
    threshold: float
    misses: list[str] = field(default_factory=list)  # human-readable failures


# A baseline: question -> (best fact id or None, score)
Guesser = Callable[[str], tuple[str | None, float]]


def wratio_baseline(fact_base: FactBase) -> Guesser:
    phrasings = [(q, f.id) for f in fact_base.facts for q in f.questions]
    choices = [q for q, _ in phrasings]

    def guess(question: str) -> tuple[str | None, float]:
        found = process.extractOne(
            question, choices, scorer=fuzz.WRatio, processor=utils.default_process
        )
        if found is None:
            return None, 0.0
        return phrasings[found[2]][1], float(found[1])

    return guess


def bm25_baseline(fact_base: FactBase) -> Guesser:
    try:
        from rank_bm25 import BM25Okapi
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise DevSetError("The BM25 baseline needs rank-bm25: pip install -e '.[test]'") from exc
    owners = [f.id for f in fact_base.facts for _ in f.questions]
    bm25 = BM25Okapi([tokens(q) or [""] for f in fact_base.facts for q in f.questions])

    def guess(question: str) -> tuple[str | None, float]:
        words = tokens(question)
        if not words:
            return None, 0.0
        scores = bm25.get_scores(words)
        best = max(range(len(scores)), key=scores.__getitem__)
        return owners[best], float(scores[best])

    return guess


def score_baseline(name: str, guess: Guesser, dev: DevSet, refuse_at_least: float = 0.0) -> Score:
    """The baseline at its best threshold: the best balanced accuracy, among the thresholds
    that refuse at least ``refuse_at_least`` of the questions to refuse (when any does)."""
    answers = [(guess(q), ids) for q, ids in dev.answerable]
    refusals = [guess(q)[1] for q in dev.refuse]
    candidates = sorted({s for (_, s), _ in answers} | set(refusals) | {0.0})
    results = []
    for threshold in candidates:
        # answer when score > threshold
        right = sum(1 for (fid, s), ids in answers if s > threshold and fid in ids)
        refused = sum(1 for s in refusals if s <= threshold)
        results.append(
            Score(name, right / len(answers), refused / max(1, len(refusals)), threshold)
        )
    eligible = [r for r in results if r.refused_right >= refuse_at_least] or results
    return max(eligible, key=_balanced)


def _balanced(score: Score) -> float:
    return (score.answered_right + score.refused_right) / 2


def score_bot(matcher: Matcher, dev: DevSet) -> Score:
    from bot.core.matching import THRESHOLD

    misses: list[str] = []
    right = 0
    for q, ids in dev.answerable:
        result = matcher.ask(q)
        if result.matched and result.fact is not None and result.fact.id in ids:
            right += 1
        else:
            got = result.fact.id if result.fact else "(refused)"
            misses.append(f"answer  {q!r}: got {got} at {result.score}, want {sorted(ids)}")
    refused = 0
    for q in dev.refuse:
        result = matcher.ask(q)
        if result.matched:
            assert result.fact is not None
            misses.append(f"refuse  {q!r}: answered {result.fact.id} at {result.score}")
        else:
            refused += 1
    return Score(
        "bot",
        right / max(1, len(dev.answerable)),
        refused / max(1, len(dev.refuse)),
        THRESHOLD,
        misses,
    )


def evaluate(fact_base: FactBase, dev: DevSet, matcher: Matcher | None = None) -> list[Score]:
    """The bot, then each baseline at its best threshold, then each baseline held to refuse
    at least as often as the bot does (so the answered-right columns compare like for like)."""
    matcher = matcher or Matcher(fact_base)
    bot = score_bot(matcher, dev)
    guessers = [
        ("wratio extractOne", wratio_baseline(fact_base)),
        ("bm25", bm25_baseline(fact_base)),
    ]
    scores = [bot]
    scores += [score_baseline(name, guess, dev) for name, guess in guessers]
    scores += [
        score_baseline(f"{name} @bot refusal", guess, dev, bot.refused_right)
        for name, guess in guessers
    ]
    return scores


def format_table(scores: Sequence[Score], dev: DevSet) -> str:
    lines = [
        f"{len(dev.answerable)} answerable, {len(dev.refuse)} to refuse",
        f"{'system':<32} {'answered right':>15} {'refused right':>14} {'threshold':>10}",
    ]
    for s in scores:
        lines.append(
            f"{s.name:<32} {s.answered_right:>14.1%} {s.refused_right:>14.1%} {s.threshold:>10.2f}"
        )
    return "\n".join(lines)
