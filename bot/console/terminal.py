"""The console's terminal: line editing and history when a person types, plain lines from a pipe.

At a terminal, lines are read with readline (arrow keys, Up for the last lines, history kept for
the session) where Python has it. Round events (a hint, "Time's up", the next question, the end
of a round) arrive while the player is typing: `Terminal.show` clears the prompt line, prints
the event and draws the prompt again with what was typed so far, so the prompt is always the
last line and appears once. From a pipe there is no prompt at all.

Bytes that are not UTF-8 become U+FFFD (�) instead of killing the reader thread, which would
leave the console waiting forever for a line that never comes.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import TextIO

from bot.cli._loading import replace_undecodable

PROMPT = "> "
_CLEAR_LINE = "\r\x1b[K"


def _load_readline() -> ModuleType | None:
    try:
        import readline  # optional: not on every platform
    except ImportError:
        return None
    return readline


class Terminal:
    """Where the console writes; knows whether a prompt is on screen waiting for a line."""

    def __init__(self, out: TextIO, interactive: bool) -> None:
        self.out = out
        self.interactive = interactive
        self.readline = _load_readline() if interactive else None
        self._lock = threading.Lock()
        self._prompt_shown = False  # the prompt is the last thing on screen, a line is awaited

    def show(self, text: str) -> None:
        """Print lines; if the player is at the prompt, print them above it and redraw it."""
        with self._lock:
            if self._prompt_shown:
                typed = self.readline.get_line_buffer() if self.readline else ""
                self.out.write(f"{_CLEAR_LINE}{text}\n{PROMPT}{typed}")
            else:
                self.out.write(text + "\n")
            self.out.flush()

    def _prompt_on_screen(self, shown: bool) -> None:
        with self._lock:
            self._prompt_shown = shown

    def read_line(self, stream: TextIO) -> str:
        """One line with its newline, "" at end of input (called by the reader thread)."""
        if not self.interactive:
            return stream.readline()
        if self.readline is not None and stream is sys.stdin:
            # The hook runs once readline has drawn the prompt: from then on events redraw it.
            self.readline.set_pre_input_hook(lambda: self._prompt_on_screen(True))
            try:
                return input(PROMPT) + "\n"
            except EOFError:
                self.out.write("\n")
                return ""
            finally:
                self._prompt_on_screen(False)
        with self._lock:
            self.out.write(PROMPT)
            self.out.flush()
            self._prompt_shown = True
        try:
            return stream.readline()
        finally:
            self._prompt_on_screen(False)


class LineReader:
    """Lines of a text stream, read by a daemon thread so the round timers keep running and
    Ctrl-C never waits for one more line of input."""

    def __init__(self, stream: TextIO, terminal: Terminal) -> None:
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._wanted = threading.Semaphore(0)  # read a line only when one is asked for
        self._terminal = terminal
        replace_undecodable(stream)
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: TextIO) -> None:
        while True:
            self._wanted.acquire()
            try:
                line = self._terminal.read_line(stream)
            except (OSError, ValueError) as exc:
                # A closed or broken stream (or bytes a strict decoder refuses): end the input
                # cleanly rather than leave the console waiting for a line that never comes.
                self._terminal.show(f"input stopped: {exc}")
                line = ""
            self._loop.call_soon_threadsafe(self._queue.put_nowait, line)
            if not line:
                return

    async def next(self) -> str:
        """The next line with its newline, or "" at end of input."""
        self._wanted.release()
        return await self._queue.get()


@contextlib.contextmanager
def terminal_restored(stream: TextIO) -> Iterator[None]:
    """Put the terminal's modes back on the way out.

    Ctrl-C can end the console while readline holds the terminal in raw mode in the reader
    thread, which would leave the shell without echo.
    """
    try:
        import termios  # POSIX only
    except ImportError:
        yield
        return
    try:
        fd = stream.fileno()
        saved = termios.tcgetattr(fd)
    except (OSError, ValueError, termios.error):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
