"""What the command-line tools and the console share: the --pack option, loading the packs
with every problem reported on stderr, and input that survives undecodable bytes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from bot.core.knowledge import Knowledge, load_knowledge
from bot.core.pack_paths import FactPackError, PackPathError
from bot.settings import LocalPaths, local_paths

T = TypeVar("T")


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
