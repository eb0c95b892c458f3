"""Cooldowns: per player and per channel, the time left rounded up, limits kept by the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.cooldowns import DEFAULT_LIMITS, CooldownError, CooldownLimits, Cooldowns, Refusal
from bot.core.storage import ScoreStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _use(
    cooldowns: Cooldowns, limits: CooldownLimits, user: int, channel: int = 7
) -> Refusal | None:
    return cooldowns.try_use("ask", limits, guild_id=1, channel_id=channel, user_id=user)


def test_a_player_waits_out_their_own_cooldown_only() -> None:
    clock = Clock()
    cooldowns = Cooldowns(clock)
    limits = CooldownLimits(per_user=10)

    assert _use(cooldowns, limits, user=1) is None
    clock.now += 4
    refused = _use(cooldowns, limits, user=1)
    assert refused is not None and refused.scope == "user" and refused.wait_text() == "6 s"
    assert _use(cooldowns, limits, user=2) is None  # another player is not held back
    clock.now += 6
    assert _use(cooldowns, limits, user=1) is None


def test_a_refused_use_does_not_restart_the_cooldown() -> None:
    clock = Clock()
    cooldowns = Cooldowns(clock)
    limits = CooldownLimits(per_user=10)
    _use(cooldowns, limits, user=1)
    clock.now += 9
    assert _use(cooldowns, limits, user=1) is not None
    clock.now += 1
    assert _use(cooldowns, limits, user=1) is None


def test_a_channel_cooldown_holds_back_everyone_in_that_channel() -> None:
    clock = Clock()
    cooldowns = Cooldowns(clock)
    limits = CooldownLimits(per_channel=90)

    assert _use(cooldowns, limits, user=1) is None
    refused = _use(cooldowns, limits, user=2)
    assert refused is not None and refused.scope == "channel"
    assert refused.wait_text() == "1 min 30 s"
    assert _use(cooldowns, limits, user=2, channel=8) is None


def test_time_left_is_rounded_up_so_waiting_that_long_works() -> None:
    assert Refusal("ask", "user", 0.2).wait_text() == "1 s"
    assert Refusal("ask", "user", 59.01).wait_text() == "1 min"
    assert Refusal("ask", "user", 125).wait_text() == "2 min 5 s"


async def test_limits_are_stored_per_server_and_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "scores.sqlite3"
    store = await ScoreStore.open(path)
    assert await store.get_cooldowns(5) == DEFAULT_LIMITS
    await store.set_cooldown(5, "quiz start", CooldownLimits(0, 120))
    with pytest.raises(CooldownError, match="per_user must be from 0 to 3600 seconds"):
        await store.set_cooldown(5, "ask", CooldownLimits(per_user=7200))
    with pytest.raises(CooldownError, match="unknown command 'leaderboard'"):
        await store.set_cooldown(5, "leaderboard", CooldownLimits())
    await store.close()

    reopened = await ScoreStore.open(path)
    try:
        limits = await reopened.get_cooldowns(5)
        assert limits["quiz start"] == CooldownLimits(0, 120)
        assert limits["ask"] == DEFAULT_LIMITS["ask"]  # the refused change left it alone
        assert await reopened.get_cooldowns(6) == DEFAULT_LIMITS  # other servers untouched
    finally:
        await reopened.close()
