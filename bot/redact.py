"""Masking secrets in text: Discord tokens, and the tokens in interaction and webhook URLs.

A bot token pasted into the wrong variable must not be echoed by the error about that variable,
and discord.py's DEBUG log names every request URL, which for interaction responses carries the
interaction's token (anyone holding it can answer as the bot for 15 minutes). `mask` removes all
of these; `SecretFilter` applies it to every log record, its arguments and its traceback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

MASK = "********"
# A bot token: base64 of the user id, a timestamp part and an HMAC part, separated by dots.
_TOKEN = re.compile(r"(?<![\w-])[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{10,}(?![\w-])")
# /interactions/<id>/<token>/callback and /webhooks/<application id>/<token>[/...]
_URL_TOKEN = re.compile(r"(/(?:interactions|webhooks)/\d+/)[^/\s?#'\"]+")
# "token": "..." in a logged payload (discord.py logs gateway events at DEBUG)
_FIELD_TOKEN = re.compile(r"""(['"]token['"]\s*:\s*['"])[^'"]+""")


def mask(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with token-like values, URL tokens and the given secrets replaced by a mask."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    text = _URL_TOKEN.sub(lambda m: m.group(1) + MASK, text)
    text = _FIELD_TOKEN.sub(lambda m: m.group(1) + MASK, text)
    return _TOKEN.sub(MASK, text)


class SecretFilter(logging.Filter):
    """Masks secrets in a record's message, arguments, traceback and stack before any handler."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage(), self._secrets)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text, self._secrets)
        if record.stack_info:
            record.stack_info = mask(record.stack_info, self._secrets)
        return True


def install(secrets: Iterable[str] = (), logger: logging.Logger | None = None) -> SecretFilter:
    """Mask secrets in everything the root logger's handlers write (call after basicConfig).

    Handler filters see records from every logger (discord.*, aiohttp, ours); a filter on a logger
    would only see that logger's own records."""
    root = logger or logging.getLogger()
    secret_filter = SecretFilter(secrets)
    for handler in root.handlers:
        handler.addFilter(secret_filter)
    root.addFilter(secret_filter)
    return secret_filter
