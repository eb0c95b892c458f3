"""Move a SQLite score database into PostgreSQL (`python -m bot scores migrate`).

Everything is copied in one PostgreSQL transaction: rounds (keeping their ids), the ledger
(awards, attempts, round results), settings, cooldowns, questions asked, reports and the reset
log. Totals are not copied: the target's triggers add them up from the ledger as it arrives,
and the copy is verified by comparing every player's totals with the source's. Each row goes in
with ``ON CONFLICT DO NOTHING`` on its natural key, so running the migration again adds nothing
twice; a target holding other rounds under the same ids is refused before anything is written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

from bot.core.store_contract import StorageError

# (table, columns copied, ON CONFLICT target, ORDER BY in the source). Rounds first: the ledger
# references them. Awards keep no id of their own (the target numbers them); their natural key
# is (round_id, question_index).
_TABLES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    (
        "rounds",
        (
            "id", "guild_id", "channel_id", "starter_id", "mode", "questions", "seed",
            "started_at", "ended_at", "end_reason", "asked",
        ),
        "(id)",
        "id",
    ),
    (
        "awards",
        (
            "round_id", "question_index", "fact_id", "guild_id", "user_id", "user_name",
            "points", "streak", "awarded_at",
        ),
        "(round_id, question_index)",
        "id",
    ),
    (
        "attempts",
        ("round_id", "question_index", "guild_id", "user_id", "user_name"),
        "(round_id, question_index, user_id)",
        "round_id, question_index, user_id",
    ),
    (
        "round_results",
        ("round_id", "guild_id", "user_id", "user_name", "rank", "points", "correct", "won"),
        "(round_id, user_id)",
        "round_id, user_id",
    ),
    (
        "guild_settings",
        ("guild_id", "question_seconds", "round_length", "mode", "hints"),
        "(guild_id)",
        "guild_id",
    ),
    (
        "cooldown_settings",
        ("guild_id", "command", "per_user", "per_channel"),
        "(guild_id, command)",
        "guild_id, command",
    ),
    ("asked_questions", ("channel_id", "fact_id", "asked_at"), "(channel_id, fact_id)", "1, 2"),
    (
        "reports",
        (
            "id", "guild_id", "channel_id", "user_id", "user_name", "fact_id", "source",
            "reason", "created_at", "resolved_at", "resolved_by",
        ),
        "(id)",
        "id",
    ),
    # The reset log keeps its counts, so the target's reset trigger does not run again.
    ("guild_resets", ("id", "guild_id", "reset_at", "players"), "(id)", "id"),
)  # fmt: skip
_WITH_IDS = ("rounds", "reports", "guild_resets")
_BOOLEAN = {("guild_settings", "hints")}
_TOTALS = "points, correct, attempted, rounds_played, rounds_won, best_streak"


@dataclass
class MigrationReport:
    """What was copied and whether every player's totals came out equal."""

    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # source, added, target
    players: int = 0
    totals: list[str] = field(default_factory=list)  # each player's totals, as copied
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


def read_source(path: Path, known_version: int) -> sqlite3.Connection:
    """The SQLite file, read-only, after checking it is one this bot's schema describes."""
    if not path.is_file():
        raise StorageError(f"there is no SQLite score database at {path}", "path")
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        db.execute("PRAGMA busy_timeout = 10000")
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as exc:
        db.close()
        raise StorageError(
            f"{path} is not a readable SQLite score database ({exc})", "damaged"
        ) from exc
    if version != known_version:
        db.close()
        how = (
            "start the bot on it once to upgrade it"
            if version < known_version
            else ("upgrade the bot")
        )
        raise StorageError(
            f"{path} has schema version {version}; this bot migrates version {known_version} "
            f"({how}, then migrate again)",
            "newer-schema" if version > known_version else "other",
        )
    return db


async def copy_sqlite_to_postgres(
    source: sqlite3.Connection, target: asyncpg.Connection
) -> MigrationReport:
    """Copy every table in one transaction and compare the totals; see the module doc."""
    report = MigrationReport()
    source.execute("BEGIN")  # one snapshot of the source
    try:
        async with target.transaction():
            await _refuse_foreign_rounds(source, target)
            for table, columns, key, order in _TABLES:
                rows = source.execute(
                    f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
                ).fetchall()
                rows = [_convert(table, columns, row) for row in rows]
                added = await _insert(target, table, columns, key, rows)
                total = int(await target.fetchval(f"SELECT count(*) FROM {table}"))
                report.counts[table] = (len(rows), added, total)
            for table in _WITH_IDS:  # new rows continue after the copied ids
                await target.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" greatest((SELECT max(id) FROM {table}), 1))"
                )
            report.totals, report.differences = await _compare_totals(source, target)
            report.players = len(report.totals)
    finally:
        source.execute("ROLLBACK")
    return report


