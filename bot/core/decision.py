"""Answer or refuse: a small calibrated model over the evidence of the /ask ranking.

One score threshold cannot tell "the right fact, phrased oddly" from "a fact sharing two words
with a question about something else": both can score 70. The ranking leaves more evidence than
its top score, so the decision reads it:

- ``top``, ``margin``: the best score and its lead over the best fact that says something
  else (a runner-up giving the same answer, a linked claim, a related figure, or another item of
  the same list close enough that the reply gives the whole list, is no rival);
- ``rival``: that runner-up's score as a share of the best one, which does not shrink with the
  length of a message as the margin does;
- ``agree``: the share of the top three's scores that gives the best fact's claim (the ranking
  hesitating between three unrelated facts is a guess);
- ``unknown``: the share of the question's weight in words no fact has ("hotel", "titanic");
- ``uncovered``: the share of the question's known weight that the top fact lacks;
- ``precision``: how much of the top fact's closest phrasing the question says;
- ``names_missing``: names and numbers the question gives that the top fact lacks;
- ``intent_missing``: the question asks who/when/where/how much and the fact answers another;
- ``no_intent``, ``short``, ``one_word``, ``chat``, ``pronoun``: what kind of question it is
  (``one_word``: a single known word, no name, no question word: "love", "watch");
- ``yes_no``: the question asks whether ("was jing boran a heavy drinker"), which the ranking
  scores below a "who"/"how many" phrasing; the weight learns what that is worth;
- ``evidence``: the weight of the question's words the top fact has, in units of a word no fact
  has (capped at 3): "love" alone is little to go on, "douban user score" much more.

A logistic regression turns these into the probability that the top fact answers the question;
the bot answers when it reaches ``cut``: no score line of its own, so a long chat message whose
words the facts do not share can still be answered when the rest of the evidence is clear.
Its weights are data (``decision_weights.json``),
learned by ``tools/train_decision.py`` from the development question sets only, so the figures
measured on other sets are honest. ``Decision.features`` is what ``ask --json`` shows.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.core.match_index import SOFT_SHARE
from bot.core.match_score import CREDIT_KINDS, ROLE_STEMS
from bot.core.text import normalize

if TYPE_CHECKING:
    from bot.core.match_index import Analysis, FactEntry, Index

WEIGHTS_FILE = Path(__file__).with_name("decision_weights.json")
ONE_WORD_TOP = 0.64  # the least top score (/100) at which one word in chat is a keyword
LIST = 20.0  # another item of the top fact's list this close: the reply is the whole list
FEATURES: tuple[str, ...] = (
    "top",
    "margin",
    "rival",
    "agree",
    "unknown",
    "uncovered",
    "precision",
    "names_missing",
    "intent_missing",
    "no_intent",
    "short",
    "one_word",
    "evidence",
    "chat",
    "pronoun",
    "yes_no",
)


class DecisionModelError(Exception):
    """The weights file does not fit this code; the message says what to retrain."""


@dataclass(frozen=True, slots=True)
class Decision:
    answer: bool
    confidence: float  # estimated probability that the top fact answers the question
    features: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class DecisionModel:
    weights: Mapping[str, float]
    bias: float
    cut: float  # answer when the confidence reaches it

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DecisionModel:
        weights = data.get("weights")
        if not isinstance(weights, dict) or set(weights) != set(FEATURES):
            raise DecisionModelError(
                f"decision weights name features {sorted(weights or {})}, the code computes "
                f"{sorted(FEATURES)}: run `python tools/train_decision.py` to retrain them."
            )
        return cls(
            {k: float(v) for k, v in weights.items()}, float(data["bias"]), float(data["cut"])
        )

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> DecisionModel:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def confidence(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(w * features[name] for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def decide(self, features: Mapping[str, float]) -> Decision:
        p = self.confidence(features)
        return Decision(p >= self.cut and answerable(features), round(p, 3), features)


def answerable(features: Mapping[str, float]) -> bool:
    """Whether the model may answer at all: no fact sharing a word with the question leaves
    nothing to answer with, and one known word in chat ("thanks bot, love you", "what should
    i watch next") is a keyword only when a phrasing says about as much (the development sets
    hold too few such lines for the model to learn it)."""
    chatter = features["one_word"] and features["chat"]
    return features["top"] > 0 and (not chatter or features["top"] >= ONE_WORD_TOP)


def same_claim(a: FactEntry, b: FactEntry) -> bool:
    """Whether two facts say the same thing: linked claims, the same answer, or related figures
    the reply gives beside the answer ($209 million in all, $200 million in ten days)."""
    fa, fb = a.fact, b.fact
    if fb.id in fa.disagrees_with or fb.id in fa.related or fa.id in fb.related:
        return True
    return _plain(fa.answer) == _plain(fb.answer)


@lru_cache(maxsize=4096)
def _plain(answer: str) -> str:
    return normalize(answer)


def person_asked(index: Index, analysis: Analysis) -> str | None:
    """The person a "who is <person>" question asks about ("who's zhou dongyu", "who is the
    lead actress"), or None: every fact naming that person says who they are in the film (their
    part, their job, the film they lead), so such facts are no rivals of one another."""
    terms = [t for t in analysis.terms if t not in index.implicit]
    if analysis.intent != "who" or analysis.yes_no or len(terms) != 1:
        return None
    term = terms[0]
    aliases = index.analyzer.aliases
    return term if term.startswith("@") and aliases.kind(term[1:]) == "person" else None


def evidence(
    index: Index, analysis: Analysis | None, ranked: Sequence[tuple[FactEntry, float]]
) -> dict[str, float]:
    """The features of FEATURES for a question's analysis and its ranking (best first)."""
    if analysis is None or not ranked:
        return dict.fromkeys(FEATURES, 0.0)
    best, top = ranked[0]

    person = person_asked(index, analysis)

    def agrees(e: FactEntry, s: float) -> bool:
        group = best.fact.group
        return (
            same_claim(best, e)
            or (bool(group) and e.fact.group == group and s >= top - LIST)
            or (person is not None and person in e.weights)
        )

    rival = next((s for e, s in ranked[1:] if not agrees(e, s)), 0.0)
    three = ranked[:3]
    mass = sum(s for _, s in three)
    agreeing = sum(s for e, s in three if e is best or agrees(e, s))
    idf, implicit = index.idf, index.implicit
    known = unknown = lacked = covered = 0.0
    asked: set[str] = set()
    # "mark lee ping bing job": a credit need not say "job" (as the ranking reads it)
    credit = best.fact.kind in CREDIT_KINDS and any(t in idf for t in analysis.entities)
    for term in analysis.terms:
        if term in implicit:
            continue
        w = idf.get(term)
        if w is None:
            unknown += index.unknown_idf
        else:
            known += w
            asked.add(term)
            share = best.weights.get(term, 0.0)
            if credit and term in ROLE_STEMS:
                share = max(share, 1.0 - SOFT_SHARE)
            lacked += w * (1.0 - share)
            covered += w * best.weights.get(term, 0.0)
    precision = max(
        (
            sum(w for t, w in zip(p.terms, p.weights, strict=True) if t in asked) / p.total
            for p in best.phrasings
            if p.total
        ),
        default=0.0,
    )
    names = [t for t in analysis.entities if t not in implicit]
    one_word = len(asked) == 1 and not names and not unknown and not analysis.intent
    missing = sum(1 for t in names if t not in best.weights)
    intent = analysis.intent or analysis.noun_intent
    return {
        "top": top / 100.0,
        "margin": (top - rival) / 100.0,
        "rival": rival / top if top else 1.0,
        "agree": agreeing / mass if mass else 0.0,
        "unknown": unknown / (known + unknown) if known + unknown else 0.0,
        "uncovered": lacked / known if known else 0.0,
        "precision": precision,
        "names_missing": float(missing),
        "intent_missing": float(bool(intent) and intent not in best.intents),
        "no_intent": float(not intent),
        "short": 1.0 / (1.0 + len(analysis.terms)),
        "one_word": float(one_word),
        "evidence": min(3.0, covered / index.unknown_idf),
        "chat": float(analysis.chat is not None),
        "pronoun": float(analysis.pronoun),
        "yes_no": float(analysis.yes_no),
    }
