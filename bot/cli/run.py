"""`python -m bot run`: connect the bot to Discord.

Settings come from the environment and `.env` (see `bot.settings`). Problems with the settings, the
fact packs or the token end with one clear message and exit status 2, never a traceback. SIGTERM
and SIGINT announce and stop the running quiz rounds, close the database and exit 0.

`python -m bot run --healthcheck` is the container health probe: it exits 0 when the running bot
touched its heartbeat file (next to the database) in the last 90 seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import discord
import yarl

from bot import json_logs, redact
from bot.core.facts import FactPackError
from bot.core.index_cache import Indexed, load_indexed
from bot.core.knowledge import Knowledge, KnowledgeHolder
from bot.core.storage import StorageError
from bot.core.store_select import open_store
from bot.discord_app.broadcast import Broadcast
from bot.discord_app.client import HEALTH_INTERVAL, TriviaBot
from bot.discord_app.cluster import PG_ERRORS, ClusterIdentity, PgIdentifyGate
from bot.discord_app.cogs import COGS
from bot.discord_app.cogs.admin import reload_here
from bot.settings import (
    DEFAULT_DATABASE,
    Secret,
    Settings,
    SettingsError,
    index_cache_dir,
    load_settings,
    read_environment,
    rest_base,
    variables_help,
)

log = logging.getLogger("bot.run")
EXIT_OK, EXIT_UNREACHABLE, EXIT_CONFIG = 0, 1, 2
MAX_PROBLEMS_SHOWN = 10
STOP_GRACE_SECONDS = 2.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot run",
        description="Run the Discord bot (docs/discord.md is the deployment guide).",
        epilog=variables_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--env-file", type=Path, help="settings file (default: ./.env when there is one)"
    )
    parser.add_argument(
        "--force-sync",
        action="store_true",
        help="sync the slash commands even if their definitions did not change",
    )
    parser.add_argument(
        "--healthcheck",
        action="store_true",
        help="exit 0 if a running bot reported in recently (for Docker HEALTHCHECK)",
    )
    return parser


def state_base(settings: Settings) -> Path:
    """Where the state files go and how they start: beside the SQLite database (one volume),
    else in BOT_STATE_DIR or the checkout's data/ folder, named `bot.*`."""
    if settings.database_url is None:
        db = settings.database_file
        return (settings.state_dir or db.parent) / db.name
    return (settings.state_dir or DEFAULT_DATABASE.parent) / "bot"


def state_files(settings: Settings) -> tuple[Path, Path]:
    """The command-hash file and the heartbeat file (one per cluster: they may share a host)."""
    base = state_base(settings)
    health = ".health" if not settings.clustered else f".cluster-{settings.cluster_index}.health"
    return base.with_name(base.name + ".commands.json"), base.with_name(base.name + health)


def _error(message: str) -> None:
    print(f"error: {redact.mask(message)}", file=sys.stderr)


def _load_facts(settings: Settings) -> Indexed:
    """The fact base and its /ask index, from the cache when the packs and code are unchanged."""
    cache = index_cache_dir(state_base(settings))
    indexed = load_indexed(settings.packs, settings.seeds_dir, cache)
    log.info("Fact index %s", "loaded from the cache" if indexed.cached else "built")
    return indexed


