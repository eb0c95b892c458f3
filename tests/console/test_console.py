"""`python -m bot console`: the whole game from piped input, with fast timers."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console.app import main
from bot.core.model import FactBase

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_console(
    lines: list[str], database: Path, monkeypatch: pytest.MonkeyPatch, *args: str
) -> str:
    """Run the console in-process on piped lines; returns everything it printed."""
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    monkeypatch.setattr(sys, "stdout", out)
    code = main(["--db", str(database), "--fast", "100", "--name", "Ann", *args])
    assert code == 0
    return out.getvalue()


def asked_fact(output: str, fact_base: FactBase) -> str:
    """The id of the fact whose prompt the console showed last."""
    prompts = {f.quiz.prompt: f.id for f in fact_base.quiz_facts if f.quiz}
    shown = [line.strip() for line in output.splitlines() if line.strip() in prompts]
    assert shown, output
    return prompts[shown[-1]]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "console.sqlite3"


def test_help_and_unknown_commands(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_console(["help", "dance"], database, monkeypatch)
    for command in ("ask", "quote", "quiz", "hint", "skip", "stop", "leaderboard", "stats"):
        assert command in out
    assert "unknown command 'dance'" in out


def test_ask_and_quote(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_console(
        [
            "ask who directed us and them",
            "ask who directed titanic",
            "quote",
            "quote happy from beginning to end",
            "quote qqqqzzzz",
        ],
        database,
        monkeypatch,
    )
    assert "Rene Liu" in out
    assert "“" in out and "\n— " in out  # a quote with its speaker
    assert "story that is happy from beginning to end?”\n— Fang Xiaoxiao" in out
    assert "no quote matches 'qqqqzzzz'" in out


def test_an_unknown_question_is_refused_with_questions_to_try(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_console(["ask who directed titanic"], database, monkeypatch)
    assert "I don't know" in out
    assert "was directed by" not in out  # no guess with a fact about another film
    tries = [line for line in out.splitlines() if line.startswith("  • ")]
    assert 1 <= len(tries) <= 3, out


def test_a_typed_round_scores_and_shows_in_stats_and_leaderboard(
    database: Path, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> None:
    # The same seed asks the same question: look at it once, then answer it.
    first = run_console(["quiz 1 seed=11", "stop"], database, monkeypatch)
    fact = fact_base.by_id[asked_fact(first, fact_base)]
    out = run_console(
        ["quiz 1 seed=11", "surely not this", fact.answer, "stats", "leaderboard"],
        database,
        monkeypatch,
    )
    assert "Not quite." in out
    assert re.search(r"Correct, Ann! \+\d+ points", out)
    assert f"The answer: {fact.answer}" in out
    assert fact.source.quote[:40] in out
    assert "Round over after 1 of 1 questions." in out
    assert "1. Ann:" in out and "winner" in out
    assert re.search(r"Ann: rank 1 of 1\n\s+\d+ points, 1 right of 1 tried", out)
    assert re.search(r"1\. Ann: \d+ points · 1 wins", out)


def test_multiple_choice_round_by_letter(
    database: Path, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> None:
    first = run_console(["quiz 1 choice seed=4", "stop"], database, monkeypatch)
    fact = fact_base.by_id[asked_fact(first, fact_base)]
    letter = re.search(rf"^  ([A-D])\) {re.escape(fact.answer)}$", first, re.MULTILINE)
    assert letter, first
    wrong = "A" if letter.group(1) != "A" else "B"
    out = run_console(
        ["quiz 1 choice seed=4", wrong, letter.group(1)], database, monkeypatch, "--name", "Bo"
    )
    assert "Wrong, sorry: one try per question." in out
    assert "You already chose for this question." in out
    assert "Correct" not in out
    assert f"{letter.group(1)}) {fact.answer}" in out.split("The answer was")[-1]


def test_hint_skip_and_stop(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_console(
        ["quiz 3 seed=2", "hint", "hint", "hint", "skip", "stop", "stop"],
        database,
        monkeypatch,
    )
    assert re.search(r"Hint 1: .*_", out) and "Hint 2:" in out
    assert "no more hints for this question" in out
    assert "Skipped. The answer was:" in out
    assert "Round stopped after 2 of 3 questions." in out
    assert "no round is running" in out


def test_timers_run_out_when_waiting(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_console(["quiz 1 seed=3", "wait"], database, monkeypatch)
    assert "Half time! Hint 1:" in out
    assert "Time's up! The answer was:" in out
    assert "Round over after 1 of 1 questions." in out


def test_end_of_input_stops_the_round_with_a_summary(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_console(["quiz 5 seed=1"], database, monkeypatch)
    assert "Question 1/5" in out
    assert "Round stopped: the console is closing after 1 of 5 questions." in out


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("quiz 0", "cannot start: questions must be from 1 to 50"),
        ("quiz category=cooking", "cannot start: no typed questions in category 'cooking'"),
        ("quiz fast", "cannot start: unknown option 'fast'"),
        ("quiz seconds=lots", "cannot start: seconds must be a number"),
        ("leaderboard sideways", "usage: leaderboard"),
        ("hint", "no question is open"),
        ("answer Rene Liu", "no question is open"),
    ],
)
def test_bad_input_gets_a_clear_message(
    database: Path, monkeypatch: pytest.MonkeyPatch, command: str, message: str
) -> None:
    assert message in run_console([command], database, monkeypatch)


def test_piped_process_end_to_end_uses_bot_database(tmp_path: Path) -> None:
    database = tmp_path / "from-env.sqlite3"
    script = "ask who directed it\nquiz 2 seed=5\nhint\nmy wild guess\nskip\nstats\nquit\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--fast", "100", "--name", "Cy"],
        input=script,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "BOT_DATABASE": str(database)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Rene Liu" in done.stdout
    assert "Question 1/2" in done.stdout and "Question 2/2" in done.stdout
    assert "Skipped. The answer was:" in done.stdout
    assert "Cy: rank 1 of 1" in done.stdout
    assert "Traceback" not in done.stderr
    assert database.exists()


def test_settings_history_and_reset(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_console(
        [
            "settings seconds=30 length=2 mode=choice hints=off",
            "settings seconds=2",
            "quiz seed=1",
            "stop",
            "history",
            "reset",
            "reset yes",
            "history",
        ],
        database,
        monkeypatch,
    )
    assert "New rounds: 2 questions, 30 s each, choice mode, hints off." in out
    assert "not changed: question_seconds must be a number of seconds from 5 to 120 (got 2)" in out
    assert "Question 1/2" in out and "A) " in out  # the new defaults apply
    assert re.search(r"choice · 1/2 asked · stopped", out)
    assert "Type: reset yes" in out
    assert "No rounds played yet." in out.split("Scores reset")[-1]
