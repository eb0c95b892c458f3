"""LOG_FORMAT=json: one JSON object per line, carrying the ids bound for the task that logged."""

from __future__ import annotations

import asyncio
import io
import json
import logging

from bot.core import log_context
from bot.json_logs import JsonFormatter


async def test_json_lines_carry_the_ids_of_the_task_and_the_tasks_it_starts() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("test.json_logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    async def command() -> None:
        log_context.bind(shard_id=0, guild_id=42, channel_id=7)

        async def round_task() -> None:
            log_context.bind(round_id=3)
            logger.info("question %d shown", 1)

        await asyncio.create_task(round_task())
        logger.warning("done")

    try:
        await asyncio.create_task(command())
        logger.info("outside")
    finally:
        logger.removeHandler(handler)

    first, second, third = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "question 1 shown" and first["level"] == "INFO"
    assert (first["shard_id"], first["guild_id"], first["channel_id"], first["round_id"]) == (
        0, 42, 7, 3,
    )  # fmt: skip
    assert second["guild_id"] == 42 and "round_id" not in second  # the round's id stays there
    assert "guild_id" not in third
