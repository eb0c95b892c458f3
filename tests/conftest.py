"""Fixtures shared by every test folder."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PostgresServer, running_server
from type_check import TEST_ID, start_mypy

from bot.core.facts import load_fact_base
from bot.core.model import FactBase

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


_mypy: list[subprocess.Popen[str]] = []  # started at collection, read by tests/test_types.py


def pytest_collection_finish(session: pytest.Session) -> None:
    if any(item.nodeid == TEST_ID for item in session.items):
        _mypy.append(start_mypy(REPO_ROOT))


def pytest_sessionfinish(session: pytest.Session) -> None:
    for process in _mypy:  # never read: the session stopped before its test
        process.kill()
        process.communicate()


@pytest.fixture(scope="session")
def mypy_process() -> Iterator[subprocess.Popen[str]]:
    """The mypy run started when the tests were collected (see tests/type_check.py)."""
    process = _mypy.pop() if _mypy else start_mypy(REPO_ROOT)
    yield process
    if process.poll() is None:  # the test did not wait for it (interrupted)
        process.kill()
        process.communicate()


@pytest.fixture(scope="session")
def fact_base() -> FactBase:
    """The shipped fact base, loaded once: the same one the bot serves."""
    return load_fact_base([REPO_ROOT / "facts"], REPO_ROOT / "seeds")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for this test session (tests/pg_server.py): started on first
    use on a free 127.0.0.1 port in a temp dir, stopped and deleted at the end."""
    with running_server() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """The session server's superuser URL (database `postgres`), for processes the test starts."""
    return postgres_server.url


@pytest.fixture
def postgres_database(postgres_server: PostgresServer) -> str:
    """The URL of a fresh, empty database on the session's server (one per test)."""
    return postgres_server.new_database()
