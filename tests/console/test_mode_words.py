"""One word for the multiple-choice mode: `choice` in the console as on Discord; `buttons`, the
word Discord used before, is still understood (muscle memory, old notes)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from bot.console.app import main


def _console(lines: list[str], database: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["--db", str(database), "--fast", "100", "--name", "Ann"]) == 0
    return out.getvalue()


def test_buttons_is_understood_as_choice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _console(
        ["settings mode=buttons", "quiz 1 buttons seed=1", "stop"],
        tmp_path / "console.sqlite3",
        monkeypatch,
    )
    assert "New rounds: 10 questions, 20 s each, choice mode, hints on." in out
    assert "A) " in out and "unknown option" not in out
