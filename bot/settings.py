"""Typed settings for `python -m bot run`, read from the environment and an optional `.env` file.

Everything is validated once at start-up and every problem is reported together, each naming the
variable, what was wrong and how to fix it. The Discord token is wrapped in `Secret`, whose repr
and str hide it, so it cannot leak through a log line, a traceback's locals or an error message.

`VARIABLES` is the one list of the environment variables (name, default, meaning): `run --help`
and the table in docs/discord.md are both rendered from it (`python -m bot.settings` prints the
table; a test keeps the guide's copy identical).
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.core.database_url import check_postgres_url, is_postgres_url

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")
API_VERSION_SUFFIX = re.compile(r"/api/v\d+/?$")
_TRUE = {"1", "true", "yes", "on"}
DEFAULT_DATABASE = Path(__file__).resolve().parents[1] / "data" / "bot.sqlite3"
_FALSE = {"0", "false", "no", "off", ""}


class Secret:
    """A string that never shows itself: repr/str print a placeholder, `reveal()` gives it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class SettingsError(Exception):
    """One or more settings are invalid; `problems` holds one readable line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    default: str  # as a reader sees it; "—" when unset means "off" or "required"
    meaning: str


VARIABLES: tuple[Variable, ...] = (
    Variable(
        "DISCORD_TOKEN",
        "— (required)",
        "the bot token (Developer Portal → your application → Bot → Reset Token); "
        "never printed or logged",
    ),
    Variable(
        "BOT_DATABASE",
        "`data/bot.sqlite3` (Docker: `/data/bot.sqlite3`)",
        "SQLite file for scores, rounds and server settings; the command-sync state "
        "(`….commands.json`) and the health heartbeat (`….health`) are kept beside it. Or a "
        "`postgresql://USER:PASSWORD@HOST:PORT/DBNAME` URL: PostgreSQL, shared by several bot "
        "processes or hosts (the state files then go to `BOT_STATE_DIR`, else `data/`; the "
        "password is never shown)",
    ),
    Variable("BOT_FACTS_DIR", "`facts/` of the checkout", "folder of YAML fact packs to serve"),
    Variable(
        "BOT_SEEDS_DIR",
        "`seeds/` beside the facts folder",
        "folder of the source documents the packs cite (every quote is checked against them)",
    ),
    Variable(
        "BOT_DEV_GUILD",
        "—",
        "a server id: register the commands in that server only, where changes show at once",
    ),
    Variable("LOG_LEVEL", "`INFO`", "`DEBUG`, `INFO`, `WARNING`, `ERROR` or `CRITICAL`"),
    Variable(
        "BOT_MESSAGE_CONTENT",
        "`0`",
        "`1`: accept typed quiz answers written in the channel (needs the Message Content intent)",
    ),
    Variable(
        "DISCORD_API_BASE",
        "Discord's",
        "REST proxy origin (`http(s)://`; `/api/v10` is appended)",
    ),
    Variable("DISCORD_GATEWAY_URL", "Discord's", "gateway proxy (`ws(s)://`)"),
    Variable(
        "BOT_QUIZ_REPEAT_DAYS",
        "— (only once all are used up)",
        "days after which a quiz question asked in a channel may be asked there again, even "
        "before the pack's other questions are used up",
    ),
    Variable(
        "BOT_METRICS_PORT",
        "— (off)",
        "serve Prometheus metrics at `http://0.0.0.0:PORT/metrics` (see docs/metrics.md)",
    ),
    Variable(
        "LOG_FORMAT",
        "`text`",
        "`json`: one JSON object per log line, with shard, guild, "
        "channel and round ids where known",
    ),
    Variable(
        "BOT_STATE_DIR",
        "the SQLite database's folder (with PostgreSQL: `data/` of the checkout)",
        "folder for the command-sync state, the health heartbeat (one per cluster) and the "
        "fact index cache",
    ),
    Variable(
        "SHARD_COUNT",
        "— (Discord's recommendation)",
        "how many shards the whole bot runs, over all clusters (needed with `CLUSTER_COUNT`)",
    ),
    Variable(
        "CLUSTER_COUNT",
        "`1`",
        "how many processes (clusters, on any hosts) split the shards; more than 1 needs "
        "`SHARD_COUNT` and a `postgresql://` `BOT_DATABASE`",
    ),
    Variable(
        "CLUSTER_INDEX",
        "`0`",
        "this process's number, `0` to `CLUSTER_COUNT - 1`; it runs an even share of the "
        "shards, and only cluster `0` syncs the commands",
    ),
    Variable(
        "SHARD_IDS",
        "— (this cluster's even share)",
        "explicit shards for this cluster instead of the even share, e.g. `0-3,8`",
    ),
)


def variables_markdown() -> str:
    """The settings table of docs/discord.md."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    rows += [f"| `{v.name}` | {v.default} | {v.meaning} |" for v in VARIABLES]
    return "\n".join(rows)


