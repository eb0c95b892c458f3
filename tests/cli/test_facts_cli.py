"""`python -m bot facts ...` as a user types it: errors name the problem once, usage is complete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.__main__ import main


def test_missing_seeds_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nonexistent"
    assert main(["facts", "check", "--seeds", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"error: no seeds folder at {missing}. Fix: pass --seeds with the folder of source "
        "documents (the repository's seeds/) or set BOT_SEEDS_DIR."
    ]


def test_seeds_folder_from_the_environment_is_checked_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BOT_SEEDS_DIR", str(tmp_path / "gone"))
    assert main(["facts", "check"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_unknown_option_usage_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["facts", "check", "--bogus"])
    assert exit_.value.code == 2
    assert "{check,export,try}" in capsys.readouterr().err


def test_unknown_subcommand_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "bogus"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        "unknown facts command 'bogus'. Fix: use one of check, export, try"
    )


def test_facts_alone_says_a_subcommand_is_needed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts"]) == 2
    assert "`facts` needs a sub-command: check, export, try" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["facts", "export"], ["facts", "export", "--json"]])
def test_export_writes_json_by_default(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["facts"] and data["quotes"]
    assert {"id", "answer", "source"} <= set(data["facts"][0])


def test_check_still_passes_on_the_shipped_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "check"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")
