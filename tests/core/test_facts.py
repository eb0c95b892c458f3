"""The fact pack loader: one small broken file per kind of mistake, each with its FILE:LINE message.

A curator sees these messages from `python -m bot facts check`; each must say where the problem
is, what it is, and how to fix it, and a broken pack must never load.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core.facts import (
    FactPackError,
    check,
    correct_distractor,
    default_prompt,
    load_fact_base,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

HEADER = """\
documents:
  doc: {file: 001_bcec255b40af6893.txt, title: The article, kind: encyclopedia}
facts:
"""
FACT = """\
  - id: {id}
    category: production
    questions: [{question}]
    answer: {answer}
    kind: person
    text: Us and Them was directed by Rene Liu.
    source:
      document: doc
      quote: directed by Taiwanese singer-actress Rene Liu in her directorial debut
"""


def fact(
    id: str = "director", question: str = "who directed us and them", answer: str = "Rene Liu"
) -> str:
    return FACT.format(id=id, question=question, answer=answer)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def problems_of(*paths: Path) -> list[str]:
    return [str(p) for p in check(list(paths), SEEDS)]


def test_a_valid_pack_loads_into_an_immutable_base(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.yaml", HEADER + fact())
    base = load_fact_base([path], SEEDS)
    director = base.by_id["director"]
    assert director.answer == "Rene Liu"
    assert director.source.document == "001_bcec255b40af6893.txt"
    assert director.quiz is None
    with pytest.raises(AttributeError):
        director.answer = "someone else"  # type: ignore[misc]
    with pytest.raises(TypeError):
        base.by_id["x"] = director  # type: ignore[index]


# (file content, line, message) — the message is what follows "FILE:LINE: " up to the hint
BROKEN: dict[str, tuple[str | bytes, int, str]] = {
    "tab": (
        HEADER + fact().replace("    category", "\tcategory"),
        5,
        "YAML syntax error: while scanning a plain scalar; found a tab character that violates"
        " indentation",
    ),
    "bad-indentation": (
        HEADER + fact().replace("    category", "   category"),
        5,
        "YAML syntax error: while parsing a block collection; did not find expected '-' indicator",
    ),
    "unclosed-quote": (
        HEADER + fact(answer='"Rene Liu'),
        7,  # where the quote opens, not where the file ends
        "YAML syntax error: while scanning a quoted scalar; found unexpected end of stream",
    ),
    "unclosed-bracket": (
        HEADER + fact(question="[who directed it"),
        6,
        "YAML syntax error: while parsing a flow sequence; did not find expected ',' or ']'",
    ),
    "question-indented-into-the-one-above": (
        HEADER
        + fact().replace(
            "    questions: [who directed us and them]\n",
            "    questions:\n      - who directed us and them\n        - who made it\n",
        ),
        8,
        "line 8 is joined into an item of questions of line 7 ('who directed us and them"
        " - who made it')",
    ),
    "bad-bytes": (
        (HEADER + fact()).encode().replace(b"Rene Liu.", b"Ren\xe9 Liu."),
        9,
        "bad byte 0xe9: the file is not UTF-8",
    ),
    "control-character": (
        HEADER + fact(answer="Rene\x07Liu"),
        7,
        "control character '\\x07' is not allowed in YAML",
    ),
    "duplicate-key": (
        HEADER
        + fact().replace("    kind: person\n", "    kind: person\n    answer: Zhang Yibai\n"),
        9,
        "duplicate key 'answer' in a fact (first at line 7)",
    ),
    "empty-file": ("", 1, "the file is empty"),
    "whitespace-only": ("\n   \n# just a comment\n", 1, "the file is empty"),
    "top-level-list": (
        "- id: director\n",
        1,
        "a pack must be a mapping with film / documents / aliases / facts / quotes",
    ),
    "unknown-key": (
        HEADER + fact().replace("    answer:", "    anwser:"),
        7,
        "unknown key 'anwser' in a fact",
    ),
    "missing-key": (
        HEADER + fact().replace("    kind: person\n", ""),
        4,
        "a fact is missing the key 'kind'",
    ),
    "wrong-type-list": (
        HEADER + fact().replace("questions: [who directed us and them]", "questions: who directed"),
        6,
        "questions must be a list",
    ),
    "wrong-type-text": (
        HEADER + fact().replace("category: production", "category: [production]"),
        5,
        "category must be text, not a list",
    ),
    "retyped-yes": (
        HEADER + fact(answer="yes"),
        7,
        "answer 'yes' is read by YAML as a boolean (true/false), not as text",
    ),
    "retyped-no": (
        HEADER + fact(answer="No"),
        7,
        "answer 'No' is read by YAML as a boolean (true/false), not as text",
    ),
    "retyped-on": (
        HEADER + fact(answer="on"),
        7,
        "answer 'on' is read by YAML as a boolean (true/false), not as text",
    ),
    "retyped-date": (
        HEADER + fact(answer="2018-04-28"),
        7,
        "answer '2018-04-28' is read by YAML as a date, not as text",
    ),
    "retyped-float": (
        HEADER + fact(answer="5.9"),
        7,
        "answer '5.9' is read by YAML as a number (float), not as text",
    ),
    "retyped-sexagesimal": (
        HEADER + fact(answer="1:30"),
        7,
        "answer '1:30' is read by YAML as an integer, not as text",
    ),
    "retyped-octal": (
        HEADER + fact(answer="007"),
        7,
        "answer '007' is read by YAML as an integer, not as text",
    ),
    "retyped-in-a-list": (
        HEADER
        + fact().replace("    kind: person\n", "    kind: person\n    accept: [Rene, 2018]\n"),
        9,
        "an item of accept '2018' is read by YAML as an integer, not as text",
    ),
    "missing-document-file": (
        HEADER.replace("001_bcec255b40af6893.txt", "999_missing.txt") + fact(),
        2,
        "source document '999_missing.txt' does not exist in",
    ),
    "undeclared-document": (
        HEADER + fact().replace("document: doc", "document: wikipedia"),
        11,
        "unknown source document 'wikipedia'",
    ),
    "quote-not-verbatim": (
        HEADER + fact().replace("singer-actress Rene Liu", "singer and actress Rene Liu"),
        12,
        "source quote is not verbatim in 001_bcec255b40af6893.txt",
    ),
    "unknown-kind": (
        HEADER + fact().replace("kind: person", "kind: human"),
        8,
        "unknown kind 'human'",
    ),
    "bad-id": (
        HEADER + fact(id="Director One"),
        4,
        "id 'Director One' is not lowercase-with-dashes",
    ),
    "phrasing-twice-in-one-file": (
        HEADER + fact() + fact(id="director-again", question="Who directed Us and Them?"),
        15,
        "question 'Who directed Us and Them?' of fact 'director-again' is also a question of "
        "'director' (FILE:6)",
    ),
    "unknown-disagreement": (
        HEADER
        + fact().replace("    kind: person\n", "    kind: person\n    disagrees_with: [nobody]\n"),
        4,
        "disagrees_with names unknown fact 'nobody'",
    ),
    "unknown-related": (
        HEADER + fact().replace("    kind: person\n", "    kind: person\n    related: [nobody]\n"),
        4,
        "related names unknown fact 'nobody'",
    ),
    "group-of-one": (
        HEADER + fact().replace("    kind: person\n", "    kind: person\n    group: crew\n"),
        4,
        "group 'crew' has only this fact; a group is a list of facts",
    ),
    "group-not-an-id": (
        HEADER + fact().replace("    kind: person\n", "    kind: person\n    group: The Crew\n"),
        9,
        "group 'The Crew' is not lowercase-with-dashes",
    ),
    "distractor-is-correct": (
        HEADER
        + fact().replace(
            "    kind: person\n",
            "    kind: person\n"
            "    quiz: {difficulty: easy, distractors: [rene liu, Zhang Yibai]}\n",
        ),
        9,
        "distractor 'rene liu' is a correct answer",
    ),
    "alias-bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "facts: [*i, *i, *i]\n",
        1,
        "aliases expand",
    ),
    "comment-cuts-a-value": (
        HEADER
        + fact().replace("text: Us and Them was", "text: Vulture ranked it #43; Us and Them was"),
        9,
        "text stops at 'Vulture ranked it': YAML reads the ' #' after it as a comment",
    ),
    "alias-cycle": ("facts: &a [*a]\n", 1, "an alias refers to a node that contains it (a cycle)"),
    "absurd-nesting": (
        "facts: " + "[" * 50_000 + "]" * 50_000 + "\n",
        1,
        "nesting deeper than 20 levels",
    ),
    # within libyaml's own limit (1000): found on the composed graph, at the first too deep
    "deep-nesting": (
        "film: Us and Them\nfacts:\n  - " + "[" * 25 + "]" * 25 + "\n",
        3,
        "nesting deeper than 20 levels",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_mistake_is_reported_at_its_line_with_a_hint(tmp_path: Path, case: str) -> None:
    content, line, message = BROKEN[case]
    path = write(tmp_path, f"{case}.yaml", content)
    started = time.monotonic()
    problems = problems_of(path)
    assert time.monotonic() - started < 5, "the checker must refuse quickly, not hang"
    expected = f"{path}:{line}: {message.replace('FILE', str(path))}"
    assert any(p.startswith(expected) for p in problems), problems
    mine = next(p for p in problems if p.startswith(expected))
    assert ". Fix: " in mine, "every problem says how to fix it"
    with pytest.raises(FactPackError):
        load_fact_base([path], SEEDS)


def test_duplicate_ids_across_files_name_both_places(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", HEADER + fact())
    second = write(tmp_path, "b.yaml", "facts:\n" + fact(question="who made the film"))
    problems = problems_of(first, second)
    assert f"{second}:2: duplicate fact id 'director' (first at {first}:4)" in "\n".join(problems)


def test_a_phrasing_mapped_to_two_facts_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", HEADER + fact())
    second = write(
        tmp_path, "b.yaml", "facts:\n" + fact(id="other", question="who DIRECTED us & them")
    )
    problems = "\n".join(problems_of(first, second))
    assert f"{second}:4: question 'who DIRECTED us & them' of fact 'other'" not in problems
    # "&" vs "and" is a different spelling of the same question only after normalisation;
    # case and punctuation are the same phrasing already:
    third = write(
        tmp_path, "c.yaml", "facts:\n" + fact(id="third", question="Who directed us and them?!")
    )
    problems = "\n".join(problems_of(first, third))
    assert (
        f"{third}:4: question 'Who directed us and them?!' of fact 'third'"
        " is also a question of 'director'" in problems
    )


def test_disagreements_are_made_symmetric(tmp_path: Path) -> None:
    text = (
        HEADER
        + fact()
        + fact(id="director-b", question="director name").replace(
            "    kind: person\n", "    kind: person\n    disagrees_with: [director]\n"
        )
    )
    base = load_fact_base([write(tmp_path, "ok.yaml", text)], SEEDS)
    assert base.by_id["director"].disagrees_with == ("director-b",)
    assert [f.id for f in base.disagreeing(base.by_id["director"])] == ["director-b"]


def test_related_figures_are_symmetric_and_never_also_a_disagreement(tmp_path: Path) -> None:
    second = fact(id="director-b", question="director name")
    related = (
        HEADER
        + fact()
        + second.replace(
            "    kind: person\n", "    kind: person\n    related: [director]\n    group: crew\n"
        ).replace("  - id: director-b\n", "  - id: director-b\n")
        + fact(id="director-c", question="who made it").replace(
            "    kind: person\n", "    kind: person\n    group: crew\n"
        )
    )
    base = load_fact_base([write(tmp_path, "ok.yaml", related)], SEEDS)
    assert base.by_id["director"].related == ("director-b",)
    assert base.by_id["director"].disagrees_with == ()
    assert [f.id for f in base.group_of(base.by_id["director-c"])] == ["director-b", "director-c"]

    both = (
        HEADER
        + fact()
        + second.replace(
            "    kind: person\n",
            "    kind: person\n    related: [director]\n    disagrees_with: [director]\n",
        )
    )
    problems = "\n".join(problems_of(write(tmp_path, "both.yaml", both)))
    assert "facts 'director' and 'director-b' are linked both as disagreeing and as related" in (
        problems
    )


def test_quoted_values_stay_exactly_as_written(tmp_path: Path) -> None:
    text = HEADER + fact(answer='"007"').replace(
        "    kind: person\n", '    kind: person\n    accept: ["yes", "1:30", "5.9", "2018-04-28"]\n'
    )
    base = load_fact_base([write(tmp_path, "ok.yaml", text)], SEEDS)
    assert base.by_id["director"].answer == "007"
    assert base.by_id["director"].accept == ("yes", "1:30", "5.9", "2018-04-28")


def test_files_starting_with_underscore_are_skipped_in_a_folder(tmp_path: Path) -> None:
    write(tmp_path, "pack.yaml", HEADER + fact())
    write(tmp_path, "_draft.yaml", "this: is [not valid")
    assert len(load_fact_base([tmp_path], SEEDS).facts) == 1


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


def test_cli_check_prints_file_line_problems_and_exits_1_without_traceback(tmp_path: Path) -> None:
    write(tmp_path, "pack.yaml", HEADER + fact(answer="5.9"))
    done = run_cli("facts", "check", "--seeds", str(SEEDS), "pack.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("pack.yaml:7: answer '5.9' is read by YAML as a number")
    assert 'Fix: put it in quotes: "5.9"' in done.stdout
    assert "Traceback" not in done.stderr


def test_cli_check_a_missing_path(tmp_path: Path) -> None:
    done = run_cli("facts", "check", "nope.yaml", cwd=tmp_path)
    assert done.returncode == 2  # a path the user mistyped is a usage error
    assert "nope.yaml:1: no such file or folder" in done.stderr


def test_a_megabyte_quote_that_is_not_verbatim_is_refused_promptly_with_a_hint(
    tmp_path: Path,
) -> None:
    # The fuzzy alignment was quadratic: 100 kB took 103 s, 1 MB hung `facts check` for good.
    verbatim = "directed by Taiwanese singer-actress Rene Liu in her directorial debut"
    huge = verbatim + " and then some words the article never says" * 24_000  # ~1 MB
    write(tmp_path, "pack.yaml", HEADER + fact().replace(verbatim, huge))
    done = run_cli("facts", "check", "--seeds", str(SEEDS), "pack.yaml", cwd=tmp_path, timeout=30)
    assert done.returncode == 1
    assert done.stdout.startswith("pack.yaml:12: source quote is not verbatim")
    assert (
        "the quote matches up to ' in her directorial debut and ', then has 'then some words"
        in done.stdout
    )


def test_a_quote_unlike_the_document_gets_the_closest_passage(tmp_path: Path) -> None:
    text = HEADER + fact().replace(
        "directed by Taiwanese singer-actress Rene Liu in her directorial debut",
        "Taiwanese singer Rene Liu directed it as her debut" * 2_000,
    )
    problems = problems_of(write(tmp_path, "pack.yaml", text))
    assert any("Fix: copy it exactly; the closest passage is " in p for p in problems), problems


def test_a_missing_seed_file_is_reported_once_not_for_every_fact_citing_it(
    tmp_path: Path,
) -> None:
    header = HEADER.replace("001_bcec255b40af6893.txt", "999_missing.txt")
    text = header + "".join(fact(id=f"f{n}", question=f"question {n}") for n in range(20))
    problems = problems_of(write(tmp_path, "pack.yaml", text))
    assert (
        len(problems) == 1 and "source document '999_missing.txt' does not exist" in (problems[0])
    ), problems


def test_a_yaml_error_in_one_file_does_not_make_others_name_unknown_facts(
    tmp_path: Path,
) -> None:
    grouped = "    kind: person\n    group: directors\n"
    broken = write(
        tmp_path, "a.yaml", HEADER + fact(answer='"Rene Liu').replace("    kind: person\n", grouped)
    )
    linking = fact(id="other", question="who made it").replace(
        "    kind: person\n", grouped + "    disagrees_with: [director]\n"
    )
    own_documents = HEADER.replace("  doc:", "  doc2:")
    other = write(tmp_path, "b.yaml", own_documents + linking.replace(": doc\n", ": doc2\n"))
    problems = problems_of(broken, other)
    assert [p.split(": ", 2)[1] for p in problems] == ["YAML syntax error"], problems


def test_a_quiz_question_without_a_prompt_asks_the_facts_first_question() -> None:
    assert default_prompt(["who directed it", "director?"]) == "Who directed it?"
    assert default_prompt(["Where was it shot?"]) == "Where was it shot?"
    assert default_prompt([]) == ""


def test_a_distractor_that_is_an_answer_is_found_whatever_its_case_or_punctuation() -> None:
    assert correct_distractor(["Jackie Chan", "rene  liu!"], ["Rene Liu", "Liu"]) == "rene  liu!"
    assert correct_distractor(["Jackie Chan"], ["Rene Liu", "Liu"]) is None
