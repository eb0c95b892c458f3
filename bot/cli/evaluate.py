"""`python -m bot eval PATH`: the bot vs two baselines on a development set of questions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli._loading import add_pack_option, load_pack_or_report
from bot.eval.match_eval import (
    DevSetError,
    baselines,
    evaluate,
    format_styles,
    format_table,
    load_dev_set,
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot eval",
        description="Top-1 accuracy and abstention of /ask vs WRatio and BM25 baselines.",
    )
    parser.add_argument("path", type=Path, help="dev set YAML, e.g. tests/eval/dev_questions.yaml")
    add_pack_option(parser)
    parser.add_argument("--misses", action="store_true", help="list the bot's wrong answers")
    args = parser.parse_args(argv)
    knowledge = load_pack_or_report(args.pack)
    if knowledge is None:
        return 2
    fact_base = knowledge.facts
    try:
        dev = load_dev_set(args.path)
    except DevSetError as exc:
        print(exc, file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:  # the file is not UTF-8: name the line, no traceback
        line = exc.object[: exc.start].count(b"\n") + 1
        byte = exc.object[exc.start : exc.start + 1].hex()
        print(
            f"{args.path}:{line}: bad byte 0x{byte}: the file is not UTF-8. Fix: save it as UTF-8",
            file=sys.stderr,
        )
        return 2
    missing = dev.unknown_ids(fact_base)
    if missing:
        print(f"note: the pack has no fact {', '.join(missing)}", file=sys.stderr)
    guessers, note = baselines(fact_base)
    if note:
        print(note, file=sys.stderr)
    matcher = knowledge.matcher
    scores = evaluate(fact_base, dev, matcher, guessers)
    print(format_table(scores, dev))
    per_style = format_styles(matcher, dev)
    if per_style:
        print("\n" + per_style)
    copied = dev.copied(fact_base)
    if copied:
        unseen = dev.without(copied)
        print(
            f"\n{len(copied)} of these questions are phrasings in the pack word for word; "
            "on the others only (wording the bot has not seen):"
        )
        print(format_table(evaluate(fact_base, unseen, matcher, guessers), unseen))
    if args.misses:
        for miss in scores[0].misses:
            print(miss)
    return 0
