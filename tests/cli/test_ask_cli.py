"""`python -m bot ask`, `quote` and `eval` as a user runs them (main(argv) in process)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from bot.cli import ask, evaluate, quote

ASK_FIELDS = {
    "matched",
    "answer",
    "fact_id",
    "score",
    "source",
    "suggestions",
    "answering",
    "decision",
    "read",
}


def test_ask_prints_answer_and_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert ask.main(["who", "directed", "it"]) == 0
    out = capsys.readouterr().out
    assert "Rene Liu" in out and "Source:" in out


def test_ask_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert ask.main(["--json", "who directed us and them"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == ASK_FIELDS
    assert data["matched"] is True and data["fact_id"] == "director"
    assert set(data["source"]) == {"document", "quote"}
    assert data["answer"].startswith("Answering: Who directed Us and Them?\n")
    assert data["answering"] == "Who directed Us and Them?"
    decision = data["decision"]
    assert decision["answer"] is True and 0.5 < decision["confidence"] <= 1
    assert decision["features"]["top"] == 1.0 and "margin" in decision["features"]


def test_ask_json_refusal(capsys: pytest.CaptureFixture[str]) -> None:
    assert ask.main(["--json", "who directed titanic"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["matched"] is False
    assert data["answer"] == "" and data["fact_id"] is None and data["source"] is None
    assert data["answering"] is None
    assert data["decision"]["answer"] is False and data["decision"]["features"]["unknown"] > 0
    assert isinstance(data["suggestions"], list) and len(data["suggestions"]) <= 3


def test_ask_json_says_how_a_chat_message_was_read(capsys: pytest.CaptureFixture[str]) -> None:
    message = "just got home from the cinema. hey all, who shot it?? the snowy scenes were unreal"
    assert ask.main(["--json", message]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fact_id"] == "cinematographer"
    # the question the ranking went by, chat dropped; what told, kept as context; the asker aside
    assert data["read"] == {
        "question": "who shot it",
        "context": ["the snowy scenes were unreal"],
        "questions": [],
        "aside": ["got home from the cinema"],
    }
    assert ask.main(["--json", "   "]) == 1  # an unusable input was not read at all
    assert json.loads(capsys.readouterr().out)["read"] is None


def test_ask_json_lines_from_stdin_keep_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = ["who directed it", "", "where was it filmed", "x" * 10_000, "who directed titanic"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert ask.main(["--json", "-"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(out) == len(lines)
    assert [o["matched"] for o in out] == [True, False, True, False, False]
    assert out[0]["fact_id"] == "director" and out[2]["fact_id"] == "shooting-location"


def test_ask_reports_a_broken_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("facts: [\n", encoding="utf-8")
    assert ask.main(["--pack", str(broken), "who directed it"]) == 2
    assert "broken.yaml" in capsys.readouterr().err


def test_quote_search_and_random(capsys: pytest.CaptureFixture[str]) -> None:
    assert quote.main(["happiness"]) == 0
    assert "happiness" in capsys.readouterr().out.lower()
    assert quote.main(["--json", "--seed", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["matched"] and len(data["quotes"]) == 1
    assert {"id", "text", "speaker", "context", "kind", "source"} <= set(data["quotes"][0])
    assert quote.main(["--json", "zzzqqq"]) == 1
    nothing = json.loads(capsys.readouterr().out)
    assert (nothing["matched"], nothing["quotes"], nothing["total"]) == (False, [], 0)


def test_eval_prints_bot_and_both_baselines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = tmp_path / "dev.yaml"
    dev.write_text(
        "answerable:\n  - {q: who directed it, ids: [director]}\n"
        "  - {q: where was it filmed, ids: [shooting-location]}\n"
        "refuse:\n  - who directed titanic\n",
        encoding="utf-8",
    )
    assert evaluate.main([str(dev)]) == 0
    out = capsys.readouterr().out
    for name in ("bot", "wratio", "bm25"):
        assert name in out
    assert "2 answerable, 1 to refuse" in out


def test_eval_reports_wrong_answers_apart_from_refusals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong answer is counted as wrong (of all questions), not as a refusal; a refused
    answerable question whose right fact was suggested counts in the top-3 column."""
    dev = tmp_path / "dev.yaml"
    dev.write_text(
        "answerable:\n"
        "  - {q: who directed it, ids: [producer], style: terse}\n"  # answered: wrong fact
        "  - {q: who directed titanic, ids: [director], style: chat}\n"  # refused, suggested
        "  - {q: where was it filmed, ids: [shooting-location], style: chat}\n"
        "refuse:\n  - what is the capital of france\n",
        encoding="utf-8",
    )
    assert evaluate.main([str(dev), "--misses"]) == 0
    out = capsys.readouterr().out
    bot_row = next(line for line in out.splitlines() if line.startswith("bot "))
    # 1 right of 3; 1 wrong of 4 questions; 1 of 1 refused; the refused one was suggested
    assert bot_row.split()[1:5] == ["33.3%", "25.0%", "100.0%", "100.0%"]
    assert "(1/1)" in bot_row
    assert "wrong   'who directed it': got director" in out
    assert "refused 'who directed titanic'" in out and "a right fact suggested" in out
    per_style = out.split("bot per style:")[1]
    assert "terse" in per_style and "chat" in per_style and "paraphrase" not in per_style


