"""`python -m bot ask`: answer questions from the fact base at the command line.

    python -m bot ask "who directed it"          # the reply and its source, for a person
    python -m bot ask --json "who directed it"   # one JSON object
    python -m bot ask --json - < questions.txt   # one JSON object per input line, in order

JSON fields: ``matched`` (bool), ``answer`` (the reply a user sees; "" when not matched),
``fact_id`` (or null), ``score`` (0-100), ``source`` (``{document, quote}`` or null),
``suggestions`` (questions to try instead), ``answering`` (the question the answer answers, or
null) and ``decision`` (``{answer, confidence, features}``: the evidence read from the ranking
and the call made on it, with ``not_given``, what the best fact lacks that the question asks,
when that refused it: "a year", "a name"; null for an unusable input) and ``read``
(``{question, context, questions, aside}``: the words the ranking went by, the message's other
sentences kept as context, those read as questions of their own, and those set aside as about
the asker, each with its chat dropped; null for an unusable input).
Exit status: 0 answered (always 0 for ``-``), 1 not answered, 2 bad usage or a broken fact pack.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli._loading import add_pack_option, load_indexed_or_report, replace_undecodable
from bot.core.matching import AskResult


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot ask",
        description="Answer a question about the film from the fact base, with its source.",
    )
    parser.add_argument(
        "question", nargs="+", help='the question, or "-" to read one question per line'
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_pack_option(parser)
    args = parser.parse_args(argv)
    knowledge = load_indexed_or_report(args.pack)
    if knowledge is None:
        return 2
    matcher = knowledge.matcher
    if args.question == ["-"]:
        replace_undecodable(sys.stdin)
        replace_undecodable(sys.stdout)
        for line in sys.stdin:
            result = matcher.ask(line.rstrip("\r\n"))
            print(_as_json(result) if args.json else as_text(result), flush=True)
        return 0
    result = matcher.ask(" ".join(args.question))
    print(_as_json(result) if args.json else as_text(result))
    return 0 if result.matched else 1


def as_dict(result: AskResult) -> dict[str, Any]:
    """The JSON object of one answer (the fields `ask --json` documents)."""
    fact = result.fact
    return {
        "matched": result.matched,
        "answer": result.reply,
        "fact_id": fact.id if fact else None,
        "score": result.score,
        "source": {"document": fact.source.document, "quote": fact.source.quote} if fact else None,
        "suggestions": list(result.suggestions),
        "answering": result.answering or None,
        "decision": _decision(result),
        "read": _read(result),
    }


def _read(result: AskResult) -> dict[str, Any] | None:
    r = result.reading
    if r is None:
        return None
    return {
        "question": r.question,
        "context": list(r.context),
        "questions": list(r.questions),
        "aside": list(r.aside),
    }


def _decision(result: AskResult) -> dict[str, Any] | None:
    d = result.decision
    if d is None:
        return None
    features = {k: round(v, 3) for k, v in d.features.items()}
    out = {"answer": d.answer, "confidence": d.confidence, "features": features}
    if result.not_given:  # refused: the best fact lacks what is asked ("a year")
        out["not_given"] = result.not_given
    return out


def _as_json(result: AskResult) -> str:
    import json  # only for --json

    return json.dumps(as_dict(result), ensure_ascii=False)


def as_text(result: AskResult) -> str:
    """The reply a person reads: the answer, or the refusal and the questions to try instead."""
    if result.matched:
        return result.reply
    lines = [result.refusal]
    lines += [f"  • {s}" for s in result.suggestions]
    return "\n".join(lines)
