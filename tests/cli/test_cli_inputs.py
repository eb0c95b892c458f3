"""Hostile input at the command line: bad bytes, blank lines, line separators, absurd paths.

Each command runs as a user runs it (`python -m bot ...` in a subprocess), so a traceback or a
hang would show; every path mistake is one line on stderr with exit status 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
LONG = "a" * 300  # longer than any file name the OS allows (255 bytes)
PACK = """\
documents:
  doc: {file: 001_bcec255b40af6893.txt, title: The article, kind: encyclopedia}
facts:
  - id: director
    category: production
    questions: [who directed us and them]
    answer: Rene Liu
    kind: person
    text: Us and Them was directed by Rene Liu.
    source:
      document: doc
      quote: directed by Taiwanese singer-actress Rene Liu in her directorial debut
"""


def bot(
    *args: str, stdin: bytes = b"", cwd: Path = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DISCORD_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env={**base, "BOT_SEEDS_DIR": str(SEEDS), **(env or {})},
        timeout=60,
    )


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def test_facts_try_json_stdin_answers_every_line_in_ascii(pack: Path) -> None:
    lines = [
        b'{"fact": "director", "answer": "Rene Liu"}',
        b"",  # blank: must get its own error line, not vanish
        b'{"fact": "director", "answer": "\xff Liu"}',  # not UTF-8
        '{"fact": "director", "answer": "Rene\u2028Liu"}'.encode(),  # a line separator inside
        b'{"fact": "director", "answer": "Zhang Yibai"}',
    ]
    done = bot("facts", "try", "--pack", str(pack), "--json", "-", stdin=b"\n".join(lines) + b"\n")
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    out = done.stdout.split(b"\n")
    assert out[-1] == b"" and len(out) - 1 == len(lines), done.stdout
    assert all(b < 0x80 for b in done.stdout), "JSON output is ASCII: no raw 0xff, no raw U+2028"
    assert out[0].endswith(b'"correct": true}')
    assert out[1].startswith(b'{"line": 2, "error": "blank line;')
    assert out[2].startswith(b'{"line": 3, "error": "not UTF-8 (byte 0xff at column 33)')
    assert b'"answer": "Rene\\u2028Liu"' in out[3]
    assert out[4].endswith(b'"correct": false}')


def test_facts_try_json_file_with_bad_bytes(pack: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.jsonl"
    answers.write_bytes(b'{"fact": "director", "answer": "Ren\xe9 Liu"}\n')
    done = bot("facts", "try", "--pack", str(pack), "--json", str(answers))
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert done.stdout == b'{"line": 1, "error": "not UTF-8 (byte 0xe9 at column 36);' + (
        b' save the input as UTF-8"}\n'
    )


def test_eval_names_the_line_of_a_bad_byte(pack: Path, tmp_path: Path) -> None:
    dev = tmp_path / "dev.yaml"
    dev.write_bytes(b"answerable:\n  - {q: 'who directed \xff', ids: [director]}\n")
    done = bot("eval", "--pack", str(pack), str(dev))
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert (
        done.stderr.decode()
        == f"{dev}:2: bad byte 0xff: the file is not UTF-8. Fix: save it as UTF-8\n"
    )


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("facts", "check", LONG), {}),
        (("facts", "export", LONG), {}),
        (("facts", "export", "--pack", LONG), {}),
        (("facts", "check", "--seeds", LONG), {}),
        (("facts", "try", "--pack", LONG, "director", "Rene Liu"), {}),
        (("facts", "try", "--json", LONG), {}),
        (("ask", "--pack", LONG, "who directed it"), {}),
        (("ask", "who directed it"), {"BOT_FACTS_DIR": LONG}),
        (("facts", "check"), {"BOT_FACTS_DIR": LONG}),
        (("run",), {"BOT_FACTS_DIR": LONG, "DISCORD_TOKEN": "x"}),
    ],
    ids=lambda v: " ".join(v)[:40] if isinstance(v, tuple) else ",".join(v),
)
def test_a_path_too_long_is_one_clean_line_with_exit_2(
    args: tuple[str, ...], env: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "empty.env").touch()
    extra = ("--env-file", str(tmp_path / "empty.env")) if args == ("run",) else ()
    done = bot(*args, *extra, env=env, cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert err.count("\n") == 1 and "file name too long" in err.lower(), err
