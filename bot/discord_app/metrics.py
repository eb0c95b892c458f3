"""Health you can see: an opt-in Prometheus endpoint (`BOT_METRICS_PORT`).

Counters are bumped as things happen (interactions by type and whether they were answered,
commands by outcome, store errors); gauges that describe the present (shard latency and
connection, rounds running, awards stored) are read when Prometheus scrapes, so a scrape always
shows the bot as it is. The endpoint is a small aiohttp server on the bot's own event loop
(aiohttp comes with discord.py), and each bot has its own registry. docs/metrics.md lists every
series for Grafana.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import discord
from aiohttp import web
from discord import app_commands
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge
from prometheus_client.exposition import generate_latest
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from bot.core.storage import StorageError
from bot.discord_app.errors import describe

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot

log = logging.getLogger(__name__)
ANSWER_WINDOW = 3.5  # seconds: Discord shows "This interaction failed" after 3 s unanswered


def _original(error: BaseException) -> BaseException:
    return getattr(error, "original", None) or error


class _ClusterLabelled(Collector):
    """Every series of ``inner`` with a `cluster` label, so the clusters' scrapes add up."""

    def __init__(self, inner: CollectorRegistry, cluster: int) -> None:
        self._inner = inner
        self._cluster = str(cluster)

    def collect(self) -> Iterable[Metric]:
        for metric in self._inner.collect():
            labelled = Metric(metric.name, metric.documentation, metric.type, metric.unit)
            labelled.samples = [
                sample._replace(labels={**sample.labels, "cluster": self._cluster})
                for sample in metric.samples
            ]
            yield labelled


class Metrics:
    def __init__(self, cluster: int | None = None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        # What a scrape shows: the series as counted, or labelled with this process's cluster.
        self.exposed = self.registry
        if cluster is not None:
            self.exposed = CollectorRegistry(auto_describe=False)
            self.exposed.register(_ClusterLabelled(self.registry, cluster))
        r = self.registry
        self.interactions = Counter(
            "trivia_interactions",
            "Interactions received, by type and whether they were answered within 3 s",
            ["type", "outcome"],
            registry=r,
        )
        self.received = Counter(
            "trivia_interactions_received",
            "Interactions received, by type (counted on arrival)",
            ["type"],
            registry=r,
        )
        self.commands = Counter(
            "trivia_commands",
            "Slash commands by outcome: ok, refused (a reply the user can act on), error (a bug)",
            ["command", "outcome"],
            registry=r,
        )
        self.store_errors = Counter(
            "trivia_store_errors",
            "Score database errors seen by the bot, by what failed",
            ["operation"],
            registry=r,
        )
        self.shard_latency = Gauge(
            "trivia_shard_latency_seconds",
            "Gateway heartbeat latency per shard (NaN before the first heartbeat)",
            ["shard"],
            registry=r,
        )
        self.shard_connected = Gauge(
            "trivia_shard_connected", "1 while a shard is connected, else 0", ["shard"], registry=r
        )
        self.guilds = Gauge("trivia_guilds", "Servers the bot is in", registry=r)
        self.rounds_running = Gauge("trivia_rounds_running", "Quiz rounds running now", registry=r)
        self.awards_stored = Gauge(
            "trivia_awards_stored", "Won questions stored in the score database", registry=r
        )
        self._runner: web.AppRunner | None = None
        self._pending: set[asyncio.TimerHandle] = set()

    # -- events -------------------------------------------------------------------------------

    def interaction(self, interaction: discord.Interaction) -> None:
        """Count an interaction once we know whether it was answered in time."""
        kind = interaction.type.name if interaction.type else "unknown"
        self.received.labels(kind).inc()
        loop = asyncio.get_running_loop()

        def settle() -> None:
            self._pending.discard(handle)
            answered = interaction.response.is_done()
            self.interactions.labels(kind, "answered" if answered else "unanswered").inc()

        handle = loop.call_later(ANSWER_WINDOW, settle)
        self._pending.add(handle)

    def command_ok(self, command: app_commands.Command[Any, ..., Any]) -> None:
        self.commands.labels(command.qualified_name, "ok").inc()

    def command_failed(self, interaction: discord.Interaction, error: BaseException) -> None:
        name = interaction.command.qualified_name if interaction.command else "unknown"
        self.commands.labels(name, "refused" if describe(error) else "error").inc()
        if isinstance(_original(error), StorageError):
            self.store_errors.labels("command").inc()

    def store_error(self, operation: str) -> None:
        self.store_errors.labels(operation).inc()

    # -- scraping -----------------------------------------------------------------------------

    async def refresh(self, bot: TriviaBot) -> None:
        """Read the gauges that describe the present."""
        for shard_id, shard in bot.shards.items():
            self.shard_latency.labels(str(shard_id)).set(shard.latency)
            self.shard_connected.labels(str(shard_id)).set(0 if shard.is_closed() else 1)
        self.guilds.set(len(bot.guilds))
        quiz = bot.get_cog("QuizCog")
        rounds = getattr(quiz, "rounds", None)
        self.rounds_running.set(len(rounds.channels) if rounds is not None else 0)
        try:
            self.awards_stored.set(await bot.store.award_count())
        except Exception:
            self.store_errors.labels("scrape").inc()
            log.warning("metrics: could not count the stored awards", exc_info=True)

    async def start(self, bot: TriviaBot, port: int, host: str = "0.0.0.0") -> None:
        async def scrape(_request: web.Request) -> web.Response:
            await self.refresh(bot)
            body = generate_latest(self.exposed)
            return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

        app = web.Application()
        app.router.add_get("/metrics", scrape)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        log.info("Metrics at http://%s:%d/metrics", host, port)

    async def stop(self) -> None:
        for handle in self._pending:
            handle.cancel()
        self._pending.clear()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
