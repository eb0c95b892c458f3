"""mypy over the whole bot: strict on the core (see [tool.mypy] in pyproject.toml), clean.

A wrong type in the code is a failing test, listing every error with its file and line, so
`.ci/run` (exactly the README's test command) checks the types too. The cache under .mypy_cache
makes a run after a small change take a second or two; a cold run takes ~15-25 s on 2 cores.
"""

from __future__ import annotations

from pathlib import Path

from mypy import api as mypy_api


def test_mypy_finds_no_errors(repo_root: Path) -> None:
    out, err, status = mypy_api.run(
        [
            "--config-file",
            str(repo_root / "pyproject.toml"),
            "--cache-dir",
            str(repo_root / ".mypy_cache"),
            "--no-error-summary",
            "--show-error-codes",
            str(repo_root / "bot"),
        ]
    )
    assert status == 0, f"mypy found type errors (fix them, or explain an ignore):\n{out}{err}"
