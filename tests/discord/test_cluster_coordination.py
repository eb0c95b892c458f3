"""What clusters coordinate through one real PostgreSQL: the identify gate (Discord's
max_concurrency across processes), cached cooldowns, and reloads with a silent cluster."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace

import asyncpg
import pytest

from bot.core.cooldowns import CooldownLimits
from bot.core.storage import ScoreStore
from bot.discord_app.broadcast import Broadcast, BroadcastError, ReloadResult
from bot.discord_app.cluster import PgIdentifyGate
from bot.discord_app.cooldown_guard import CooldownGuard
from bot.discord_app.render import reload_everywhere_text

GUILD = 4242
WINDOW = 1.5  # seconds a bucket stays closed (Discord's is 5; shorter keeps the test quick)


async def _max_concurrency_2() -> SimpleNamespace:
    return SimpleNamespace(max_concurrency=2)  # what GET /gateway/bot tells a large bot


async def test_one_identify_per_bucket_and_window_across_processes(postgres_database: str) -> None:
    first, second = PgIdentifyGate(postgres_database, WINDOW), PgIdentifyGate(postgres_database)
    await first.start()
    await second.start()
    try:
        identified: dict[str, float] = {}

        async def identify(gate: PgIdentifyGate, shard: int, name: str) -> None:
            await gate.wait(shard, _max_concurrency_2)
            identified[name] = time.monotonic()

        await identify(first, 0, "shard 0")  # bucket 0 is now closed for WINDOW seconds
        await asyncio.gather(
            identify(second, 2, "shard 2"),  # bucket 0 too: another process, so it waits
            identify(second, 1, "shard 1"),  # bucket 1: free
        )
    finally:
        await first.close()
        await second.close()
    assert identified["shard 2"] - identified["shard 0"] >= WINDOW
    assert identified["shard 1"] < identified["shard 2"]


TERMINATE_OTHERS = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


async def test_the_identify_gate_reconnects_after_the_database_restarts(
    postgres_database: str,
) -> None:
    gate = PgIdentifyGate(postgres_database, window=0.1, retry=0.1)
    await gate.start()
    admin = await asyncpg.connect(postgres_database)
    try:
        assert await admin.fetchval(TERMINATE_OTHERS) == 1  # what a restart does to the gate
        await asyncio.wait_for(gate.wait(0, _max_concurrency_2), 10)  # a shard reconnecting
    finally:
        await admin.close()
        await gate.close()


@pytest.fixture
async def shared_store(tmp_path: Path) -> AsyncIterator[ScoreStore]:
    store = await ScoreStore.open(tmp_path / "scores.sqlite3")
    yield store
    await store.close()


async def _reloaded(_locale: str | None) -> tuple[bool, str]:
    return True, "Reloaded 1 pack file(s): 3 facts"


async def test_a_cooldown_change_in_one_cluster_reaches_the_others_cache(
    postgres_database: str, shared_store: ScoreStore
) -> None:
    guards = [CooldownGuard(shared_store, time.monotonic) for _ in range(2)]
    forgotten = asyncio.Event()

    def forget_in_1(kind: str, guild_id: int) -> None:
        guards[1].forget(guild_id)
        forgotten.set()

    clusters = [
        Broadcast(postgres_database, 0, 2, _reloaded, lambda kind, guild: None),
        Broadcast(postgres_database, 1, 2, _reloaded, forget_in_1),
    ]
    for cluster in clusters:
        await cluster.start()

    async def announce(guild_id: int) -> None:
        await clusters[0].changed("cooldowns", guild_id)

    guards[0].on_change = announce
    try:
        before = (await guards[1].limits(GUILD))["ask"]  # cluster 1 caches the limits
        await guards[0].set_limits(GUILD, "ask", CooldownLimits(42.0, 0.0))
        await asyncio.wait_for(forgotten.wait(), 10)
        after = (await guards[1].limits(GUILD))["ask"]
    finally:
        for cluster in clusters:
            await cluster.close()
    assert before.per_user != 42.0
    assert after == CooldownLimits(42.0, 0.0)


async def test_a_reload_lists_a_silent_cluster_without_hanging(postgres_database: str) -> None:
    alone = Broadcast(postgres_database, 0, 2, _reloaded, lambda kind, guild: None)
    await alone.start()
    try:
        results = await alone.reload_everywhere(timeout=1.0)
    finally:
        await alone.close()
    text = reload_everywhere_text(results)
    assert text.splitlines() == [
        "Reloaded in 1 of 2 clusters.",
        "**Cluster 0**: Reloaded 1 pack file(s): 3 facts",
        "**Cluster 1**: no answer in time; it keeps serving its facts (see its log).",
    ]


async def test_a_cluster_listens_again_after_its_connection_was_cut(postgres_database: str) -> None:
    cluster = Broadcast(postgres_database, 0, 1, _reloaded, lambda kind, guild: None)
    await cluster.start()
    admin = await asyncpg.connect(postgres_database)
    try:
        # What a database restart or failover does to the listening connection.
        assert await admin.fetchval(TERMINATE_OTHERS) == 1
        deadline = time.monotonic() + 10
        while True:
            try:
                results = await cluster.reload_everywhere(timeout=1.0)
            except BroadcastError:
                assert time.monotonic() < deadline, "never reconnected"
                await asyncio.sleep(0.1)  # the reconnect is under way
                continue
            if results[0].ok or time.monotonic() > deadline:
                break
    finally:
        await admin.close()
        await cluster.close()
    assert results == [ReloadResult(0, True, "Reloaded 1 pack file(s): 3 facts")]


async def test_changes_announced_at_the_same_moment_all_reach_the_other_cluster(
    postgres_database: str,
) -> None:
    """Two commands finishing together (or a reload answered while a change is announced) share
    one connection: every notice must still go out, none refused as 'operation in progress'."""
    heard: set[int] = set()
    all_heard = asyncio.Event()

    def forget(kind: str, guild_id: int) -> None:
        heard.add(guild_id)
        if len(heard) == 5:
            all_heard.set()

    clusters = [
        Broadcast(postgres_database, 0, 2, _reloaded, lambda kind, guild: None),
        Broadcast(postgres_database, 1, 2, _reloaded, forget),
    ]
    for cluster in clusters:
        await cluster.start()
    try:
        await asyncio.gather(*(clusters[0].changed("cooldowns", g) for g in range(5)))
        await asyncio.wait_for(all_heard.wait(), 10)
    finally:
        for cluster in clusters:
            await cluster.close()
    assert heard == set(range(5))
