"""/ask latency while /facts-reload rebuilds from a huge pack (a 1 MB quote that is not verbatim).

    python benchmarks/bench_reload.py

The reload runs as the bot runs it (`KnowledgeHolder.reload`, a worker thread); meanwhile the
event loop asks a question every 20 ms, and each one's latency is measured from when it was due
to when its answer was ready (so a stalled loop counts). Reported: the time `facts check` takes on
the huge pack, how many reloads ran, and p50/p99/max of /ask during them.
Targets (issue 12): check <= 2 s; /ask p99 during reload <= 200 ms.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.facts import FactPackError, load_fact_base  # noqa: E402
from bot.core.knowledge import Knowledge, KnowledgeHolder  # noqa: E402

HUGE_FACT = """
facts:
  - id: huge-quote
    category: production
    questions: [what does the huge quote say]
    answer: Rene Liu
    kind: person
    text: Us and Them was directed by Rene Liu.
    source:
      document: wikipedia
      quote: "directed by Taiwanese singer-actress Rene Liu in her directorial debut{tail}"
"""
INTERVAL = 0.02


async def measure(folder: Path, reloads: int) -> tuple[list[float], float]:
    base = load_fact_base([ROOT / "facts"], ROOT / "seeds")
    holder = KnowledgeHolder(
        Knowledge.build(base), lambda: load_fact_base([folder], ROOT / "seeds")
    )
    latencies: list[float] = []
    stop = asyncio.Event()

    async def asker() -> None:
        due = time.monotonic()
        while not stop.is_set():
            due += INTERVAL
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            holder.current.matcher.ask("who directed it")
            latencies.append(time.monotonic() - due)

    task = asyncio.create_task(asker())
    started = time.monotonic()
    for _ in range(reloads):
        with contextlib.suppress(FactPackError):  # refused, as it should be: not verbatim
            await holder.reload()
    took = time.monotonic() - started
    stop.set()
    await task
    return latencies, took / reloads


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "facts"
        shutil.copytree(ROOT / "facts", folder)
        tail = " and words the article never says" * 30_000  # ~1 MB
        (folder / "us_and_them" / "huge.yaml").write_text(HUGE_FACT.format(tail=tail))
        started = time.monotonic()
        try:
            load_fact_base([folder], ROOT / "seeds")
        except FactPackError as error:
            assert "not verbatim" in str(error)
        check = time.monotonic() - started
        latencies, per_reload = asyncio.run(measure(folder, reloads=5))
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"facts check with a 1 MB non-verbatim quote: {check:.2f} s; 5 reloads of"
        f" {per_reload:.2f} s each; /ask every {INTERVAL * 1000:.0f} ms during them"
        f" ({len(latencies)} asked): p50 {statistics.median(latencies) * 1000:.1f} ms,"
        f" p99 {p99 * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms"
    )
    return 0 if check <= 2.0 and p99 <= 0.2 else 1


if __name__ == "__main__":
    sys.exit(main())
