"""A burst of /ask against the real `python -m bot run` process through the loopback fake Discord.

    python benchmarks/bench_ask_burst.py            # 500 at once
    python benchmarks/bench_ask_burst.py --count 200 --json

All interactions are dispatched on the gateway back to back; for each we measure the time from
its dispatch to the bot's first callback (its reply or its "thinking" acknowledgement), which is
what Discord's 3-second limit counts. Reported: how many were late (> 3 s), p50/p99/max, how many
were acknowledged first (deferred), and how long until every final answer was in place.
Target (issue 12): 0 of 500 late.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "discord"))

from fake_discord import TOKEN, FakeDiscord, Interaction  # noqa: E402

DISCORD_LIMIT = 3.0
QUESTIONS = [
    "who directed it",
    "when was it released",
    "who plays jianqing",
    "how much did it gross",
    "who directed titanic",
]


async def start_bot(fake: FakeDiscord, folder: Path) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BOT_"))}
    env.update(
        DISCORD_TOKEN=TOKEN,
        BOT_DATABASE=str(folder / "bot.sqlite3"),
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        LOG_LEVEL="WARNING",
    )
    (folder / "empty.env").touch()
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--env-file",
        str(folder / "empty.env"),
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


def _refused(record: Interaction) -> bool:
    return ((record.original or {}).get("content") or "").startswith("Slow down")


def _final(record: Interaction) -> bool:
    original = record.original or {}
    return bool(original.get("embeds") or original.get("content"))


async def burst(count: int) -> dict[str, float]:
    fake = FakeDiscord()
    await fake.start()
    with tempfile.TemporaryDirectory() as folder:
        bot = await start_bot(fake, Path(folder))
        try:
            await fake.wait_until(
                lambda: fake.identified.is_set() and "global" in fake.commands, 60
            )
            # one warm-up question, as a real bot has answered some before a burst
            warm = await fake.slash(
                fake.member("warm-up"),
                "ask",
                [{"type": 3, "name": "question", "value": "who directed it"}],
            )
            await fake.wait_until(lambda: warm.callbacks, 30)
            # one asker each: a single user's burst is refused by the per-user cooldown
            members = [fake.member(f"asker{n}") for n in range(count)]
            started = time.monotonic()
            sent = [
                await fake.slash(
                    members[n],
                    "ask",
                    [{"type": 3, "name": "question", "value": QUESTIONS[n % len(QUESTIONS)]}],
                )
                for n in range(count)
            ]
            dispatched = time.monotonic() - started
            await fake.wait_until(lambda: all(_final(r) for r in sent), 120)
            every_answer = time.monotonic() - started
        finally:
            bot.terminate()
            await bot.wait()
            await fake.stop()
    waits = sorted((r.answered_at or float("inf")) - r.sent_at for r in sent)
    return {
        "count": count,
        "late": sum(w > DISCORD_LIMIT for w in waits),
        "deferred": sum(r.callbacks[0]["type"] == 5 for r in sent),
        "refused_by_cooldown": sum(_refused(r) for r in sent),
        "p50_s": statistics.median(waits),
        "p99_s": waits[min(len(waits) - 1, int(len(waits) * 0.99))],
        "max_s": waits[-1],
        "dispatch_s": dispatched,
        "all_answers_s": every_answer,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(burst(args.count))
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['count']} /ask at once: {result['late']} late (> {DISCORD_LIMIT:g} s),"
            f" {result['deferred']} acknowledged first,"
            f" {result['refused_by_cooldown']} refused by a cooldown; first response p50"
            f" {result['p50_s']:.2f} s, p99 {result['p99_s']:.2f} s, max {result['max_s']:.2f} s;"
            f" dispatched in {result['dispatch_s']:.2f} s, every answer in place after"
            f" {result['all_answers_s']:.2f} s"
        )
    return 0 if result["late"] == 0 and result["refused_by_cooldown"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
