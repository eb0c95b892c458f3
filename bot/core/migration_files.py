"""Numbered schema migrations on disk (NNN_name.sql), shared by the SQLite and PostgreSQL stores."""

from __future__ import annotations

import re
from pathlib import Path

from bot.core.store_contract import StorageError

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def numbered_migrations(folder: Path) -> list[tuple[int, Path]]:
    """The folder's migration files in order, checked to be numbered 001, 002, ... gap-free."""
    found: list[tuple[int, Path]] = []
    for path in sorted(folder.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match is None:
            raise StorageError(f"{path}: migration files are named NNN_name.sql")
        found.append((int(match[1]), path))
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StorageError(f"{folder}: migrations must be numbered 001, 002, ... in order")
    return found