def _healthcheck(settings: Settings) -> int:
    _, health = state_files(settings)
    try:
        age = time.time() - health.stat().st_mtime
    except OSError:
        print(f"unhealthy: no heartbeat at {health}", file=sys.stderr)
        return 1
    if age > 3 * HEALTH_INTERVAL:
        print(f"unhealthy: last heartbeat {age:.0f} s ago", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.env_file is not None and not args.env_file.is_file():
        _error(f"--env-file {args.env_file} does not exist. Fix: give the path of a settings file.")
        return EXIT_CONFIG
    try:
        settings = load_settings(
            read_environment(args.env_file or Path(".env")), require_token=not args.healthcheck
        )
    except SettingsError as exc:
        for problem in exc.problems:
            _error(problem)
        return EXIT_CONFIG
    if args.healthcheck:
        return _healthcheck(settings)
    cluster = settings.cluster_index if settings.clustered else None
    logging.basicConfig(
        level=settings.log_level_number,
        format="%(asctime)s %(levelname)-7s "
        + (f"[cluster {cluster}] " if cluster is not None else "")
        + "%(name)s: %(message)s",
        stream=sys.stderr,
    )
    if settings.log_format == "json":
        json_logs.use_json(cluster=cluster)
    # No token (nor database password) in any log line at any level: discord.py's DEBUG log
    # names interaction URLs.
    redact.install(_secrets(settings))
    try:
        facts = _load_facts(settings)
    except FactPackError as exc:
        _error("the fact packs have problems; fix them (python -m bot facts check):")
        for pack_problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
            print(f"  {pack_problem}", file=sys.stderr)
        return EXIT_CONFIG
    return asyncio.run(serve(settings, facts, force_sync=args.force_sync))


def _secrets(settings: Settings) -> list[str]:
    secrets = [settings.token.reveal()] if settings.token else []
    if settings.database_url is not None:
        password = urlsplit(settings.database_url.reveal()).password
        secrets += [password] if password else []
    return secrets


def _point_at_proxies(settings: Settings) -> None:
    # discord.py reads these class attributes when it builds each request and connection.
    if settings.api_base:
        discord.http.Route.BASE = rest_base(settings.api_base)
    if settings.gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


def _start_failed(exc: Exception) -> int:
    """A clear message and exit status for the ways connecting fails; re-raise anything else."""
    if isinstance(exc, discord.LoginFailure):
        _error(
            "Discord rejected DISCORD_TOKEN. Fix: reset the token in the Developer Portal "
            "(your application -> Bot -> Reset Token) and update DISCORD_TOKEN."
        )
        return EXIT_CONFIG
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        _error(
            "BOT_MESSAGE_CONTENT=1 needs the Message Content intent. Fix: enable it in the "
            "Developer Portal (your application -> Bot -> Privileged Gateway Intents), or "
            "unset BOT_MESSAGE_CONTENT to play with buttons and the Answer button only."
        )
        return EXIT_CONFIG
    if isinstance(exc, discord.GatewayNotFound | OSError | aiohttp.ClientError):
        _error(f"cannot reach Discord ({type(exc).__name__}: {exc}). Check the network/proxy.")
        return EXIT_UNREACHABLE
    raise exc


async def _stop(bot: TriviaBot, running: asyncio.Task[None]) -> None:
    """Announce and stop rounds, disconnect; then make sure the connection task ends."""
    await bot.close()
    # Normally the connection task has ended by now. A stop in the middle of connecting can
    # leave it in discord.py's retry pause; cancel it (again, if a cancel lands while asyncio's
    # wait_for swallows it) so the process always exits.
    await asyncio.wait({running}, timeout=STOP_GRACE_SECONDS)
    while not running.done():
        running.cancel()
        await asyncio.wait({running}, timeout=0.5)


def _locale(value: str | None) -> discord.Locale | None:
    """The asking admin's language, as another cluster sent it (None if unknown)."""
    try:
        return discord.Locale(value) if value else None
    except ValueError:
        return None


async def _join_cluster(bot: TriviaBot, dsn: Secret, gate: PgIdentifyGate | None) -> None:
    """Connect this cluster to the others: the shared identify gate and the broadcast."""
    assert bot.cluster is not None

    def forget(kind: str, guild_id: int) -> None:
        if kind == "cooldowns":
            bot.cooldowns.forget(guild_id)

    broadcast = Broadcast(
        dsn.reveal(),
        bot.cluster.index,
        bot.cluster.count,
        reloader=lambda locale: reload_here(bot.knowledge, _locale(locale)),
        forget=forget,
    )
    if gate is not None:
        await gate.start()
    await broadcast.start()
    bot.broadcast = broadcast

    async def announce(guild_id: int) -> None:
        await broadcast.changed("cooldowns", guild_id)

    bot.cooldowns.on_change = announce


async def _leave_cluster(bot: TriviaBot, gate: PgIdentifyGate | None) -> None:
    if bot.broadcast is not None:
        await bot.broadcast.close()
    if gate is not None:
        await gate.close()


async def serve(settings: Settings, facts: Indexed, *, force_sync: bool = False) -> int:
    token = settings.require_token()
    _point_at_proxies(settings)
    sync_file, health_file = state_files(settings)
    try:
        store = await open_store(settings.score_database)
    except StorageError as exc:
        _error(str(exc))
        return EXIT_CONFIG
    knowledge = KnowledgeHolder(Knowledge.build(facts), lambda: _load_facts(settings))
    cluster = ClusterIdentity(
        settings.cluster_index,
        settings.cluster_count,
        settings.shard_ids or (),
        settings.shard_count or 1,
    )
    gate = PgIdentifyGate(settings.database_url.reveal()) if settings.database_url else None
    bot = TriviaBot(
        knowledge=knowledge,
        store=store,
        sync_state_file=sync_file,
        cogs=COGS,
        dev_guild=settings.dev_guild,
        message_content=settings.message_content,
        health_file=health_file,
        gateway_url=settings.gateway_url,
        force_sync=force_sync,
        quiz_repeat_days=settings.quiz_repeat_days,
        metrics_port=settings.metrics_port,
        shard_count=settings.shard_count,
        shard_ids=settings.shard_ids,
        cluster=cluster if settings.clustered else None,
        identify_gate=gate if settings.clustered else None,
    )
    if settings.clustered and settings.database_url is not None:
        log.info("Starting as %s", cluster)
        try:
            await _join_cluster(bot, settings.database_url, gate)
        except PG_ERRORS as exc:
            why = redact.mask(f"{type(exc).__name__}: {exc}", _secrets(settings))
            _error(f"cannot reach PostgreSQL for the clusters ({why}). Check BOT_DATABASE.")
            await _leave_cluster(bot, gate)
            await store.close()
            return EXIT_UNREACHABLE
    loop = asyncio.get_running_loop()
    running = loop.create_task(bot.start(token.reveal()), name="discord-connection")
    stopping: list[asyncio.Task[None]] = []

    def stop(sig: signal.Signals) -> None:
        if not stopping:  # a second signal while stopping changes nothing
            log.info("%s received: stopping rounds and disconnecting", sig.name)
            stopping.append(loop.create_task(_stop(bot, running)))

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop, sig)
    try:
        async with bot:
            await running
    except asyncio.CancelledError:
        if not stopping:
            raise
    except Exception as exc:
        if not stopping:
            return _start_failed(exc)
        # Stopped while logging in or connecting: closing the HTTP session fails the pending
        # request. That is the stop we asked for, not an error.
        log.debug("Connection interrupted by the stop: %r", exc)
    finally:
        if stopping:
            await asyncio.gather(*stopping, return_exceptions=True)
        await _leave_cluster(bot, gate)
        await store.close()
        health_file.unlink(missing_ok=True)
    log.info("Stopped cleanly")
    return EXIT_OK