def test_eval_rejects_an_unknown_style(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dev = tmp_path / "dev.yaml"
    dev.write_text(
        "answerable:\n  - {q: who directed it, ids: [director], style: slang}\n", encoding="utf-8"
    )
    assert evaluate.main([str(dev)]) == 2
    err = capsys.readouterr().err
    assert "answerable entry 1" in err and "'slang'" in err and "terse, chat, paraphrase" in err


def test_eval_without_bm25_runs_and_says_so_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the test extra (no rank_bm25) eval still measures the bot and WRatio."""
    monkeypatch.setitem(sys.modules, "rank_bm25", None)  # import fails as if not installed
    dev = tmp_path / "dev.yaml"
    dev.write_text(
        "answerable:\n  - {q: who directed it, ids: [director]}\nrefuse:\n  - who is bob\n",
        encoding="utf-8",
    )
    assert evaluate.main([str(dev)]) == 0
    captured = capsys.readouterr()
    assert "bm25" not in captured.out and "wratio" in captured.out
    assert captured.err.count("\n") == 1
    assert "BM25 baseline skipped" in captured.err and "rank-bm25" in captured.err


def test_eval_explains_a_bad_dev_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dev = tmp_path / "dev.yaml"
    dev.write_text("answerable:\n  - {q: who directed it}\n", encoding="utf-8")
    assert evaluate.main([str(dev)]) == 2
    assert "answerable entry 1" in capsys.readouterr().err


def test_output_cut_short_by_the_reader_is_not_a_traceback(repo_root: Path) -> None:
    """`python -m bot facts export | head -c 1`: the reader leaves, the command ends quietly.

    The export (hundreds of kB) is far more than a pipe holds, so the command is still writing
    when the reader leaves, however its output is buffered: exit 1 shows the write failed."""
    import subprocess

    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "facts", "export"],
        cwd=repo_root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(1)
    proc.stdout.close()  # like `head -c 1`
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr


def test_ask_json_reports_a_second_question_as_a_question(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert ask.main(["--json", "where was it shot and in what year"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fact_id"] == "shooting-location"
    # the second question is named in the reply for the user to ask: no context of the first
    assert data["read"]["question"] == "where was it shot"
    assert data["read"]["questions"] == ["in what year"]
    assert data["read"]["context"] == []


def test_ask_json_says_what_the_best_fact_lacks(capsys: pytest.CaptureFixture[str]) -> None:
    # the fact of their first meeting gives the time of year, not the year: refused, and why
    assert ask.main(["--json", "what year do jianqing and xiaoxiao meet"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["matched"] is False
    assert data["decision"]["not_given"] == "a year"
    assert "When do Lin Jianqing and Fang Xiaoxiao first meet?" in data["suggestions"]
