"""mypy over the whole bot: strict on the core (see [tool.mypy] in pyproject.toml), clean.

A wrong type in the code is a failing test, listing every error with its file and line, so
`.ci/run` (exactly the README's test command) checks the types too. The cache under .mypy_cache
makes a run after a small change take a second or two; a cold run takes ~15-25 s on 2 cores, so
it starts beside the other tests as soon as they are collected (tests/type_check.py).
"""

from __future__ import annotations

import subprocess

MYPY_TIMEOUT = 600.0  # seconds: only a hang gets near it (a cold run takes ~15-25 s)


def test_mypy_finds_no_errors(mypy_process: subprocess.Popen[str]) -> None:
    out, err = mypy_process.communicate(timeout=MYPY_TIMEOUT)
    status = mypy_process.returncode
    assert status == 0, f"mypy found type errors (fix them, or explain an ignore):\n{out}{err}"
