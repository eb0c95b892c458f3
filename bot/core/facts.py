"""Load and validate YAML fact packs into an immutable `FactBase`.

`pack_yaml` reads each file safely into typed values with their lines; this module checks what
spans files (document keys, ids, phrasings, disagreements, verbatim quotes) and freezes the base.
Every problem is collected as `FILE:LINE: message. Fix: hint`, and a base is returned only when
there are none, so a broken file can never replace a working base.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import yaml

from bot.core.descriptions_check import read_described
from bot.core.model import (
    ALIAS_KINDS,
    ANSWER_KINDS,
    DIFFICULTIES,
    QUIZ_MODES,
    Alias,
    Document,
    Fact,
    FactBase,
    QuizSpec,
    Quote,
    Source,
)
from bot.core.pack_paths import (
    FactPackError,
    PackInputs,
    PackPathError,
    Problem,
    default_facts_dir,
    pack_inputs,
    path_problem,
    shown_path,
)
from bot.core.pack_yaml import (
    MAX_DEPTH,
    PackWalk,
    TooDeep,
    node_line,
    read_pack_file,
)
from bot.core.verbatim import quote_difference

__all__ = [
    "FactPackError",
    "PackPathError",
    "Problem",
    "check",
    "default_facts_dir",
    "load_fact_base",
]

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WORD = re.compile(r"\w+")


def load_fact_base(
    paths: Sequence[Path] | None = None,
    seeds_dir: Path | None = None,
    inputs: PackInputs | None = None,
) -> FactBase:
    """Read, validate and freeze the packs; raise `FactPackError` listing every problem.

    Paths that cannot be used raise its subclass `PackPathError` before anything is read."""
    if inputs is None:
        inputs = pack_inputs(paths, seeds_dir)
    builder = _Builder(inputs.seeds)
    if not inputs.files:
        where = ", ".join(shown_path(p) for p in inputs.paths)
        builder.problem(
            where, 1, "no fact pack found", "put *.yaml packs there or set BOT_FACTS_DIR"
        )
    for file in inputs.files:
        builder.read_file(file)
    return builder.finish()


def check(paths: Sequence[Path] | None = None, seeds_dir: Path | None = None) -> list[Problem]:
    try:
        load_fact_base(paths, seeds_dir)
    except FactPackError as error:
        return list(error.problems)
    return []


def squash_spaces(text: str) -> str:
    return " ".join(text.split())


def phrasing_key(text: str) -> str:
    """Two phrasings that differ only in case, punctuation or spacing are the same phrasing."""
    return " ".join(_WORD.findall(text.casefold()))


def default_prompt(questions: Sequence[str]) -> str:
    """The quiz prompt of a fact that gives none: its first question, capitalised, with a '?'."""
    first = (list(questions) or [""])[0]
    prompt = first[:1].upper() + first[1:]
    if prompt and not prompt.endswith("?"):
        prompt += "?"
    return prompt


def correct_distractor(distractors: Sequence[str], answers: Sequence[str]) -> str | None:
    """The first distractor that is one of the answers (case, punctuation, spacing aside)."""
    correct = {phrasing_key(a) for a in answers}
    return next((d for d in distractors if phrasing_key(d) in correct), None)


def _quiz_switch(walk: PackWalk, node: yaml.ScalarNode) -> Literal[False] | None:
    """`quiz: false` is a fact not asked in quizzes (None); `quiz: true` a problem (False)."""
    if node.value.lower() in {"false", "no", "off"}:
        return None
    walk.problem(node, "quiz: true does not say how to ask", "write quiz: {difficulty: easy}")
    return False


def _quiz_values_fit(
    walk: PackWalk,
    quiz: dict[str, yaml.Node],
    difficulty: str,
    modes: Sequence[str],
    distractors: Sequence[str],
    answers: Sequence[str],
) -> bool:
    """Whether the quiz's difficulty, modes and distractors are allowed; else one problem."""
    if difficulty not in DIFFICULTIES:
        walk.problem(
            quiz["difficulty"],
            f"unknown difficulty {difficulty!r}",
            f"use one of: {', '.join(DIFFICULTIES)}",
        )
        return False
    bad_modes = [m for m in modes if m not in QUIZ_MODES]
    if bad_modes:
        walk.problem(
            quiz["modes"],
            f"unknown quiz mode {bad_modes[0]!r}",
            f"use {' and/or '.join(QUIZ_MODES)}",
        )
        return False
    item = correct_distractor(distractors, answers)
    if item is not None:
        walk.problem(quiz["distractors"], f"distractor {item!r} is a correct answer", "remove it")
        return False
    return True


