"""Every install (README, CI, Docker) uses the same hashed pins, and they cover pyproject.toml.

A dependency added to pyproject.toml without re-running `bash requirements/lock` would install
whatever version pip finds that day; these tests say which one is missing and how to fix it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

# `name==version \` followed by one or more `--hash=sha256:...` lines (pip-compile's format).
PIN = re.compile(
    r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)\s*\\\n"
    r"((?:\s+--hash=sha256:[0-9a-f]{64}[ \\]*\n?)+)",
    re.M,
)
FIX = "Fix: run `bash requirements/lock` and commit requirements/*.txt with pyproject.toml."


def _pins(path: Path) -> dict[str, Version]:
    text = path.read_text(encoding="utf-8")
    return {canonicalize_name(m[1]): Version(m[2]) for m in PIN.finditer(text)}


def _declared(repo_root: Path) -> dict[str, list[Requirement]]:
    project = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    run = [Requirement(r) for r in project["dependencies"] + extras["build"]]
    return {"run.txt": run, "test.txt": run + [Requirement(r) for r in extras["test"]]}


@pytest.mark.parametrize("lock", ["run.txt", "test.txt"])
def test_every_declared_dependency_is_pinned_with_hashes(repo_root: Path, lock: str) -> None:
    pins = _pins(repo_root / "requirements" / lock)
    problems = []
    for requirement in _declared(repo_root)[lock]:
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            problems.append(f"{requirement.name} is not pinned (==, with hashes) in {lock}")
        elif not requirement.specifier.contains(pinned, prereleases=True):
            problems.append(f"{requirement.name}=={pinned} in {lock} is outside '{requirement}'")
    assert not problems, "\n".join([*problems, FIX])


@pytest.mark.parametrize("lock", ["run.txt", "test.txt"])
def test_every_line_of_the_lock_is_an_exact_hashed_pin(repo_root: Path, lock: str) -> None:
    text = (repo_root / "requirements" / lock).read_text(encoding="utf-8")
    names = [line.split("==")[0] for line in text.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert names and len(names) == len(_pins(repo_root / "requirements" / lock)), FIX


def test_the_docker_image_installs_the_same_pins_on_a_fixed_base(repo_root: Path) -> None:
    dockerfile = (repo_root / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install --no-cache-dir --require-hashes -r requirements/run.txt" in dockerfile
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", dockerfile, re.M)
    assert base and re.fullmatch(r"python:3\.11\.\d+-slim-bookworm(@sha256:[0-9a-f]{64})?", base[1])
    assert re.findall(r"^FROM (\S+)", dockerfile, re.M) == ["${PYTHON_IMAGE}"] * 2
    # No other `pip install` that could resolve a version of its own.
    for line in re.findall(r"pip install[^\n]*", dockerfile):
        assert "--require-hashes" in line or "--no-deps" in line, line


def test_the_conventional_requirements_txt_is_the_runtime_pins(repo_root: Path) -> None:
    # `pip install -r requirements.txt` is what most people try first: it must be the hashed
    # runtime pins, never a second list that drifts from the lock.
    conventional = repo_root / "requirements.txt"
    assert conventional.resolve() == (repo_root / "requirements" / "run.txt").resolve(), FIX
