"""The README works when pasted line by line on a fresh machine, and points at real pages."""

from __future__ import annotations

import re
from pathlib import Path


def _code_lines(text: str) -> list[str]:
    """Lines a reader pastes: indented code blocks and `inline` commands in tables and prose."""
    lines = [ln.strip() for ln in text.splitlines() if ln.startswith("    ")]
    lines += re.findall(r"`([^`]+)`", text)
    return lines


def test_every_example_runs_the_projects_venv(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    bare = [
        ln
        for ln in _code_lines(readme)
        if re.search(r"(^|\| )python3? (-m (?!venv)|benchmarks/)", ln)
    ]
    assert not bare, f"use .venv/bin/python (no venv is active on a fresh machine): {bare}"


def test_prerequisites_and_the_test_extra_are_explained(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.index("## Commands")]
    assert "Python 3.11" in head and "python3-venv" in head
    assert "requirements/test.txt" in head and "[test]" in head


def test_each_benchmark_has_a_page_with_command_machine_and_figures(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert "closing notes" not in readme
    # bench_ask_burst.py and bench_reload.py (added later) have no page yet.
    for name in ("ask", "quiz"):
        script = repo_root / "benchmarks" / f"bench_{name}.py"
        page = repo_root / "docs" / "benchmarks" / f"{name}.md"
        assert page.is_file(), f"{script.name} has no page {page.relative_to(repo_root)}"
        text = page.read_text(encoding="utf-8")
        assert f".venv/bin/python benchmarks/{script.name}" in text
        assert "nproc" in text and "Python 3." in text and "## Latest figures" in text
        assert f"docs/benchmarks/{name}.md" in readme
