"""SHARD_COUNT, CLUSTER_COUNT, CLUSTER_INDEX and SHARD_IDS: how clusters split the shards, and
the message for each mistake (what is wrong, where, how to fix it)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from fake_discord import TOKEN

from bot.json_logs import JsonFormatter
from bot.settings import SettingsError, load_settings

PG = {"BOT_DATABASE": "postgresql://usandthem:hunter2-secret@db.example.org/usandthem"}


def _plan(**env: str) -> tuple[int, ...] | None:
    return load_settings({**PG, **env}, require_token=False).shard_ids


def test_clusters_split_the_shards_into_even_blocks_that_cover_them_all() -> None:
    shares = [
        _plan(SHARD_COUNT="5", CLUSTER_COUNT="2", CLUSTER_INDEX=str(index)) for index in (0, 1)
    ]
    assert shares == [(0, 1), (2, 3, 4)]
    assert _plan(SHARD_COUNT="8", CLUSTER_COUNT="2", CLUSTER_INDEX="1", SHARD_IDS="0-2, 7") == (
        0,
        1,
        2,
        7,
    )
    one_process = load_settings({"SHARD_COUNT": "3"}, require_token=False)  # SQLite is fine
    assert (one_process.shard_ids, one_process.clustered) == ((0, 1, 2), False)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"CLUSTER_COUNT": "2", "CLUSTER_INDEX": "0", **PG},
            "CLUSTER_COUNT=2 needs SHARD_COUNT, the total number of shards over all clusters. "
            "Fix: set the same SHARD_COUNT in every cluster (e.g. SHARD_COUNT=4).",
        ),
        (
            {"SHARD_COUNT": "4", "CLUSTER_COUNT": "2", "CLUSTER_INDEX": "2", **PG},
            "CLUSTER_INDEX=2 is not below CLUSTER_COUNT=2. Fix: number the processes 0 to 1.",
        ),
        (
            {"SHARD_COUNT": "1", "CLUSTER_COUNT": "2", **PG},
            "CLUSTER_COUNT=2 is more than SHARD_COUNT=1: a cluster would have no shard. "
            "Fix: raise SHARD_COUNT or lower CLUSTER_COUNT.",
        ),
        (
            {"SHARD_COUNT": "0"},
            "SHARD_COUNT='0' is not a whole number from 1. Fix: e.g. SHARD_COUNT=4.",
        ),
        (
            {"SHARD_COUNT": "4", "SHARD_IDS": "0-x"},
            "SHARD_IDS='0-x': '0-x' is not a shard number or range. Fix: numbers and ranges "
            "separated by commas, e.g. 0-3,8.",
        ),
        (
            {"SHARD_COUNT": "4", "SHARD_IDS": "2,9", "CLUSTER_COUNT": "2", **PG},
            "SHARD_IDS names shard 9, but shards are numbered 0 to 3 (SHARD_COUNT=4). "
            "Fix: list shards below 4 or raise SHARD_COUNT.",
        ),
        (
            {"SHARD_COUNT": "4", "SHARD_IDS": "0-1"},
            "SHARD_IDS names 2 of 4 shards, but CLUSTER_COUNT is 1: no other process would run "
            "the rest. Fix: set CLUSTER_COUNT and CLUSTER_INDEX too, or leave SHARD_IDS unset to "
            "run them all.",
        ),
    ],
)
def test_each_mistake_gets_its_own_message(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(env, require_token=False)
    assert error.value.problems == [message]


def test_clusters_on_sqlite_are_refused_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli.run import main

    for name, value in {"DISCORD_TOKEN": TOKEN, "SHARD_COUNT": "2", "CLUSTER_COUNT": "2"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("BOT_DATABASE", str(tmp_path / "bot.sqlite3"))
    (tmp_path / "empty.env").touch()

    assert main(["--env-file", str(tmp_path / "empty.env")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: CLUSTER_COUNT=2 needs a shared PostgreSQL database")
    assert "Fix: set BOT_DATABASE=postgresql://" in err


def test_json_log_lines_say_which_cluster_wrote_them() -> None:
    record = logging.LogRecord("bot.run", logging.INFO, __file__, 1, "Connected", None, None)
    assert json.loads(JsonFormatter(cluster=1).format(record))["cluster"] == 1
    assert "cluster" not in json.loads(JsonFormatter().format(record))


def test_a_cluster_owns_the_servers_on_its_shards() -> None:
    from bot.discord_app.cluster import ClusterIdentity

    second = ClusterIdentity(index=1, count=2, shard_ids=(2, 3), shard_count=4)
    # Discord puts a server on shard (id >> 22) % shard_count.
    assert [second.owns(shard << 22) for shard in range(4)] == [False, False, True, True]
    assert second.owns((7 << 22) + 12345)  # shard 3 of 4
