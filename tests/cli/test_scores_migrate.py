"""`python -m bot scores migrate --from sqlite:PATH --to postgresql://...`: a SQLite database
moves into PostgreSQL with every count and total equal, and a second run adds nothing."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest
from pg_server import PostgresServer

from bot.cli.scores import main
from bot.core.cooldowns import CooldownLimits
from bot.core.storage import RoundResult, ScoreStore
from bot.core.store_contract import ScoreStoreContract
from bot.core.store_postgres_schema import known_version
from bot.core.store_select import open_store

REPO_ROOT = Path(__file__).resolve().parents[2]
GUILD, OTHER, BOB, ANN, CY = 100, 200, 7, 8, 9
SECRET = "m1grate-s3cret"


async def award(store: ScoreStore, round_id: int, q: int, user: int, name: str, pts: int) -> None:
    await store.record_award(
        round_id=round_id,
        question_index=q,
        fact_id=f"f{q}",
        guild_id=GUILD,
        user_id=user,
        user_name=name,
        points=pts,
        streak=q + 1,
    )


def a_season_in_sqlite(path: Path) -> None:
    """Two finished rounds, one a crash left open, an attempt, settings, cooldowns, asked
    questions, reports (one resolved) and a reset of another server."""

    async def play() -> None:
        store = await ScoreStore.open(path)
        for _ in range(2):
            round_id = await store.start_round(
                guild_id=GUILD, channel_id=1, starter_id=BOB, mode="typed", questions=3
            )
            await award(store, round_id, 0, BOB, "bob", 45)
            await award(store, round_id, 1, ANN, "ann", 15)
            await store.record_attempt(
                round_id=round_id, question_index=2, guild_id=GUILD, user_id=CY, user_name="cy"
            )
            await store.finish_round(
                round_id,
                reason="completed",
                asked=3,
                results=[
                    RoundResult(BOB, "bob", 1, 45, 1, True),
                    RoundResult(ANN, "ann", 2, 15, 1, False),
                    RoundResult(CY, "cy", 3, 0, 0, False),
                ],
            )
        crashed = await store.start_round(
            guild_id=GUILD, channel_id=2, starter_id=ANN, mode="choice", questions=5
        )
        await award(store, crashed, 0, ANN, "ann", 30)
        gone = await store.start_round(
            guild_id=OTHER, channel_id=9, starter_id=CY, mode="typed", questions=1
        )
        await store.record_award(
            round_id=gone,
            question_index=0,
            fact_id="f0",
            guild_id=OTHER,
            user_id=CY,
            user_name="cy",
            points=10,
            streak=1,
        )
        await store.reset_guild(OTHER)
        await store.update_settings(GUILD, mode="choice", round_length=7, hints=False)
        await store.set_cooldown(GUILD, "ask", CooldownLimits(10, 2))
        await store.record_asked(1, "f0", asked_at=1000.0)
        await store.record_asked(1, "f1", asked_at=2000.0)
        first = await store.add_report(
            guild_id=GUILD,
            channel_id=1,
            user_id=ANN,
            user_name="ann",
            fact_id="f0",
            source="review",
            reason="the year is wrong",
        )
        assert first is not None
        await store.resolve_report(GUILD, first, by_user=BOB)
        await store.add_report(
            guild_id=GUILD,
            channel_id=1,
            user_id=CY,
            user_name="cy",
            fact_id="f1",
            source="review",
            reason="unclear",
        )
        await store.close()

    asyncio.run(play())


async def everything_a_player_sees(store: ScoreStoreContract) -> list[object]:
    return [
        await store.leaderboard(GUILD, sort, per_page=50) for sort in ("points", "wins", "accuracy")
    ] + [
        await store.leaderboard(None),
        await store.player_stats(GUILD, ANN),
        await store.round_history(GUILD, limit=50),
        await store.round_history(OTHER),
        await store.get_settings(GUILD),
        await store.get_cooldowns(GUILD),
        await store.asked_questions(1),
        await store.reports(GUILD, open_only=False),
        await store.award_count(),
    ]


async def seen_in(database: str | Path) -> list[object]:
    store = await open_store(database)
    try:
        return await everything_a_player_sees(store)
    finally:
        await store.close()


def migrate(source: Path, target: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["migrate", "--from", f"sqlite:{source}", "--to", target])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_sqlite_database_moves_with_every_total_equal_and_a_rerun_adds_nothing(
    tmp_path: Path, postgres_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bot.sqlite3"
    a_season_in_sqlite(source)
    before = asyncio.run(seen_in(source))

    code, out = migrate(source, postgres_database, capsys)
    assert code == 0, out
    assert "awards                   5 in SQLite,       5 added,       5 in PostgreSQL" in out
    assert "server 100 player 7 (bob): points=90, correct=2, attempted=2" in out
    assert "all 3 players' totals equal" in out
    assert asyncio.run(seen_in(postgres_database)) == before

    again, out = migrate(source, postgres_database, capsys)
    assert again == 0, out
    assert "awards                   5 in SQLite,       0 added,       5 in PostgreSQL" in out
    assert asyncio.run(seen_in(postgres_database)) == before

    async def play_on() -> tuple[int, int]:
        store = await open_store(postgres_database)
        try:  # the bot carries on in PostgreSQL: new rounds after the copied ones
            closed = await store.close_interrupted_rounds(console=False)
            new = await store.start_round(
                guild_id=GUILD, channel_id=1, starter_id=BOB, mode="typed", questions=1
            )
            return len(closed), new
        finally:
            await store.close()

    closed, new_round = asyncio.run(play_on())
    assert closed == 1 and new_round > max(r.id for r in before[5])  # type: ignore[attr-defined]


def test_the_command_runs_and_never_prints_the_password(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    source = tmp_path / "bot.sqlite3"
    a_season_in_sqlite(source)
    target = postgres_server.new_database().replace("postgres@", f"postgres:{SECRET}@")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "scores",
            "migrate",
            f"--from=sqlite:{source}",
            f"--to={target}",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Verified" in done.stdout
    assert SECRET not in done.stdout + done.stderr and "postgres:********@" in done.stdout


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (f"mysql://bot:{SECRET}@db/scores", "must be a PostgreSQL URL"),
        (f"postgresql://bot:{SECRET}@127.0.0.1:1/scores", "cannot reach the PostgreSQL server"),
        (f"postgresql://bot:{SECRET}@db:5432", "it names no database"),
    ],
)
def test_an_unusable_target_is_named_without_its_password_and_nothing_is_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, expected: str
) -> None:
    source = tmp_path / "bot.sqlite3"
    a_season_in_sqlite(source)
    code, out = migrate(source, target, capsys)
    assert code == 2 and expected in out and SECRET not in out


def test_a_missing_source_or_a_target_from_a_newer_bot_is_refused(
    tmp_path: Path, postgres_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = migrate(tmp_path / "nothing.sqlite3", postgres_database, capsys)
    assert code == 2 and "there is no SQLite score database at" in out

    async def from_the_future() -> None:
        await (await open_store(postgres_database)).close()
        conn = await asyncpg.connect(postgres_database)
        try:
            await conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, 'next.sql')",
                known_version() + 1,
            )
        finally:
            await conn.close()

    asyncio.run(from_the_future())
    source = tmp_path / "bot.sqlite3"
    a_season_in_sqlite(source)
    code, out = migrate(source, postgres_database, capsys)
    assert code == 2 and "newer than this bot knows" in out


def test_a_target_where_a_bot_already_ran_other_rounds_is_refused(
    tmp_path: Path, postgres_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bot.sqlite3"
    a_season_in_sqlite(source)

    async def another_bot() -> None:
        store = await open_store(postgres_database)
        await store.start_round(guild_id=555, channel_id=5, starter_id=5, mode="typed", questions=1)
        await store.close()

    asyncio.run(another_bot())
    code, out = migrate(source, postgres_database, capsys)
    assert code == 2 and "other round(s) under ids the SQLite file uses" in out
    assert "Nothing was copied" in out
    assert asyncio.run(seen_in(postgres_database))[-1] == 0  # no award came in
