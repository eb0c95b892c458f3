"""What a SQLite error on the score database means for the user: a StorageError whose
``problem`` (locked, read-only, permission, damaged, path, other) and message say what is wrong
and how to fix it, from SQLite's result code and the file's permissions."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from bot.core.store_contract import StorageError

# SQLite's primary result codes (https://sqlite.org/rescode.html)
BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_READONLY, _CANTOPEN, _PERM, _AUTH = 8, 14, 3, 23
_DAMAGED_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_IOERR, _FULL = 10, 13


def result_code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def locked(path: Path, seconds: float) -> StorageError:
    return StorageError(
        f"the score database {path} stayed locked by another process for {seconds:g} s. "
        "The file is fine: let the other program (a backup, another bot or console on the same "
        "file) finish, or stop it, and try again.",
        "locked",
    )


def read_only(path: Path) -> StorageError:
    return StorageError(
        f"the score database {path} is read-only for this user: SQLite must be able to write "
        f"the file and its folder {path.parent} (for {path.name}-wal and -shm). Fix: give the "
        "bot's user write access (chown/chmod) or set BOT_DATABASE to a writable path.",
        "read-only",
    )


def no_permission(path: Path, detail: str) -> StorageError:
    return StorageError(
        f"permission denied for the score database {path}: {detail}. Fix: give the bot's user "
        "access (chown/chmod) or set BOT_DATABASE to a path it may use.",
        "permission",
    )


def explain(exc: sqlite3.Error, path: Path, busy_seconds: float) -> StorageError:
    """A StorageError that says what is wrong with the database, from SQLite's result code."""
    code = result_code(exc)
    if code in BUSY_CODES:
        return locked(path, busy_seconds)
    if code == _READONLY:
        return read_only(path)
    if code in (_CANTOPEN, _PERM, _AUTH):
        if path.is_dir():
            return StorageError(
                f"{path} is a folder, not a score database file. Set BOT_DATABASE to a file "
                "path such as data/bot.sqlite3.",
                "path",
            )
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            return no_permission(path, "this user cannot read and write the file")
        if not os.access(path.parent, os.W_OK | os.X_OK):
            return no_permission(path, f"this user cannot write in the folder {path.parent}")
        return StorageError(
            f"cannot open the score database {path} ({exc}). Set BOT_DATABASE to a writable path.",
            "path",
        )
    if code in _DAMAGED_CODES:
        return StorageError(
            f"{path} is not a score database or is damaged (SQLite says: {exc}). Move it away "
            "(or restore a backup) or set BOT_DATABASE to another file; a new one is created on "
            "start.",
            "damaged",
        )
    if code == _FULL:
        return StorageError(f"the disk holding the score database {path} is full", "other")
    if code == _IOERR:
        return StorageError(
            f"reading or writing the score database {path} failed ({exc}); check the disk",
            "other",
        )
    return StorageError(f"the score database {path} failed: {exc}", "other")
