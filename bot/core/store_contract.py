"""What every score store offers: the records it returns, its errors, and the contract itself.

Two engines satisfy `ScoreStoreContract`: SQLite (`bot.core.storage.ScoreStore`, one process,
one file, the default) and PostgreSQL (`bot.core.store_postgres.PostgresScoreStore`, several
processes or hosts). `bot.core.store_select.open_store` picks one from the configured database.
The same test suite (tests/core/test_storage.py) runs against both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, Literal, Protocol, Self

from bot.core.cooldowns import CooldownLimits

SORTS: tuple[str, ...] = ("points", "wins", "accuracy")
Sort = Literal["points", "wins", "accuracy"]
# 1 right of 1 tried is not better than 90 of 100: accuracy ranks players with at least this many
# questions tried first.
ACCURACY_MIN_ATTEMPTS = 5

StorageProblem = Literal[
    "locked",
    "read-only",
    "permission",
    "newer-schema",
    "damaged",
    "path",
    "closed",
    "unreachable",
    "other",
]


class StorageError(Exception):
    """The database cannot be used; ``problem`` says why (the message says how to fix it)."""

    def __init__(self, message: str, problem: StorageProblem = "other") -> None:
        super().__init__(message)
        self.problem: StorageProblem = problem


class ServerSettingError(ValueError):
    """A server setting was given a value outside its allowed range."""


@dataclass(frozen=True, slots=True)
class QuestionReport:
    """A player's report of a wrong or unclear quiz question."""

    id: int
    fact_id: str
    source: str
    reason: str
    user_id: int
    user_name: str
    channel_id: int
    created_at: float
    resolved_at: float | None
    resolved_by: int | None


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


def check_setting_changes(changes: Mapping[str, Any]) -> None:
    """Raise ServerSettingError naming the first unknown setting or value out of range."""
    known = {f.name for f in fields(GuildSettings)}
    for name, value in changes.items():
        if name not in known:
            raise ServerSettingError(
                f"unknown setting {name!r}; settings are: {', '.join(sorted(known))}"
            )
        check, message = _SETTING_RULES[name]
        if not check(value):
            raise ServerSettingError(f"{message} (got {value!r})")


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


def check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise ValueError(f"unknown leaderboard sort {sort!r}; use one of: {', '.join(SORTS)}")


class ScoreStoreContract(Protocol):
    """The score store as the bot, the console and the tools use it, whatever the engine.

    Awards are exactly-once per (round, question) even with several writers; a player's totals
    always equal the sums of their ledger (awards, attempts, round results). ``guild_id=0`` is
    the console and direct messages.
    """

    async def close(self) -> None: ...
    async def __aenter__(self) -> Self: ...
    async def __aexit__(self, *exc: object) -> None: ...
    async def schema_version(self) -> int: ...

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
    ) -> int: ...
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
    ) -> bool: ...
    async def record_attempt(
        self, *, round_id: int, question_index: int, guild_id: int, user_id: int, user_name: str
    ) -> bool: ...
    async def record_attempts(
        self,
        *,
        round_id: int,
        question_index: int,
        guild_id: int,
        players: Sequence[tuple[int, str]],
    ) -> int: ...
    async def finish_round(
        self,
        round_id: int,
        *,
        reason: str,
        asked: int,
        results: Iterable[RoundResult],
        ended_at: float | None = None,
    ) -> None: ...
    async def close_interrupted_rounds(
        self, *, console: bool, owned: Callable[[int], bool] | None = None
    ) -> list[RoundRecord]: ...
    async def award_count(self) -> int: ...

    async def leaderboard(
        self, guild_id: int | None, sort: str = "points", page: int = 1, per_page: int = 10
    ) -> LeaderboardPage: ...
    async def player_stats(self, guild_id: int | None, user_id: int) -> PlayerStats | None: ...
    async def round_history(
        self, guild_id: int, *, channel_id: int | None = None, limit: int = 10
    ) -> list[RoundRecord]: ...

    async def get_settings(self, guild_id: int) -> GuildSettings: ...
    async def update_settings(self, guild_id: int, **changes: Any) -> GuildSettings: ...
    async def reset_guild(self, guild_id: int) -> int: ...
    async def integrity_check(self) -> str: ...

    async def get_cooldowns(self, guild_id: int) -> dict[str, CooldownLimits]: ...
    async def set_cooldown(self, guild_id: int, command: str, limits: CooldownLimits) -> None: ...

    async def asked_questions(
        self, channel_id: int, since: float | None = None
    ) -> dict[str, float]: ...
    async def record_asked(
        self, channel_id: int, fact_id: str, asked_at: float | None = None
    ) -> None: ...

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
    ) -> int | None: ...
    async def reports(self, guild_id: int, *, open_only: bool = True) -> list[QuestionReport]: ...
    async def resolve_report(
        self, guild_id: int, report_id: int, by_user: int, resolved_at: float | None = None
    ) -> bool: ...