def variables_help() -> str:
    """The same table as plain text, for `python -m bot run --help`."""
    import textwrap

    width = max(len(v.name) for v in VARIABLES) + 4
    lines = ["environment variables (also read from a .env file; the environment wins):"]
    for v in VARIABLES:
        text = f"{v.meaning} [default: {v.default}]".replace("`", "")
        lines += textwrap.wrap(
            text, 79, initial_indent=f"  {v.name:<{width - 2}}", subsequent_indent=" " * width
        )
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Settings:
    token: Secret | None  # DISCORD_TOKEN; required to connect
    database: Path | None  # BOT_DATABASE; None: the score store's default path
    facts_dir: Path | None  # BOT_FACTS_DIR; None: the repository's facts/
    seeds_dir: Path | None  # BOT_SEEDS_DIR; None: seeds/ beside the facts folder
    dev_guild: int | None  # BOT_DEV_GUILD: sync commands to this guild only (instant)
    log_level: str  # LOG_LEVEL
    api_base: str | None  # DISCORD_API_BASE: REST proxy origin, `/api/v10` is appended
    gateway_url: str | None  # DISCORD_GATEWAY_URL: gateway proxy (ws:// or wss://)
    message_content: bool  # BOT_MESSAGE_CONTENT: read typed quiz answers from chat messages
    quiz_repeat_days: float | None = None  # BOT_QUIZ_REPEAT_DAYS; None: no repeat window
    metrics_port: int | None = None  # BOT_METRICS_PORT; None: no metrics endpoint
    log_format: str = "text"  # LOG_FORMAT: text or json
    shard_count: int | None = None  # SHARD_COUNT; None: as many as Discord recommends
    shard_ids: tuple[int, ...] | None = None  # this cluster's shards; None: all of them
    cluster_index: int = 0  # CLUSTER_INDEX
    cluster_count: int = 1  # CLUSTER_COUNT
    database_url: Secret | None = None  # BOT_DATABASE=postgresql://...; its password is secret
    state_dir: Path | None = None  # BOT_STATE_DIR; None: beside the SQLite file, or data/

    @property
    def clustered(self) -> bool:
        """Several processes split the shards (they coordinate through PostgreSQL)."""
        return self.cluster_count > 1

    @property
    def log_level_number(self) -> int:
        import logging  # here: `ask`, `quote` and the console never configure logging

        return logging.getLevelNamesMapping()[self.log_level]

    def require_token(self) -> Secret:
        if self.token is None:
            raise SettingsError([_missing_token_message()])
        return self.token

    @property
    def database_file(self) -> Path:
        """BOT_DATABASE, else the checkout's `data/bot.sqlite3` (also with PostgreSQL: the
        local state files and the index cache live beside it)."""
        return self.database or DEFAULT_DATABASE

    @property
    def score_database(self) -> str | Path:
        """What the score store opens (`bot.core.store_select.open_store`): the PostgreSQL
        URL, else the SQLite file."""
        return self.database_url.reveal() if self.database_url else self.database_file

    @property
    def packs(self) -> list[Path] | None:
        """The pack folder to load (None: the core's default, the checkout's facts/)."""
        return [self.facts_dir] if self.facts_dir else None


