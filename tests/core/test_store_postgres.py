"""What only the PostgreSQL store has: its migrations under a lock, and its error messages.

The behaviour it shares with SQLite is tested on both engines in test_storage.py.
"""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from pg_server import PostgresServer

from bot.core.store_contract import StorageError
from bot.core.store_postgres_schema import known_version
from bot.core.store_select import open_store

SECRET = "pa55-w0rd-never-shown"


async def test_processes_starting_together_on_an_empty_database_all_open_it(
    postgres_database: str,
) -> None:
    stores = await asyncio.gather(*(open_store(postgres_database) for _ in range(4)))
    try:
        assert {await s.schema_version() for s in stores} == {known_version()}
        round_id = await stores[0].start_round(
            guild_id=1, channel_id=1, starter_id=1, mode="typed", questions=1
        )
        assert await stores[3].record_award(
            round_id=round_id,
            question_index=0,
            fact_id="f",
            guild_id=1,
            user_id=7,
            user_name="Ann",
            points=10,
            streak=1,
        )
    finally:
        for store in stores:
            await store.close()
    conn = await asyncpg.connect(postgres_database)
    try:  # each migration applied once, not once per process
        assert await conn.fetchval("SELECT count(*) FROM schema_migrations") == known_version()
    finally:
        await conn.close()


async def test_a_database_from_a_newer_bot_is_refused_and_left_alone(
    postgres_database: str,
) -> None:
    store = await open_store(postgres_database)
    await store.close()
    conn = await asyncpg.connect(postgres_database)
    try:
        future = known_version() + 1
        await conn.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, 'from_the_future.sql')",
            future,
        )
        before = await conn.fetchval("SELECT count(*) FROM pg_tables WHERE schemaname='public'")
        with pytest.raises(StorageError, match="newer than this bot knows") as raised:
            await open_store(postgres_database)
        assert raised.value.problem == "newer-schema"
        assert f"schema version {future}" in str(raised.value)
        assert "Upgrade the bot" in str(raised.value)
        after = await conn.fetchval("SELECT count(*) FROM pg_tables WHERE schemaname='public'")
        assert (before, await conn.fetchval("SELECT max(version) FROM schema_migrations")) == (
            after,
            future,
        )
    finally:
        await conn.close()


async def test_an_unreachable_server_is_reported_without_the_password(
    postgres_server: PostgresServer,
) -> None:
    url = f"postgresql://bot:{SECRET}@127.0.0.1:1/scores"  # nothing listens on port 1
    with pytest.raises(StorageError, match="cannot reach the PostgreSQL server") as raised:
        await open_store(url)
    message = str(raised.value)
    assert raised.value.problem == "unreachable"
    assert SECRET not in message and "bot:********@127.0.0.1:1/scores" in message
    assert "correct the host and port in BOT_DATABASE" in message


async def test_a_missing_database_is_named_with_the_fix_and_without_the_password(
    postgres_server: PostgresServer,
) -> None:
    url = f"postgresql://postgres:{SECRET}@127.0.0.1:{postgres_server.port}/no_such_db"
    with pytest.raises(StorageError, match="does not exist") as raised:
        await open_store(url)
    assert SECRET not in str(raised.value)
    assert "createdb" in str(raised.value)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (f"postgresql://bot:{SECRET}@db:port/scores", "the port is not a number"),
        (f"postgresql://bot:{SECRET}@db:5432", "it names no database"),
        (f"postgresql://bot:{SECRET}@/scores", "it names no server"),
    ],
)
async def test_a_malformed_url_says_what_is_missing_without_the_password(
    url: str, why: str
) -> None:
    with pytest.raises(StorageError, match="not a usable PostgreSQL URL") as raised:
        await open_store(url)
    assert why in str(raised.value) and SECRET not in str(raised.value)
