"""mypy over the whole bot, in its own process, started as soon as the tests are collected.

A cold run (a fresh clone, as on CI) takes 15-25 s of one core; the other tests mostly use one
core and wait on processes and sockets, so started early, mypy is done by the time its test
(tests/test_types.py) reads the result. In its own process it also leaves nothing behind: run in
the test process, its ~1.4 million objects cost 20-30 s more to collect and tear down.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TEST_ID = "tests/test_types.py::test_mypy_finds_no_errors"


def start_mypy(repo_root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(repo_root / "pyproject.toml"),
            "--cache-dir",
            str(repo_root / ".mypy_cache"),
            "--no-error-summary",
            "--show-error-codes",
            str(repo_root / "bot"),
        ],
        cwd=repo_root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
