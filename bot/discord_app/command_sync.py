"""Sync application commands only when their definitions changed.

Discord rate-limits command updates hard and a global sync takes a while to reach clients, so
syncing on every start is wasteful. We hash the exact payload discord.py would send, per scope
(global or one guild) and application, keep the hashes in a small JSON file next to the database,
and PUT the commands only when the hash differs (or when forced by the owner's `/sync`).
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import discord
from discord import app_commands

log = logging.getLogger(__name__)


async def payload_for(
    tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None
) -> list[dict]:
    """The command definitions a sync to this scope would send, with their translations."""
    translator = tree.translator
    commands = tree.get_commands(guild=guild)
    if translator is None:
        return [command.to_dict(tree) for command in commands]
    return [await command.get_translated_payload(tree, translator) for command in commands]


def payload_hash(payload: list[dict]) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class CommandSyncer:
    def __init__(self, tree: app_commands.CommandTree, state_file: Path) -> None:
        self._tree = tree
        self._state_file = state_file

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self._state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing or damaged: the next sync rewrites it
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write(self, hashes: dict[str, str]) -> None:
        self._state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._state_file.with_suffix(self._state_file.suffix + ".tmp")
        tmp.write_text(json.dumps(hashes, indent=2, sort_keys=True), encoding="utf-8")
        tmp.replace(self._state_file)

    async def sync(
        self, application_id: int, guild_id: int | None, *, force: bool = False
    ) -> int | None:
        """Sync the scope if its commands changed; returns how many were synced, None if skipped."""
        guild = discord.Object(guild_id) if guild_id is not None else None
        if guild is not None:
            # Development: the global commands go to one guild, where updates are instant.
            self._tree.copy_global_to(guild=guild)
        key = f"{application_id}:{guild_id if guild_id is not None else 'global'}"
        digest = payload_hash(await payload_for(self._tree, guild))
        hashes = self._read()
        if not force and hashes.get(key) == digest:
            log.info("Commands unchanged for %s; not syncing", key)
            return None
        synced = await self._tree.sync(guild=guild)
        hashes[key] = digest
        self._write(hashes)
        log.info("Synced %d commands to %s", len(synced), key)
        return len(synced)
