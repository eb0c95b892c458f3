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

import aiohttp
import discord
import yarl

from bot import json_logs, redact
from bot.core.facts import FactPackError
from bot.core.index_cache import Indexed, load_indexed
from bot.core.storage import ScoreStore, StorageError
from bot.discord_app.client import HEALTH_INTERVAL, TriviaBot
from bot.discord_app.knowledge import Knowledge, KnowledgeHolder
from bot.settings import (
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


def state_files(settings: Settings) -> tuple[Path, Path]:
    """The command-hash file and the heartbeat file live beside the database (one volume)."""
    db = settings.database_file
    return db.with_name(db.name + ".commands.json"), db.with_name(db.name + ".health")


def _error(message: str) -> None:
    print(f"error: {redact.mask(message)}", file=sys.stderr)


def _load_facts(settings: Settings) -> Indexed:
    """The fact base and its /ask index, from the cache when the packs and code are unchanged."""
    cache = index_cache_dir(settings.database_file)
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
    logging.basicConfig(
        level=settings.log_level_number,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if settings.log_format == "json":
        json_logs.use_json()
    # No token in any log line at any level: discord.py's DEBUG log names interaction URLs.
    redact.install([settings.token.reveal()] if settings.token else [])
    try:
        facts = _load_facts(settings)
    except FactPackError as exc:
        _error("the fact packs have problems; fix them (python -m bot facts check):")
        for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_CONFIG
    return asyncio.run(serve(settings, facts, force_sync=args.force_sync))


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


async def serve(settings: Settings, facts: Indexed, *, force_sync: bool = False) -> int:
    token = settings.require_token()
    _point_at_proxies(settings)
    sync_file, health_file = state_files(settings)
    try:
        store = await ScoreStore.open(settings.database_file)
    except StorageError as exc:
        _error(str(exc))
        return EXIT_CONFIG
    knowledge = KnowledgeHolder(Knowledge.build(facts), lambda: _load_facts(settings))
    bot = TriviaBot(
        knowledge=knowledge,
        store=store,
        sync_state_file=sync_file,
        dev_guild=settings.dev_guild,
        message_content=settings.message_content,
        health_file=health_file,
        gateway_url=settings.gateway_url,
        force_sync=force_sync,
        quiz_repeat_days=settings.quiz_repeat_days,
        metrics_port=settings.metrics_port,
    )
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
        await store.close()
        health_file.unlink(missing_ok=True)
    log.info("Stopped cleanly")
    return EXIT_OK
