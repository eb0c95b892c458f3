"""300 seeded mutations of the shipped pack, each run through the checker in process.

A mutation deletes, duplicates, indents, dedents or swaps lines, drops a quote or a bracket, or
truncates the file. Whatever it does, the checker must either accept the result as a valid pack
or refuse it with FILE:LINE problems that point into the file, never crash, never hang. The
slowest check is printed (`pytest -s`); only a generous bound catches a hang.
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from pathlib import Path

from bot.core.facts import FactPackError, load_fact_base

REPO = Path(__file__).resolve().parents[2]
PACK_DIR = REPO / "facts" / "us_and_them"
MUTATIONS = 300
SEED = 12
HANG = 10.0  # seconds: far above any real check (about 0.05 s); only a hang gets near it


def mutate(lines: list[str], rng: random.Random) -> tuple[str, list[str]]:
    lines = list(lines)
    n = rng.randrange(len(lines))
    kind = rng.choice(
        ["delete", "duplicate", "indent", "dedent", "drop-quote", "drop-bracket", "swap", "cut"]
    )
    if kind == "delete":
        del lines[n]
    elif kind == "duplicate":
        lines.insert(n, lines[n])
    elif kind == "indent":
        lines[n] = "  " + lines[n]
    elif kind == "dedent":
        lines[n] = lines[n][2:] if lines[n].startswith("  ") else lines[n]
    elif kind in ("drop-quote", "drop-bracket"):
        marks = "\"'" if kind == "drop-quote" else "[]{}"
        spots = [(i, j) for i, line in enumerate(lines) for j, c in enumerate(line) if c in marks]
        if spots:
            i, j = rng.choice(spots)
            lines[i] = lines[i][:j] + lines[i][j + 1 :]
        else:  # nothing of the kind in this file
            del lines[n]
    elif kind == "swap":
        m = rng.randrange(len(lines))
        lines[n], lines[m] = lines[m], lines[n]
    else:
        lines = lines[:n]
    return kind, lines


def test_every_mutation_is_accepted_or_refused_at_a_line_of_its_file(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    originals = {p.name: p.read_text(encoding="utf-8") for p in sorted(PACK_DIR.glob("*.yaml"))}
    targets = sorted(originals)
    outcomes: Counter[str] = Counter()
    slowest = (0.0, "")
    for number in range(MUTATIONS):
        folder = tmp_path / f"m{number}"
        folder.mkdir()
        name = rng.choice(targets)
        kind, lines = mutate(originals[name].splitlines(), rng)
        mutated = folder / name
        mutated.write_text("\n".join(lines) + "\n", encoding="utf-8")
        # The mutated file is checked with the pack's declarations (documents, aliases).
        files = [mutated] if name == "pack.yaml" else [mutated, folder / "pack.yaml"]
        if name != "pack.yaml":
            (folder / "pack.yaml").write_text(originals["pack.yaml"], encoding="utf-8")
        started = time.monotonic()
        try:
            load_fact_base(files, REPO / "seeds")
            problems = []
        except FactPackError as error:
            problems = list(error.problems)
        took = time.monotonic() - started
        slowest = max(slowest, (took, f"{kind} in {name}"))
        assert took < HANG, f"mutation {number} ({kind} in {name}) took {took:.1f} s"
        outcomes[f"{kind}: {'refused' if problems else 'accepted'}"] += 1
        for problem in problems:
            assert re.fullmatch(r".+:\d+: .+", str(problem), re.S), problem
            assert problem.file in {str(f) for f in files}, problem
            total = len(lines) + 1
            assert 1 <= problem.line <= total, f"{problem} (file has {total - 1} lines)"
    print(f"\n{MUTATIONS} mutations, slowest check {slowest[0]:.2f} s ({slowest[1]})")
    print(", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))


def test_a_list_item_indented_two_spaces_too_far_is_always_refused(tmp_path: Path) -> None:
    # The mutation that used to pass: the item joins the one above as one phrasing, exit 0.
    rng = random.Random(SEED)
    text = (PACK_DIR / "interview.yaml").read_text(encoding="utf-8").splitlines()
    items = [
        n
        for n, line in enumerate(text)
        if re.match(r"\s+- \w", line) and re.match(r"\s+- \w", text[n - 1])
    ]
    for n in rng.sample(items, 20):
        lines = list(text)
        lines[n] = "  " + lines[n]
        folder = tmp_path / f"i{n}"
        folder.mkdir()
        for original in PACK_DIR.glob("*.yaml"):
            (folder / original.name).write_bytes(original.read_bytes())
        (folder / "interview.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            load_fact_base([folder], REPO / "seeds")
        except FactPackError as error:
            assert any(p.line == n + 1 for p in error.problems), (n + 1, error.problems)
        else:
            raise AssertionError(f"line {n + 1} indented by two spaces was accepted")
