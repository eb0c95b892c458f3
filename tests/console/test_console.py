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
from bot.core.model import Fact, FactBase
from bot.core.quotes import QuoteIndex

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
    out = run_console(["help", "hlep"], database, monkeypatch)
    for command in ("ask", "quote", "quiz", "hint", "skip", "stop", "leaderboard", "stats"):
        assert command in out
    assert "unknown command 'hlep'. Did you mean `help`?" in out


def test_a_question_typed_without_ask_is_asked(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_console(["who directed us and them", "Who directed Titanic?"], database, monkeypatch)
    assert "unknown command" not in out
    assert "Rene Liu" in out.split("I don't know")[0]
    assert "I don't know" in out and "(Type `help` for the commands.)" in out


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
    assert "Not quite; try again!" in out
    assert re.search(r"Correct, Ann! \+\d+ points", out)
    assert f"The answer: {fact.answer}" in out
    assert fact.source.quote[:40] in out
    assert "Round over after 1 of 1 questions." in out
    assert "1. Ann:" in out and "winner" in out
    assert re.search(r"Ann: rank 1 of 1\n\s+\d+ points, 1 right of 1 tried", out)
    assert re.search(r"1\. Ann: \d+ points · 1 wins", out)


def _right_option(
    database: Path, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> tuple[Fact, str]:
    """The fact asked in the seed=4 choice round and the letter of its right option."""
    first = run_console(["quiz 1 choice seed=4", "stop"], database, monkeypatch)
    fact = fact_base.by_id[asked_fact(first, fact_base)]
    letter = re.search(rf"^  ([A-D])\) {re.escape(fact.answer)}$", first, re.MULTILINE)
    assert letter, first
    return fact, letter.group(1)


def test_multiple_choice_round_by_letter(
    database: Path, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> None:
    fact, right = _right_option(database, monkeypatch, fact_base)
    wrong = "A" if right != "A" else "B"
    out = run_console(["quiz 1 choice seed=4", wrong, right], database, monkeypatch, "--name", "Bo")
    assert "Not that one. Watch for the reveal!" in out
    assert "You already answered this question; one answer each." in out
    assert "Correct" not in out
    assert f"{right}) {fact.answer}" in out.split("The answer:")[-1]


def test_an_options_number_counts_like_its_letter(
    database: Path, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> None:
    """Read by the core, as an answer typed in a Discord channel is: "2" is option B."""
    _, right = _right_option(database, monkeypatch, fact_base)
    number = "ABCD".index(right) + 1
    out = run_console(
        ["quiz 1 choice seed=4", "9", str(number)], database, monkeypatch, "--name", "Bo"
    )
    assert "That is not an option of this question." in out  # no option 9: no try used up
    assert "Correct, Bo!" in out


def test_hint_skip_and_stop(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_console(
        ["quiz 3 seed=2", "hint", "hint", "hint", "skip", "stop", "stop"],
        database,
        monkeypatch,
    )
    assert re.search(r"Hint 1: .*_", out) and "Hint 2:" in out
    assert "no more hints for this question" in out
    assert "Skipped. The answer:" in out
    assert "Round stopped after 2 of 3 questions." in out
    assert "no round is running" in out


def test_timers_run_out_when_waiting(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_console(["quiz 1 seed=3", "wait"], database, monkeypatch)
    assert "Half time! Hint 1:" in out
    assert "Time's up! The answer:" in out
    assert "Round over after 1 of 1 questions." in out


def test_end_of_input_stops_the_round_with_a_summary(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_console(["quiz 5 seed=1"], database, monkeypatch)
    assert "Question 1/5" in out
    assert "Round stopped: the bot is shutting down after 1 of 5 questions." in out


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
    assert "Skipped. The answer:" in done.stdout
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
    assert "not changed: seconds must be a number of seconds from 5 to 120 (got 2)" in out
    assert "Question 1/2" in out and "A) " in out  # the new defaults apply
    assert re.search(r"choice · 1/2 asked · stopped", out)
    assert "Type: reset yes" in out
    assert "No rounds played yet." in out.split("Scores reset")[-1]


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("settings seconds=1", "not changed: seconds must be a number of seconds from 5 to 120"),
        ("settings time=500", "not changed: time must be a number of seconds from 5 to 120"),
        ("settings length=0", "not changed: length must be a whole number from 1 to 50 (got 0)"),
        ("settings questions=2.5", "not changed: questions must be a whole number from 1 to 50"),
        ("settings hints=maybe", "not changed: hints must be on or off (got 'maybe')"),
    ],
)
def test_settings_are_refused_in_the_words_the_player_used(
    database: Path, monkeypatch: pytest.MonkeyPatch, command: str, message: str
) -> None:
    out = run_console([command, "settings"], database, monkeypatch)
    assert message in out
    assert "question_seconds" not in out and "round_length" not in out
    assert "New rounds: 10 questions, 20 s each" in out  # nothing changed


@pytest.mark.parametrize("category", ["category=box office", 'category="box office"'])
def test_an_option_value_may_have_spaces(
    database: Path, monkeypatch: pytest.MonkeyPatch, category: str
) -> None:
    out = run_console([f"quiz 1 {category} seed=1", "stop"], database, monkeypatch)
    assert "unknown option" not in out
    assert "Question 1/1 · box office ·" in out


def test_a_leaderboard_page_past_the_last_is_said_plainly(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_console(["leaderboard accuracy 2", "leaderboard 0"], database, monkeypatch)
    assert "There is only 1 page of the leaderboard by accuracy (you asked for page 2)." in out
    assert "Pages start at 1." in out
    assert "page 1/1" not in out


def test_after_a_round_nobody_scored_in_the_board_does_not_say_nobody_played(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_console(["quiz 1 seed=3", "wait", "leaderboard"], database, monkeypatch)
    assert "Time's up!" in out
    assert "nobody has played yet" not in out
    assert "nobody has scored yet" in out


def test_a_stopped_round_is_not_a_win(
    database: Path, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> None:
    first = run_console(["quiz 2 seed=11", "stop"], database, monkeypatch)
    fact = fact_base.by_id[asked_fact(first, fact_base)]
    out = run_console(["quiz 2 seed=11", fact.answer, "stop", "stats"], database, monkeypatch)
    assert re.search(r"Correct, Ann! \+\d+ points", out)
    assert "Round stopped after" in out and "winner" not in out
    assert "rounds: 1 played, 0 won" in out


def test_a_hints_off_round_does_not_offer_hints(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_console(["quiz 1 nohints seed=2", "help", "hint", "wait"], database, monkeypatch)
    assert "Type your answer. Or: skip, stop" in out
    assert "In this round: Type your answer. Or: skip, stop" in out
    assert "hints are off in this round" in out
    assert "Hint 1" not in out and "hint, skip" not in out


def test_no_half_time_hint_after_the_one_try_in_choice_mode(
    database: Path, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> None:
    first = run_console(["quiz 1 choice seed=4", "stop"], database, monkeypatch)
    fact = fact_base.by_id[asked_fact(first, fact_base)]
    right = re.search(rf"^  ([A-D])\) {re.escape(fact.answer)}$", first, re.MULTILINE)
    assert right, first
    wrong = "A" if right.group(1) != "A" else "B"
    assert "Choose A, B, C or D (one try). Or: hint, skip, stop" in first
    out = run_console(["quiz 1 choice seed=4", wrong, "wait"], database, monkeypatch)
    assert "Not that one. Watch for the reveal!" in out
    assert "Time's up! The answer:" in out
    assert "Half time!" not in out


def test_quotes_come_several_at_a_time_with_more_pages(
    database: Path, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> None:
    index = QuoteIndex(fact_base)
    first, second = index.page("rene liu", 1), index.page("rene liu", 2)
    assert first.pages >= 2  # the shipped pack has more than a page of her lines
    out = run_console(
        ["quote rene liu", "more", "quote rene liu 2", f"quote rene liu {first.pages + 1}"],
        database,
        monkeypatch,
    )

    shown_first = out.split("Page 1 of")[0]
    assert all(q.text in shown_first for q in first.quotes)
    assert not any(q.text in shown_first for q in second.quotes)
    after_more = out.split("Page 1 of")[1].split("Page 2 of")[0]
    assert all(q.text in after_more for q in second.quotes)
    assert f"Page 1 of {first.pages} ({first.total} quotes). More: `more`" in out
    assert out.count(f"Page 2 of {first.pages}") == 2  # `more` and `quote rene liu 2` agree
    assert f"There are only {first.pages} pages of quotes for 'rene liu'." in out


def test_fast_factor_must_be_a_positive_finite_number(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for bad in ("nan", "inf", "-1", "0"):
        with pytest.raises(SystemExit) as exited:
            main(["--db", str(database), "--fast", bad])
        assert exited.value.code == 2
        assert f"must be a positive number, e.g. 10 for timers ten times faster (got {bad!r})" in (
            capsys.readouterr().err
        )


def test_bytes_that_are_not_utf8_do_not_stop_the_console(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--name", "Di"],
        input=b"ask who \xff\nask who directed us and them\nquote rene \xfe liu\n",
        capture_output=True,
        cwd=REPO_ROOT,
        env={
            **os.environ,
            "BOT_DATABASE": str(tmp_path / "bytes.sqlite3"),
            "PYTHONIOENCODING": "utf-8:strict",
        },
        timeout=120,
    )
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr
    assert "Rene Liu" in out  # the line after the bad one is answered
    assert "Source:" in out  # and so is the quote with a bad byte in it
    assert b"Traceback" not in done.stderr


def test_no_spoilers_while_a_question_is_open(
    database: Path, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> None:
    """`ask` about the open question is held back, then answered after the reveal; a quote
    naming its answer is not shown."""
    first = run_console(["quiz 1 seed=11", "stop"], database, monkeypatch)
    fact = fact_base.by_id[asked_fact(first, fact_base)]
    out = run_console(
        ["quiz 1 seed=11", f"ask {fact.questions[0]}", f"quote {fact.answer}", "wait"],
        database,
        monkeypatch,
    )
    held = out.index("No spoilers: that would give away the answer")
    revealed = out.index("The answer:")
    assert held < revealed
    assert "Answering:" not in out[:revealed]  # nothing of the reply before the reveal
    assert fact.text in out[revealed:]  # the held answer, once the question is closed
    assert "No spoilers: that quote" in out or "no quote matches" in out


def test_ask_about_something_else_during_a_round_still_answers(
    database: Path, monkeypatch: pytest.MonkeyPatch, fact_base: FactBase
) -> None:
    first = run_console(["quiz 1 seed=11", "stop"], database, monkeypatch)
    fact = fact_base.by_id[asked_fact(first, fact_base)]
    other = "where was it filmed" if fact.id != "shooting-location" else "who produced it"
    out = run_console(["quiz 1 seed=11", f"ask {other}", "stop"], database, monkeypatch)
    assert "No spoilers" not in out
    assert out.index("Answering:") < out.index("The answer:")
