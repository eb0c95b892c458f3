"""`LOG_FORMAT=json`: one JSON object per line, with the shard, guild, channel and round ids
that `bot.core.log_context` bound for the task that logged (or passed with ``extra=``)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from bot.core import log_context


class JsonFormatter(logging.Formatter):
    def __init__(self, cluster: int | None = None) -> None:
        super().__init__()
        self._cluster = cluster  # the process's cluster index, on every line when clustered

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if self._cluster is not None:
            line["cluster"] = self._cluster
        context = log_context.current()
        for key in log_context.KEYS:
            value = getattr(record, key, None)
            if value is None:
                value = context.get(key)
            if value is not None:
                line[key] = value
        # The token filter leaves a masked traceback in exc_text: use it, never re-format.
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = record.stack_info
        return json.dumps(line, ensure_ascii=False)


def use_json(root: logging.Logger | None = None, cluster: int | None = None) -> None:
    """Switch every handler of the root logger to JSON lines (call after basicConfig)."""
    for handler in (root or logging.getLogger()).handlers:
        handler.setFormatter(JsonFormatter(cluster))
