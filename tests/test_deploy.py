"""The deployment files and guide agree with each other, and the guide's backup command works."""

from __future__ import annotations

import re
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

VOLUME_FLAG = re.compile(r"-v ([\w.-]+):/data\b")


def test_one_volume_name_for_compose_and_docker_run(repo_root: Path) -> None:
    compose = yaml.safe_load((repo_root / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    mounted = compose["services"]["bot"]["volumes"][0].split(":")[0]
    name = compose["volumes"][mounted]["name"]
    used = {
        path: set(VOLUME_FLAG.findall((repo_root / path).read_text(encoding="utf-8")))
        for path in ("docs/discord.md", "README.md", "deploy/Dockerfile")
    }
    assert used["docs/discord.md"] and used["deploy/Dockerfile"]
    for path, names in used.items():
        assert names <= {name}, f"{path} mounts {names - {name}} instead of the volume {name}"


def test_compose_rotates_the_logs(repo_root: Path) -> None:
    compose = yaml.safe_load((repo_root / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    logging = compose["services"]["bot"]["logging"]
    assert logging["driver"] == "json-file"
    assert {"max-size", "max-file"} <= set(logging["options"])


def _guide_command(repo_root: Path, starts: str) -> list[str]:
    guide = (repo_root / "docs" / "discord.md").read_text(encoding="utf-8")
    line = next(ln.strip() for ln in guide.splitlines() if ln.strip().startswith(starts))
    return shlex.split(line)


def test_the_guides_backup_copies_writes_still_in_the_wal(repo_root: Path, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    live = sqlite3.connect(tmp_path / "data" / "bot.sqlite3")
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("PRAGMA wal_autocheckpoint=0")  # the running bot's recent writes: WAL only
    live.execute("CREATE TABLE awards (user_id INTEGER, points INTEGER)")
    live.executemany("INSERT INTO awards VALUES (?, ?)", [(1, 30), (2, 10)])
    live.commit()

    command = _guide_command(repo_root, ".venv/bin/python -c ")
    subprocess.run([sys.executable, *command[1:]], cwd=tmp_path, check=True, timeout=30)
    live.close()

    with sqlite3.connect(tmp_path / "bot-backup.sqlite3") as backup:
        assert backup.execute("SELECT user_id, points FROM awards").fetchall() == [(1, 30), (2, 10)]


# -- shard clusters -------------------------------------------------------------------------------

SETTING_LINE = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)
COMPOSE_VARIABLE = re.compile(r"\$\{(\w+)(?::\?[^}]*)?\}")
HOST_PATHS = {"BOT_STATE_DIR", "BOT_FACTS_DIR"}  # folders of the target machine, not this one
POSTGRES_SERVICE = {"POSTGRES_USER", "POSTGRES_DB", "POSTGRES_PASSWORD"}  # the image's, not ours


def _cluster_compose(repo_root: Path) -> dict:
    return yaml.safe_load((repo_root / "deploy" / "compose.cluster.yaml").read_text("utf-8"))


def _substituted(value: object) -> str:
    """A compose value as the container sees it, with ${VAR} filled in by a stand-in."""
    return COMPOSE_VARIABLE.sub(lambda m: f"secret-{m.group(1).lower()}", str(value))


def _unit_environment(text: str) -> dict[str, str]:
    pairs = [ln.removeprefix("Environment=") for ln in text.splitlines()]
    return dict(
        p.split("=", 1)
        for p in pairs
        if not p.startswith(("#", "[")) and "=" in p and p.split("=", 1)[0].isupper()
    )


def test_the_cluster_compose_runs_every_shard_exactly_once(repo_root: Path) -> None:
    from bot.settings import load_settings

    compose = _cluster_compose(repo_root)
    services = compose["services"]
    bots = {name: s for name, s in services.items() if s.get("image") == "us-and-them-bot"}
    assert len(bots) >= 2
    clusters = [
        load_settings(
            {k: _substituted(v) for k, v in s["environment"].items() if k not in HOST_PATHS},
            require_token=False,
        )
        for s in bots.values()
    ]
    assert sorted(c.cluster_index for c in clusters) == list(range(len(bots)))
    assert {c.cluster_count for c in clusters} == {len(bots)}
    shard_count = clusters[0].shard_count
    assert shard_count and {c.shard_count for c in clusters} == {shard_count}
    shards = [i for c in clusters for i in c.shard_ids or ()]
    assert sorted(shards) == list(range(shard_count))  # each shard in exactly one cluster

    # Every bot reaches the compose file's own PostgreSQL, as the user and database it creates.
    postgres = services["postgres"]
    for name, bot in bots.items():
        url = urlsplit(_substituted(bot["environment"]["BOT_DATABASE"]))
        assert url.hostname == "postgres" and url.port in (None, 5432), name
        assert url.username == postgres["environment"]["POSTGRES_USER"], name
        assert url.path == "/" + postgres["environment"]["POSTGRES_DB"], name
        assert url.password == _substituted(postgres["environment"]["POSTGRES_PASSWORD"]), name
        assert bot["depends_on"]["postgres"]["condition"] == "service_healthy", name
        assert bot["logging"]["driver"] == "json-file", name


def test_the_systemd_template_makes_the_instance_the_cluster_index(repo_root: Path) -> None:
    from bot.settings import load_settings

    unit = (repo_root / "deploy" / "us-and-them-bot@.service").read_text(encoding="utf-8")
    environment = _unit_environment(unit)
    assert environment["CLUSTER_INDEX"] == "%i"
    assert "--env-file /etc/us-and-them-bot.env" in unit
    shared = {
        "BOT_DATABASE": "postgresql://usandthem:pw@db.example.org/usandthem",
        "SHARD_COUNT": "4",
        "CLUSTER_COUNT": "2",
    }
    state = Path(environment["BOT_STATE_DIR"])
    for instance in ("0", "1"):
        env = {**shared, **environment, "CLUSTER_INDEX": instance}
        env = {k: v for k, v in env.items() if k not in HOST_PATHS}
        assert load_settings(env, require_token=False).cluster_index == int(instance)
    assert state.name == "us-and-them-bot" and "StateDirectory=us-and-them-bot" in unit


def test_deploy_files_name_only_settings_the_bot_reads(repo_root: Path) -> None:
    from bot.settings import VARIABLES

    known = {v.name for v in VARIABLES}
    deploy = repo_root / "deploy"
    named: dict[str, set[str]] = {
        ".env.example": set(SETTING_LINE.findall((deploy / ".env.example").read_text("utf-8"))),
    }
    for unit in ("us-and-them-bot.service", "us-and-them-bot@.service"):
        named[unit] = set(_unit_environment((deploy / unit).read_text(encoding="utf-8")))
    compose = _cluster_compose(repo_root)
    named["compose.cluster.yaml"] = {
        k
        for name, s in compose["services"].items()
        if name != "postgres"
        for k in s.get("environment", {})
    }
    for path, names in named.items():
        assert names, path
        assert names <= known | POSTGRES_SERVICE, f"{path} sets {names - known - POSTGRES_SERVICE}"
    guide = (repo_root / "docs" / "discord.md").read_text(encoding="utf-8")
    assert "## When one machine is not enough" in guide
    for name in ("compose.cluster.yaml", "us-and-them-bot@.service", "pg_dump", "scores migrate"):
        assert name in guide, name