@dataclass(frozen=True, slots=True)
class LocalPaths:
    """Where the local commands (ask, quote, facts, console, scores, eval) find their files.

    Taken from the environment as given, unchecked: the loaders say what is wrong with a path
    in their own words (FILE:LINE for packs, the storage problem for a database)."""

    facts_dir: Path | None  # BOT_FACTS_DIR; None: the checkout's facts/
    seeds_dir: Path | None  # BOT_SEEDS_DIR; None: seeds/ beside the facts folder
    database: Path  # BOT_DATABASE, else the checkout's data/bot.sqlite3
    database_url: Secret | None = None  # BOT_DATABASE when it is a postgresql:// URL

    @property
    def packs(self) -> list[Path] | None:
        return [self.facts_dir] if self.facts_dir else None

    @property
    def score_database(self) -> str | Path:
        """The PostgreSQL URL if BOT_DATABASE is one, else the SQLite file."""
        return self.database_url.reveal() if self.database_url else self.database

    @property
    def index_cache(self) -> Path:
        return index_cache_dir(self.database)


def local_paths(environ: Mapping[str, str] | None = None) -> LocalPaths:
    """The paths of `LocalPaths` from ``environ`` (default: the process environment)."""
    env = os.environ if environ is None else environ
    facts, seeds = env.get("BOT_FACTS_DIR"), env.get("BOT_SEEDS_DIR")
    database = env.get("BOT_DATABASE", "").strip()
    url = Secret(database) if is_postgres_url(database) else None
    return LocalPaths(
        facts_dir=Path(facts) if facts else None,
        seeds_dir=Path(seeds) if seeds else None,
        database=Path(database).expanduser() if database and not url else DEFAULT_DATABASE,
        database_url=url,
    )


def index_cache_dir(database: Path) -> Path:
    """The fact index cache: a `cache/` folder beside the score database, so one volume
    keeps both."""
    return database.parent / "cache"


def _missing_token_message() -> str:
    return (
        "DISCORD_TOKEN is not set. Fix: copy the bot token from the Discord Developer Portal "
        "(your application -> Bot -> Reset Token) into DISCORD_TOKEN in the environment or a "
        ".env file (see deploy/.env.example)."
    )


def read_environment(env_file: Path | None = Path(".env")) -> dict[str, str]:
    """The process environment over the `.env` file's values (the environment wins)."""
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        from dotenv import dotenv_values  # only `run` reads a .env file; `ask` starts faster

        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ)
    return values


