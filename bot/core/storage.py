"""Scores, round history and per-server settings in SQLite (aiosqlite).

Stable API (the Discord cog and the console build on it; only additions from here on)::

    store = await ScoreStore.open(path)            # creates/upgrades the schema, WAL, foreign keys
    round_id = await store.start_round(guild_id=.., channel_id=.., starter_id=.., mode="typed",
                                       questions=10, seed=None)
    awarded = await store.record_award(round_id=.., question_index=.., fact_id=.., guild_id=..,
                                       user_id=.., user_name=.., points=.., streak=..)
    await store.record_attempt(round_id=.., question_index=.., guild_id=.., user_id=..,
                               user_name=..)       # a question tried but not won
    await store.finish_round(round_id, reason="completed", asked=10, results=[RoundResult(..)])
    page = await store.leaderboard(guild_id, sort="points", page=1, per_page=10)  # None: global
    stats = await store.player_stats(guild_id, user_id)                          # None: global
    history = await store.round_history(guild_id, limit=10)
    settings = await store.get_settings(guild_id)
    settings = await store.update_settings(guild_id, question_seconds=30, mode="choice")
    removed = await store.reset_guild(guild_id)
    await store.close()

Durability: every award is one INSERT into the ``awards`` ledger; triggers update the player's
totals inside the same statement, so the award and its points are one transaction and either both
exist or neither does. ``UNIQUE(round_id, question_index)`` makes a second award for the same
question impossible, even after a crash and retry. The database runs in WAL mode with
``synchronous=NORMAL``: a committed award survives the process being killed (SIGKILL, crash);
only an operating-system crash or power loss may drop the last few commits.

Use ``guild_id=0`` for the console and direct messages. Schema changes are numbered SQL files in
``bot/core/migrations/`` applied in order; ``PRAGMA user_version`` records the last one applied.
"""

from __future__ import annotations

import asyncio
import math
import os
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

import aiosqlite

__all__ = [
    "SORTS",
    "GuildSettings",
    "LeaderboardEntry",
    "LeaderboardPage",
    "PlayerStats",
    "RoundRecord",
    "RoundResult",
    "ScoreStore",
    "SettingsError",
    "StorageError",
    "default_database_path",
]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
SORTS: tuple[str, ...] = ("points", "wins", "accuracy")
Sort = Literal["points", "wins", "accuracy"]
CONSOLE_GUILD = 0


class StorageError(Exception):
    """The database cannot be used (newer schema, bad path, corrupt file)."""


class SettingsError(ValueError):
    """A server setting was given a value outside its allowed range."""


def default_database_path() -> Path:
    """``$BOT_DATABASE`` if set, else ``data/bot.sqlite3`` in the repository checkout."""
    configured = os.environ.get("BOT_DATABASE", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(__file__).resolve().parents[2] / "data" / "bot.sqlite3"


@dataclass(frozen=True, slots=True)
class GuildSettings:
    question_seconds: float = 20.0
    round_length: int = 10
    mode: Literal["typed", "choice"] = "typed"
    hints: bool = True


# name -> (check, message shown when it fails)
_SETTING_RULES: dict[str, tuple[Any, str]] = {
    "question_seconds": (
        lambda v: isinstance(v, int | float) and not isinstance(v, bool) and 5 <= v <= 120,
        "question_seconds must be a number of seconds from 5 to 120",
    ),
    "round_length": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 50,
        "round_length must be a whole number of questions from 1 to 50",
    ),
    "mode": (lambda v: v in ("typed", "choice"), "mode must be 'typed' or 'choice'"),
    "hints": (lambda v: isinstance(v, bool), "hints must be true or false"),
}


@dataclass(frozen=True, slots=True)
class RoundResult:
    """One player's line in a finished round's ranking."""

    user_id: int
    user_name: str
    rank: int
    points: int
    correct: int
    won: bool


@dataclass(frozen=True, slots=True)
class RoundRecord:
    id: int
    guild_id: int
    channel_id: int
    starter_id: int
    mode: str
    questions: int
    asked: int
    started_at: float
    ended_at: float | None
    end_reason: str | None
    results: tuple[RoundResult, ...]


@dataclass(frozen=True, slots=True)
class PlayerStats:
    user_id: int
    name: str
    points: int
    correct: int
    attempted: int
    rounds_played: int
    rounds_won: int
    best_streak: int
    rank: int  # by points, in the server (or globally when guild_id is None)
    players: int  # how many players that rank is out of

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempted if self.attempted else 0.0


