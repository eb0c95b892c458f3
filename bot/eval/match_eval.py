"""Measure /ask on a development set, side by side with two baselines.

A dev set (YAML) has ``answerable`` entries ``{q: question, ids: [fact ids]}`` (any listed id
counts as right) and ``refuse`` entries (plain questions the bot must not answer, or
``{q: question}``). Any entry may carry ``style: terse|chat|paraphrase``; figures are then also
given per style.

For each system we report top-1 accuracy on the answerable questions (answered, with one of the
listed facts; for the bot, a list answer that gives one of them counts), the abstention rate
on the rest, and the *wrong answers* (a wrong fact, or an
answer to a question to refuse) as a share of all questions: a refusal costs a user a retry, a
wrong answer misleads. For the bot we also report, among the answerable questions it refused,
how often a right fact was among its "did you mean" suggestions (top 3). The baselines only give
a best fact and a score, so each is shown at the threshold that maximises the mean of
answered-right and refused-right on this very set, which flatters them.

- ``wratio``: rapidfuzz ``process.extractOne`` with ``WRatio`` over every phrasing in the base.
- ``bm25``: ``rank_bm25.BM25Okapi`` over every phrasing (a test dependency, imported lazily).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process, utils

from bot.core.matching import Matcher
from bot.core.model import FactBase
from bot.core.text import normalize, tokens


class DevSetError(Exception):
    """A dev set file that cannot be read; the message says where and how to fix it."""


STYLES = ("terse", "chat", "paraphrase")


@dataclass(frozen=True, slots=True)
class DevSet:
    answerable: tuple[tuple[str, frozenset[str]], ...]
    refuse: tuple[str, ...]
    styles: Mapping[str, str] = field(default_factory=dict)  # question -> its `style:`

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
            self.styles,
        )

    def only_style(self, style: str) -> DevSet:
        return DevSet(
            tuple(a for a in self.answerable if self.styles.get(a[0]) == style),
            tuple(q for q in self.refuse if self.styles.get(q) == style),
            self.styles,
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
    styles: dict[str, str] = {}
    for n, item in enumerate(data["answerable"], 1):
        ok = isinstance(item, dict) and isinstance(item.get("q"), str)
        ids = item.get("ids") if ok else None
        if not ok or not isinstance(ids, list) or not ids:
            raise DevSetError(
                f"{path}: answerable entry {n} must look like {{q: question, ids: [fact-id]}}."
            )
        answerable.append((item["q"], frozenset(str(i) for i in ids)))
        _note_style(path, f"answerable entry {n}", item, styles)
    refuse_entries = data.get("refuse") or []
    if not isinstance(refuse_entries, list):
        raise DevSetError(f"{path}: `refuse:` must be a list of questions.")
    refuse: list[str] = []
    for n, item in enumerate(refuse_entries, 1):
        question = item.get("q") if isinstance(item, dict) else item
        if not isinstance(question, str):
            raise DevSetError(f"{path}: refuse entry {n} ({item!r}) is not text; put it in quotes.")
        refuse.append(question)
        if isinstance(item, dict):
            _note_style(path, f"refuse entry {n}", item, styles)
    return DevSet(tuple(answerable), tuple(refuse), styles)


def _note_style(path: Path, where: str, item: dict[str, object], styles: dict[str, str]) -> None:
    style = item.get("style")
    if style is None:
        return
    if style not in STYLES:
        raise DevSetError(
            f"{path}: {where} has style {style!r}; use one of {', '.join(STYLES)} or leave it out."
        )
    styles[str(item["q"])] = str(style)


@dataclass(slots=True)
class Score:
    name: str
    answered_right: float  # share of answerable questions answered with a listed fact
    refused_right: float  # share of the others left unanswered
    threshold: float | None  # None: the bot, which decides without one
    wrong: float = 0.0  # wrong fact or answered a question to refuse, share of ALL questions
    refused_answerable: int = 0  # answerable questions left unanswered
    in_top3: int | None = None  # of those, how many had a right fact among the suggestions
    misses: list[str] = field(default_factory=list)  # human-readable failures

    @property
    def top3(self) -> float | None:
        if self.in_top3 is None or not self.refused_answerable:
            return None
        return self.in_top3 / self.refused_answerable


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
        raise DevSetError(
            "rank-bm25 is not installed (the test requirements add it: "
            ".venv/bin/pip install --require-hashes -r requirements/test.txt)"
        ) from exc
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
    total = max(1, len(answers) + len(refusals))
    results = []
    for threshold in candidates:
        # answer when score > threshold
        right = sum(1 for (fid, s), ids in answers if s > threshold and fid in ids)
        silent = sum(1 for (_, s), _ in answers if s <= threshold)
        refused = sum(1 for s in refusals if s <= threshold)
        wrong = len(answers) - right - silent + len(refusals) - refused
        results.append(
            Score(
                name,
                right / max(1, len(answers)),
                refused / max(1, len(refusals)),
                threshold,
                wrong=wrong / total,
                refused_answerable=silent,
            )
        )
    eligible = [r for r in results if r.refused_right >= refuse_at_least] or results
    return max(eligible, key=_balanced)


def _balanced(score: Score) -> float:
    return (score.answered_right + score.refused_right) / 2


def score_bot(matcher: Matcher, dev: DevSet) -> Score:
    misses: list[str] = []
    right = wrong = silent = in_top3 = 0
    for q, ids in dev.answerable:
        result = matcher.ask(q)
        shown = (result.fact, *result.listed) if result.fact is not None else ()
        if result.matched and any(f.id in ids for f in shown):  # a list holding it answers it
            right += 1
        elif result.matched and result.fact is not None:
            wrong += 1
            misses.append(
                f"wrong   {q!r}: got {result.fact.id} at {result.score}, want {sorted(ids)}"
            )
        else:
            silent += 1
            offered = [f.id for f in result.suggested]
            hit = any(i in ids for i in offered[:3])
            in_top3 += hit
            where = "a right fact suggested" if hit else f"suggested {offered}"
            misses.append(f"refused {q!r} at {result.score}, want {sorted(ids)}; {where}")
    refused = 0
    for q in dev.refuse:
        result = matcher.ask(q)
        if result.matched:
            assert result.fact is not None
            wrong += 1
            misses.append(f"wrong   {q!r}: answered {result.fact.id} at {result.score}, refuse")
        else:
            refused += 1
    return Score(
        "bot",
        right / max(1, len(dev.answerable)),
        refused / max(1, len(dev.refuse)),
        None,
        wrong=wrong / max(1, len(dev.answerable) + len(dev.refuse)),
        refused_answerable=silent,
        in_top3=in_top3,
        misses=misses,
    )


def baselines(fact_base: FactBase) -> tuple[list[tuple[str, Guesser]], str]:
    """The baselines that can run here, and a one-line note on any that cannot ("" if none)."""
    guessers = [("wratio extractOne", wratio_baseline(fact_base))]
    try:
        guessers.append(("bm25", bm25_baseline(fact_base)))
    except DevSetError as exc:
        return guessers, f"note: BM25 baseline skipped: {exc}"
    return guessers, ""


def evaluate(
    fact_base: FactBase,
    dev: DevSet,
    matcher: Matcher | None = None,
    guessers: Sequence[tuple[str, Guesser]] | None = None,
) -> list[Score]:
    """The bot, then each baseline at its best threshold, then each baseline held to refuse
    at least as often as the bot does (so the answered-right columns compare like for like)."""
    matcher = matcher or Matcher(fact_base)
    bot = score_bot(matcher, dev)
    if guessers is None:
        guessers = baselines(fact_base)[0]
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
        f"{'system':<32} {'answered right':>15} {'wrong (of all)':>15} {'refused right':>14}"
        f" {'top-3 of refused':>17} {'threshold':>10}",
    ]
    for s in scores:
        top3 = "-" if s.top3 is None else f"{s.top3:.1%} ({s.in_top3}/{s.refused_answerable})"
        threshold = "own rule" if s.threshold is None else f"{s.threshold:.2f}"
        lines.append(
            f"{s.name:<32} {s.answered_right:>14.1%} {s.wrong:>15.1%} {s.refused_right:>14.1%}"
            f" {top3:>17} {threshold:>10}"
        )
    return "\n".join(lines)


def format_styles(matcher: Matcher, dev: DevSet) -> str:
    """The bot's figures per `style:` of the set's entries ("" when none carries one)."""
    lines = []
    for style in STYLES:
        part = dev.only_style(style)
        if not part.answerable and not part.refuse:
            continue
        s = score_bot(matcher, part)
        top3 = "-" if s.top3 is None else f"{s.top3:.1%}"
        line = f"{style:<12} {len(part.answerable):>4} answerable {s.answered_right:>6.1%} right"
        if part.refuse:
            line += f"; {len(part.refuse):>3} to refuse {s.refused_right:>6.1%} refused"
        lines.append(f"{line}; wrong {s.wrong:.1%} of all; top-3 of refused {top3}")
    return "\n".join(["bot per style:", *lines]) if lines else ""
