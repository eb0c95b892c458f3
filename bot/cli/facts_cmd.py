"""`python -m bot facts check [PATH ...]` and `python -m bot facts export` (JSON).

`python -m bot facts try` has its own module (`bot.cli.facts_try`); it is listed in this parser
only so that the usage and help name every `facts` sub-command.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.cli._json import fact_to_json, quote_to_json
from bot.core.facts import load_fact_base
from bot.core.model import FactBase
from bot.core.pack_paths import (
    FactPackError,
    PackPathError,
    check_paths,
    default_facts_dir,
    default_seeds_dir,
    path_problem,
    shown_path,
)
from bot.settings import local_paths


def export(base: FactBase) -> dict[str, Any]:
    return {
        "facts": [fact_to_json(f) for f in base.facts],
        "quotes": [quote_to_json(q) for q in base.quotes],
    }


EXIT_USAGE = 2


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot facts")
    sub = parser.add_subparsers(dest="action", required=True, metavar="{check,export,try}")
    check = sub.add_parser("check", help="validate packs: FILE:LINE problems, exit 1 on any")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: facts/)")
    check.add_argument("--seeds", type=Path, help="folder of the source documents")
    check.add_argument("--pack", action="append", type=Path, help="same as PATH (repeatable)")
    exp = sub.add_parser("export", help="print the fact base as JSON")
    # JSON is the only format; --json is still accepted so older scripts keep working.
    exp.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    exp.add_argument("paths", nargs="*", type=Path)
    exp.add_argument("--seeds", type=Path, help="folder of the source documents")
    exp.add_argument("--pack", action="append", type=Path, help="same as PATH (repeatable)")
    sub.add_parser("try", help="check answers against facts (JSON lines); see `facts try -h`")
    return parser


def _seeds_folder(seeds: Path | None, paths: list[Path] | None) -> Path:
    """The folder `load_fact_base` will read the documents from (same defaults)."""
    if seeds is not None:
        return seeds
    if paths is None:  # nothing named and no BOT_FACTS_DIR
        return default_seeds_dir(default_facts_dir())
    return default_seeds_dir(next((p for p in paths if not path_problem(p) and p.is_dir()), None))


def _because(why: str | None) -> str:
    return f" ({why})" if why and why != "no such file or folder" else ""


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    named = [*args.paths, *(args.pack or [])]
    try:
        check_paths(named)
    except PackPathError as error:  # one line per path, usage error
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    where = local_paths()
    paths = named or where.packs  # a BOT_FACTS_DIR that cannot be used: reported by the load
    seeds = _seeds_folder(args.seeds or where.seeds_dir, paths)
    why = path_problem(seeds)
    if why is not None or not seeds.is_dir():
        # One line instead of an "unknown source document" for every fact that cites one.
        print(
            f"error: no seeds folder at {shown_path(seeds)}{_because(why)}. "
            "Fix: pass --seeds with the folder "
            "of source documents (the repository's seeds/) or set BOT_SEEDS_DIR.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        base = load_fact_base(paths, seeds)
    except PackPathError as error:  # BOT_FACTS_DIR names something unusable
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except FactPackError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr if args.action == "export" else sys.stdout)
        if args.action == "check":
            print(f"{len(error.problems)} problem(s) found", file=sys.stderr)
        return 1
    if args.action == "check":
        quiz = len(base.quiz_facts)
        print(
            f"ok: {len(base.facts)} facts ({quiz} quiz), {len(base.quotes)} quotes,"
            f" {len(base.aliases)} aliases, {len(base.documents)} documents,"
            f" {len(base.files)} file(s)"
        )
        return 0
    json.dump(export(base), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0
