"""BOT_DATABASE=postgresql://...: the console plays on PostgreSQL, and the scores are there."""

from __future__ import annotations

import asyncio
import io
import re
import sys

import pytest

from bot.console.app import main
from bot.core.model import FactBase
from bot.core.store_select import open_store


def test_a_round_played_with_bot_database_set_to_postgresql_is_scored_there(
    postgres_database: str, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> None:
    monkeypatch.setenv("BOT_DATABASE", postgres_database)

    def console(lines: list[str]) -> str:
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
        monkeypatch.setattr(sys, "stdout", out)
        assert main(["--fast", "100", "--name", "Ann"]) == 0
        return out.getvalue()

    first = console(["quiz 1 seed=11", "stop"])  # the same seed asks the same question
    prompts = {f.quiz.prompt: f for f in fact_base.quiz_facts if f.quiz}
    (fact,) = [prompts[line.strip()] for line in first.splitlines() if line.strip() in prompts]
    out = console(["quiz 1 seed=11", fact.answer, "stats"])
    won = re.search(r"Correct, Ann! \+(\d+) points", out)
    assert won is not None, out

    async def stored() -> tuple[list[tuple[str, int, int]], list[str | None]]:
        store = await open_store(postgres_database)
        try:
            page = await store.leaderboard(0)
            history = await store.round_history(0)
            return [(e.name, e.points, e.rounds_played) for e in page.entries], [
                r.end_reason for r in history
            ]
        finally:
            await store.close()

    # Both rounds (the stopped one and the won one) are in PostgreSQL, with Ann's points.
    board, ends = asyncio.run(stored())
    assert board == [("Ann", int(won[1]), 1)]
    assert len(ends) == 2 and "stopped" in ends