# --------------------------------------------------------------------------------------------
# reading one file


class _Builder:
    def __init__(self, seeds_dir: Path) -> None:
        self.seeds_dir = seeds_dir
        self.problems: list[Problem] = []
        self.documents: dict[str, Document] = {}  # by key
        self.document_lines: dict[str, tuple[str, int]] = {}
        self.drafts: list[_Draft] = []
        self.quote_drafts: list[_Draft] = []
        self.aliases: list[Alias] = []
        self.films: list[str] = []
        self.references: list[str] = []
        self.files: list[str] = []
        self._squashed_texts: dict[str, str] = {}  # document key -> text with spaces squashed
        # What an earlier problem makes unknowable, so its consequences are not reported too:
        self.unreadable_documents: set[str] = set()  # declared, but the file cannot be read
        self.file_lost = False  # a whole file was refused: its documents and facts are unknown
        self.facts_lost = False  # a fact was refused: its id is unknown

    def _squashed(self, document: Document) -> str:
        if document.key not in self._squashed_texts:
            self._squashed_texts[document.key] = squash_spaces(document.text)
        return self._squashed_texts[document.key]

    def problem(self, file: str, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, line, message, hint))

    # -- one file --------------------------------------------------------------------------

    def read_file(self, path: Path) -> None:
        name = _display(path)
        self.files.append(name)
        parsed = read_pack_file(path, name, self.problems)
        if parsed is None:
            self.file_lost = self.facts_lost = True
            return
        walk, root = parsed
        try:
            self._read_top(walk, root)
        except TooDeep as deep:
            self.file_lost = self.facts_lost = True
            walk.problem(
                deep.args[0], f"nesting deeper than {MAX_DEPTH} levels", "flatten the file"
            )

    def _read_top(self, walk: PackWalk, root: yaml.Node) -> None:
        if not isinstance(root, yaml.MappingNode):
            walk.problem(
                root,
                "a pack must be a mapping with film / documents / aliases / facts / quotes",
                "start the file with `facts:` (see facts/SCHEMA.md)",
            )
            return
        top = walk.mapping(
            root, "the pack", 0, (), ("film", "documents", "aliases", "facts", "quotes")
        )
        if top is None:
            return
        if not top:
            walk.problem(root, "the pack has no content", "add `facts:` or `quotes:`")
        if "film" in top:
            self._read_film(walk, top["film"])
        if "documents" in top:
            self._read_documents(walk, top["documents"])
        if "aliases" in top:
            self._read_aliases(walk, top["aliases"])
        readers = (
            ("facts", self.drafts, self._read_fact),
            ("quotes", self.quote_drafts, self._read_quote),
        )
        for key, store, read in readers:
            if key not in top:
                continue
            node = top[key]
            walk.enter(node, 1)
            if not isinstance(node, yaml.SequenceNode):
                walk.problem(
                    node, f"{key} must be a list", f"start each item with `- id: ...` under {key}:"
                )
                continue
            for depth_item in node.value:
                draft = read(walk, depth_item)
                if draft is not None:
                    store.append(draft)
                else:
                    self.facts_lost = True

    def _read_film(self, walk: PackWalk, node: yaml.Node) -> None:
        film = walk.mapping(node, "film", 1, ("title",), ("year", "references"))
        if film is None:
            return
        title = walk.text(film["title"], "film title", 2)
        if title:
            self.films.append(title)
        if "year" in film:
            walk.text(film["year"], "film year", 2)
        if "references" in film:
            self.references += walk.texts(film["references"], "film references", 2) or []

    def _read_documents(self, walk: PackWalk, node: yaml.Node) -> None:
        docs = walk.free_mapping(node, "documents", 1)
        for key_node, value in (docs or {}).values():
            key = key_node.value
            if key in self.document_lines:
                file, line = self.document_lines[key]
                walk.problem(
                    key_node,
                    f"document {key!r} is declared twice (also {file}:{line})",
                    "rename one",
                )
                continue
            doc = walk.mapping(value, f"document {key!r}", 2, ("file", "title", "kind"))
            self.unreadable_documents.add(key)  # until it has been read
            if doc is None:
                continue
            file_name = walk.text(doc["file"], "document file", 3)
            title = walk.text(doc["title"], "document title", 3)
            kind = walk.text(doc["kind"], "document kind", 3)
            if not (file_name and title and kind):
                continue
            path = self.seeds_dir / file_name
            if Path(file_name).name != file_name or path_problem(path) or not path.is_file():
                walk.problem(
                    doc["file"],
                    f"source document {file_name!r} does not exist in {_display(self.seeds_dir)}",
                    "name a file of the seeds folder (or set BOT_SEEDS_DIR)",
                )
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                walk.problem(
                    doc["file"],
                    f"cannot read source document {file_name!r}: {error}",
                    "check the file",
                )
                continue
            self.document_lines[key] = (walk.name, node_line(key_node))
            self.documents[key] = Document(key, file_name, title, kind, text)
            self.unreadable_documents.discard(key)

    def _read_aliases(self, walk: PackWalk, node: yaml.Node) -> None:
        walk.enter(node, 1)
        if not isinstance(node, yaml.SequenceNode):
            walk.problem(node, "aliases must be a list", "start each item with `- canonical: ...`")
            return
        for item in node.value:
            alias = walk.mapping(
                item,
                "an alias",
                2,
                ("canonical", "kind", "variants"),
                ("descriptions", "heads", "marks"),
            )
            if alias is None:
                continue
            canonical = walk.text(alias["canonical"], "canonical", 3)
            kind = walk.text(alias["kind"], "alias kind", 3)
            variants = walk.texts(alias["variants"], "variants", 3)
            descriptions: list[str] | None = []
            if "descriptions" in alias:
                descriptions = walk.texts(alias["descriptions"], "descriptions", 3)
            described = read_described(walk, item, alias)
            if kind is not None and kind not in ALIAS_KINDS:
                walk.problem(
                    alias["kind"],
                    f"unknown alias kind {kind!r}",
                    f"use one of: {', '.join(ALIAS_KINDS)}",
                )
                continue
            if (
                canonical
                and kind
                and variants is not None
                and descriptions is not None
                and described is not None
            ):
                heads, marks = described
                self.aliases.append(
                    Alias(canonical, kind, tuple(variants), tuple(descriptions), heads, marks)
                )

    # -- the whole base --------------------------------------------------------------------

    def _read_source(
        self, walk: PackWalk, node: yaml.Node
    ) -> tuple[str, str, yaml.Node, yaml.Node] | None:
        src = walk.mapping(node, "source", 3, ("document", "quote"))
        if src is None:
            return None
        document = walk.text(src["document"], "source document", 4)
        quote = walk.text(src["quote"], "source quote", 4)
        if document is None or quote is None:
            return None
        return document, quote, src["document"], src["quote"]

    def _read_fact(self, walk: PackWalk, node: yaml.Node) -> _Draft | None:
        fields = walk.mapping(
            node,
            "a fact",
            2,
            ("id", "category", "questions", "answer", "kind", "text", "source"),
            ("accept", "quiz", "disagrees_with", "related", "group"),
        )
        if fields is None:
            return None
        values: dict[str, Any] = {
            "id": walk.text(fields["id"], "id", 3),
            "category": walk.text(fields["category"], "category", 3),
            "questions": walk.texts(fields["questions"], "questions", 3, min_items=1),
            "answer": walk.text(fields["answer"], "answer", 3),
            "kind": walk.text(fields["kind"], "kind", 3),
            "text": walk.text(fields["text"], "text", 3),
            "accept": walk.texts(fields["accept"], "accept", 3) if "accept" in fields else [],
            "disagrees_with": (
                walk.texts(fields["disagrees_with"], "disagrees_with", 3)
                if "disagrees_with" in fields
                else []
            ),
            "related": walk.texts(fields["related"], "related", 3) if "related" in fields else [],
            "group": walk.text(fields["group"], "group", 3) if "group" in fields else "",
        }
        source = self._read_source(walk, fields["source"])
        quiz = self._read_quiz(walk, fields["quiz"], values) if "quiz" in fields else None
        if any(v is None for v in values.values()) or source is None or quiz is False:
            return None
        if not ID_PATTERN.match(values["id"]):
            walk.problem(
                fields["id"],
                f"id {values['id']!r} is not lowercase-with-dashes",
                "e.g. id: box-office-gross",
            )
            return None
        if values["group"] and not ID_PATTERN.match(values["group"]):
            walk.problem(
                fields["group"],
                f"group {values['group']!r} is not lowercase-with-dashes",
                "e.g. group: cast",
            )
            return None
        if values["kind"] not in ANSWER_KINDS:
            walk.problem(
                fields["kind"],
                f"unknown kind {values['kind']!r}",
                f"use one of: {', '.join(ANSWER_KINDS)}",
            )
            return None
        return _Draft(walk, node, fields, values, source, quiz)

    def _read_quiz(
        self, walk: PackWalk, node: yaml.Node, values: dict[str, Any]
    ) -> QuizSpec | Literal[False] | None:
        """A QuizSpec, None for `quiz: false`, False after a problem."""
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return _quiz_switch(walk, node)
        quiz = walk.mapping(node, "quiz", 3, ("difficulty",), ("modes", "prompt", "distractors"))
        if quiz is None:
            return False
        difficulty = walk.text(quiz["difficulty"], "difficulty", 4)
        modes = (
            walk.texts(quiz["modes"], "modes", 4, min_items=1)
            if "modes" in quiz
            else list(QUIZ_MODES)
        )
        prompt = walk.text(quiz["prompt"], "prompt", 4) if "prompt" in quiz else ""
        distractors = (
            walk.texts(quiz["distractors"], "distractors", 4) if "distractors" in quiz else []
        )
        if difficulty is None or modes is None or prompt is None or distractors is None:
            return False
        answers = [values.get("answer") or "", *(values.get("accept") or [])]
        if not _quiz_values_fit(walk, quiz, difficulty, modes, distractors, answers):
            return False
        prompt = prompt or default_prompt(values.get("questions") or [])
        return QuizSpec(difficulty, tuple(dict.fromkeys(modes)), prompt, tuple(distractors))  # type: ignore[arg-type]

    def _read_quote(self, walk: PackWalk, node: yaml.Node) -> _Draft | None:
        fields = walk.mapping(
            node, "a quote", 2, ("id", "text", "speaker", "kind", "source"), ("context",)
        )
        if fields is None:
            return None
        values: dict[str, Any] = {
            "id": walk.text(fields["id"], "id", 3),
            "text": walk.text(fields["text"], "text", 3),
            "speaker": walk.text(fields["speaker"], "speaker", 3),
            "kind": walk.text(fields["kind"], "kind", 3),
            "context": walk.text(fields["context"], "context", 3) if "context" in fields else "",
        }
        source = self._read_source(walk, fields["source"])
        if any(v is None for v in values.values()) or source is None:
            return None
        if not ID_PATTERN.match(values["id"]):
            walk.problem(
                fields["id"],
                f"id {values['id']!r} is not lowercase-with-dashes",
                "e.g. id: happy-story",
            )
            return None
        if values["kind"] not in {"film", "interview", "review"}:
            walk.problem(
                fields["kind"],
                f"unknown quote kind {values['kind']!r}",
                "use film, interview or review",
            )
            return None
        return _Draft(walk, node, fields, values, source, None)

    def _resolve_source(self, draft: _Draft) -> Source | None:
        key, quote, doc_node, quote_node = draft.source
        document = self.documents.get(key)
        if document is None and (key in self.unreadable_documents or self.file_lost):
            return None  # the problem with that document (or file) is reported already
        if document is None:
            known = ", ".join(sorted(self.documents)) or "none declared"
            close = difflib.get_close_matches(key, list(self.documents), n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else f"declare it under documents: (known: {known})"
            )
            draft.walk.problem(doc_node, f"unknown source document {key!r}", hint)
            return None
        haystack = self._squashed(document)
        needle = squash_spaces(quote)
        if needle not in haystack:
            draft.walk.problem(
                quote_node,
                f"source quote is not verbatim in {document.file}",
                f"copy it exactly; {quote_difference(needle, haystack)}",
            )
            return None
        return Source(document.file, quote, document.title)

    def finish(self) -> FactBase:
        facts: list[Fact] = []
        for draft in self.drafts:
            source = self._resolve_source(draft)
            if source is None:
                self.facts_lost = True
                continue
            v = draft.values
            facts.append(
                Fact(
                    id=v["id"],
                    category=v["category"],
                    questions=tuple(v["questions"]),
                    answer=v["answer"],
                    accept=tuple(v["accept"]),
                    text=v["text"],
                    kind=v["kind"],
                    quiz=draft.quiz,
                    source=source,
                    disagrees_with=tuple(v["disagrees_with"]),
                    file=draft.walk.name,
                    line=node_line(draft.node),
                    related=tuple(v["related"]),
                    group=v["group"],
                )
            )
        quotes: list[Quote] = []
        for draft in self.quote_drafts:
            source = self._resolve_source(draft)
            if source is None:
                continue
            v = draft.values
            quotes.append(
                Quote(
                    v["id"],
                    v["text"],
                    v["speaker"],
                    v["context"],
                    v["kind"],
                    source,
                    draft.walk.name,
                    node_line(draft.node),
                )
            )
        self._check_ids([(f.id, f.file, f.line) for f in facts], "fact")
        self._check_ids([(q.id, q.file, q.line) for q in quotes], "quote")
        self._check_phrasings()
        facts = self._link_disagreements(facts)
        self._check_groups(facts)
        if self.problems:
            raise FactPackError(sorted(set(self.problems), key=_problem_order))
        if not facts:
            first = self.files[0] if self.files else "facts"
            raise FactPackError(
                [Problem(first, 1, "the packs hold no facts", "add a `facts:` list")]
            )
        return FactBase(
            facts=tuple(facts),
            quotes=tuple(quotes),
            aliases=tuple(self.aliases),
            documents=MappingProxyType({d.file: d for d in self.documents.values()}),
            films=tuple(dict.fromkeys(self.films)),
            film_references=tuple(dict.fromkeys(self.references)),
            files=tuple(self.files),
        )

    def _check_ids(self, items: list[tuple[str, str, int]], what: str) -> None:
        first: dict[str, tuple[str, int]] = {}
        for ident, file, line in items:
            if ident in first:
                f0, l0 = first[ident]
                self.problem(
                    file,
                    line,
                    f"duplicate {what} id {ident!r} (first at {f0}:{l0})",
                    "ids must be unique across all packs; rename one",
                )
            else:
                first[ident] = (file, line)

    def _check_phrasings(self) -> None:
        owner: dict[str, tuple[str, str, int]] = {}  # phrasing -> fact id, file, line
        for draft in self.drafts:
            fact_id = draft.values["id"]
            nodes = draft.fields["questions"].value
            for node, question in zip(nodes, draft.values["questions"], strict=True):
                here = (fact_id, draft.walk.name, node_line(node))
                other_id, other_file, other_line = owner.setdefault(phrasing_key(question), here)
                if other_id != fact_id:
                    self.problem(
                        draft.walk.name,
                        node_line(node),
                        f"question {question!r} of fact {fact_id!r} is also a question of"
                        f" {other_id!r} ({other_file}:{other_line})",
                        "one phrasing must lead to one fact; reword or remove one",
                    )

    def _link_disagreements(self, facts: list[Fact]) -> list[Fact]:
        """``disagrees_with`` and ``related`` made symmetric; a pair is one or the other."""
        conflicts = self._links(facts, "disagrees_with", "disagrees with")
        related = self._links(facts, "related", "is related to")
        for fact in facts:
            for other in sorted(conflicts[fact.id] & related[fact.id]):
                if fact.id < other:
                    self.problem(
                        fact.file,
                        fact.line,
                        f"facts {fact.id!r} and {other!r} are linked both as disagreeing "
                        "and as related",
                        "disagrees_with: the sources claim different things about the same "
                        "thing; related: figures measuring different things. Keep one",
                    )
        return [
            replace(
                f,
                disagrees_with=tuple(sorted(conflicts[f.id])),
                related=tuple(sorted(related[f.id])),
            )
            for f in facts
        ]

    def _links(self, facts: list[Fact], key: str, verb: str) -> dict[str, set[str]]:
        ids = {f.id for f in facts}
        links: dict[str, set[str]] = {f.id: set() for f in facts}
        for fact in facts:
            for other in getattr(fact, key):
                if other == fact.id:
                    self.problem(
                        fact.file, fact.line, f"fact {fact.id!r} {verb} itself", "remove its own id"
                    )
                elif other not in ids and self.facts_lost:
                    continue  # it may be a fact refused for an earlier problem
                elif other not in ids:
                    close = difflib.get_close_matches(other, list(ids), n=1)
                    hint = f"did you mean {close[0]!r}?" if close else "name an existing fact id"
                    self.problem(fact.file, fact.line, f"{key} names unknown fact {other!r}", hint)
                else:
                    links[fact.id].add(other)
                    links[other].add(fact.id)
        return links

    def _check_groups(self, facts: list[Fact]) -> None:
        """A list of one is a misspelt group name."""
        members: dict[str, list[Fact]] = {}
        for fact in facts:
            if fact.group:
                members.setdefault(fact.group, []).append(fact)
        for group, found in members.items():
            if len(found) == 1 and not self.facts_lost:  # else the others may have been refused
                known = sorted(g for g in members if len(members[g]) > 1)
                close = difflib.get_close_matches(group, known, n=1)
                self.problem(
                    found[0].file,
                    found[0].line,
                    f"group {group!r} has only this fact; a group is a list of facts",
                    f"did you mean {close[0]!r}?" if close else "give it to the other facts too",
                )


@dataclass(frozen=True, slots=True)
class _Draft:
    """A fact or quote read from one file, waiting for its source document to be resolved."""

    walk: PackWalk
    node: yaml.Node
    fields: dict[str, yaml.Node]
    values: dict[str, Any]
    source: tuple[str, str, yaml.Node, yaml.Node]
    quiz: QuizSpec | None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _problem_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.file, problem.line, problem.message)
