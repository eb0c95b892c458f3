"""The console as a person uses it: `python -m bot console` in a pseudo-terminal.

Keys go in as a terminal sends them (Up arrow is ESC [ A, Enter is CR) and the test reads what
the terminal would show. Expect timeouts are generous so a loaded machine only makes it slower.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("termios")  # POSIX terminals only
import pty  # after the skip: it needs termios

REPO_ROOT = Path(__file__).resolve().parents[2]
WAIT = 90.0  # seconds an expected line may take on a busy machine
PROMPT = "> "
UP = "\x1b[A"


class Terminal:
    """A console process on the end of a pseudo-terminal."""

    def __init__(self, database: Path) -> None:
        self._master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "console", "--fast", "20", "--name", "Pat"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=REPO_ROOT,
            env={**os.environ, "TERM": "xterm", "BOT_DATABASE": str(database)},
            start_new_session=True,
        )
        os.close(slave)
        self.shown = ""  # everything the terminal has shown so far
        self._seen = 0  # where the next expect starts looking

    def type(self, keys: str) -> None:
        os.write(self._master, keys.encode("utf-8"))

    def expect(self, text: str) -> str:
        """Wait until ``text`` appears after the last match; returns what came before it."""
        deadline = time.monotonic() + WAIT
        while (found := self.shown.find(text, self._seen)) < 0:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} never appeared; the terminal shows:\n{self.shown}"
            ready, _, _ = select.select([self._master], [], [], min(left, 1.0))
            if ready:
                try:
                    chunk = os.read(self._master, 4096)
                except OSError:  # the console has gone
                    chunk = b""
                assert chunk or self.process.poll() is None, self.shown
                self.shown += chunk.decode("utf-8", "replace")
        before = self.shown[self._seen : found]
        self._seen = found + len(text)
        return before

    def close(self) -> None:
        if self.process.poll() is None:
            self.type("quit\r")
            try:
                self.process.wait(WAIT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.close(self._master)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path / "pty.sqlite3")
    try:
        term.expect("`help` for commands")
        term.expect(PROMPT)
        yield term
    finally:
        term.close()


def test_up_arrow_recalls_the_last_line_and_a_bare_question_is_asked(terminal: Terminal) -> None:
    terminal.type("who directed us and them\r")
    terminal.expect("Rene Liu")
    terminal.expect(PROMPT)
    terminal.type(UP)
    terminal.expect("who directed us and them")  # the line is back, ready to edit
    terminal.type("?\r")
    terminal.expect("Rene Liu")
    terminal.expect(PROMPT)
    assert "unknown command" not in terminal.shown
    assert "[A" not in terminal.shown  # the arrow key was not taken as text


def test_the_prompt_comes_back_once_after_each_round_event(terminal: Terminal) -> None:
    terminal.type("quiz 1 seconds=5 seed=3\r")
    terminal.expect("Question 1/1")
    # Nobody answers: the half-time hint, "Time's up" and the end of the round arrive while
    # the player sits at the prompt; after each the prompt is drawn again, as the last line.
    terminal.expect("Half time! Hint 1")
    after_hint = terminal.expect("Time's up!")
    after_reveal = terminal.expect("Round over after 1 of 1 questions.")
    terminal.type("stats\r")
    after_summary = terminal.expect("stats")
    terminal.expect("Pat has not played yet")
    for block in (after_hint, after_reveal):
        assert re.search(r"\n> \r\x1b\[K\r?\n?$", block), repr(block)  # prompt, then cleared
    assert after_summary.endswith("\n" + PROMPT), repr(after_summary)
    assert after_summary.count(PROMPT) == 1, repr(after_summary)
