"""Which score store a configured database names: PostgreSQL for a URL, SQLite for a path.

The one place the engine is chosen. The configured value comes from bot/settings.py
(``BOT_DATABASE``); the core never reads the environment itself.
"""

from __future__ import annotations

from pathlib import Path

from bot.core.database_url import is_postgres_url
from bot.core.storage import ScoreStore
from bot.core.store_contract import ScoreStoreContract


async def open_store(database: str | Path) -> ScoreStoreContract:
    """Open the score store for ``database``: a ``postgresql://`` URL or a SQLite file path
    (":memory:" for a throwaway one). Raises StorageError saying what is wrong."""
    if isinstance(database, str) and is_postgres_url(database):
        # Imported here: asyncpg loads only for a bot that uses PostgreSQL.
        from bot.core.store_postgres import PostgresScoreStore

        return await PostgresScoreStore.open(database)
    return await ScoreStore.open(database)
