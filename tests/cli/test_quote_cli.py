"""`python -m bot quote`: matches a page at a time, with the way to the next page."""

from __future__ import annotations

import json

import pytest

from bot.cli.quote import main
from bot.core.model import FactBase
from bot.core.quotes import QuoteIndex


@pytest.fixture(scope="module")
def index(fact_base: FactBase) -> QuoteIndex:
    return QuoteIndex(fact_base)


def test_pages_of_matches_with_the_next_page_named(
    index: QuoteIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = index.page("rene liu", 1), index.page("rene liu", 2)
    assert first.pages >= 2
    assert main(["rene", "liu"]) == 0
    shown = capsys.readouterr().out
    assert all(q.text in shown for q in first.quotes)
    assert f"Page 1 of {first.pages} ({first.total} quotes). More: --page 2" in shown
    assert main(["rene", "liu", "--page", "2"]) == 0
    shown = capsys.readouterr().out
    assert all(q.text in shown for q in second.quotes)
    assert not any(q.text in shown for q in first.quotes)


def test_a_page_past_the_last_is_said_plainly(
    index: QuoteIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = index.page("rene liu").pages
    assert main(["rene", "liu", "--page", str(pages + 1)]) == 1
    assert f"There are only {pages} pages of quotes for 'rene liu'." in capsys.readouterr().out


def test_json_says_which_page_of_how_many(
    index: QuoteIndex, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = index.page("rene liu", 2, 2)
    assert main(["--json", "--limit", "2", "--page", "2", "rene", "liu"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["page"], shown["pages"], shown["total"]) == (2, expected.pages, expected.total)
    assert [q["id"] for q in shown["quotes"]] == [q.id for q in expected.quotes]
