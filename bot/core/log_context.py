"""Ids that describe what a log line is about (shard, guild, channel, round).

Bound in a task's context (`bind`), they follow everything that task logs and every task it
starts (asyncio copies the context), so a quiz round's lines carry the guild and channel of the
`/quiz start` that began it. `bot.json_logs` writes them out with `LOG_FORMAT=json`.
"""

from __future__ import annotations

from contextvars import ContextVar

KEYS = ("shard_id", "guild_id", "channel_id", "round_id")
_CONTEXT: ContextVar[dict[str, int]] = ContextVar("log_context", default={})  # noqa: B039 - never mutated


def bind(**ids: int | None) -> None:
    """Add ids to the current task's log context (None values are left out)."""
    _CONTEXT.set({**_CONTEXT.get(), **{k: v for k, v in ids.items() if v is not None}})


def current() -> dict[str, int]:
    return _CONTEXT.get()
