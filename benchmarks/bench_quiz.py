"""Quiz benchmark: 1,000 concurrent rounds in one process, simulated players, real SQLite.

    python benchmarks/bench_quiz.py                 # 1,000 rounds x 10 questions x 3 players
    python benchmarks/bench_quiz.py --rounds 200 --json
    python benchmarks/bench_quiz.py --database postgresql://...   # vs SQLite, 2 processes each

Half the rounds are typed, half multiple choice, all on the shipped fact pack. When a question
appears each simulated player answers after a random delay (some guess wrong first; in multiple
choice some click twice). Timers run ``--time-scale`` times faster than real, so a 20 s question
lasts 0.5 s and players answer well inside it; rounds start over the first ``--ramp`` seconds.

Reports the latency of every ``RoundManager.submit`` call (for a correct answer that includes
committing the award to SQLite), awards committed per second (steady: the middle 80%
of awards; overall: first to last award, with ramp-up and tail), and then
checks the database: exactly the acknowledged awards, with exactly their points. Exit status 1
when any award is lost or doubled. Targets: answer p99 <= 5 ms, award p99 <= 20 ms,
>= 2,000 awards/s, zero lost.

The floor, measured first in the same run on the same disk: bare sqlite3 with one INSERT and
one COMMIT per award (no event loop, no rounds). ``store_vs_floor`` is the awards/s of the write
path alone (1,000 rounds each committing awards one after another through ``ScoreStore``, as
fast as they can) as a share of it, which survives a loaded machine better than the absolute
rate (target >= 0.5); ``store_award_turns_*`` say how many loop turns such an award waited
(0: written in the call that submitted it; 1: batched with a burst). ``steady_vs_floor`` is
the rounds' steady awards/s as a share of the floor: it is bounded by how fast the simulated
players answer (about 3,000 awards/s offered), not by the store. ``cpu_us_per_answer_call``
(the rounds' CPU time per answer call) is the figure to compare across runs on a busy machine,
where the latencies mostly measure the wait for a core.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.core.answers import AnswerChecker
from bot.core.facts import load_fact_base
from bot.core.model import FactBase
from bot.core.quiz import AnswerResult, QuestionCard, RoundOptions, Summary
from bot.core.rounds import Player, RoundManager
from bot.core.storage import ScoreStore

TARGET_P99_MS = 5.0
TARGET_AWARD_P99_MS = 20.0
TARGET_AWARDS_PER_S = 2000.0
TARGET_VS_FLOOR = 0.5  # the store's awards/s against the bare one-INSERT-per-award floor


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, every answer call
    award_latencies: list[float] = field(default_factory=list)  # correct answers only
    awards: int = 0
    points: int = 0
    unsaved: int = 0
    award_times: list[float] = field(default_factory=list)  # when each award was acknowledged


class SimulatedChannel:
    """The Presenter of one channel: when a question shows, its players answer."""

    def __init__(
        self,
        manager: RoundManager,
        fact_base: FactBase,
        channel_id: int,
        players: int,
        rng: random.Random,
        tally: Tally,
        max_delay: float,
    ) -> None:
        self.manager = manager
        self.facts = fact_base
        self.channel_id = channel_id
        self.players = players
        self.rng = rng
        self.tally = tally
        self.max_delay = max_delay
        self.done = asyncio.get_running_loop().create_future()
        self.tasks: set[asyncio.Task[None]] = set()

    async def question(self, channel_id: int, card: QuestionCard) -> None:
        loop = asyncio.get_running_loop()
        for player in range(self.players):
            # A timer per player; the answering task exists only once the player answers.
            delay = self.rng.uniform(0.0, self.max_delay)
            loop.call_later(delay, self._spawn, card, self.channel_id * 10 + player)

    def _spawn(self, card: QuestionCard, user_id: int) -> None:
        task = asyncio.create_task(self._play(card, user_id))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _play(self, card: QuestionCard, user_id: int) -> None:
        answer = self.facts.by_id[card.fact_id].answer
        player = Player(user_id, f"player{user_id}")
        submit, channel = self.manager.submit, self.channel_id
        if card.options:
            right = card.options.index(answer)
            pick = right if self.rng.random() < 0.6 else self.rng.randrange(len(card.options))
            await self._timed(submit(channel, player, pick, source="button"))
            if self.rng.random() < 0.2:  # a double click
                await self._timed(submit(channel, player, pick, source="button"))
            return
        if self.rng.random() < 0.3:  # a wrong guess first
            other = self.rng.choice(self.facts.facts).answer
            await self._timed(submit(channel, player, other, source="chat"))
        await self._timed(submit(channel, player, answer, source="chat"))

    async def _timed(self, call: object) -> None:
        start = time.perf_counter()
        result: AnswerResult | None = await call  # type: ignore[misc]
        elapsed = time.perf_counter() - start
        self.tally.latencies.append(elapsed)
        if result is not None and result.correct:
            self.tally.award_latencies.append(elapsed)
            if result.saved:
                self.tally.award_times.append(time.perf_counter())
                self.tally.awards += 1
                self.tally.points += result.points
            else:
                self.tally.unsaved += 1

    async def hint(self, channel_id: int, hint: object) -> None:
        pass

    async def correct(self, channel_id: int, result: object) -> None:
        pass

    async def reveal(self, channel_id: int, reveal: object) -> None:
        pass

    async def summary(self, channel_id: int, summary: Summary) -> None:
        if not self.done.done():
            self.done.set_result(summary)


def sqlite_floor(folder: Path, count: int = 5000) -> float:
    """Awards/s of bare sqlite3 on the same disk: one INSERT and one COMMIT per award, same
    WAL and synchronous settings as the store, no event loop. The quiz is measured against it."""
    db = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        "CREATE TABLE awards (id INTEGER PRIMARY KEY, round_id INTEGER NOT NULL,"
        " question_index INTEGER NOT NULL, fact_id TEXT NOT NULL, guild_id INTEGER NOT NULL,"
        " user_id INTEGER NOT NULL, user_name TEXT NOT NULL, points INTEGER NOT NULL,"
        " streak INTEGER NOT NULL, awarded_at REAL NOT NULL, UNIQUE (round_id, question_index))"
    )
    started = time.perf_counter()
    for n in range(count):
        db.execute("BEGIN")
        db.execute(
            "INSERT INTO awards (round_id, question_index, fact_id, guild_id, user_id,"
            " user_name, points, streak, awarded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (n // 10, n % 10, "director", 1, n % 3, "player", 10, 1, time.time()),
        )
        db.execute("COMMIT")
    rate = count / (time.perf_counter() - started)
    db.close()
    return rate


async def store_capacity(folder: Path, writers: int = 1000, each: int = 10) -> dict[str, float]:
    """Awards/s the score store sustains with ``writers`` rounds committing awards one after
    another as fast as they can (no simulated players, no quiz rules): the write path alone,
    against the same floor. Also how many loop turns an award waited (0 is the minimum)."""
    store = await ScoreStore.open(folder / "capacity.sqlite3")
    rounds = [
        await store.start_round(
            guild_id=1, channel_id=n, starter_id=1, mode="typed", questions=each
        )
        for n in range(writers)
    ]
    loop = asyncio.get_running_loop()
    turns = 0

    def tick() -> None:
        nonlocal turns, handle
        turns += 1
        handle = loop.call_soon(tick)

    handle = loop.call_soon(tick)
    waited: list[int] = []

    async def writer(round_id: int) -> None:
        for question in range(each):
            before = turns
            await store.record_award(
                round_id=round_id,
                question_index=question,
                fact_id="director",
                guild_id=1,
                user_id=round_id,
                user_name="player",
                points=10,
                streak=1,
            )
            waited.append(turns - before)

    started = time.perf_counter()
    await asyncio.gather(*(writer(r) for r in rounds))
    elapsed = time.perf_counter() - started
    handle.cancel()
    stored = await store.award_count()
    await store.close()
    return {
        "awards_per_s": writers * each / elapsed,
        "stored": stored,
        "turns_p50": percentile([float(w) for w in waited], 0.5),
        "turns_max": float(max(waited)),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def play_channels(
    manager: RoundManager,
    fact_base: FactBase,
    args: argparse.Namespace,
    channel_ids: range,
    rng: random.Random,
    tally: Tally,
) -> tuple[list[Summary], float]:
    """Play one round per channel with simulated players; the summaries and the wall time."""
    gc.collect()
    gc.freeze()  # what a long-running bot does after start-up: no re-scanning the fact base
    started = time.perf_counter()
    channels = [
        SimulatedChannel(manager, fact_base, channel_id, args.players, rng, tally, args.max_delay)
        for channel_id in channel_ids
    ]

    async def start(channel: SimulatedChannel, after: float) -> None:
        await asyncio.sleep(after)
        mode = "typed" if channel.channel_id % 2 else "choice"
        options = RoundOptions(
            questions=args.questions,
            mode=mode,  # type: ignore[arg-type]
            seed=channel.channel_id,
            hints=False,
        )
        await manager.start(channel.channel_id, channel.channel_id % 50, 1, options, channel)

    # Rounds start within the first --ramp seconds (people do not all type /quiz in the same
    # millisecond), then all run at once.
    await asyncio.gather(*(start(c, rng.uniform(0, args.ramp)) for c in channels))
    summaries = await asyncio.gather(*(c.done for c in channels))
    return list(summaries), time.perf_counter() - started


async def run(args: argparse.Namespace) -> dict[str, object]:
    fact_base = load_fact_base()
    folder = Path(tempfile.mkdtemp(prefix="bench-quiz-"))
    floor = sqlite_floor(folder)  # measured in the same run, on the same disk
    capacity = await store_capacity(folder)
    cpu_started = time.process_time()
    store = await ScoreStore.open(folder / "bench.sqlite3")
    manager = RoundManager(
        fact_base, store, checker=AnswerChecker(fact_base), time_scale=args.time_scale
    )
    tally = Tally()
    rng = random.Random(args.seed)
    summaries, elapsed = await play_channels(
        manager, fact_base, args, range(1, args.rounds + 1), rng, tally
    )
    cpu = time.process_time() - cpu_started
    await asyncio.sleep(0)

    stored_awards = await store.award_count()
    async with store._db.execute("SELECT coalesce(sum(points), 0) FROM awards") as cursor:
        stored_points = (await cursor.fetchone())[0]
    async with store._db.execute("SELECT coalesce(sum(points), 0) FROM players") as cursor:
        player_points = (await cursor.fetchone())[0]
    integrity = await store.integrity_check()
    await store.close()

    times = sorted(tally.award_times) or [0.0]
    overall_window = max(times[-1] - times[0], 1e-9)
    # Steady state: the middle 80% of awards, without the ramp-up and the last rounds' tail.
    low, high = times[len(times) // 10], times[(len(times) * 9) // 10 - 1]
    steady_window = max(high - low, 1e-9)
    report = {
        "rounds": args.rounds,
        "questions_per_round": args.questions,
        "players_per_round": args.players,
        "answer_calls": len(tally.latencies),
        "answer_p50_ms": round(percentile(tally.latencies, 0.50) * 1000, 3),
        "answer_p99_ms": round(percentile(tally.latencies, 0.99) * 1000, 3),
        "award_p50_ms": round(percentile(tally.award_latencies, 0.50) * 1000, 3),
        "award_p99_ms": round(percentile(tally.award_latencies, 0.99) * 1000, 3),
        "answer_mean_ms": round(statistics.fmean(tally.latencies) * 1000, 3),
        "awards_acknowledged": tally.awards,
        "awards_stored": stored_awards,
        "points_acknowledged": tally.points,
        "points_stored": stored_points,
        "points_in_player_totals": player_points,
        "awards_not_saved": tally.unsaved,
        "awards_per_s_steady": round(0.8 * len(times) / steady_window, 1),
        "awards_per_s_overall": round(tally.awards / overall_window, 1),
        "floor_inserts_per_s": round(floor, 1),  # bare sqlite3, one INSERT + COMMIT per award
        "steady_vs_floor": round(0.8 * len(times) / steady_window / floor, 3),
        "store_awards_per_s": round(capacity["awards_per_s"], 1),  # the write path alone
        "store_vs_floor": round(capacity["awards_per_s"] / floor, 3),
        "store_lost": 10_000 - int(capacity["stored"]),
        "store_award_turns_p50": capacity["turns_p50"],  # loop turns an award waited
        "store_award_turns_max": capacity["turns_max"],
        "cpu_seconds": round(cpu, 2),  # the rounds' CPU: robust to other load on the machine
        "cpu_us_per_answer_call": round(cpu / max(len(tally.latencies), 1) * 1e6, 1),
        "wall_seconds": round(elapsed, 2),
        "rounds_completed": sum(1 for s in summaries if s.reason == "completed"),
        "integrity_check": integrity,
        "load_average_after": round(os.getloadavg()[0], 2),  # other work on the machine
    }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--players", type=int, default=3)
    parser.add_argument("--time-scale", type=float, default=40.0)
    parser.add_argument(
        "--max-delay", type=float, default=0.25, help="real seconds a player takes at most"
    )
    parser.add_argument("--ramp", type=float, default=2.0, help="seconds over which rounds start")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    quiz_engines.add_arguments(parser)  # --database postgresql://..., --processes
    args = parser.parse_args(argv)
    if args.database or args.worker:
        return quiz_engines.compare(args)
    report = asyncio.run(run(args))
    lost = (
        report["store_lost"] != 0
        or report["awards_acknowledged"] != report["awards_stored"]
        or (
            report["points_acknowledged"] != report["points_stored"]
            or report["points_stored"] != report["points_in_player_totals"]
        )
    )
    checks = {
        f"p99 <= {TARGET_P99_MS} ms": float(report["answer_p99_ms"]) <= TARGET_P99_MS,  # type: ignore[arg-type]
        f">= {TARGET_AWARDS_PER_S:.0f} awards/s (steady)": float(report["awards_per_s_steady"])  # type: ignore[arg-type]
        >= TARGET_AWARDS_PER_S,
        f"award p99 <= {TARGET_AWARD_P99_MS} ms": float(report["award_p99_ms"])  # type: ignore[arg-type]
        <= TARGET_AWARD_P99_MS,
        f"store >= {TARGET_VS_FLOOR:.0%} of the SQLite floor": float(report["store_vs_floor"])  # type: ignore[arg-type]
        >= TARGET_VS_FLOOR,
        "zero lost or doubled": not lost and report["awards_not_saved"] == 0,
        "integrity ok": report["integrity_check"] == "ok",
    }
    if args.json:
        print(json.dumps({**report, "targets": checks}, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:>26}: {value}")
        for name, ok in checks.items():
            print(f"{'PASS' if ok else 'MISS':>26}: {name}")
    return 1 if lost else 0


import quiz_engines  # noqa: E402  (after the definitions it imports from here)

if __name__ == "__main__":
    sys.exit(main())
