"""`python -m bot scores migrate --from sqlite:PATH --to postgresql://...`: move a server's
scores from its SQLite file into PostgreSQL.

Copies rounds, the ledger (awards, attempts, round results), settings, cooldowns, questions
asked, reports and the reset log in one transaction; the totals are rebuilt from the ledger and
then compared, player by player, with the SQLite file's. Safe to run again: nothing is added
twice. Stop the bot first (a bot writing the file meanwhile would have its last writes left
behind). Exit 0 when every count and total agrees, 1 when some differ (listed), 2 when the
source or the target cannot be used.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.core.database_url import is_postgres_url, scrub, shown
from bot.core.storage import known_schema_version
from bot.core.store_contract import StorageError
from bot.core.store_migrate import MigrationReport, migrate_sqlite_file, read_source

EXIT_OK, EXIT_DIFFERENT, EXIT_UNUSABLE = 0, 1, 2
SHOWN_PLAYERS = 20


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    migrate = commands.add_parser(
        "migrate", help="copy a SQLite score database into PostgreSQL, verified by totals"
    )
    migrate.add_argument(
        "--from", dest="source", required=True, metavar="sqlite:PATH", help="the SQLite file"
    )
    migrate.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="postgresql://USER:PASSWORD@HOST:PORT/DBNAME",
        help="the PostgreSQL database (created tables if empty; the password is never shown)",
    )


def run(args: argparse.Namespace) -> int:
    source_text, target = str(args.source), str(args.target)
    if not source_text.startswith("sqlite:"):
        return _fail(f"--from {source_text!r} must be sqlite:PATH, e.g. sqlite:data/bot.sqlite3")
    if not is_postgres_url(target):
        return _fail(
            f"--to {shown(target)!r} must be a PostgreSQL URL: "
            "postgresql://USER:PASSWORD@HOST:PORT/DBNAME"
        )
    path = Path(source_text.removeprefix("sqlite:").removeprefix("//")).expanduser()
    try:
        source = read_source(path, known_schema_version())
    except StorageError as exc:
        return _fail(str(exc))
    try:
        report = asyncio.run(migrate_sqlite_file(source, target))
    except StorageError as exc:
        return _fail(scrub(str(exc), target))
    finally:
        source.close()
    return _print_report(report, path, shown(target))


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def _print_report(report: MigrationReport, path: Path, target: str) -> int:
    print(f"Copied {path} into {target}:")
    for table, (ours, added, theirs) in report.counts.items():
        print(f"  {table:<18} {ours:>7} in SQLite, {added:>7} added, {theirs:>7} in PostgreSQL")
    for line in report.totals[:SHOWN_PLAYERS]:
        print(f"  {line}")
    if len(report.totals) > SHOWN_PLAYERS:
        print(f"  ... and {len(report.totals) - SHOWN_PLAYERS} more player(s)")
    if report.differences:
        print(f"{len(report.differences)} player total(s) differ after the copy:")
        for line in report.differences:
            print(f"  {line}")
        return EXIT_DIFFERENT
    missing = [t for t, (ours, _, theirs) in report.counts.items() if theirs < ours]
    if missing:
        print(f"fewer rows in PostgreSQL than in SQLite for: {', '.join(missing)}")
        return EXIT_DIFFERENT
    print(f"Verified: every table's rows are there and all {report.players} players' totals equal.")
    return EXIT_OK
