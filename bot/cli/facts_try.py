"""`python -m bot facts try`: what does a fact's answer accept?

    python -m bot facts try director "Liu Rene"            # one answer, readable verdict
    python -m bot facts try --json - < answers.jsonl         # JSON lines in and out

JSON mode reads lines ``{"fact": ID, "answer": TEXT}`` (from a file, or ``-`` for stdin) and writes
one line ``{"fact", "answer", "correct"}`` for each. A line that cannot be checked (not JSON, not
UTF-8, blank) gets ``{"line": N, "error": MESSAGE}`` instead (and the exit status is 1), so output
line N always answers input line N. Output is ASCII JSON (non-ASCII as \\u escapes), so no raw
byte or line separator (U+2028) can break a reader.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from typing import Any, BinaryIO, TextIO

from bot.cli._loading import add_pack_option, load_pack_or_report
from bot.core.answers import AnswerChecker
from bot.core.model import FactBase
from bot.core.pack_paths import shown_path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot facts try",
        description="Check answers against facts, as the quiz would.",
    )
    parser.add_argument("fact", nargs="?", help="fact id (without --json)")
    parser.add_argument("answer", nargs="*", help="the answer to check (without --json)")
    parser.add_argument(
        "--json",
        metavar="FILE",
        help='read JSON lines {"fact": ID, "answer": TEXT} from FILE ("-" for stdin)',
    )
    add_pack_option(parser)
    args = parser.parse_args(argv)
    knowledge = load_pack_or_report(args.pack)
    if knowledge is None:
        return 2
    base, checker = knowledge.facts, knowledge.checker
    if args.json is not None:
        if args.json == "-":
            return _json_lines(base, checker, sys.stdin.buffer, sys.stdout)
        try:
            with open(args.json, "rb") as handle:
                return _json_lines(base, checker, handle, sys.stdout)
        except OSError as exc:
            print(f"error: cannot read {shown_path(args.json)}: {exc.strerror}", file=sys.stderr)
            return 2
    if not args.fact or not args.answer:
        parser.error('give a fact id and an answer, or --json FILE ("-" for stdin)')
    fact = base.by_id.get(args.fact)
    if fact is None:
        print(_unknown_fact(args.fact, base), file=sys.stderr)
        return 2
    verdict = checker.check(fact, " ".join(args.answer))
    mark = "correct" if verdict.correct else "wrong"
    guess = " ".join(args.answer)
    print(f"{mark}: {guess!r} for {fact.id} (answer {fact.answer!r}): {verdict.reason}")
    return 0 if verdict.correct else 1


def _json_lines(base: FactBase, checker: AnswerChecker, source: BinaryIO, out: TextIO) -> int:
    status = 0
    for number, raw in enumerate(source, start=1):
        try:
            fact_id, answer = _parse(_decode(raw), base)
        except ValueError as exc:
            status = 1
            print(f"line {number}: {exc}", file=sys.stderr)
            out.write(json.dumps({"line": number, "error": str(exc)}) + "\n")
            out.flush()
            continue
        correct = checker(base.by_id[fact_id], answer)
        out.write(json.dumps({"fact": fact_id, "answer": answer, "correct": correct}) + "\n")
        out.flush()
    return status


def _decode(raw: bytes) -> str:
    """One input line as text; bytes that are not UTF-8 are this line's error, not a crash."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = raw[exc.start : exc.start + 1].hex()
        raise ValueError(
            f"not UTF-8 (byte 0x{byte} at column {exc.start + 1}); save the input as UTF-8"
        ) from None
    line = line.removeprefix("\ufeff")
    if not line.strip():
        raise ValueError('blank line; write one object like {"fact": ID, "answer": TEXT} per line')
    return line


def _parse(line: str, base: FactBase) -> tuple[str, str]:
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg}); write one object per line") from None
    if not isinstance(record, dict):
        raise ValueError('each line must be an object like {"fact": "director", "answer": "..."}')
    fact_id, answer = record.get("fact"), record.get("answer")
    if not isinstance(fact_id, str) or not isinstance(answer, str):
        raise ValueError('"fact" and "answer" must both be strings')
    if fact_id not in base.by_id:
        raise ValueError(_unknown_fact(fact_id, base))
    return fact_id, answer


def _unknown_fact(fact_id: str, base: FactBase) -> str:
    close = difflib.get_close_matches(fact_id, list(base.by_id), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; list ids with `facts export`"
    return f"unknown fact id {fact_id!r}{hint}"
