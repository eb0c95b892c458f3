"""What both score stores do in the same SQL: written once here, rendered in each dialect.

`SqlScoreStore` holds every operation whose statements and results are the same on SQLite
(`bot.core.storage.ScoreStore`) and PostgreSQL (`bot.core.store_postgres.PostgresScoreStore`):
boards, stats, history, settings, resets, cooldowns, reports, starting and finishing rounds.
An engine supplies the driver calls (`_read`, `_write`, `_write_together`), its batch inserts
for awards and attempts, and a `Dialect`: where the two spell something differently.

Statements name their parameters (``:guild``); the dialect renders them as the driver wants
(``:guild`` with a dict for sqlite3, ``$1`` with a list for asyncpg).
"""

from __future__ import annotations

import json
import math
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Self

from bot.core.cooldowns import DEFAULT_LIMITS, CooldownLimits, check_limits
from bot.core.store_contract import (
    ACCURACY_MIN_ATTEMPTS,
    GuildSettings,
    LeaderboardEntry,
    LeaderboardPage,
    PlayerStats,
    QuestionReport,
    RoundRecord,
    RoundResult,
    StorageError,
    check_setting_changes,
    check_sort,
)
from bot.core.write_batch import WriteBatcher

Params = Mapping[str, Any]
Rows = list[Sequence[Any]]
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")  # :name, not a ::cast


@dataclass(frozen=True, slots=True)
class Dialect:
    """How an engine spells what the shared statements need."""

    numbered: bool  # $1, $2 (asyncpg) rather than :name (sqlite3)
    greatest: str  # the two-argument maximum: max() in SQLite, greatest() in PostgreSQL
    # Names compare byte-wise on both, so ties list in the same order whatever the locale.
    bytewise: str
    ids_member: str  # "column is one of the ids in :name", for a list of ids

    def render(self, sql: str) -> tuple[str, tuple[str, ...]]:
        """The statement as the driver takes it, and its parameters' names in order."""
        return _render(self, sql)

    def bind(self, sql: str, params: Params) -> tuple[str, Any]:
        """The statement and its arguments: a dict for sqlite3, a list for asyncpg."""
        text, names = _render(self, sql)
        if not self.numbered:
            return text, params
        return text, [params[name] for name in names]

    def ids(self, values: Iterable[int]) -> Any:
        """A list of ids as one parameter (for ``ids_member``)."""
        return list(values) if self.numbered else json.dumps(list(values))


@lru_cache(maxsize=1024)  # a finish_round statement per number of players
def _render(dialect: Dialect, sql: str) -> tuple[str, tuple[str, ...]]:
    if not dialect.numbered:
        return sql, ()
    order: list[str] = []

    def number(match: re.Match[str]) -> str:
        if match[1] not in order:
            order.append(match[1])
        return f"${order.index(match[1]) + 1}"

    return _NAMED.sub(number, sql), tuple(order)


SQLITE = Dialect(
    numbered=False,
    greatest="max",
    bytewise="",  # SQLite's default collation is already byte-wise
    ids_member="{column} IN (SELECT value FROM json_each(:{name}))",
)
POSTGRES = Dialect(
    numbered=True,
    greatest="greatest",
    bytewise=' COLLATE "C"',
    ids_member="{column} = ANY(:{name}::bigint[])",
)


