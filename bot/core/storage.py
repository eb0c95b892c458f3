"""Scores, round history and per-server settings in SQLite.

The embedded default. The records, errors and the contract both engines satisfy are in
``bot.core.store_contract``; PostgreSQL is ``bot.core.store_postgres``; ``bot.core.store_select``
opens one or the other from the configured database (a path here, a ``postgresql://`` URL there).
The statements both engines run are written once in ``bot.core.store_queries``; this module
holds what is SQLite's own: the connections, the batch inserts, opening and migrating.

Stable API (the Discord cog and the console build on it; only additions from here on)::

    store = await ScoreStore.open(path)            # creates/upgrades the schema, WAL, foreign keys
    round_id = await store.start_round(guild_id=.., channel_id=.., starter_id=.., mode="typed",
                                       questions=10, seed=None)
    awarded = await store.record_award(round_id=.., question_index=.., fact_id=.., guild_id=..,
                                       user_id=.., user_name=.., points=.., streak=..)
    await store.record_attempt(round_id=.., question_index=.., guild_id=.., user_id=..,
                               user_name=..)       # a question tried but not won
    await store.finish_round(round_id, reason="completed", asked=10, results=[RoundResult(..)])
    page = await store.leaderboard(guild_id, sort="points", page=1, per_page=10)  # None: global
    stats = await store.player_stats(guild_id, user_id)                          # None: global
    history = await store.round_history(guild_id, limit=10)
    settings = await store.get_settings(guild_id)
    settings = await store.update_settings(guild_id, question_seconds=30, mode="choice")
    removed = await store.reset_guild(guild_id)
    closed = await store.close_interrupted_rounds(console=False)  # at start: crash leftovers
    await store.close()

Durability: every award is one INSERT into the ``awards`` ledger; triggers update the player's
totals inside the same statement, so the award and its points are one transaction and either both
exist or neither does. ``UNIQUE(round_id, question_index)`` makes a second award for the same
question impossible, even after a crash and retry. The database runs in WAL mode with
``synchronous=NORMAL``: a committed award survives the process being killed (SIGKILL, crash);
only an operating-system crash or power loss may drop the last few commits.

How it stays fast with a thousand rounds: every write is a single statement (its own transaction).
An award or attempt is committed in the call that records it, without yielding the event loop (a
wait for the loop costs a whole turn of every other round's work); a burst beyond a few hundred in
one turn, what arrives while the writer waits for a lock, and for 5 s after such a wait each turn's
awards, are written together in one statement (group commit, ``bot.core.write_batch``). Writes run
inline on the event loop's thread through one plain ``sqlite3`` connection: a WAL append without
fsync takes tens of microseconds, while a trip to aiosqlite's thread measured 1-2 ms at the median
and 25+ ms at p99 under the benchmark's 1,000 rounds. The fsyncs happen in checkpoints, which a
second connection runs on aiosqlite's thread, never the writer. Reads (boards, stats, history,
settings) use aiosqlite. If another process holds the write lock (the console and the bot on one
file, a backup) the writer waits with ``asyncio.sleep`` back-off for up to ``busy_seconds`` (30 s),
never by blocking the loop.

Opening checks before it changes anything: the busy timeout is set first, the schema version is
read before the switch to WAL (a file from a newer bot is refused untouched), and migrations run
in one ``BEGIN IMMEDIATE`` transaction that reads the version again, so processes starting
together on a new file all succeed. A new file is created 0600 in a 0700 folder. Failures are a
``StorageError`` whose ``problem`` (locked, read-only, permission, newer-schema, damaged, path)
and message say what is wrong and how to fix it; only a damaged file is worth moving away.

Use ``guild_id=0`` for the console and direct messages. Schema changes are numbered SQL files in
``bot/core/migrations/`` applied in order; ``PRAGMA user_version`` records the last one applied.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiosqlite

from bot.core.migration_files import numbered_migrations
from bot.core.sqlite_errors import BUSY_CODES as _BUSY_CODES
from bot.core.sqlite_errors import explain as _explain
from bot.core.sqlite_errors import locked as _locked
from bot.core.sqlite_errors import no_permission as _no_permission
from bot.core.sqlite_errors import read_only as _read_only
from bot.core.sqlite_errors import result_code as _code
from bot.core.store_contract import (
    SORTS,
    GuildSettings,
    LeaderboardEntry,
    LeaderboardPage,
    PlayerStats,
    QuestionReport,
    RoundRecord,
    RoundResult,
    ScoreStoreContract,
    ServerSettingError,
    Sort,
    StorageError,
    StorageProblem,
)
from bot.core.store_queries import SQLITE, Ledger, Params, Rows, SqlScoreStore
from bot.core.write_batch import IMMEDIATE_PER_TURN

__all__ = [
    "SORTS",
    "GuildSettings",
    "LeaderboardEntry",
    "LeaderboardPage",
    "PlayerStats",
    "QuestionReport",
    "RoundRecord",
    "RoundResult",
    "ScoreStore",
    "ScoreStoreContract",
    "ServerSettingError",
    "Sort",
    "StorageError",
    "StorageProblem",
    "explain_error",
    "known_schema_version",
]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
CHECKPOINT_SECONDS = 1.0
# How long opening or a write waits for another process's lock (a backup, a console on the same
# file) before it is reported; an award a player answered is worth waiting for.
BUSY_SECONDS = 30.0
log = logging.getLogger(__name__)


class ScoreStore(SqlScoreStore):
    """One connection to the score database. Create with ``await ScoreStore.open(path)``."""

    dialect = SQLITE
    _constraint_errors = (sqlite3.IntegrityError,)
    # Writes run inline and return without yielding: an award is committed in the call.
    _immediate_per_turn = IMMEDIATE_PER_TURN

    def __init__(
        self, connection: aiosqlite.Connection, path: Path, *, busy_seconds: float = BUSY_SECONDS
    ) -> None:
        self._db = connection
        self.path = path
        self.busy_seconds = busy_seconds
        super().__init__()
        self._checkpointer: asyncio.Task[None] | None = None
        self._closed = False
        self._writer: sqlite3.Connection | None = None  # every write after open goes here

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    async def open(cls, path: Path | str, *, busy_seconds: float = BUSY_SECONDS) -> ScoreStore:
        """Open (creating if needed) the database at ``path`` (":memory:": a private in-memory one).

        Nothing in an existing file changes before its schema version is known to be one this
        bot understands. Migrations run in one ``BEGIN IMMEDIATE`` transaction that re-reads the
        version, so any number of processes may open a new file at the same moment. Waits for
        another process's lock for up to ``busy_seconds``; every failure is a StorageError that
        says what is wrong (locked, read-only, permission, newer schema, damaged).
        """
        target = Path(path)
        location, uri = _location(target)
        # The checks and migrations run on a worker thread (they may wait for locks), on the
        # plain connection that becomes the writer; aiosqlite's thread starts only once the file
        # is known to be good, so a failed start leaves no thread behind.
        writer = await asyncio.to_thread(_open_checked, target, location, uri, busy_seconds)
        try:
            connection = await aiosqlite.connect(location, uri=uri, isolation_level=None)
        except sqlite3.Error as exc:
            writer.close()
            raise _explain(exc, target, busy_seconds) from exc
        store = cls(connection, target, busy_seconds=busy_seconds)
        store._writer = writer
        try:
            await store._configure()
            if str(target) != ":memory:":
                store._checkpointer = asyncio.create_task(store._checkpoint_forever())
        except sqlite3.Error as exc:
            await connection.close()
            writer.close()
            raise _explain(exc, target, busy_seconds) from exc
        except BaseException:
            await connection.close()
            writer.close()
            raise
        return store

    async def close(self) -> None:
        """Finish pending writes, checkpoint and close. Closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        await self._awards.drain()
        await self._attempts.drain()
        if self._checkpointer is not None:
            self._checkpointer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._checkpointer
        await self._db.close()
        if self._writer is not None:
            # The last connection to close checkpoints the whole log into the database file.
            writer, self._writer = self._writer, None
            with contextlib.suppress(sqlite3.Error):
                writer.execute("PRAGMA wal_autocheckpoint = 1000")
            writer.close()

    async def _checkpoint_forever(self) -> None:
        """Copy the write-ahead log into the database file every second, on the reading
        connection's thread: checkpoints fsync (10-20 ms here), which must not stall the
        writer, and a passive checkpoint never blocks it."""
        while True:
            await asyncio.sleep(CHECKPOINT_SECONDS)
            try:
                # Read to the end and closed: a checkpoint statement left open keeps a read
                # transaction, and the next checkpoint then fails ("database table is locked").
                async with self._db.execute("PRAGMA wal_checkpoint(PASSIVE)") as cursor:
                    await cursor.fetchall()
            except sqlite3.Error:
                log.exception("checkpoint of %s failed; will retry", self.path)

    async def _configure(self) -> None:
        """Settings of the reading connection (none of them changes the file)."""
        await self._db.execute(f"PRAGMA busy_timeout = {int(self.busy_seconds * 1000)}")
        await self._db.execute("PRAGMA synchronous = NORMAL")
        await self._db.execute("PRAGMA foreign_keys = ON")
        if str(self.path) != ":memory:":
            await self._db.execute("PRAGMA wal_autocheckpoint = 0")  # see _checkpoint_forever

    async def schema_version(self) -> int:
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _returning(self, sql: str, params: Sequence[Any] | Params) -> Rows:
        """Run one write statement (its own transaction) and return its RETURNING rows.

        Every write is a single statement, so coroutines never share a transaction and need no
        lock. When another process holds the write lock, back off with ``asyncio.sleep`` (the
        loop keeps running) for up to ``busy_seconds``, then raise StorageError("locked").
        """
        if self._writer is None:
            raise StorageError("the score store is closed", "closed")
        deadline = time.monotonic() + self.busy_seconds
        delay = 0.001
        while True:
            try:
                return self._writer.execute(sql, params).fetchall()
            except sqlite3.IntegrityError:
                raise
            except sqlite3.Error as exc:
                if _code(exc) not in _BUSY_CODES:
                    raise _explain(exc, self.path, self.busy_seconds) from exc
                if time.monotonic() >= deadline:
                    raise _locked(self.path, self.busy_seconds) from exc
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.1)

    # -- driver calls (the statements are in bot.core.store_queries) ----------------------------

    async def _read(self, sql: str, params: Params) -> Rows:
        async with self._db.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def _write(self, sql: str, params: Params) -> Rows:
        return await self._returning(sql, params)

    async def _write_together(self, statements: Sequence[tuple[str, Params]]) -> None:
        # One statement at a time: a transaction across awaits would hold the writer for others.
        for sql, params in statements:
            await self._returning(sql, params)

    # -- awards and attempts in batches (bot.core.write_batch) ---------------------------------

    async def _insert_new(self, ledger: Ledger, rows: Sequence[tuple[Any, ...]]) -> Rows:
        marks = f"({', '.join('?' * len(ledger.columns))})"
        return await self._returning(
            f"INSERT OR IGNORE INTO {ledger.table} ({', '.join(ledger.columns)})"
            f" VALUES {', '.join([marks] * len(rows))} RETURNING {ledger.key_columns}",
            [p for row in rows for p in row],
        )

    async def integrity_check(self) -> str:
        async with self._db.execute("PRAGMA integrity_check") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else "no answer"