def load_settings(environ: Mapping[str, str], *, require_token: bool = True) -> Settings:
    """Build and validate `Settings`; raises `SettingsError` listing every problem found."""
    problems: list[str] = []

    def get(name: str) -> str:
        return environ.get(name, "").strip()

    token = _token(get("DISCORD_TOKEN"), require_token, problems)
    database_url = _database_url(get("BOT_DATABASE"), problems)
    database = None if database_url else _database(get("BOT_DATABASE"), problems)
    facts_dir = _folder("BOT_FACTS_DIR", get("BOT_FACTS_DIR"), "fact packs", "facts/", problems)
    seeds_dir = _folder(
        "BOT_SEEDS_DIR", get("BOT_SEEDS_DIR"), "source documents", "seeds/", problems
    )
    dev_guild = _snowflake("BOT_DEV_GUILD", get("BOT_DEV_GUILD"), problems)
    log_level = get("LOG_LEVEL").upper() or "INFO"
    if log_level not in LOG_LEVELS:
        problems.append(
            f"LOG_LEVEL={_shown(log_level)} is not a log level. Fix: one of {LOG_LEVELS}."
        )
    api_base = _url("DISCORD_API_BASE", get("DISCORD_API_BASE"), ("http", "https"), problems)
    gateway_url = _url("DISCORD_GATEWAY_URL", get("DISCORD_GATEWAY_URL"), ("ws", "wss"), problems)
    message_content = _flag("BOT_MESSAGE_CONTENT", get("BOT_MESSAGE_CONTENT"), problems)
    quiz_repeat_days = _days("BOT_QUIZ_REPEAT_DAYS", get("BOT_QUIZ_REPEAT_DAYS"), problems)
    metrics_port = _port("BOT_METRICS_PORT", get("BOT_METRICS_PORT"), problems)
    log_format = get("LOG_FORMAT").lower() or "text"
    if log_format not in LOG_FORMATS:
        problems.append(
            f"LOG_FORMAT={_shown(log_format)} is not a log format. Fix: `text` or `json`."
        )
    state_dir = _folder(
        "BOT_STATE_DIR", get("BOT_STATE_DIR"), "the bot's state files", "data/", problems
    )
    shards = _shards(
        get("SHARD_COUNT"), get("CLUSTER_COUNT"), get("CLUSTER_INDEX"), get("SHARD_IDS"), problems
    )
    if shards.cluster_count > 1 and not is_postgres_url(get("BOT_DATABASE")):
        problems.append(
            f"CLUSTER_COUNT={shards.cluster_count} needs a shared PostgreSQL database: the "
            "clusters share scores, settings and fact reloads through it. Fix: set "
            "BOT_DATABASE=postgresql://USER:PASSWORD@HOST/DB in every cluster (see 'When one "
            "machine is not enough' in docs/discord.md), or unset CLUSTER_COUNT to run one process."
        )
    if problems:
        # Whatever went wrong, a token pasted anywhere is not echoed back.
        from bot.redact import mask  # it imports logging: only on this error path

        raise SettingsError([mask(p, [get("DISCORD_TOKEN")]) for p in problems])
    return Settings(
        token=token,
        database=database,
        facts_dir=facts_dir,
        seeds_dir=seeds_dir,
        dev_guild=dev_guild,
        log_level=log_level,
        api_base=api_base,
        gateway_url=gateway_url,
        message_content=message_content,
        quiz_repeat_days=quiz_repeat_days,
        metrics_port=metrics_port,
        log_format=log_format,
        shard_count=shards.shard_count,
        shard_ids=shards.shard_ids,
        cluster_index=shards.cluster_index,
        cluster_count=shards.cluster_count,
        database_url=database_url,
        state_dir=state_dir,
    )


@dataclass(frozen=True, slots=True)
class ShardPlan:
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    cluster_index: int = 0
    cluster_count: int = 1


def cluster_shards(shard_count: int, cluster_index: int, cluster_count: int) -> tuple[int, ...]:
    """Cluster ``cluster_index``'s even share: a contiguous block, so the clusters' shards fall
    in different identify buckets (shard id modulo max_concurrency) and connect side by side."""
    start = cluster_index * shard_count // cluster_count
    end = (cluster_index + 1) * shard_count // cluster_count
    return tuple(range(start, end))


def _count(name: str, raw: str, least: int, fix: str, problems: list[str]) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or not least <= int(raw) <= 100_000:
        problems.append(f"{name}={_shown(raw)} is not a whole number from {least}. Fix: {fix}.")
        return None
    return int(raw)