# ORDER BY for each sort; the rank window uses the same key so ties share a rank.
_ORDER = {
    "points": "points DESC, rounds_won DESC",
    "wins": "rounds_won DESC, points DESC",
    "accuracy": (
        f"(attempted >= {ACCURACY_MIN_ATTEMPTS}) DESC,"
        " (CAST(correct AS DOUBLE PRECISION) / {greatest}(attempted, 1)) DESC, correct DESC"
    ),
}
_TOTALS = "user_id, name, points, correct, attempted, rounds_played, rounds_won, best_streak"
# Global board: one line per user, summed over servers (showing one of the names they used).
_GLOBAL_TOTALS = """
    SELECT user_id, max(name{bytewise}) AS name, CAST(sum(points) AS BIGINT) AS points,
           CAST(sum(correct) AS BIGINT) AS correct, CAST(sum(attempted) AS BIGINT) AS attempted,
           CAST(sum(rounds_played) AS BIGINT) AS rounds_played,
           CAST(sum(rounds_won) AS BIGINT) AS rounds_won, max(best_streak) AS best_streak
    FROM players GROUP BY user_id
"""
_ROUND_COLUMNS = (
    "id, guild_id, channel_id, starter_id, mode, questions, asked, started_at, ended_at, end_reason"
)
# An interrupted round's ranking, from its ledger: everyone who won or tried a question.
_INTERRUPTED_RESULTS = """
INSERT INTO round_results (round_id, guild_id, user_id, user_name, rank, points, correct, won)
SELECT :round, r.guild_id, p.user_id, p.user_name, rank() OVER (ORDER BY p.points DESC),
       p.points, p.correct,
       CASE WHEN rank() OVER (ORDER BY p.points DESC) = 1 AND p.points > 0 THEN 1 ELSE 0 END
FROM rounds AS r, (
    SELECT user_id, max(user_name{bytewise}) AS user_name, CAST(sum(points) AS INTEGER) AS points,
           CAST(sum(won) AS INTEGER) AS correct
    FROM (
        SELECT user_id, user_name, points, 1 AS won FROM awards WHERE round_id = :round
        UNION ALL
        SELECT user_id, user_name, 0, 0 FROM attempts WHERE round_id = :round
    ) AS ledger
    GROUP BY user_id
) AS p
WHERE r.id = :round
ORDER BY p.user_id
ON CONFLICT DO NOTHING
"""
# Its end: when it was last heard of, and at least as many questions as it stored answers for.
_INTERRUPTED_END = """
UPDATE rounds SET
    end_reason = 'interrupted',
    ended_at = {greatest}(started_at, coalesce((SELECT max(awarded_at) FROM awards
                                                WHERE round_id = :round), 0)),
    asked = {greatest}(asked, coalesce((SELECT max(question_index) + 1 FROM (
        SELECT question_index FROM awards WHERE round_id = :round
        UNION ALL SELECT question_index FROM attempts WHERE round_id = :round) AS q), 0))
WHERE id = :round AND ended_at IS NULL
"""


