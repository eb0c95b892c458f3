"""Which database a configured value names, and how to show a PostgreSQL URL without its secret.

``BOT_DATABASE`` (read in bot/settings.py) is either a SQLite file path or a
``postgresql://user:password@host:port/dbname`` URL; this module only interprets the value.
A URL's password must never reach a log line or an error message: `shown` masks it, and
`scrub` removes it from any text (a driver's error may quote the URL it was given).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

POSTGRES_SCHEMES = ("postgresql", "postgres")
MASK = "********"


def is_postgres_url(value: str) -> bool:
    """True for ``postgresql://...`` or ``postgres://...`` (anything else is a SQLite path)."""
    scheme, sep, _ = value.strip().partition("://")
    return bool(sep) and scheme.lower() in POSTGRES_SCHEMES


def _password(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        return parts.password
    except ValueError:
        # An unparsable netloc: treat everything between "user:" and "@" as secret.
        netloc = url.partition("://")[2].partition("/")[0]
        creds = netloc.rpartition("@")[0]
        return creds.partition(":")[2] or None


def shown(url: str) -> str:
    """The URL as it may be shown: the password (if any) replaced by a mask."""
    return scrub(url, url)


def scrub(text: str, url: str) -> str:
    """``text`` with the URL's password removed, raw and percent-decoded."""
    password = _password(url)
    for secret in {password, unquote(password or "")}:
        if secret:
            text = text.replace(f":{secret}@", f":{MASK}@").replace(secret, MASK)
    return text


def check_postgres_url(url: str) -> str | None:
    """What is wrong with a PostgreSQL URL (None when it is usable), without its password."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        text = str(exc).lower()
        if "range" in text:
            reason = "the port must be from 1 to 65535"
        elif "port" in text:
            reason = "the port is not a number"
        else:
            reason = "it cannot be parsed"
        return f"{shown(url)}: {reason}"
    if parts.scheme.lower() not in POSTGRES_SCHEMES:
        return f"{shown(url)}: it must start with postgresql://"
    if not parts.hostname and "host=" not in parts.query:
        return f"{shown(url)}: it names no server (postgresql://USER:PASSWORD@HOST:PORT/DBNAME)"
    if port is not None and not 0 < port < 65536:
        return f"{shown(url)}: the port must be from 1 to 65535"
    if not parts.path.strip("/"):
        return f"{shown(url)}: it names no database (add /DBNAME after the host)"
    return None
