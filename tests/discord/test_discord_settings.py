"""Settings for `python -m bot run`: validation messages, .env loading, the hidden token."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bot.settings import (
    VARIABLES,
    Secret,
    SettingsError,
    load_settings,
    local_paths,
    read_environment,
    rest_base,
    variables_markdown,
)

TOKEN = "MTIz.fake-token-for-tests.abc"


def test_valid_environment_gives_typed_settings(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "DISCORD_TOKEN": TOKEN,
            "BOT_DATABASE": str(tmp_path / "scores.sqlite3"),
            "BOT_DEV_GUILD": "123456789012345678",
            "LOG_LEVEL": "debug",
            "DISCORD_API_BASE": "http://127.0.0.1:9000/",
            "DISCORD_GATEWAY_URL": "ws://127.0.0.1:9000/gateway",
            "BOT_MESSAGE_CONTENT": "yes",
        }
    )

    assert settings.token == Secret(TOKEN)
    assert settings.database == tmp_path / "scores.sqlite3"
    assert settings.dev_guild == 123456789012345678
    assert settings.log_level == "DEBUG"
    assert settings.api_base == "http://127.0.0.1:9000"
    assert settings.message_content is True


def test_the_token_never_shows_in_repr_str_or_errors() -> None:
    settings = load_settings({"DISCORD_TOKEN": TOKEN})

    with pytest.raises(SettingsError) as caught:
        load_settings({"DISCORD_TOKEN": TOKEN, "LOG_LEVEL": "loud"})

    assert TOKEN not in repr(settings) and TOKEN not in str(settings.token)
    assert TOKEN not in str(caught.value)
    assert settings.token is not None and settings.token.reveal() == TOKEN


def test_every_problem_is_reported_at_once_with_a_fix() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(
            {
                "BOT_DEV_GUILD": "my server",
                "LOG_LEVEL": "chatty",
                "DISCORD_API_BASE": "discord.example",
                "DISCORD_GATEWAY_URL": "http://127.0.0.1/gw",
                "BOT_FACTS_DIR": "/nonexistent/facts",
                "BOT_SEEDS_DIR": "/nonexistent/seeds",
                "BOT_MESSAGE_CONTENT": "maybe",
            }
        )

    problems = caught.value.problems
    for name in (
        "DISCORD_TOKEN",
        "BOT_DEV_GUILD",
        "LOG_LEVEL",
        "DISCORD_API_BASE",
        "DISCORD_GATEWAY_URL",
        "BOT_FACTS_DIR",
        "BOT_SEEDS_DIR",
        "BOT_MESSAGE_CONTENT",
    ):
        line = next((p for p in problems if p.startswith(name)), None)
        assert line is not None, f"no message about {name}"
        assert "Fix:" in line


def test_pasted_token_with_bot_prefix_is_refused_without_echoing_it() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"DISCORD_TOKEN": f"Bot {TOKEN}"})

    assert "Bot " in caught.value.problems[0] and TOKEN not in str(caught.value)


def test_env_file_is_read_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f'DISCORD_TOKEN="{TOKEN}"\nLOG_LEVEL=WARNING\n', encoding="utf-8")
    monkeypatch.setenv("LOG_LEVEL", "ERROR")
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)

    settings = load_settings(read_environment(env_file))

    assert settings.token == Secret(TOKEN)
    assert settings.log_level == "ERROR"


def test_rest_base_appends_the_api_version_once() -> None:
    assert rest_base("http://proxy:8080") == "http://proxy:8080/api/v10"
    assert rest_base("http://proxy:8080/api/v10") == "http://proxy:8080/api/v10"


def test_healthcheck_follows_the_heartbeat_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli.run import main

    database = tmp_path / "bot.sqlite3"
    heartbeat = tmp_path / "bot.sqlite3.health"
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)  # the probe needs no token
    monkeypatch.setenv("BOT_DATABASE", str(database))
    (tmp_path / "empty.env").touch()
    args = ["--healthcheck", "--env-file", str(tmp_path / "empty.env")]

    assert main(args) == 1  # not connected yet
    heartbeat.write_text("1\n")
    assert main(args) == 0
    stale = time.time() - 300
    os.utime(heartbeat, (stale, stale))
    assert main(args) == 1
    assert "last heartbeat 300 s ago" in capsys.readouterr().err


def test_a_missing_env_file_given_on_the_command_line_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli.run import main

    assert main(["--env-file", str(tmp_path / "typo.env")]) == 2
    assert "typo.env does not exist" in capsys.readouterr().err


class _Recording(dict[str, str]):
    """An environment that remembers which variables were looked up."""

    def __init__(self, values: dict[str, str]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> str:
        self.read.add(key)
        return super().__getitem__(key)


def test_every_variable_the_bot_reads_is_in_the_one_table() -> None:
    environ = _Recording({"DISCORD_TOKEN": TOKEN})
    load_settings(environ)
    assert environ.read == {v.name for v in VARIABLES}


def test_the_guide_holds_exactly_the_table_the_code_renders(repo_root: Path) -> None:
    guide = (repo_root / "docs" / "discord.md").read_text(encoding="utf-8")
    assert variables_markdown() in guide, (
        "docs/discord.md's settings table is stale: paste the output of `python -m bot.settings`"
    )
    assert "`BOT_SEEDS_DIR`" in variables_markdown()


def test_run_help_lists_every_variable(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli.run import main

    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    help_text = capsys.readouterr().out
    for variable in VARIABLES:
        assert f"  {variable.name}  " in help_text


def test_run_refuses_a_seeds_folder_that_is_not_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli.run import main

    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("BOT_SEEDS_DIR", str(tmp_path / "no-seeds"))
    (tmp_path / "empty.env").touch()

    assert main(["--env-file", str(tmp_path / "empty.env")]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"error: BOT_SEEDS_DIR={str(tmp_path / 'no-seeds')!r} is not a folder. Fix: point it at "
        "the folder of source documents (the repository's seeds/) or unset it."
    ]


def test_run_reads_the_seeds_folder_from_the_env_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """BOT_SEEDS_DIR written only in the .env file is the folder `run` checks the packs against."""
    from bot.cli.run import main

    for name in ("BOT_SEEDS_DIR", "BOT_FACTS_DIR", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    seeds = tmp_path / "other-seeds"
    seeds.mkdir()
    env_file = tmp_path / "bot.env"
    env_file.write_text(
        f"DISCORD_TOKEN={TOKEN}\nBOT_SEEDS_DIR={seeds}\nBOT_DATABASE={tmp_path / 'bot.sqlite3'}\n",
        encoding="utf-8",
    )

    assert main(["--env-file", str(env_file)]) == 2
    assert f"does not exist in {seeds}" in capsys.readouterr().err


def test_local_commands_take_their_paths_from_the_environment(tmp_path: Path) -> None:
    paths = local_paths(
        {
            "BOT_DATABASE": f" {tmp_path / 'x.db'} ",
            "BOT_FACTS_DIR": str(tmp_path / "packs"),
            "BOT_SEEDS_DIR": str(tmp_path / "docs"),
        }
    )
    assert paths.database == tmp_path / "x.db"
    assert paths.index_cache == tmp_path / "cache"
    assert paths.packs == [tmp_path / "packs"] and paths.seeds_dir == tmp_path / "docs"
    unset = local_paths({})
    assert unset.database.parts[-2:] == ("data", "bot.sqlite3")
    assert unset.packs is None and unset.seeds_dir is None