def _location(target: Path) -> tuple[str, bool]:
    """Where both connections open the database; ":memory:" becomes one shared in-memory DB."""
    if str(target) == ":memory:":
        return f"file:scores-{os.getpid()}-{id(target)}?mode=memory&cache=shared", True
    return str(target), False


def _create_private(target: Path) -> None:
    """Create the database's folder (0700) and an empty file (0600) if they are missing.

    Scores name players, so only the bot's user may read them; the modes are set with chmod
    after creating, so the umask cannot widen them. SQLite gives its -wal and -shm files the
    database file's mode. Existing folders and files keep the modes they have.
    """
    missing: list[Path] = []
    folder = target.parent
    try:
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        if not folder.is_dir():
            raise NotADirectoryError(f"{folder} is a file, not a folder")
        for new in reversed(missing):
            try:
                new.mkdir(mode=0o700)
            except FileExistsError:  # another process made it a moment ago
                continue
            new.chmod(0o700)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except PermissionError as exc:
        raise _no_permission(target, f"cannot create {exc.filename or target}") from exc
    except OSError as exc:
        raise StorageError(
            f"cannot create the score database {target}: {exc.strerror or exc}. "
            "Set BOT_DATABASE to a writable path.",
            "path",
        ) from exc
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def known_schema_version() -> int:
    """The schema version this bot migrates to (its last migration's number)."""
    migrations = _migrations()
    return migrations[-1][0] if migrations else 0


