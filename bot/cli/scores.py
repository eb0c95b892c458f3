"""`python -m bot scores check [--database PATH]`: prove the score database agrees with itself.

(`python -m bot scores migrate` moves a SQLite database into PostgreSQL: bot/cli/scores_migrate.py)

Reads only (the file is opened read-only, in one transaction, so a running bot may keep
writing). Exit 0 when the awards ledger, the players' totals and the rounds' results agree; 1 with
one line per disagreement otherwise; 2 when the file cannot be read (missing, locked, damaged,
another schema version).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from bot.cli import scores_migrate
from bot.core.scores_check import census, disagreements
from bot.core.storage import explain_error, known_schema_version
from bot.settings import local_paths

EXIT_OK, EXIT_DISAGREE, EXIT_UNUSABLE = 0, 1, 2
BUSY_SECONDS = 10.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot scores", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="{check,migrate}")
    check = commands.add_parser(
        "check", help="check that the ledger, the totals and the round results agree"
    )
    check.add_argument(
        "--database", type=Path, help="score database (default: $BOT_DATABASE or data/bot.sqlite3)"
    )
    scores_migrate.add_parser(commands)
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.command == "migrate":
        return scores_migrate.run(args)
    where = local_paths()
    if args.database is None and where.database_url is not None:
        print(
            "error: BOT_DATABASE is a PostgreSQL URL; `scores check` reads SQLite files "
            "(--database PATH). PostgreSQL keeps the totals with the ledger in one transaction.",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    path: Path = args.database or where.database
    if not path.is_file():
        print(f"error: there is no score database at {path}", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        return _check(path)
    except sqlite3.Error as exc:
        print(f"error: {explain_error(exc, path, BUSY_SECONDS)}", file=sys.stderr)
        return EXIT_UNUSABLE


def _check(path: Path) -> int:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        db.execute("BEGIN")  # one snapshot for every query
        version, known = db.execute("PRAGMA user_version").fetchone()[0], known_schema_version()
        if version != known:
            how = "start the bot once to upgrade it" if version < known else "upgrade the bot"
            print(
                f"error: {path} has schema version {version}; this bot checks version {known} "
                f"({how}, then check again)",
                file=sys.stderr,
            )
            return EXIT_UNUSABLE
        problems = disagreements(db)
        counts = census(db)
    finally:
        db.close()
    if problems:
        print(f"{path}: {len(problems)} disagreement(s) between the ledger, totals and results:")
        for problem in problems:
            print(f"  {problem}")
        return EXIT_DISAGREE
    open_rounds = f", {counts.unfinished} not finished" if counts.unfinished else ""
    print(
        f"{path}: consistent. {counts.awards} award(s), {counts.players} player total(s), "
        f"{counts.rounds} round(s){open_rounds}; the ledger, totals and round results agree."
    )
    return EXIT_OK