@dataclass(frozen=True, slots=True)
class Ledger:
    """A ledger table that awards or attempts are written to in batches."""

    table: str
    columns: tuple[str, ...]  # a row's values, in this order
    types: tuple[str, ...]  # PostgreSQL's type of each column (for its array parameters)
    key: tuple[int, ...]  # the columns that make a row unique
    lock_order: tuple[int, ...]  # (server, player, ...): the order players' totals are locked in

    def key_of(self, row: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(row[i] for i in self.key)

    @property
    def key_columns(self) -> str:
        return ", ".join(self.columns[i] for i in self.key)


AWARDS = Ledger(
    "awards",
    (
        "round_id",
        "question_index",
        "fact_id",
        "guild_id",
        "user_id",
        "user_name",
        "points",
        "streak",
        "awarded_at",
    ),
    ("bigint", "int", "text", "bigint", "bigint", "text", "int", "int", "float8"),
    key=(0, 1),  # one award per question
    lock_order=(3, 4, 0, 1),
)
ATTEMPTS = Ledger(
    "attempts",
    ("round_id", "question_index", "guild_id", "user_id", "user_name"),
    ("bigint", "int", "bigint", "bigint", "text"),
    key=(0, 1, 3),  # one attempt per player and question
    lock_order=(2, 3, 0, 1),
)


class SqlScoreStore(ABC):
    """The score store's operations that are the same SQL on every engine.

    A subclass sets ``dialect``, ``_constraint_errors`` (its driver's constraint-violation
    errors) and ``_immediate_per_turn`` (see ``bot.core.write_batch``), and gives the driver
    calls below.
    """

    dialect: Dialect
    _constraint_errors: tuple[type[Exception], ...]
    _immediate_per_turn: int

    def __init__(self) -> None:
        # Group commit; a database error (StorageError) fails the whole batch at once.
        self._awards = self._batcher(self._insert_awards)
        self._attempts = self._batcher(self._insert_attempts)

    def _batcher(
        self, write: Callable[[list[tuple[Any, ...]]], Awaitable[list[bool]]]
    ) -> WriteBatcher[tuple[Any, ...]]:
        return WriteBatcher(
            write,
            whole_batch_errors=(StorageError,),
            immediate_per_turn=self._immediate_per_turn,
        )

    # -- driver calls, one per engine --------------------------------------------------------

    @abstractmethod
    async def _read(self, sql: str, params: Params) -> Rows:
        """The rows of one read-only statement (rendered by the engine's dialect)."""

    @abstractmethod
    async def _write(self, sql: str, params: Params) -> Rows:
        """One write statement in its own transaction; its RETURNING rows."""

    @abstractmethod
    async def _write_together(self, statements: Sequence[tuple[str, Params]]) -> None:
        """Several write statements in order, each safe to repeat (one transaction where the
        engine can have one without holding up other writers)."""

    @abstractmethod
    async def _insert_new(self, ledger: Ledger, rows: Sequence[tuple[Any, ...]]) -> Rows:
        """Insert the rows (no key twice) that are not in the ledger yet, in one statement;
        the keys of those inserted."""

    @abstractmethod
    async def close(self) -> None: ...

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _sql(self, template: str) -> str:
        return template.format(greatest=self.dialect.greatest, bytewise=self.dialect.bytewise)

    # -- rounds and awards -------------------------------------------------------------------

    async def _insert_awards(self, rows: list[tuple[Any, ...]]) -> list[bool]:
        return await self._insert_batch(AWARDS, rows)

    async def _insert_attempts(self, rows: list[tuple[Any, ...]]) -> list[bool]:
        return await self._insert_batch(ATTEMPTS, rows)

    async def _insert_batch(self, ledger: Ledger, rows: list[tuple[Any, ...]]) -> list[bool]:
        """One batch of the write batcher: True for each row that the database inserted and
        that is its key's first in the batch (the same question may come twice)."""
        first: dict[tuple[Any, ...], int] = {}
        for i, row in enumerate(rows):
            first.setdefault(ledger.key_of(row), i)
        # Players' totals are locked in (server, player) order, whoever writes: no deadlocks.
        unique = sorted(
            (rows[i] for i in first.values()), key=lambda r: [r[i] for i in ledger.lock_order]
        )
        inserted = {tuple(r) for r in await self._insert_new(ledger, unique)}
        return [
            first[key] == i and key in inserted
            for i, key in enumerate(ledger.key_of(row) for row in rows)
        ]

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
        rows = await self._write(
            "INSERT INTO rounds (guild_id, channel_id, starter_id, mode, questions, seed,"
            " started_at) VALUES (:guild, :channel, :starter, :mode, :questions, :seed, :at)"
            " RETURNING id",
            {
                "guild": guild_id,
                "channel": channel_id,
                "starter": starter_id,
                "mode": mode,
                "questions": questions,
                "seed": seed,
                "at": started_at or time.time(),
            },
        )
        return int(rows[0][0])

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
        """Commit one won question and its points. False if that question was already awarded
        (by this process or any other).

        Returns only after the commit, so an acknowledged award is stored. Awards submitted
        together are committed together in one statement (group commit,
        ``bot.core.write_batch``): each award is still all-or-nothing.
        """
        row = (
            round_id,
            question_index,
            fact_id,
            guild_id,
            user_id,
            user_name,
            points,
            streak,
            awarded_at or time.time(),
        )
        return await self._awards.submit(row)

    async def record_attempt(
        self, *, round_id: int, question_index: int, guild_id: int, user_id: int, user_name: str
    ) -> bool:
        """Count a question a player tried but did not win (once per player and question)."""
        added = await self.record_attempts(
            round_id=round_id,
            question_index=question_index,
            guild_id=guild_id,
            players=[(user_id, user_name)],
        )
        return added == 1

    async def record_attempts(
        self,
        *,
        round_id: int,
        question_index: int,
        guild_id: int,
        players: Sequence[tuple[int, str]],
    ) -> int:
        """``record_attempt`` for several players at once; returns how many were new."""
        if not players:
            return 0
        rows = [(round_id, question_index, guild_id, uid, name) for uid, name in players]
        return sum(await self._attempts.submit_many(rows))

    async def finish_round(
        self,
        round_id: int,
        *,
        reason: str,
        asked: int,
        results: Iterable[RoundResult],
        ended_at: float | None = None,
    ) -> None:
        """Close a round: the final ranking, then its end, reason and questions asked.

        Safe to repeat: a result already stored for a player is not counted again, and the end
        is written once. (The ranking goes first so a crash between the two statements leaves
        a round that shows its results and can be finished again.) Results go in player order,
        so two writers lock players' totals in the same order.
        """
        ordered = sorted(results, key=lambda r: r.user_id)
        statements: list[tuple[str, Params]] = []
        if ordered:
            params: dict[str, Any] = {"round": round_id}
            values = []
            for n, r in enumerate(ordered):
                values.append(
                    f"(:round, (SELECT guild_id FROM rounds WHERE id = :round), :u{n}, :n{n},"
                    f" :k{n}, :p{n}, :c{n}, :w{n})"
                )
                params |= {
                    f"u{n}": r.user_id,
                    f"n{n}": r.user_name,
                    f"k{n}": r.rank,
                    f"p{n}": r.points,
                    f"c{n}": r.correct,
                    f"w{n}": int(r.won),
                }
            statements.append(
                (
                    "INSERT INTO round_results (round_id, guild_id, user_id, user_name, rank,"
                    f" points, correct, won) VALUES {', '.join(values)} ON CONFLICT DO NOTHING",
                    params,
                )
            )
        statements.append(
            (
                "UPDATE rounds SET ended_at = :at, end_reason = :reason, asked = :asked"
                " WHERE id = :round AND ended_at IS NULL",
                {
                    "at": ended_at or time.time(),
                    "reason": reason,
                    "asked": asked,
                    "round": round_id,
                },
            )
        )
        await self._write_together(statements)

    async def close_interrupted_rounds(
        self, *, console: bool, owned: Callable[[int], bool] | None = None
    ) -> list[RoundRecord]:
        """Close the rounds a crash left open as "interrupted"; returns them to announce.

        Call once at start, before starting rounds. Each round's results are made from the
        awards and attempts it stored (ranked by points, like a finished round), so they count
        in stats and agree with the ledger. ``console`` picks the console's rounds (server 0) or
        the Discord servers' ones: the console and the bot may share one database, and each
        closes only its own. (Two consoles running at once on one file would close each
        other's.) ``owned`` (server id -> bool) keeps a cluster to its own servers' rounds: the
        others' are still running in the processes that own them.
        """
        scope = "guild_id = 0" if console else "guild_id != 0"
        rows = await self._read(
            f"SELECT id, guild_id FROM rounds WHERE ended_at IS NULL AND {scope} ORDER BY id", {}
        )
        open_ids = [int(row[0]) for row in rows if owned is None or owned(int(row[1]))]
        for round_id in open_ids:
            # Results first, then the end: the same order (and repeat-safety) as finish_round.
            await self._write_together(
                [
                    (self._sql(_INTERRUPTED_RESULTS), {"round": round_id}),
                    (self._sql(_INTERRUPTED_END), {"round": round_id}),
                ]
            )
        if not open_ids:
            return []
        member = self.dialect.ids_member.format(column="id", name="ids")
        return await self._records(f"{member} ORDER BY id", {"ids": self.dialect.ids(open_ids)})

    async def award_count(self) -> int:
        rows = await self._read("SELECT count(*) FROM awards", {})
        return int(rows[0][0])

    # -- reading -----------------------------------------------------------------------------

    def _totals_source(self, guild_id: int | None) -> str:
        """A subquery of per-player totals (in a server, or summed over all of them)."""
        if guild_id is None:
            return f"({self._sql(_GLOBAL_TOTALS)}) AS totals"
        return f"(SELECT {_TOTALS} FROM players WHERE guild_id = :guild) AS totals"

    async def leaderboard(
        self, guild_id: int | None, sort: str = "points", page: int = 1, per_page: int = 10
    ) -> LeaderboardPage:
        """One page of the board for a server (or across servers when ``guild_id`` is None).

        ``sort`` is points, wins or accuracy; pages are 1-based and clamped to those that exist.
        """
        check_sort(sort)
        per_page = max(1, min(per_page, 100))
        source = self._totals_source(guild_id)
        counted = await self._read(f"SELECT count(*) FROM {source}", {"guild": guild_id})
        total = int(counted[0][0])
        pages = max(1, math.ceil(total / per_page))
        page = max(1, min(page, pages))
        order = self._sql(_ORDER[sort])
        rows = await self._read(
            f"SELECT rank() OVER (ORDER BY {order}) AS rank, {_TOTALS} FROM {source}"
            f" ORDER BY {order}, name{self.dialect.bytewise}, user_id LIMIT :limit OFFSET :skip",
            {"guild": guild_id, "limit": per_page, "skip": (page - 1) * per_page},
        )
        entries = tuple(LeaderboardEntry(*r) for r in rows)
        return LeaderboardPage(entries, page, pages, total, sort, guild_id)

    async def player_stats(self, guild_id: int | None, user_id: int) -> PlayerStats | None:
        """A player's totals in a server (or across servers), with their points rank."""
        by_points = self._sql(_ORDER["points"])
        rows = await self._read(
            f"SELECT * FROM (SELECT {_TOTALS}, rank() OVER (ORDER BY {by_points}) AS rank,"
            f" count(*) OVER () AS players FROM {self._totals_source(guild_id)}) AS ranked"
            " WHERE user_id = :user",
            {"guild": guild_id, "user": user_id},
        )
        return PlayerStats(*rows[0]) if rows else None

    async def round_history(
        self, guild_id: int, *, channel_id: int | None = None, limit: int = 10
    ) -> list[RoundRecord]:
        """The server's most recent rounds, newest first, each with its ranking."""
        channel = "" if channel_id is None else " AND channel_id = :channel"
        return await self._records(
            f"guild_id = :guild{channel} ORDER BY started_at DESC, id DESC LIMIT :limit",
            {"guild": guild_id, "channel": channel_id, "limit": max(1, limit)},
        )

    async def _records(self, where: str, params: Params) -> list[RoundRecord]:
        rounds = await self._read(f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE {where}", params)
        if not rounds:
            return []
        member = self.dialect.ids_member.format(column="round_id", name="ids")
        results = await self._read(
            "SELECT round_id, user_id, user_name, rank, points, correct, won FROM round_results"
            f" WHERE {member} ORDER BY round_id, rank, user_name{self.dialect.bytewise}, user_id",
            {"ids": self.dialect.ids(r[0] for r in rounds)},
        )
        by_round: dict[int, list[RoundResult]] = {}
        for round_id, user, name, rank, points, correct, won in results:
            by_round.setdefault(round_id, []).append(
                RoundResult(user, name, rank, points, correct, bool(won))
            )
        return [
            RoundRecord(*r, results=tuple(by_round.get(r[0], ())))  # type: ignore[misc]  # 10 columns
            for r in rounds
        ]

    # -- settings and admin ------------------------------------------------------------------

    async def get_settings(self, guild_id: int) -> GuildSettings:
        rows = await self._read(
            "SELECT question_seconds, round_length, mode, hints FROM guild_settings"
            " WHERE guild_id = :guild",
            {"guild": guild_id},
        )
        if not rows:
            return GuildSettings()
        seconds, length, mode, hints = rows[0]
        return GuildSettings(float(seconds), int(length), mode, bool(hints))

    async def update_settings(self, guild_id: int, **changes: Any) -> GuildSettings:
        """Change some settings; raises ServerSettingError naming the bad value. Returns all
        settings."""
        check_setting_changes(changes)
        merged = replace(await self.get_settings(guild_id), **changes)
        await self._write(
            "INSERT INTO guild_settings (guild_id, question_seconds, round_length, mode, hints)"
            " VALUES (:guild, :seconds, :length, :mode, :hints) ON CONFLICT (guild_id) DO UPDATE"
            " SET question_seconds = excluded.question_seconds,"
            " round_length = excluded.round_length, mode = excluded.mode, hints = excluded.hints"
            " RETURNING guild_id",
            {
                "guild": guild_id,
                "seconds": float(merged.question_seconds),
                "length": merged.round_length,
                "mode": merged.mode,
                "hints": bool(merged.hints),
            },
        )
        return merged

    async def reset_guild(self, guild_id: int) -> int:
        """Delete a server's scores and round history (settings stay). Returns players removed.

        One statement: a trigger on the ``guild_resets`` log does the deleting atomically and
        notes how many players it removed.
        """
        rows = await self._write(
            "INSERT INTO guild_resets (guild_id, reset_at) VALUES (:guild, :at) RETURNING id",
            {"guild": guild_id, "at": time.time()},
        )
        counted = await self._write(
            "SELECT players FROM guild_resets WHERE id = :id", {"id": int(rows[0][0])}
        )
        return int(counted[0][0])

    # -- cooldowns ---------------------------------------------------------------------------

    async def get_cooldowns(self, guild_id: int) -> dict[str, CooldownLimits]:
        """This server's cooldown limits per command (the defaults where none was set)."""
        limits = dict(DEFAULT_LIMITS)
        for command, per_user, per_channel in await self._read(
            "SELECT command, per_user, per_channel FROM cooldown_settings WHERE guild_id = :guild",
            {"guild": guild_id},
        ):
            limits[command] = CooldownLimits(float(per_user), float(per_channel))
        return limits

    async def set_cooldown(self, guild_id: int, command: str, limits: CooldownLimits) -> None:
        """Raises CooldownError naming the bad value."""
        check_limits(command, limits)
        await self._write(
            "INSERT INTO cooldown_settings (guild_id, command, per_user, per_channel)"
            " VALUES (:guild, :command, :user, :channel) ON CONFLICT (guild_id, command)"
            " DO UPDATE SET per_user = excluded.per_user, per_channel = excluded.per_channel"
            " RETURNING guild_id",
            {
                "guild": guild_id,
                "command": command,
                "user": float(limits.per_user),
                "channel": float(limits.per_channel),
            },
        )

    # -- questions asked per channel (no repeats) --------------------------------------------

    async def asked_questions(
        self, channel_id: int, since: float | None = None
    ) -> dict[str, float]:
        """fact id -> when it was last asked in this channel (only since ``since`` if given)."""
        rows = await self._read(
            "SELECT fact_id, asked_at FROM asked_questions"
            " WHERE channel_id = :channel AND asked_at >= :since",
            {"channel": channel_id, "since": since if since is not None else float("-inf")},
        )
        return {fact_id: float(at) for fact_id, at in rows}

    async def record_asked(
        self, channel_id: int, fact_id: str, asked_at: float | None = None
    ) -> None:
        await self._write(
            "INSERT INTO asked_questions (channel_id, fact_id, asked_at)"
            " VALUES (:channel, :fact, :at) ON CONFLICT (channel_id, fact_id)"
            " DO UPDATE SET asked_at = excluded.asked_at RETURNING channel_id",
            {
                "channel": channel_id,
                "fact": fact_id,
                "at": asked_at if asked_at is not None else time.time(),
            },
        )

    # -- question reports --------------------------------------------------------------------

    async def add_report(
        self,
        *,
        guild_id: int,
        channel_id: int,
        user_id: int,
        user_name: str,
        fact_id: str,
        source: str,
        reason: str,
        created_at: float | None = None,
    ) -> int | None:
        """File a report; its id, or None when this player already has one open on the fact
        (or the report breaks a rule of the table)."""
        try:
            rows = await self._write(
                "INSERT INTO reports (guild_id, channel_id, user_id, user_name, fact_id, source,"
                " reason, created_at) VALUES (:guild, :channel, :user, :name, :fact, :source,"
                " :reason, :at)"
                " ON CONFLICT (guild_id, user_id, fact_id) WHERE resolved_at IS NULL DO NOTHING"
                " RETURNING id",
                {
                    "guild": guild_id,
                    "channel": channel_id,
                    "user": user_id,
                    "name": user_name,
                    "fact": fact_id,
                    "source": source,
                    "reason": reason,
                    "at": created_at if created_at is not None else time.time(),
                },
            )
        except self._constraint_errors:
            return None
        return int(rows[0][0]) if rows else None

    async def reports(self, guild_id: int, *, open_only: bool = True) -> list[QuestionReport]:
        """A server's reports, oldest first."""
        where = " AND resolved_at IS NULL" if open_only else ""
        rows = await self._read(
            "SELECT id, fact_id, source, reason, user_id, user_name, channel_id, created_at,"
            f" resolved_at, resolved_by FROM reports WHERE guild_id = :guild{where} ORDER BY id",
            {"guild": guild_id},
        )
        return [QuestionReport(*row) for row in rows]

    async def resolve_report(
        self, guild_id: int, report_id: int, by_user: int, resolved_at: float | None = None
    ) -> bool:
        """Mark an open report of this server resolved; False if there is no such open report."""
        rows = await self._write(
            "UPDATE reports SET resolved_at = :at, resolved_by = :by"
            " WHERE id = :id AND guild_id = :guild AND resolved_at IS NULL RETURNING id",
            {
                "at": resolved_at if resolved_at is not None else time.time(),
                "by": by_user,
                "id": report_id,
                "guild": guild_id,
            },
        )
        return bool(rows)