async def _refuse_foreign_rounds(source: sqlite3.Connection, target: asyncpg.Connection) -> None:
    """Rounds are copied with their ids: the same id in the target must be the same round."""
    rows = source.execute("SELECT id, guild_id, channel_id, started_at FROM rounds").fetchall()
    clash = await target.fetchval(
        "SELECT count(*) FROM rounds AS r JOIN unnest($1::bigint[], $2::bigint[], $3::bigint[],"
        " $4::float8[]) AS s(id, g, c, t) ON r.id = s.id"
        " WHERE (r.guild_id, r.channel_id, r.started_at) IS DISTINCT FROM (s.g, s.c, s.t)",
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [float(r[3]) for r in rows],
    )
    if clash:
        raise StorageError(
            f"the target already holds {clash} other round(s) under ids the SQLite file uses "
            "(a bot has been running on it). Nothing was copied. Fix: migrate into a new, empty "
            "PostgreSQL database (createdb), before starting the bot on it.",
            "other",
        )


def _convert(table: str, columns: tuple[str, ...], row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(
        bool(value) if (table, column) in _BOOLEAN else value
        for column, value in zip(columns, row, strict=True)
    )


async def _insert(
    target: asyncpg.Connection,
    table: str,
    columns: tuple[str, ...],
    key: str,
    rows: list[tuple[Any, ...]],
) -> int:
    """Rows in through a temporary table (COPY), then INSERT ... ON CONFLICT DO NOTHING."""
    if not rows:
        return 0
    staging = f"incoming_{table}"
    names = ", ".join(columns)
    await target.execute(
        f"CREATE TEMP TABLE {staging} ON COMMIT DROP AS SELECT {names} FROM {table} WITH NO DATA"
    )
    await target.execute(f"ALTER TABLE {staging} ADD COLUMN position bigserial")
    await target.copy_records_to_table(staging, records=rows, columns=list(columns))
    status = await target.execute(
        f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging}"
        f" ORDER BY position ON CONFLICT {key} DO NOTHING"
    )
    return int(status.rsplit(" ", 1)[-1])


async def _compare_totals(
    source: sqlite3.Connection, target: asyncpg.Connection
) -> tuple[list[str], list[str]]:
    """Every source player's totals (one line each) and, against the target's, the ones that
    differ."""
    theirs = {
        (r[0], r[1]): tuple(r[2:])
        for r in await target.fetch(f"SELECT guild_id, user_id, {_TOTALS} FROM players")
    }
    totals, differences = [], []
    players = source.execute(
        f"SELECT guild_id, user_id, name, {_TOTALS} FROM players ORDER BY guild_id, points DESC,"
        " user_id"
    ).fetchall()
    for guild_id, user_id, name, *ours in players:
        totals.append(f"server {guild_id} player {user_id} ({name}): {_describe(tuple(ours))}")
        copied = theirs.get((guild_id, user_id))
        if copied != tuple(ours):
            differences.append(
                f"server {guild_id} player {user_id} ({name}): SQLite has "
                f"{_describe(tuple(ours))}, PostgreSQL has "
                f"{_describe(copied) if copied else 'no totals'}"
            )
    return totals, differences


def _describe(totals: tuple[Any, ...]) -> str:
    names = [n.strip() for n in _TOTALS.split(",")]
    return ", ".join(f"{n}={v}" for n, v in zip(names, totals, strict=True))


async def migrate_sqlite_file(source: sqlite3.Connection, url: str) -> MigrationReport:
    """Open (and if needed create the schema of) the PostgreSQL database at ``url`` and copy
    ``source`` into it. Raises StorageError (password scrubbed) when the target is unusable."""
    from bot.core.store_postgres import PostgresScoreStore

    store = await PostgresScoreStore.open(url, pool_size=1)
    try:
        async with store.connection() as conn:
            return await copy_sqlite_to_postgres(source, conn)
    finally:
        await store.close()
