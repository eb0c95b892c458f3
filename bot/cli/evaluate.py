"""`python -m bot eval PATH`: the bot vs two baselines on a development set of questions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.ask import add_pack_option, load_pack_or_report
from bot.core.match_eval import DevSetError, evaluate, format_table, load_dev_set


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot eval",
        description="Top-1 accuracy and abstention of /ask vs WRatio and BM25 baselines.",
    )
    parser.add_argument("path", type=Path, help="dev set YAML, e.g. tests/eval/dev_questions.yaml")
    add_pack_option(parser)
    parser.add_argument("--misses", action="store_true", help="list the bot's wrong answers")
    args = parser.parse_args(argv)
    fact_base = load_pack_or_report(args.pack)
    if fact_base is None:
        return 2
    try:
        dev = load_dev_set(args.path)
    except DevSetError as exc:
        print(exc, file=sys.stderr)
        return 2
    missing = dev.unknown_ids(fact_base)
    if missing:
        print(f"note: the pack has no fact {', '.join(missing)}", file=sys.stderr)
    scores = evaluate(fact_base, dev)
    print(format_table(scores, dev))
    copied = dev.copied(fact_base)
    if copied:
        unseen = dev.without(copied)
        print(
            f"\n{len(copied)} of these questions are phrasings in the pack word for word; "
            "on the others only (wording the bot has not seen):"
        )
        print(format_table(evaluate(fact_base, unseen), unseen))
    if args.misses:
        for miss in scores[0].misses:
            print(miss)
    return 0
