"""The tests' PostgreSQL server (tests/pg_server.py) is real and hands out isolated databases."""

from __future__ import annotations

import asyncpg
from pg_server import PostgresServer


async def test_each_test_database_is_a_fresh_real_postgresql_database(
    postgres_server: PostgresServer,
) -> None:
    first, second = postgres_server.new_database(), postgres_server.new_database()
    conn = await asyncpg.connect(first)
    try:
        assert (await conn.fetchval("SHOW server_version")).split(".")[0].isdigit()
        await conn.execute("CREATE TABLE ledger (player bigint PRIMARY KEY)")
        await conn.execute("INSERT INTO ledger VALUES (1) ON CONFLICT DO NOTHING")
        await conn.execute("INSERT INTO ledger VALUES (1) ON CONFLICT DO NOTHING")
        assert await conn.fetchval("SELECT count(*) FROM ledger") == 1
    finally:
        await conn.close()
    other = await asyncpg.connect(second)
    try:
        assert await other.fetchval("SELECT to_regclass('ledger')") is None
    finally:
        await other.close()
