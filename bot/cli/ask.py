"""`python -m bot ask`: answer questions from the fact base at the command line.

    python -m bot ask "who directed it"          # the reply and its source, for a person
    python -m bot ask --json "who directed it"   # one JSON object
    python -m bot ask --json - < questions.txt   # one JSON object per input line, in order

JSON fields: ``matched`` (bool), ``answer`` (the reply a user sees; "" when not matched),
``fact_id`` (or null), ``score`` (0-100), ``source`` (``{document, quote}`` or null),
``suggestions`` (questions to try instead), ``answering`` (the question the answer answers, or
null) and ``decision`` (``{answer, confidence, features}``: the evidence read from the ranking
and the call made on it; null for an unusable input). Exit status: 0 answered (always 0 for ``-``),
1 not answered, 2 bad usage or a broken fact pack.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar

from bot.core.knowledge import Knowledge, load_knowledge
from bot.core.matching import AskResult
from bot.core.pack_paths import FactPackError, PackPathError
from bot.settings import LocalPaths, local_paths

T = TypeVar("T")


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


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack", action="append", type=Path, help="fact pack file or folder (default: facts/)"
    )


def load_pack_or_report(
    paths: list[Path] | None, where: LocalPaths | None = None
) -> Knowledge | None:
    """The knowledge of ``paths`` (else the configured packs) read from the YAML (no index
    cache: for the commands that do not ask the matcher), or None after printing every
    FILE:LINE problem to stderr."""
    from bot.core.facts import load_fact_base  # YAML: not needed when the index is cached

    where = where or local_paths()
    return _reported(lambda: Knowledge(load_fact_base(paths or where.packs, where.seeds_dir)))


def load_indexed_or_report(
    paths: list[Path] | None, where: LocalPaths | None = None
) -> Knowledge | None:
    """The knowledge of ``paths`` (else the configured packs), its /ask matcher from the index
    cache beside the score database when unchanged, or None after printing every FILE:LINE
    problem to stderr."""
    where = where or local_paths()
    packs = paths or where.packs
    return _reported(lambda: load_knowledge(packs, where.seeds_dir, where.index_cache))


def _reported(load: Callable[[], T]) -> T | None:
    try:
        return load()
    except PackPathError as exc:  # a --pack or BOT_FACTS_DIR that cannot be read: one line each
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return None
    except FactPackError as exc:
        print("the fact pack has problems:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return None


def replace_undecodable(stream: TextIO) -> None:
    # Undecodable bytes become U+FFFD instead of a traceback halfway through the input.
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")


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
    }


def _decision(result: AskResult) -> dict[str, Any] | None:
    d = result.decision
    if d is None:
        return None
    features = {k: round(v, 3) for k, v in d.features.items()}
    return {"answer": d.answer, "confidence": d.confidence, "features": features}


def _as_json(result: AskResult) -> str:
    return json.dumps(as_dict(result), ensure_ascii=False)


def as_text(result: AskResult) -> str:
    """The reply a person reads: the answer, or the refusal and the questions to try instead."""
    if result.matched:
        return result.reply
    lines = [result.refusal]
    lines += [f"  • {s}" for s in result.suggestions]
    return "\n".join(lines)
