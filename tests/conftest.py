"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.facts import load_fact_base
from bot.core.model import FactBase

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def fact_base() -> FactBase:
    """The shipped fact base, loaded once: the same one the bot serves."""
    return load_fact_base([REPO_ROOT / "facts"], REPO_ROOT / "seeds")
