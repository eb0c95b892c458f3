"""`bench_quiz.py --database postgresql://...`: the quiz benchmark on SQLite and PostgreSQL, side
by side in one run, each with the rounds split over several processes writing one database.

    python benchmarks/bench_quiz.py --database postgresql://USER:PASSWORD@HOST:PORT/DBNAME
    python benchmarks/bench_quiz.py --database postgresql://... --processes 2 --rounds 1000

The same rounds (bench_quiz.py's simulated players) run twice: on a fresh SQLite file, then on
that (empty) PostgreSQL database, each split over ``--processes`` (default 2) bot-like
processes, as shard clusters do; ``pg_vs_sqlite`` is the ratio of their steady awards/s. Zero
lost means the awards every process acknowledged are exactly the ones stored, with their points
in the players' totals. A throwaway server for it: ``python tests/pg_server.py [--durable]``
prints a database URL (``--durable``: fsync and synchronous commits on, as in production).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quiz import (
    TARGET_AWARDS_PER_S,
    TARGET_P99_MS,
    Tally,
    percentile,
    play_channels,
    sqlite_floor,
)

from bot.core.answers import AnswerChecker
from bot.core.database_url import is_postgres_url
from bot.core.facts import load_fact_base
from bot.core.rounds import RoundManager
from bot.core.storage import ScoreStore
from bot.core.store_contract import ScoreStoreContract
from bot.core.store_select import open_store


async def play_rounds(args: argparse.Namespace, database: str | Path) -> dict[str, object]:
    """This process's share of the rounds (channels from ``--first-channel``) on ``database``;
    returns what its players saw (latencies, acknowledged awards and when)."""
    fact_base = load_fact_base()
    store = await open_store(database)
    manager = RoundManager(
        fact_base, store, checker=AnswerChecker(fact_base), time_scale=args.time_scale
    )
    tally = Tally()
    rng = random.Random(args.seed + args.first_channel)
    channel_ids = range(args.first_channel, args.first_channel + args.rounds)
    summaries, elapsed = await play_channels(manager, fact_base, args, channel_ids, rng, tally)
    await asyncio.sleep(0)
    await store.close()
    return {
        "latencies": tally.latencies,
        "award_latencies": tally.award_latencies,
        "award_times": tally.award_times,
        "awards": tally.awards,
        "points": tally.points,
        "unsaved": tally.unsaved,
        "rounds_completed": sum(1 for s in summaries if s.reason == "completed"),
        "wall_seconds": elapsed,
    }


async def stored_totals(database: str | Path) -> tuple[int, int, int, str]:
    """Awards stored, their points, the points in the players' totals, and the store's check."""
    store: ScoreStoreContract = await open_store(database)
    try:
        query = (
            "SELECT (SELECT count(*) FROM awards), (SELECT coalesce(sum(points), 0) FROM awards),"
            " (SELECT coalesce(sum(points), 0) FROM players)"
        )
        if isinstance(store, ScoreStore):
            async with store._db.execute(query) as cursor:
                row = await cursor.fetchone()
        else:
            async with store.connection() as conn:  # type: ignore[attr-defined]
                row = await conn.fetchrow(query)
        assert row is not None
        return int(row[0]), int(row[1]), int(row[2]), await store.integrity_check()
    finally:
        await store.close()


def play_in_processes(args: argparse.Namespace, database: str | Path) -> list[dict[str, object]]:
    """The rounds split over ``--processes`` workers (this script with --worker), all at once."""
    share = -(-args.rounds // args.processes)
    workers = []
    for k in range(args.processes):
        rounds = min(share, args.rounds - k * share)
        command = [sys.executable, __file__, "--worker", "--database", str(database)]
        command += ["--rounds", str(rounds), "--first-channel", str(1 + k * share)]
        command += ["--questions", str(args.questions), "--players", str(args.players)]
        command += ["--time-scale", str(args.time_scale), "--max-delay", str(args.max_delay)]
        command += ["--ramp", str(args.ramp), "--seed", str(args.seed)]
        workers.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True))
    results = []
    for worker in workers:
        out, _ = worker.communicate(timeout=900)
        if worker.returncode != 0:
            raise SystemExit(f"a benchmark worker failed (exit {worker.returncode})")
        results.append(json.loads(out))
    return results


async def run(args: argparse.Namespace, database: str | Path) -> dict[str, object]:
    """Play every round (in this process, or split over --processes) and check the database."""
    await (await open_store(database)).close()  # migrate before the clock starts
    if args.processes > 1:
        parts = await asyncio.to_thread(play_in_processes, args, database)
    else:
        parts = [await play_rounds(args, database)]
    stored_awards, stored_points, player_points, integrity = await stored_totals(database)

    def joined(key: str) -> list[float]:
        return [v for part in parts for v in part[key]]  # type: ignore[attr-defined]

    def summed(key: str) -> int:
        return sum(int(part[key]) for part in parts)  # type: ignore[call-overload]

    latencies, award_latencies = joined("latencies"), joined("award_latencies")
    times = sorted(joined("award_times")) or [0.0]
    awards = summed("awards")
    overall_window = max(times[-1] - times[0], 1e-9)
    # Steady state: the middle 80% of awards, without the ramp-up and the last rounds' tail.
    low, high = times[len(times) // 10], times[(len(times) * 9) // 10 - 1]
    steady_window = max(high - low, 1e-9)
    return {
        "processes": args.processes,
        "rounds": args.rounds,
        "questions_per_round": args.questions,
        "players_per_round": args.players,
        "answer_calls": len(latencies),
        "answer_p50_ms": round(percentile(latencies, 0.50) * 1000, 3),
        "answer_p99_ms": round(percentile(latencies, 0.99) * 1000, 3),
        "award_p50_ms": round(percentile(award_latencies, 0.50) * 1000, 3),
        "award_p99_ms": round(percentile(award_latencies, 0.99) * 1000, 3),
        "answer_mean_ms": round(statistics.fmean(latencies) * 1000, 3),
        "awards_acknowledged": awards,
        "awards_stored": stored_awards,
        "points_acknowledged": summed("points"),
        "points_stored": stored_points,
        "points_in_player_totals": player_points,
        "awards_not_saved": summed("unsaved"),
        "awards_per_s_steady": round(0.8 * len(times) / steady_window, 1),
        "awards_per_s_overall": round(awards / overall_window, 1),
        "wall_seconds": round(max(float(p["wall_seconds"]) for p in parts), 2),  # type: ignore[arg-type]
        "rounds_completed": summed("rounds_completed"),
        "integrity_check": integrity,
        "load_average_after": round(os.getloadavg()[0], 2),  # other work on the machine
    }


def lost_any(report: dict[str, object]) -> bool:
    return (
        report["awards_acknowledged"] != report["awards_stored"]
        or report["points_acknowledged"] != report["points_stored"]
        or report["points_stored"] != report["points_in_player_totals"]
        or report["awards_not_saved"] != 0
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options bench_quiz.py passes on (it has the others)."""
    parser.add_argument(
        "--database",
        help="postgresql://... : compare PostgreSQL with SQLite in one run (quiz_engines)",
    )
    parser.add_argument(
        "--processes", type=int, default=2, help="with --database: processes sharing the rounds"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--first-channel", type=int, default=1, help=argparse.SUPPRESS)


def compare(args: argparse.Namespace) -> int:
    """Both engines, the same rounds, one table; exit 1 if either lost or doubled an award."""
    if args.worker:  # one of --processes: play, print what the players saw, leave the checks
        print(json.dumps(asyncio.run(play_rounds(args, args.database))))
        return 0
    if not is_postgres_url(args.database):
        raise SystemExit("--database takes a postgresql:// URL (SQLite runs on a temporary file)")
    args.processes = max(1, args.processes)
    folder = Path(tempfile.mkdtemp(prefix="bench-quiz-"))
    floor = sqlite_floor(folder)  # measured in the same run, on the same disk
    reports = {
        "sqlite": asyncio.run(run(args, folder / "bench.sqlite3")),
        "postgresql": asyncio.run(run(args, args.database)),
    }
    reports["sqlite"]["floor_inserts_per_s"] = round(floor, 1)  # bare sqlite3, INSERT+COMMIT
    reports["postgresql"]["pg_vs_sqlite"] = round(
        float(reports["postgresql"]["awards_per_s_steady"])  # type: ignore[arg-type]
        / float(reports["sqlite"]["awards_per_s_steady"]),  # type: ignore[arg-type]
        3,
    )
    checks = {}
    for engine, report in reports.items():
        checks[f"{engine}: answer p99 <= {TARGET_P99_MS} ms"] = (
            float(report["answer_p99_ms"]) <= TARGET_P99_MS  # type: ignore[arg-type]
        )
        checks[f"{engine}: >= {TARGET_AWARDS_PER_S:.0f} awards/s (steady)"] = (
            float(report["awards_per_s_steady"]) >= TARGET_AWARDS_PER_S  # type: ignore[arg-type]
        )
        checks[f"{engine}: zero lost or doubled"] = not lost_any(report)
        checks[f"{engine}: integrity ok"] = report["integrity_check"] == "ok"
    if args.json:
        print(json.dumps({**reports, "targets": checks}, indent=2))
    else:
        names = list(reports)
        keys = dict.fromkeys(k for r in reports.values() for k in r)
        print(f"{'':>26}  " + "".join(f"{n:>14}" for n in names))
        for key in keys:
            row = "".join(f"{reports[n].get(key, '')!s:>14}" for n in names)
            print(f"{key:>26}: {row}")
        for name, ok in checks.items():
            print(f"{'PASS' if ok else 'MISS':>6}: {name}")
    return 1 if any(lost_any(r) for r in reports.values()) else 0


def main(argv: list[str] | None = None) -> int:
    """The worker entry (``--worker``); people run bench_quiz.py --database."""
    from bench_quiz import main as bench_main

    return bench_main(argv)


if __name__ == "__main__":
    sys.exit(main())