def _shards(
    count_raw: str, clusters_raw: str, index_raw: str, ids_raw: str, problems: list[str]
) -> ShardPlan:
    """SHARD_COUNT, CLUSTER_COUNT, CLUSTER_INDEX and SHARD_IDS, checked against each other."""
    before = len(problems)
    shard_count = _count("SHARD_COUNT", count_raw, 1, "e.g. SHARD_COUNT=4", problems)
    clusters = _count(
        "CLUSTER_COUNT", clusters_raw, 1, "the number of bot processes, e.g. 2", problems
    )
    index = _count(
        "CLUSTER_INDEX", index_raw, 0, "0 for the first process, 1 for the second, ...", problems
    )
    ids = _shard_ids(ids_raw, problems)
    if len(problems) > before:
        return ShardPlan()
    cluster_count = clusters or 1
    cluster_index = index or 0
    if cluster_index >= cluster_count:
        problems.append(
            f"CLUSTER_INDEX={cluster_index} is not below CLUSTER_COUNT={cluster_count}. Fix: "
            f"number the processes 0 to {cluster_count - 1}."
        )
        return ShardPlan()
    if shard_count is None:
        if cluster_count > 1 or ids is not None:
            what = f"CLUSTER_COUNT={cluster_count}" if cluster_count > 1 else "SHARD_IDS"
            problems.append(
                f"{what} needs SHARD_COUNT, the total number of shards over all clusters. "
                "Fix: set the same SHARD_COUNT in every cluster (e.g. SHARD_COUNT=4)."
            )
        return ShardPlan(cluster_index=cluster_index, cluster_count=cluster_count)
    if cluster_count > shard_count:
        problems.append(
            f"CLUSTER_COUNT={cluster_count} is more than SHARD_COUNT={shard_count}: a cluster "
            "would have no shard. Fix: raise SHARD_COUNT or lower CLUSTER_COUNT."
        )
        return ShardPlan()
    if ids is not None:
        if outside := [i for i in ids if i >= shard_count]:
            problems.append(
                f"SHARD_IDS names shard {outside[0]}, but shards are numbered 0 to "
                f"{shard_count - 1} (SHARD_COUNT={shard_count}). Fix: list shards below "
                f"{shard_count} or raise SHARD_COUNT."
            )
            return ShardPlan()
        if cluster_count == 1 and len(ids) < shard_count:
            problems.append(
                f"SHARD_IDS names {len(ids)} of {shard_count} shards, but CLUSTER_COUNT is 1: "
                "no other process would run the rest. Fix: set CLUSTER_COUNT and CLUSTER_INDEX "
                "too, or leave SHARD_IDS unset to run them all."
            )
            return ShardPlan()
    else:
        ids = cluster_shards(shard_count, cluster_index, cluster_count)
    return ShardPlan(shard_count, ids, cluster_index, cluster_count)


def _shard_ids(raw: str, problems: list[str]) -> tuple[int, ...] | None:
    """`0-3,8` -> (0, 1, 2, 3, 8)."""
    if not raw:
        return None
    ids: set[int] = set()
    for part in raw.replace(" ", "").split(","):
        low, _, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()) or (high and int(high) < int(low)):
            problems.append(
                f"SHARD_IDS={_shown(raw)}: {part!r} is not a shard number or range. Fix: "
                "numbers and ranges separated by commas, e.g. 0-3,8."
            )
            return None
        ids.update(range(int(low), int(high or low) + 1))
    return tuple(sorted(ids))


def _token(raw: str, required: bool, problems: list[str]) -> Secret | None:
    if not raw:
        if required:
            problems.append(_missing_token_message())
        return None
    # Never echo the value: say what is wrong with it, not what it is.
    if any(c.isspace() for c in raw) or raw[0] in "\"'" or raw.lower().startswith("bot "):
        problems.append(
            "DISCORD_TOKEN contains spaces, quotes or a 'Bot ' prefix. Fix: paste only the token "
            "itself, with nothing around it."
        )
        return None
    return Secret(raw)


def _database_url(raw: str, problems: list[str]) -> Secret | None:
    """BOT_DATABASE as a PostgreSQL URL (None when it is a file path); echoed masked."""
    if not is_postgres_url(raw):
        return None
    if (why := check_postgres_url(raw)) is not None:
        problems.append(
            f"BOT_DATABASE {why}. Fix: postgresql://USER:PASSWORD@HOST:PORT/DBNAME "
            "(percent-encode special characters in the password)."
        )
        return None
    return Secret(raw)


