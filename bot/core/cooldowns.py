"""Fair play: per-user and per-channel cooldowns on /ask, /quote and /quiz start.

Limits are per server (admins change them; the store keeps them); the last use of each command
is kept only in memory, so a restart forgives everyone. The clock is passed in, so tests and the
console drive it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

COMMANDS: tuple[str, ...] = ("ask", "quote", "quiz start")
MAX_SECONDS = 3600  # an hour: longer is a ban, not a cooldown
PRUNE_EVERY = 1024  # uses between sweeps of expired entries, so memory stays bounded

Scope = Literal["user", "channel"]


@dataclass(frozen=True, slots=True)
class CooldownLimits:
    """Seconds between two uses of a command by one player, and in one channel (0 = none)."""

    per_user: float = 0.0
    per_channel: float = 0.0


# A player may not fire /ask or /quote more than once in 3 s; rounds are limited by being one
# per channel already. Admins change these with /cooldowns.
DEFAULT_LIMITS: dict[str, CooldownLimits] = {
    "ask": CooldownLimits(per_user=3.0),
    "quote": CooldownLimits(per_user=3.0),
    "quiz start": CooldownLimits(),
}


class CooldownError(ValueError):
    """A cooldown setting is outside its allowed range or names an unknown command."""


def check_limits(command: str, limits: CooldownLimits) -> None:
    if command not in COMMANDS:
        raise CooldownError(
            f"unknown command {command!r}; cooldowns apply to {', '.join(COMMANDS)}"
        )
    for name, value in (("per_user", limits.per_user), ("per_channel", limits.per_channel)):
        if not (0 <= value <= MAX_SECONDS):
            raise CooldownError(f"{name} must be from 0 to {MAX_SECONDS} seconds (got {value!r})")


@dataclass(frozen=True, slots=True)
class Refusal:
    command: str
    scope: Scope  # whose cooldown: this player's, or this channel's
    remaining: float  # seconds until the command may be used again

    def wait_parts(self) -> tuple[int, int]:
        """(minutes, seconds) left, rounded up, so waiting that long always works."""
        return divmod(max(1, math.ceil(self.remaining)), 60)

    def wait_text(self) -> str:
        """'4 s', '1 min 5 s'."""
        minutes, seconds = self.wait_parts()
        if minutes and seconds:
            return f"{minutes} min {seconds} s"
        return f"{minutes} min" if minutes else f"{seconds} s"


class Cooldowns:
    """The last use of each command per player and per channel, in memory."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._last: dict[tuple[str, Scope, int, int], float] = {}
        self._uses = 0

    def try_use(
        self, command: str, limits: CooldownLimits, *, guild_id: int, channel_id: int, user_id: int
    ) -> Refusal | None:
        """Record a use and return None, or return why it must wait (and record nothing)."""
        now = self._clock()
        keys: list[tuple[tuple[str, Scope, int, int], float]] = [
            ((command, "user", guild_id, user_id), limits.per_user),
            ((command, "channel", guild_id, channel_id), limits.per_channel),
        ]
        for key, seconds in keys:
            last = self._last.get(key)
            if seconds > 0 and last is not None and now - last < seconds:
                return Refusal(command, key[1], seconds - (now - last))
        for key, seconds in keys:
            if seconds > 0:
                self._last[key] = now
        self._uses += 1
        if self._uses % PRUNE_EVERY == 0:
            self._prune(now)
        return None

    def _prune(self, now: float) -> None:
        for key in [k for k, last in self._last.items() if now - last >= MAX_SECONDS]:
            del self._last[key]