@dataclass(frozen=True, slots=True)
class LeaderboardEntry:
    rank: int  # equal sort keys share a rank (1, 2, 2, 4)
    user_id: int
    name: str
    points: int
    correct: int
    attempted: int
    rounds_played: int
    rounds_won: int
    best_streak: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempted if self.attempted else 0.0


@dataclass(frozen=True, slots=True)
class LeaderboardPage:
    entries: tuple[LeaderboardEntry, ...]
    page: int  # 1-based, clamped to the pages that exist
    pages: int  # at least 1, even when empty
    total: int  # players on the board
    sort: str
    guild_id: int | None


# ORDER BY for each sort; the rank window uses the same key so ties share a rank.
_ORDER = {
    "points": "points DESC, rounds_won DESC",
    "wins": "rounds_won DESC, points DESC",
    "accuracy": "(CAST(correct AS REAL) / max(attempted, 1)) DESC, correct DESC",
}

_TOTALS = "user_id, name, points, correct, attempted, rounds_played, rounds_won, best_streak"
# Global board: one line per user, summed over servers; the most recently stored name shows.
_GLOBAL_TOTALS = """
    SELECT user_id, max(name) AS name, sum(points) AS points, sum(correct) AS correct,
           sum(attempted) AS attempted, sum(rounds_played) AS rounds_played,
           sum(rounds_won) AS rounds_won, max(best_streak) AS best_streak
    FROM players GROUP BY user_id
"""


def _totals_source(guild_id: int | None) -> tuple[str, tuple[Any, ...]]:
    if guild_id is None:
        return f"({_GLOBAL_TOTALS})", ()
    return f"(SELECT {_TOTALS} FROM players WHERE guild_id = ?)", (guild_id,)


