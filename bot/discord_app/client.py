"""The bot: an `AutoShardedBot` that is handed its resources and loads one cog per feature.

The fact base holder, the score store and the cogs are built by `bot.cli.run` (or a test) and
handed in; the bot never reaches for globals. `setup_hook` adds the cogs in order and syncs the
commands only when their definitions changed. `close()` first lets every cog wind down (the quiz
announces and stops its rounds), then the interactions being answered finish, and only then it
disconnects.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot.core import log_context
from bot.core.knowledge import KnowledgeHolder
from bot.discord_app.ack import InFlight
from bot.discord_app.command_sync import CommandSyncer
from bot.discord_app.cooldown_guard import CooldownGuard
from bot.discord_app.errors import NO_MENTIONS, handle_error
from bot.discord_app.expired import ExpiredButton, new_boot_id, stale_box
from bot.discord_app.i18n import CatalogTranslator
from bot.discord_app.metrics import Metrics
from bot.discord_app.reports import ReportButton

if TYPE_CHECKING:
    from bot.core.store_contract import ScoreStoreContract
    from bot.discord_app.broadcast import Broadcast
    from bot.discord_app.cluster import ClusterIdentity, IdentifyGate

log = logging.getLogger(__name__)
HEALTH_INTERVAL = 30.0  # seconds between heartbeat-file touches; the Docker check allows 3x
REPLY_GRACE_SECONDS = 5.0  # at a stop, how long interactions being answered get to finish
# discord.py runs the handler of each command, button and modal interaction in its own task,
# named by kind (discord.py 2.x, app_commands/tree.py and ui/view.py, ui/modal.py).
HANDLER_TASKS = (
    "CommandTree-invoker",
    "discord-ui-view-dispatch-",
    "discord-ui-modal-dispatch-",
    "discord-ui-dynamic-item-",
)


def _monotonic() -> float:
    # Looked up at call time, so a test's virtual clock that replaces time.monotonic drives it.
    return time.monotonic()


@runtime_checkable
class Winding(Protocol):
    """A cog with work to finish before the bot disconnects."""

    async def wind_down(self) -> None: ...


class _QuietAfterClose(logging.Filter):
    def __init__(self, client: discord.Client) -> None:
        super().__init__()
        self._client = weakref.ref(client)

    def filter(self, record: logging.LogRecord) -> bool:
        client = self._client()
        return client is None or not client.is_closed()


class TriviaTree(app_commands.CommandTree):
    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        guild_id = interaction.guild_id
        shard_id = (guild_id >> 22) % (self.client.shard_count or 1) if guild_id else None
        log_context.bind(shard_id=shard_id, guild_id=guild_id, channel_id=interaction.channel_id)
        # Fair play: /ask, /quote and /quiz start are refused while on cooldown.
        await self.client.cooldowns.check(interaction)  # type: ignore[attr-defined]
        return True

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        self.client.metrics.command_failed(interaction, error)  # type: ignore[attr-defined]
        await handle_error(interaction, error)


def build_intents(message_content: bool) -> discord.Intents:
    """Only what the features use. Slash commands and buttons need no privileged intent; typed
    quiz answers in chat need the message content intent, so it is opt-in."""
    intents = discord.Intents.none()
    intents.guilds = True
    if message_content:
        intents.guild_messages = True
        intents.message_content = True
    return intents


CogFactory = Callable[["TriviaBot"], commands.Cog]  # a cog class: built with the bot


class TriviaBot(commands.AutoShardedBot):
    def __init__(
        self,
        *,
        knowledge: KnowledgeHolder,
        store: ScoreStoreContract,
        sync_state_file: Path,
        cogs: Sequence[CogFactory],
        dev_guild: int | None = None,
        message_content: bool = False,
        health_file: Path | None = None,
        gateway_url: str | None = None,
        force_sync: bool = False,
        shard_count: int | None = None,
        guild_ready_timeout: float = 2.0,
        quiz_repeat_days: float | None = None,
        metrics_port: int | None = None,
        shard_ids: tuple[int, ...] | None = None,
        cluster: ClusterIdentity | None = None,
        identify_gate: IdentifyGate | None = None,
    ) -> None:
        # The bot never joins voice: don't warn at start that voice libraries are missing.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            # Prefix commands are not used; a mention prefix needs no message content intent.
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=build_intents(message_content),
            allowed_mentions=NO_MENTIONS,
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
            max_messages=None,
            shard_count=shard_count,
            # None (every shard) is what discord.py defaults to; its options type says list only
            shard_ids=list(shard_ids) if shard_ids is not None else None,  # type: ignore[arg-type]
            guild_ready_timeout=guild_ready_timeout,
            tree_cls=TriviaTree,
        )
        self.knowledge = knowledge
        self.store = store
        self.dev_guild = dev_guild
        self.message_content = message_content
        self.quiz_repeat_days = quiz_repeat_days  # None: repeat only once all were asked
        self.cluster = cluster  # None: the only process
        self.identify_gate = identify_gate  # None: discord.py's pacing within this process
        self.broadcast: Broadcast | None = None  # set by `run` when clusters share PostgreSQL
        self.metrics = Metrics(cluster.index if cluster else None)  # served only with a port
        self._metrics_port = metrics_port
        self.syncer = CommandSyncer(self.tree, sync_state_file)
        self._health_file = health_file
        self._cog_factories = tuple(cogs)  # added in this order by setup_hook
        self._gateway_url = gateway_url
        self._force_sync = force_sync
        self._health_task: asyncio.Task[None] | None = None
        self._wound_down = False
        self.cooldowns = CooldownGuard(store, clock=_monotonic)
        self.boot_id = new_boot_id()  # in the custom_id of every button this process sends
        self.in_flight = InFlight()  # interactions being answered: busy means defer first

    async def setup_hook(self) -> None:
        if self._gateway_url is not None:
            self._route_gateway(self._gateway_url)
        # A cog that fails to load stops the start: a bot silently missing a feature is worse.
        for make_cog in self._cog_factories:
            await self.add_cog(make_cog(self))
        log.info("Loaded cogs: %s", ", ".join(self.cogs))
        # Chinese descriptions and choices for zh-CN / zh-TW clients (before the sync hashes).
        await self.tree.set_translator(CatalogTranslator())
        # Clicks on buttons of an earlier process get a short answer, not "interaction failed".
        self.add_dynamic_items(ExpiredButton, ReportButton)
        if self.cluster is None or self.cluster.index == 0:
            await self.sync_commands(force=self._force_sync)
        else:
            # One cluster speaks for the application: N processes syncing at once would race
            # (and spend Discord's tight rate limit) with the same definitions.
            log.info("Cluster %d: commands are synced by cluster 0", self.cluster.index)
        if self._metrics_port is not None:
            await self.metrics.start(self, self._metrics_port)
        if self._health_file is not None:
            self._health_task = asyncio.create_task(self._touch_health_file(self._health_file))

    async def sync_commands(self, *, force: bool = False) -> int | None:
        if self.application_id is None:
            raise RuntimeError("sync before login")
        try:
            return await self.syncer.sync(self.application_id, self.dev_guild, force=force)
        except discord.HTTPException:
            # The bot still answers with the previously synced commands.
            log.exception("Command sync failed; keeping the commands Discord already has")
            return None

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        if self.identify_gate is None:
            await super().before_identify_hook(shard_id, initial=initial)
            return
        # Across processes: Discord allows one IDENTIFY per bucket (shard id modulo
        # max_concurrency) every 5 s for the whole application, wherever its shards run.
        await self.identify_gate.wait(shard_id or 0, self.fetch_session_start_limits)

    async def launch_shard(
        self, gateway: yarl.URL, shard_id: int, *, initial: bool = False
    ) -> None:
        # discord.py retries a failed shard connection every 5 s, forever; after a stop that
        # closed the HTTP session mid-connect, every retry fails. Stop trying once closed.
        if self.is_closed():
            return
        await super().launch_shard(gateway, shard_id, initial=initial)

    def _route_gateway(self, url: str) -> None:
        """Connect to the configured gateway instead of the one Discord's REST API names."""
        original = self.http.get_bot_gateway

        async def get_bot_gateway() -> tuple[int, str, Any]:
            shards, _discord_url, limits = await original()
            return shards, url, limits

        self.http.get_bot_gateway = get_bot_gateway  # type: ignore[method-assign]

    async def _touch_health_file(self, path: Path) -> None:
        """Docker's HEALTHCHECK reads this file's age: fresh means connected."""
        path.parent.mkdir(parents=True, exist_ok=True)
        await self.wait_until_ready()
        while not self.is_closed():
            if not any(shard.is_closed() for shard in self.shards.values()):
                path.write_text(f"{time.time():.0f}\n", encoding="utf-8")
            await asyncio.sleep(HEALTH_INTERVAL)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        self.metrics.interaction(interaction)
        await stale_box(interaction)

    async def on_app_command_completion(
        self,
        _interaction: discord.Interaction,
        command: app_commands.Command | app_commands.ContextMenu,
    ) -> None:
        if isinstance(command, app_commands.Command):
            self.metrics.command_ok(command)

    async def on_ready(self) -> None:
        log.info("Connected as %s to %d guilds", self.user, len(self.guilds))

    async def wind_down(self) -> None:
        """Let the cogs finish (announce and stop quiz rounds). Safe to call twice."""
        if self._wound_down:
            return
        self._wound_down = True
        for name, cog in list(self.cogs.items()):
            if not isinstance(cog, Winding):
                continue
            try:
                await cog.wind_down()
            except Exception:
                log.exception("Cog %s failed to wind down", name)

    async def _finish_answers(self) -> None:
        """Let interactions being answered send their answers before the HTTP session closes:
        `/quiz stop` answers only once its round has ended, which a stop's wind-down just did.
        Closing the session under a request fails it and then the error reply too."""
        current = asyncio.current_task()
        handlers = [
            task
            for task in asyncio.all_tasks()
            if task is not current and task.get_name().startswith(HANDLER_TASKS)
        ]
        if not handlers:
            return
        _done, pending = await asyncio.wait(handlers, timeout=REPLY_GRACE_SECONDS)
        if pending:
            log.warning(
                "Stopping with %d interaction(s) still being answered after %.0f s",
                len(pending),
                REPLY_GRACE_SECONDS,
            )

    async def close(self) -> None:
        # A stop that cuts a connection attempt short makes discord.py log the failed attempt
        # with a traceback; after our own stop that is noise, not an error.
        logging.getLogger("discord.shard").addFilter(_QuietAfterClose(self))
        await self.wind_down()
        await self._finish_answers()
        await self.metrics.stop()
        if self._health_task is not None:
            self._health_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._health_task
        await super().close()
