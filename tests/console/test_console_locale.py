"""`python -m bot console --locale zh-CN|zh-TW`: the console's own lines in Chinese; facts and
quotes as the documents say them; the film's Chinese title understood in questions."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_console import run_console

from bot.console.app import main


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "console.sqlite3"


def test_traditional_chinese_console(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["help", "who directed 後來的我們", "who directed titanic", "quiz 1 choice", "stop"]
    out = run_console(lines, database, monkeypatch, "--locale", "zh-TW")
    assert "指令（輸入時不帶引號；指令詞保持英文）：" in out
    assert "回答的是：Who directed Us and Them?" in out
    assert "Us and Them was directed by the Taiwanese singer-actress Rene Liu." in out
    assert "來源：Us and Them (film), encyclopedia article" in out
    assert "這個我不知道：我讀過的關於《Us and Them》的資料裡沒有提到" in out
    assert "不如直說。你是想問下面這些嗎？\n  • Who directed Us and Them?" in out  # no space
    assert "第 1/1 題 · " in out and "（只有一次機會）。或者：hint, skip, stop" in out
    assert "本輪已停止，共 1 題，已出 1 題。" in out
    assert "Question 1/1" not in out and "I don't know" not in out


def test_simplified_chinese_console_scores(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_console(
        ["stats", "leaderboard", "history"], database, monkeypatch, "--locale", "zh-CN"
    )
    assert "Ann 还没玩过。开始吧：quiz" in out
    assert "排行榜（此控制台，按积分），第 1/1 页：" in out
    assert "还没玩过任何一轮。开始吧：quiz" in out


def test_an_unknown_locale_is_refused_with_the_choices(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--db", str(database), "--locale", "fr"])
    assert "zh-CN" in capsys.readouterr().err
