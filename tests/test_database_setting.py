"""BOT_DATABASE picks the engine: a postgresql:// URL means PostgreSQL, anything else a SQLite
file; the URL's password shows nowhere (repr, errors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE, SettingsError, load_settings, local_paths

PASSWORD = "Zr9-not-for-logs"
URL = f"postgresql://bot:{PASSWORD}@db.internal:5432/scores"


def test_a_postgresql_url_selects_postgresql_and_its_password_is_never_shown() -> None:
    settings = load_settings({"BOT_DATABASE": URL}, require_token=False)
    assert settings.score_database == URL
    assert settings.database is None and settings.database_file == DEFAULT_DATABASE
    assert PASSWORD not in repr(settings) and PASSWORD not in str(settings)
    paths = local_paths({"BOT_DATABASE": URL})
    assert paths.score_database == URL and paths.database == DEFAULT_DATABASE
    assert PASSWORD not in repr(paths)


def test_a_path_still_selects_a_sqlite_file(tmp_path: Path) -> None:
    settings = load_settings({"BOT_DATABASE": str(tmp_path / "x.db")}, require_token=False)
    assert settings.score_database == tmp_path / "x.db"
    assert local_paths({"BOT_DATABASE": str(tmp_path / "x.db")}).score_database == tmp_path / "x.db"
    assert local_paths({}).score_database == DEFAULT_DATABASE


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (f"postgresql://bot:{PASSWORD}@db.internal:5432", "it names no database"),
        (f"postgresql://bot:{PASSWORD}@db.internal:99999/scores", "the port must be from 1"),
        (f"postgres://bot:{PASSWORD}@:5432/scores", "it names no server"),
    ],
)
def test_a_malformed_url_is_refused_at_start_without_its_password(url: str, why: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({"BOT_DATABASE": url}, require_token=False)
    message = str(raised.value)
    assert why in message and "postgresql://USER:PASSWORD@HOST:PORT/DBNAME" in message
    assert PASSWORD not in message and "bot:********@" in message