def explain_error(exc: sqlite3.Error, path: Path, busy_seconds: float) -> StorageError:
    """What a SQLite error on the score database means for the user (for tools that read it)."""
    return _explain(exc, path, busy_seconds)


def _user_version(db: sqlite3.Connection) -> int:
    row = db.execute("PRAGMA user_version").fetchone()
    return int(row[0]) if row else 0


def _refuse_newer(version: int, known: int, path: Path) -> None:
    if version > known:
        raise StorageError(
            f"{path} has schema version {version}, newer than this bot knows ({known}). "
            "Upgrade the bot or point BOT_DATABASE at another file; the file was not changed.",
            "newer-schema",
        )


def _open_checked(
    target: Path, location: str, uri: bool, busy_seconds: float
) -> sqlite3.Connection:
    """The writing connection, after the file is checked, switched to WAL and migrated.

    The order matters (GUIDE, "Measured"): the busy timeout first, since even switching to WAL
    needs a lock; then the version check, before anything that could change the file.
    """
    on_disk = str(target) != ":memory:"
    if on_disk:
        if target.is_dir():
            raise StorageError(
                f"{target} is a folder, not a score database file. Set BOT_DATABASE to a file "
                "path such as data/bot.sqlite3.",
                "path",
            )
        _create_private(target)
    try:
        writer = sqlite3.connect(location, uri=uri, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise _explain(exc, target, busy_seconds) from exc
    try:
        writer.execute(f"PRAGMA busy_timeout = {int(busy_seconds * 1000)}")
        migrations = _migrations()
        known = migrations[-1][0] if migrations else 0
        version = _user_version(writer)
        _refuse_newer(version, known, target)
        if on_disk and not (
            os.access(target, os.W_OK) and os.access(target.parent, os.W_OK | os.X_OK)
        ):
            raise _read_only(target)
        _switch_to_wal(writer, busy_seconds)
        if version < known:
            _migrate(writer, target, migrations, known)
        writer.execute("PRAGMA foreign_keys = ON")
        writer.execute("PRAGMA synchronous = NORMAL")
        writer.execute("PRAGMA busy_timeout = 0")  # writes wait in _returning, off the loop
        writer.execute("PRAGMA wal_autocheckpoint = 0")  # checkpoints run on another connection
    except sqlite3.Error as exc:
        writer.close()
        raise _explain(exc, target, busy_seconds) from exc
    except BaseException:
        writer.close()
        raise
    return writer


def _switch_to_wal(db: sqlite3.Connection, busy_seconds: float) -> None:
    """Put the file in WAL mode, waiting for other processes for up to ``busy_seconds``.

    SQLite does not run the busy handler for this switch: it reads page 1, then needs the write
    lock while holding that read, and gives up at once when another connection has the write
    lock (several processes starting on a new file together). So wait here, off the loop, and
    take "another process switched it meanwhile" as done: WAL is a property of the file.
    """
    deadline = time.monotonic() + busy_seconds
    delay = 0.001
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.Error as exc:
            if _code(exc) not in _BUSY_CODES or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def _migrate(
    db: sqlite3.Connection, target: Path, migrations: list[tuple[int, Path]], known: int
) -> None:
    """Apply the missing migrations in one write transaction.

    The version is read again inside it: of several processes starting together, the first
    migrates and the others find the work done, instead of running the same CREATE TABLEs.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        current = _user_version(db)
        _refuse_newer(current, known, target)
        for number, path in migrations:
            if number <= current:
                continue
            for statement in _statements(path.read_text(encoding="utf-8")):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """A migration script as single statements (``executescript`` would commit first)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer)
            buffer = ""
    leftover = [ln for ln in buffer.splitlines() if ln.strip() and not ln.strip().startswith("--")]
    if leftover:
        raise StorageError(f"a migration ends with an unfinished statement: {leftover[0]!r}")
    return statements


def _migrations() -> list[tuple[int, Path]]:
    return numbered_migrations(MIGRATIONS_DIR)
