"""A loopback fake of Discord's REST API and JSON gateway, to test `python -m bot run` end to end.

It implements just what the bot uses, the way Discord answers it: login (`GET /users/@me`), the
application, `GET /gateway/bot`, command sync (`PUT .../commands`), interaction callbacks and
webhook follow-ups, channel messages and edits; on the websocket HELLO, heartbeat ACKs, READY and
GUILD_CREATE after IDENTIFY, then whatever events a test dispatches (interactions). Everything the
bot sends is recorded for the test to inspect. JSON answers carry `Content-Type` exactly
`application/json`, as discord.py requires (aiohttp's `json_response` would add a charset).
Unknown routes answer 404 and are recorded in `unhandled`, so a gap shows up in the test.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

API = "/api/v10"
TOKEN = "fake-bot-token.for-tests-only.0123456789"
EVERYONE_PERMISSIONS = 0x80000 | 0x400 | 0x800 | 0x80000000  # use app commands, view, send
SEND_MESSAGES = 0x800
SEND_MESSAGES_IN_THREADS = 1 << 38
# What the invite link grants: view, send, embed links, send in threads.
BOT_PERMISSIONS = 0x400 | SEND_MESSAGES | 0x4000 | SEND_MESSAGES_IN_THREADS
MANAGE_GUILD = 0x20
ADMINISTRATOR = 0x8
MESSAGE_CONTENT_INTENT = 1 << 15


def now() -> str:
    return datetime.now(UTC).isoformat()


DISCORD_EPOCH_MS = 1_420_070_400_000


class Snowflakes:
    """Ids as Discord makes them: creation time in ms since 2015 in the top bits, so
    `interaction.created_at` tells the bot how long ago an interaction was made."""

    def __init__(self) -> None:
        self._counter = itertools.count()

    def __call__(self, shard: int = 0, shards: int = 1) -> str:
        """A new id; with ``shards``, one that Discord routes to ``shard`` (a guild's id)."""
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        ms += (shard - ms) % shards  # (guild_id >> 22) % shard_count is the guild's shard
        return str((ms << 22) | (next(self._counter) & 0x3FFFFF))


@dataclass
class Interaction:
    id: str
    token: str
    payload: dict[str, Any]
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    original: dict[str, Any] | None = None  # the response message, once there is one
    followups: list[dict[str, Any]] = field(default_factory=list)
    sent_at: float = 0.0  # time.monotonic() when dispatched to the bot
    answered_at: float | None = None  # when its first callback (reply or defer) arrived


class FakeDiscord:
    def __init__(
        self,
        token: str = TOKEN,
        *,
        message_content_approved: bool = True,
        gateway_silent: bool = False,
        shards: int = 1,
        max_concurrency: int = 1,
    ) -> None:
        self.token = token
        # Sharding: one guild (with one text channel) per shard; the gateway sends each shard's
        # connection its guilds and their interactions only, as Discord does.
        self.shard_count = shards
        self.max_concurrency = max_concurrency
        # On: the gateway accepts connections but never says HELLO (a stuck connect).
        self.gateway_silent = gateway_silent
        self.gateway_connections = 0
        # Off: like a bot whose Message Content intent is not enabled in the Developer Portal.
        self.message_content_approved = message_content_approved
        self.ids = Snowflakes()
        self.application_id = self.ids()
        self.owner = self._user("owner")
        self.bot_user = {**self._user("UsAndThemBot"), "id": self.application_id, "bot": True}
        self.guild_ids = [self.ids(shard, shards) for shard in range(shards)]
        self.channel_ids = [self.ids() for _ in range(shards)]
        self.guild_id = self.guild_ids[0]
        self.channel_id = self.channel_ids[0]
        self.identifies: list[tuple[float, int]] = []  # (time.monotonic(), shard id)
        self.thread_id = self.ids()  # a public thread in that channel
        self.requests: list[tuple[str, str, Any]] = []
        self.unhandled: list[tuple[str, str]] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or guild id -> commands
        self.interactions: dict[str, Interaction] = {}
        self.messages: dict[str, dict[str, Any]] = {}  # every message the bot created
        self.identified = asyncio.Event()
        # A test's fault injection: awaited before each REST request is answered with
        # (method, path parts, body); it may sleep (a slow, rate-limited route) or return a
        # response to send instead (a route that fails).
        self.fault: Callable[[str, list[str], Any], Awaitable[web.Response | None]] | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self._socket_shard: dict[web.WebSocketResponse, int] = {}
        self._seq = 0
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until `predicate()` is truthy (checked after every request); return its value."""

        async def poll() -> Any:
            async with self._changed:
                while not (value := predicate()):
                    await self._changed.wait()
                return value

        return await asyncio.wait_for(poll(), timeout)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- world -------------------------------------------------------------------------------

    def _user(self, name: str) -> dict[str, Any]:
        return {
            "id": self.ids(),
            "username": name,
            "global_name": name,
            "discriminator": "0",
            "avatar": None,
        }

    def member(
        self,
        name: str,
        permissions: int = EVERYONE_PERMISSIONS,
        user: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        return {
            "user": user or self._user(name),
            "roles": [],
            "joined_at": now(),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "permissions": str(permissions),
        }

    def shard_of(self, guild_id: str) -> int:
        return (int(guild_id) >> 22) % self.shard_count

    def guild_of(self, channel_id: str) -> str:
        if channel_id in self.channel_ids:
            return self.guild_ids[self.channel_ids.index(channel_id)]
        return self.guild_id  # the thread, or a channel a test made up

    def _channel(self, channel_id: str | None = None) -> dict[str, Any]:
        channel_id = channel_id or self.channel_id
        return {
            "id": channel_id,
            "type": 0,
            "guild_id": self.guild_of(channel_id),
            "name": "general",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
        }

    def _thread(self) -> dict[str, Any]:
        return {
            "id": self.thread_id,
            "type": 11,  # public thread
            "guild_id": self.guild_id,
            "name": "quiz night",
            "parent_id": self.channel_id,
            "owner_id": self.owner["id"],
            "last_message_id": None,
            "message_count": 0,
            "member_count": 1,
            "rate_limit_per_user": 0,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": now(),
                "locked": False,
            },
        }

    def channel(self, channel_id: str) -> dict[str, Any]:
        return self._thread() if channel_id == self.thread_id else self._channel(channel_id)

    def _guild_create(self, guild_id: str) -> dict[str, Any]:
        index = self.guild_ids.index(guild_id)
        everyone = {
            "id": guild_id,
            "name": "@everyone",
            "permissions": str(EVERYONE_PERMISSIONS),
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        return {
            "id": guild_id,
            "name": "Fake Guild" if index == 0 else f"Fake Guild {index + 1}",
            "icon": None,
            "owner_id": self.owner["id"],
            "roles": [everyone],
            "channels": [self._channel(self.channel_ids[index])],
            "members": [],
            "member_count": 3,
            "threads": [self._thread()] if index == 0 else [],
            "emojis": [],
            "stickers": [],
            "features": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "large": False,
            "unavailable": False,
            "joined_at": now(),
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "system_channel_flags": 0,
        }

    # -- gateway -----------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        self.gateway_connections += 1
        await self._notify()
        if self.gateway_silent:
            async for _msg in ws:
                pass
            self._sockets.remove(ws)
            return ws
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                op = frame.get("op")
                if op == 1:  # heartbeat
                    await ws.send_str(json.dumps({"op": 11}))
                elif op == 2:  # identify
                    if frame["d"].get("token") != self.token:
                        await ws.close(code=4004, message=b"Authentication failed.")
                        break
                    wants_content = frame["d"]["intents"] & MESSAGE_CONTENT_INTENT
                    if wants_content and not self.message_content_approved:
                        await ws.close(code=4014, message=b"Disallowed intent(s).")
                        break
                    shard = frame["d"].get("shard", [0, 1])
                    self.requests.append(
                        ("GATEWAY", "IDENTIFY", {"intents": frame["d"]["intents"], "shard": shard})
                    )
                    self.identifies.append((time.monotonic(), shard[0]))
                    self._socket_shard[ws] = shard[0]
                    await self.dispatch("READY", self._ready(frame["d"]), only=ws)
                    for guild_id in self._guilds_of(shard[0]):
                        await self.dispatch("GUILD_CREATE", self._guild_create(guild_id), only=ws)
                    self.identified.set()
                    await self._notify()
        finally:
            self._sockets.remove(ws)
            self._socket_shard.pop(ws, None)
        return ws

    def _guilds_of(self, shard: int) -> list[str]:
        return [g for g in self.guild_ids if self.shard_of(g) == shard]

    def _ready(self, identify: dict[str, Any]) -> dict[str, Any]:
        shard = identify.get("shard", [0, 1])[0]
        return {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": g, "unavailable": True} for g in self._guilds_of(shard)],
            "session_id": secrets.token_hex(16),
            "resume_gateway_url": self.gateway_url,
            "shard": identify.get("shard", [0, 1]),
            "application": {"id": self.application_id, "flags": 0},
        }

    async def dispatch(
        self, event: str, data: dict[str, Any], only: web.WebSocketResponse | None = None
    ) -> None:
        self._seq += 1
        frame = json.dumps({"op": 0, "t": event, "s": self._seq, "d": data})
        for ws in [only] if only is not None else list(self._sockets):
            await ws.send_str(frame)

    # -- acting as users ---------------------------------------------------------------------

    def _interaction_base(
        self,
        kind: int,
        member: dict[str, Any],
        channel_id: str | None = None,
        app_permissions: int = BOT_PERMISSIONS,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        channel_id = channel_id or self.channel_id
        guild_id = self.guild_of(channel_id)
        return {
            "id": self.ids(),
            "application_id": self.application_id,
            "type": kind,
            "token": secrets.token_urlsafe(24),
            "version": 1,
            "guild_id": guild_id,
            "channel_id": channel_id,
            "channel": self.channel(channel_id),
            "member": member,
            "app_permissions": str(app_permissions),
            "locale": locale,  # the user's client language
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": guild_id},
            "context": 0,
            "attachment_size_limit": 8 * 1024 * 1024,
        }

    def command(self, name: str) -> dict[str, Any]:
        for commands in self.commands.values():
            for command in commands:
                if command["name"] == name:
                    return command
        raise KeyError(f"command {name!r} was never synced")

    async def slash(
        self,
        member: dict[str, Any],
        name: str,
        options: list[dict[str, Any]] | None = None,
        kind: int = 2,  # 2: command, 4: autocomplete
        *,
        channel_id: str | None = None,  # default: guild 0's channel; channel_ids[n]: shard n's
        app_permissions: int = BOT_PERMISSIONS,  # the bot's permissions there
        locale: str = "en-US",  # the user's client language, e.g. "zh-CN"
    ) -> Interaction:
        """Invoke `name` ("quiz start" for a subcommand) with raw option payloads."""
        root, *sub = name.split()
        command = self.command(root)
        opts = options or []
        if sub:
            opts = [{"type": 1, "name": sub[0], "options": opts}]
        payload = self._interaction_base(kind, member, channel_id, app_permissions, locale)
        payload["data"] = {
            "id": command["id"],
            "name": root,
            "type": 1,
            "options": opts,
            "guild_id": payload["guild_id"],
        }
        return await self._send_interaction(payload)

    async def click(
        self, member: dict[str, Any], message: dict[str, Any], custom_id: str
    ) -> Interaction:
        payload = self._interaction_base(3, member, message["channel_id"])
        payload["message"] = message
        payload["data"] = {"custom_id": custom_id, "component_type": 2}
        return await self._send_interaction(payload)

    async def _send_interaction(self, payload: dict[str, Any]) -> Interaction:
        record = Interaction(payload["id"], payload["token"], payload, sent_at=time.monotonic())
        self.interactions[record.id] = record
        self.interactions[record.token] = record
        shard = self.shard_of(payload["guild_id"])
        for ws in [ws for ws, on in self._socket_shard.items() if on == shard]:
            await self.dispatch("INTERACTION_CREATE", payload, only=ws)
        return record

    # -- REST --------------------------------------------------------------------------------

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        return web.Response(
            body=json.dumps(data).encode(), status=status, content_type="application/json"
        )

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            body = json.loads(raw) if raw and request.content_type == "application/json" else raw
        self.requests.append((request.method, path, body))
        parts = path.strip("/").split("/")
        is_webhook = parts[0] in ("interactions", "webhooks")
        if not is_webhook and request.headers.get("Authorization") != f"Bot {self.token}":
            return self._json({"message": "401: Unauthorized", "code": 0}, 401)
        if self.fault is not None:
            injected = await self.fault(request.method, parts, body)
            if injected is not None:
                await self._notify()
                return injected
        try:
            response = self._route(request.method, parts, body)
        finally:
            await self._notify()
        if response is None:
            self.unhandled.append((request.method, path))
            return self._json({"message": "404: Not Found", "code": 0}, 404)
        if response == 204:
            return web.Response(status=204)
        return self._json(response)

    def _route(self, method: str, parts: list[str], body: Any) -> Any:
        match method, parts:
            case "GET", ["users", "@me"]:
                return self.bot_user
            case "GET", ["oauth2", "applications", "@me"] | ["applications", "@me"]:
                return self._application()
            case "GET", ["gateway", "bot"]:
                limit = {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": self.max_concurrency,
                }
                return {
                    "url": self.gateway_url,
                    "shards": self.shard_count,
                    "session_start_limit": limit,
                }
            case "GET", ["gateway"]:
                return {"url": self.gateway_url}
            case "PUT", ["applications", _, "commands"]:
                return self._store_commands("global", body)
            case "PUT", ["applications", _, "guilds", guild, "commands"]:
                return self._store_commands(guild, body)
            case "POST", ["interactions", interaction_id, _token, "callback"]:
                return self._callback(self.interactions[interaction_id], body)
            case "GET", ["webhooks", _, token, "messages", "@original"]:
                return self.interactions[token].original
            case "PATCH", ["webhooks", _, token, "messages", "@original"]:
                record = self.interactions[token]
                if record.original is not None:
                    record.original.update(self._message_fields(body))
                return record.original
            case "POST", ["webhooks", _, token]:
                record = self.interactions[token]
                message = self._message(body, record.payload["channel_id"])
                record.followups.append(message)
                return message
            case "PATCH", ["webhooks", _, token, "messages", message_id]:
                message = self.messages[message_id]
                message.update(self._message_fields(body))
                return message
            case "POST", ["channels", channel_id, "messages"]:
                return self._message(body, channel_id)
            case "PATCH", ["channels", _channel, "messages", message_id]:
                message = self.messages[message_id]
                message.update(self._message_fields(body))
                return message
            case "GET", ["channels", _channel, "messages", message_id]:
                return self.messages.get(message_id)
        return None

    def _application(self) -> dict[str, Any]:
        return {
            "id": self.application_id,
            "name": "UsAndThemBot",
            "icon": None,
            "description": "",
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.owner,
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
        }

    def _store_commands(self, scope: str, body: list[dict[str, Any]]) -> list[dict[str, Any]]:
        stored = [
            {
                **command,
                "id": self.ids(),
                "application_id": self.application_id,
                "version": self.ids(),
                **({"guild_id": scope} if scope != "global" else {}),
            }
            for command in body
        ]
        self.commands[scope] = stored
        return stored

    def _callback(self, record: Interaction, body: dict[str, Any]) -> dict[str, Any]:
        if record.answered_at is None:
            record.answered_at = time.monotonic()
        record.callbacks.append(body)
        kind = body["type"]
        data = body.get("data") or {}
        resource: dict[str, Any] = {"type": kind}
        channel_id = record.payload["channel_id"]
        if kind == 4:  # message with source
            record.original = self._message(data, channel_id)
            resource["message"] = record.original
        elif kind == 5:  # deferred: an empty "thinking" message
            record.original = self._message({"flags": data.get("flags", 0)}, channel_id)
        elif kind == 7:  # update the message the component is on
            message = self.messages.get(record.payload.get("message", {}).get("id", ""))
            if message is not None:
                message.update(self._message_fields(data))
                resource["message"] = message
        interaction = {
            "id": record.id,
            "type": record.payload["type"],
            "response_message_id": record.original["id"] if record.original else None,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(data.get("flags", 0) & 64),
        }
        return {"interaction": interaction, "resource": resource}

    @staticmethod
    def _message_fields(body: dict[str, Any] | None) -> dict[str, Any]:
        body = body or {}
        keep = ("content", "embeds", "components", "flags", "allowed_mentions")
        return {k: body[k] for k in keep if k in body}

    def _message(self, body: dict[str, Any] | None, channel_id: str) -> dict[str, Any]:
        message = {
            "id": self.ids(),
            "channel_id": channel_id,
            "guild_id": self.guild_of(channel_id),
            "author": self.bot_user,
            "content": "",
            "timestamp": now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "components": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
        }
        message.update(self._message_fields(body))
        self.messages[message["id"]] = message
        return message
