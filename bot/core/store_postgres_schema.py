"""PostgreSQL schema migrations: numbered SQL files applied under an advisory lock.

``bot/core/migrations/postgres/NNN_name.sql`` are applied in order, each recorded in
``schema_migrations``. Everything runs in one transaction that first takes a transaction-level
advisory lock, so any number of bot processes may start at once: the first migrates, the others
wait on the lock and then find the work done. PostgreSQL's DDL is transactional, so a failed
migration leaves nothing half-applied, and the lock is released by the commit, the rollback or
the connection dropping (a crashed process cannot leave it held).

A database whose recorded version is newer than the code's last file is refused before anything
changes: an older bot must not write into a schema it does not know.
"""

from __future__ import annotations

from pathlib import Path

import asyncpg

from bot.core.migration_files import numbered_migrations
from bot.core.store_contract import StorageError

MIGRATIONS_DIR = Path(__file__).with_name("migrations") / "postgres"
# Any fixed 64-bit key: "us-and-them schema" in ASCII, so it shows up recognisably in pg_locks.
ADVISORY_LOCK_KEY = 0x7573_616E_6474_6865


def migrations() -> list[tuple[int, Path]]:
    return numbered_migrations(MIGRATIONS_DIR)


def known_version() -> int:
    """The schema version this bot migrates a PostgreSQL database to."""
    found = migrations()
    return found[-1][0] if found else 0


async def current_version(conn: asyncpg.Connection) -> int:
    """The last migration applied (0 for an empty database)."""
    if await conn.fetchval("SELECT to_regclass('schema_migrations')") is None:
        return 0
    return int(await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_migrations"))


def refuse_newer(version: int, known: int, where: str) -> None:
    if version > known:
        raise StorageError(
            f"the PostgreSQL database {where} has schema version {version}, newer than this bot "
            f"knows ({known}). Upgrade the bot or point BOT_DATABASE at another database; the "
            "database was not changed.",
            "newer-schema",
        )


async def migrate(conn: asyncpg.Connection, where: str) -> int:
    """Bring the schema up to date; returns the version. ``where`` names the database safely."""
    found = migrations()
    known = found[-1][0] if found else 0
    # Checked before the lock too, so a newer database is refused without waiting or writing.
    refuse_newer(await current_version(conn), known, where)
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", ADVISORY_LOCK_KEY)
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        current = await current_version(conn)
        refuse_newer(current, known, where)
        for number, path in found:
            if number > current:
                await conn.execute(path.read_text(encoding="utf-8"))
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                    number,
                    path.name,
                )
    return known