class ScoreStore:
    """One connection to the score database. Create with ``await ScoreStore.open(path)``."""

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        # Multi-statement transactions must not interleave with other coroutines' statements on
        # the shared connection; single statements are atomic on their own (autocommit).
        self._tx_lock = asyncio.Lock()

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    async def open(cls, path: Path | str | None = None) -> ScoreStore:
        """Open (creating if needed) the database at ``path`` (default: BOT_DATABASE)."""
        target = Path(path) if path is not None else default_database_path()
        if str(target) != ":memory:":
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"cannot create the folder for the score database {target}: {exc}. "
                    "Set BOT_DATABASE to a writable path."
                ) from exc
        try:
            connection = await aiosqlite.connect(target, isolation_level=None)
        except sqlite3.Error as exc:
            raise StorageError(
                f"cannot open the score database {target}: {exc}. "
                "Set BOT_DATABASE to a writable path."
            ) from exc
        store = cls(connection, target)
        try:
            await store._configure()
            await store._migrate()
        except sqlite3.DatabaseError as exc:
            await connection.close()
            raise StorageError(
                f"{target} is not a usable score database ({exc}). Move it away or set "
                "BOT_DATABASE to another file; a new one is created on start."
            ) from exc
        except BaseException:
            await connection.close()
            raise
        return store

    async def close(self) -> None:
        await self._db.close()

    async def __aenter__(self) -> ScoreStore:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _configure(self) -> None:
        await self._db.execute("PRAGMA journal_mode = WAL")
        await self._db.execute("PRAGMA synchronous = NORMAL")
        await self._db.execute("PRAGMA foreign_keys = ON")
        await self._db.execute("PRAGMA busy_timeout = 5000")

    async def schema_version(self) -> int:
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _migrate(self) -> None:
        migrations = _migrations()
        known = migrations[-1][0] if migrations else 0
        current = await self.schema_version()
        if current > known:
            raise StorageError(
                f"{self.path} has schema version {current}, newer than this bot knows ({known}). "
                "Upgrade the bot or point BOT_DATABASE at another file."
            )
        for number, path in migrations:
            if number <= current:
                continue
            script = path.read_text(encoding="utf-8")
            # One transaction per migration: the schema and its version change together.
            await self._db.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )

    async def _write(self, sql: str, params: tuple[Any, ...]) -> tuple[int, int]:
        """Run one statement as its own transaction; returns (rows changed, last row id)."""
        async with self._tx_lock:
            cursor = await self._db.execute(sql, params)
            changed, last = cursor.rowcount, cursor.lastrowid or 0
            await cursor.close()
        return changed, last

    # -- rounds and awards -------------------------------------------------------------------

    async def start_round(
        self,
        *,
        guild_id: int,
        channel_id: int,
        starter_id: int,
        mode: str,
        questions: int,
        seed: int | None = None,
        started_at: float | None = None,
    ) -> int:
        """Record a round's start; returns its id for awards and ``finish_round``."""
        async with self._tx_lock:
            cursor = await self._db.execute(
                "INSERT INTO rounds (guild_id, channel_id, starter_id, mode, questions, seed,"
                " started_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    guild_id,
                    channel_id,
                    starter_id,
                    mode,
                    questions,
                    seed,
                    started_at or time.time(),
                ),
            )
        round_id = cursor.lastrowid
        await cursor.close()
        assert round_id is not None
        return round_id

    async def record_award(
        self,
        *,
        round_id: int,
        question_index: int,
        fact_id: str,
        guild_id: int,
        user_id: int,
        user_name: str,
        points: int,
        streak: int,
        awarded_at: float | None = None,
    ) -> bool:
        """Commit one won question and its points. False if that question was already awarded.

        Returns only after the commit, so an acknowledged award is on disk.
        """
        changed, _ = await self._write(
            "INSERT OR IGNORE INTO awards (round_id, question_index, fact_id, guild_id, user_id,"
            " user_name, points, streak, awarded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                round_id,
                question_index,
                fact_id,
                guild_id,
                user_id,
                user_name,
                points,
                streak,
                awarded_at or time.time(),
            ),
        )
        return changed == 1

    async def record_attempt(
        self,
        *,
        round_id: int,
        question_index: int,
        guild_id: int,
        user_id: int,
        user_name: str,
    ) -> bool:
        """Count a question a player tried but did not win (once per player and question)."""
        changed, _ = await self._write(
            "INSERT OR IGNORE INTO attempts (round_id, question_index, guild_id, user_id,"
            " user_name) VALUES (?, ?, ?, ?, ?)",
            (round_id, question_index, guild_id, user_id, user_name),
        )
        return changed == 1

    async def finish_round(
        self,
        round_id: int,
        *,
        reason: str,
        asked: int,
        results: Iterable[RoundResult],
        ended_at: float | None = None,
    ) -> None:
        """Close a round: its end, how many questions were asked, and the final ranking.

        Runs once per round; calling it again for a finished round changes nothing.
        """
        rows = [
            (round_id, r.user_id, r.user_name, r.rank, r.points, r.correct, int(r.won))
            for r in results
        ]
        async with self._tx_lock:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                cursor = await self._db.execute(
                    "UPDATE rounds SET ended_at = ?, end_reason = ?, asked = ?"
                    " WHERE id = ? AND ended_at IS NULL",
                    (ended_at or time.time(), reason, asked, round_id),
                )
                first_finish = cursor.rowcount == 1
                await cursor.close()
                if first_finish and rows:
                    await self._db.executemany(
                        "INSERT INTO round_results (round_id, guild_id, user_id, user_name, rank,"
                        " points, correct, won) SELECT ?, guild_id, ?, ?, ?, ?, ?, ?"
                        " FROM rounds WHERE id = ?",
                        [(*row, round_id) for row in rows],
                    )
                await self._db.execute("COMMIT")
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise

    async def award_count(self) -> int:
        async with self._db.execute("SELECT count(*) FROM awards") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    # -- reading -----------------------------------------------------------------------------

    async def leaderboard(
        self,
        guild_id: int | None,
        sort: str = "points",
        page: int = 1,
        per_page: int = 10,
    ) -> LeaderboardPage:
        """One page of the board for a server (or across servers when ``guild_id`` is None).

        ``sort`` is points, wins or accuracy; pages are 1-based and clamped to those that exist.
        """
        if sort not in _ORDER:
            raise ValueError(f"unknown leaderboard sort {sort!r}; use one of: {', '.join(SORTS)}")
        per_page = max(1, min(per_page, 100))
        source, params = _totals_source(guild_id)
        async with self._db.execute(f"SELECT count(*) FROM {source}", params) as cursor:
            row = await cursor.fetchone()
        total = int(row[0]) if row else 0
        pages = max(1, math.ceil(total / per_page))
        page = max(1, min(page, pages))
        order = _ORDER[sort]
        query = (
            f"SELECT rank() OVER (ORDER BY {order}) AS rank, {_TOTALS} FROM {source}"
            f" ORDER BY {order}, name, user_id LIMIT ? OFFSET ?"
        )
        async with self._db.execute(query, (*params, per_page, (page - 1) * per_page)) as cursor:
            entries = tuple(LeaderboardEntry(*r) for r in await cursor.fetchall())
        return LeaderboardPage(entries, page, pages, total, sort, guild_id)

    async def player_stats(self, guild_id: int | None, user_id: int) -> PlayerStats | None:
        """A player's totals in a server (or across servers), with their points rank."""
        source, params = _totals_source(guild_id)
        query = (
            f"SELECT * FROM (SELECT {_TOTALS}, rank() OVER (ORDER BY {_ORDER['points']}) AS rank,"
            f" count(*) OVER () AS players FROM {source}) WHERE user_id = ?"
        )
        async with self._db.execute(query, (*params, user_id)) as cursor:
            row = await cursor.fetchone()
        return PlayerStats(*row) if row else None

    async def round_history(
        self, guild_id: int, *, channel_id: int | None = None, limit: int = 10
    ) -> list[RoundRecord]:
        """The server's most recent rounds, newest first, each with its ranking."""
        where, params = "guild_id = ?", [guild_id]
        if channel_id is not None:
            where += " AND channel_id = ?"
            params.append(channel_id)
        async with self._db.execute(
            "SELECT id, guild_id, channel_id, starter_id, mode, questions, asked, started_at,"
            f" ended_at, end_reason FROM rounds WHERE {where} ORDER BY started_at DESC, id DESC"
            " LIMIT ?",
            (*params, max(1, limit)),
        ) as cursor:
            rounds = await cursor.fetchall()
        records = []
        for r in rounds:
            async with self._db.execute(
                "SELECT user_id, user_name, rank, points, correct, won FROM round_results"
                " WHERE round_id = ? ORDER BY rank, user_name",
                (r[0],),
            ) as cursor:
                results = tuple(
                    RoundResult(u, n, rank, p, c, bool(w))
                    for u, n, rank, p, c, w in await cursor.fetchall()
                )
            records.append(RoundRecord(*r, results=results))
        return records

    # -- settings and admin ------------------------------------------------------------------

    async def get_settings(self, guild_id: int) -> GuildSettings:
        async with self._db.execute(
            "SELECT question_seconds, round_length, mode, hints FROM guild_settings"
            " WHERE guild_id = ?",
            (guild_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return GuildSettings()
        seconds, length, mode, hints = row
        return GuildSettings(float(seconds), int(length), mode, bool(hints))

    async def update_settings(self, guild_id: int, **changes: Any) -> GuildSettings:
        """Change some settings; raises SettingsError naming the bad value. Returns all settings."""
        known = {f.name for f in fields(GuildSettings)}
        for name, value in changes.items():
            if name not in known:
                raise SettingsError(
                    f"unknown setting {name!r}; settings are: {', '.join(sorted(known))}"
                )
            check, message = _SETTING_RULES[name]
            if not check(value):
                raise SettingsError(f"{message} (got {value!r})")
        merged = replace(await self.get_settings(guild_id), **changes)
        await self._write(
            "INSERT INTO guild_settings (guild_id, question_seconds, round_length, mode, hints)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
            " question_seconds = excluded.question_seconds, round_length = excluded.round_length,"
            " mode = excluded.mode, hints = excluded.hints",
            (
                guild_id,
                float(merged.question_seconds),
                merged.round_length,
                merged.mode,
                int(merged.hints),
            ),
        )
        return merged

    async def reset_guild(self, guild_id: int) -> int:
        """Delete a server's scores and round history (settings stay). Returns players removed."""
        async with self._tx_lock:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                cursor = await self._db.execute(
                    "DELETE FROM players WHERE guild_id = ?", (guild_id,)
                )
                removed = cursor.rowcount
                await cursor.close()
                # Awards, attempts and results go with their rounds (ON DELETE CASCADE).
                await self._db.execute("DELETE FROM rounds WHERE guild_id = ?", (guild_id,))
                await self._db.execute("COMMIT")
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
        return removed

    async def integrity_check(self) -> str:
        async with self._db.execute("PRAGMA integrity_check") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else "no answer"


def _migrations() -> list[tuple[int, Path]]:
    found: list[tuple[int, Path]] = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match is None:
            raise StorageError(f"{path}: migration files are named NNN_name.sql")
        found.append((int(match[1]), path))
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StorageError(f"{MIGRATIONS_DIR}: migrations must be numbered 001, 002, ... in order")
    return found
