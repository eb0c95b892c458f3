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


def test_every_benchmark_is_on_the_one_page_with_command_machine_and_figures(
    repo_root: Path,
) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert "closing notes" not in readme
    page = (repo_root / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert "nproc" in page and "Python 3." in page and "## Latest figures" in page
    assert "docs/benchmarks.md" in readme
    scripts = sorted((repo_root / "benchmarks").glob("bench_*.py"))
    assert scripts
    for script in scripts:
        command = f".venv/bin/python benchmarks/{script.name}"
        assert command in page, f"{script.name} is not on docs/benchmarks.md"
        assert command in readme, f"the README does not name {script.name}'s command"
    # one page: no second copy of the figures to fall out of date
    assert not (repo_root / "docs" / "benchmarks").exists()


def test_the_settings_table_is_the_one_settings_py_reads(repo_root: Path) -> None:
    from bot.settings import variables_markdown

    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert variables_markdown() in readme, (
        "README's settings table is stale: paste the output of `python -m bot.settings`"
    )


def test_links_to_files_point_at_files_that_exist(repo_root: Path) -> None:
    pages = [repo_root / "README.md", repo_root / "facts" / "SCHEMA.md"]
    pages += sorted((repo_root / "docs").rglob("*.md"))
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            path = target.split("#")[0]
            if path and "://" not in path and not (page.parent / path).exists():
                broken.append(f"{page.relative_to(repo_root)}: {target}")
    assert not broken, f"links to missing files: {broken}"