def _database(raw: str, problems: list[str]) -> Path | None:
    if not raw:
        return None
    path = Path(raw).expanduser()
    if (why := _unusable(path)) not in (None, "no such file or folder"):
        problems.append(f"BOT_DATABASE={_shown(raw)}: {why}. Fix: name a shorter, usable path.")
    elif path.is_dir():
        problems.append(
            f"BOT_DATABASE={_shown(raw)} is a directory. Fix: name a file, e.g. "
            f"{_shown(str(path / 'bot.sqlite3'))}."
        )
    elif path.parent.exists() and not os.access(path.parent, os.W_OK):
        problems.append(
            f"BOT_DATABASE={_shown(raw)}: the folder {path.parent} is not writable. "
            "Fix: choose a writable location (in Docker, the /data volume)."
        )
    return path


def _folder(name: str, raw: str, what: str, default: str, problems: list[str]) -> Path | None:
    if not raw:
        return None
    path = Path(raw).expanduser()
    if (why := _unusable(path)) is not None and why != "no such file or folder":
        problems.append(f"{name}={_shown(raw)}: {why}. Fix: name the folder of {what}.")
    elif not path.is_dir():
        problems.append(
            f"{name}={_shown(raw)} is not a folder. Fix: point it at the folder of {what} "
            f"(the repository's {default}) or unset it."
        )
    return path


MAX_SHOWN = 80  # longer values are shown by their ends, so each problem stays one line


def _shown(raw: str) -> str:
    """A value as an error message may echo it: tokens masked, very long values shortened."""
    from bot.redact import mask

    text = mask(raw)
    if len(text) > MAX_SHOWN:
        text = f"{text[:35]}...{text[-35:]} ({len(raw)} characters)"
    return repr(text)


def _unusable(path: Path) -> str | None:
    """Why the operating system refuses ``path`` (e.g. "file name too long"), or None."""
    try:
        path.stat()
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as error:
        if error.errno == errno.ENOTDIR:
            return "no such file or folder"
        return (error.strerror or type(error).__name__).lower()
    except ValueError:
        return "the path contains a null character"
    return None


def _snowflake(name: str, raw: str, problems: list[str]) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or not 15 <= len(raw) <= 21:
        problems.append(
            f"{name}={_shown(raw)} is not a Discord id. Fix: enable Developer Mode in Discord, "
            "right-click the server and choose 'Copy Server ID' (a 17-20 digit number)."
        )
        return None
    return int(raw)


def _url(name: str, raw: str, schemes: tuple[str, ...], problems: list[str]) -> str | None:
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in schemes or not parts.netloc:
        problems.append(
            f"{name}={_shown(raw)} is not a {' or '.join(s + '://' for s in schemes)} URL. "
            f"Fix: e.g. {schemes[0]}://127.0.0.1:8080, or unset it to talk to Discord directly."
        )
        return None
    return raw.rstrip("/")


def _flag(name: str, raw: str, problems: list[str]) -> bool:
    value = raw.lower()
    if value in _TRUE:
        return True
    if value not in _FALSE:
        problems.append(f"{name}={_shown(raw)} is not a yes/no value. Fix: use 1 or 0.")
    return False


def _days(name: str, raw: str, problems: list[str]) -> float | None:
    if not raw:
        return None
    try:
        days = float(raw)
    except ValueError:
        days = -1.0
    if not 0 < days <= 3650:  # also refuses nan and inf
        problems.append(
            f"{name}={_shown(raw)} is not a number of days. Fix: a number from 0.01 to 3650 "
            "(e.g. 7), or unset it to repeat only once every question was asked."
        )
        return None
    return days


def _port(name: str, raw: str, problems: list[str]) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        problems.append(
            f"{name}={_shown(raw)} is not a TCP port. Fix: a number from 1 to 65535 "
            "(Prometheus' usual is 9090-9999), or unset it to serve no metrics."
        )
        return None
    return int(raw)


def rest_base(api_base: str) -> str:
    """The REST base discord.py needs: the proxy origin plus `/api/v10` unless already given."""
    if API_VERSION_SUFFIX.search(api_base):
        return api_base.rstrip("/")
    return f"{api_base}/api/v10"


if __name__ == "__main__":
    print(variables_markdown())
