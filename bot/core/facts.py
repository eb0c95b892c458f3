"""Load and validate YAML fact packs into an immutable `FactBase`.

Parsing goes YAML text -> event scan (depth, size) -> node graph (`compose`, C-accelerated when
libyaml is present) -> our own typed walk. We never let PyYAML construct Python values: the walk
reads each scalar's text exactly as written, knows every node's line, sees duplicate keys and
bounds alias expansion. Every problem is collected as `FILE:LINE: message. Fix: hint`, and a base
is returned only when there are none, so a broken file can never replace a working base.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

import yaml
from rapidfuzz import fuzz

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

try:  # libyaml's parser is several times faster; the pure-Python one behaves the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

REPO_ROOT = Path(__file__).resolve().parents[2]
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 20  # a pack needs 4 levels; anything deeper is a mistake or an attack
MAX_ALIAS_EXPANSION = 100_000  # extra values aliases may add to a file when written out
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STR_TAG = "tag:yaml.org,2002:str"
_RETYPED = {
    "tag:yaml.org,2002:bool": "a boolean (true/false)",
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number (float)",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "null (nothing)",
}


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        return f"{text}. Fix: {self.hint}" if self.hint else text


class FactPackError(Exception):
    """The packs could not be loaded; `problems` says where and how to fix each one."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def default_facts_dir() -> Path:
    env = os.environ.get("BOT_FACTS_DIR")
    return Path(env) if env else REPO_ROOT / "facts"


def default_seeds_dir(facts_dir: Path | None = None) -> Path:
    env = os.environ.get("BOT_SEEDS_DIR")
    if env:
        return Path(env)
    if facts_dir is not None and (facts_dir.parent / "seeds").is_dir():
        return facts_dir.parent / "seeds"
    return REPO_ROOT / "seeds"


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """The YAML files named, or found below the directories named (`_*` files skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"})
            files += [p for p in found if not p.name.startswith("_") and p.is_file()]
        else:
            files.append(path)
    return files


def load_fact_base(paths: Sequence[Path] | None = None, seeds_dir: Path | None = None) -> FactBase:
    """Read, validate and freeze the packs; raise `FactPackError` listing every problem."""
    if paths is None:
        facts_dir = default_facts_dir()
        paths = [facts_dir]
    else:
        facts_dir = next((p for p in paths if p.is_dir()), None)
    seeds = seeds_dir or default_seeds_dir(facts_dir)
    files = pack_files(paths)
    builder = _Builder(seeds)
    if not files:
        where = ", ".join(str(p) for p in paths)
        builder.problem(
            where, 1, "no fact pack found", "put *.yaml packs there or set BOT_FACTS_DIR"
        )
    for file in files:
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
    return " ".join(re.findall(r"\w+", text.casefold()))


# --------------------------------------------------------------------------------------------
# reading one file


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _TooDeep(Exception):
    pass


class _Bomb(Exception):
    pass


@dataclass
class _FileWalk:
    """Walks one file's node graph, bounding depth and alias expansion."""

    name: str
    problems: list[Problem]

    def enter(self, node: yaml.Node, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise _TooDeep(_line(node))

    def problem(self, node: yaml.Node | int, message: str, hint: str = "") -> None:
        line = node if isinstance(node, int) else _line(node)
        self.problems.append(Problem(self.name, line, message, hint))

    # typed readers: each returns None after recording a problem

    def text(
        self, node: yaml.Node, what: str, depth: int, *, allow_empty: bool = False
    ) -> str | None:
        self.enter(node, depth)
        if not isinstance(node, yaml.ScalarNode):
            shape = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            self.problem(node, f"{what} must be text, not {shape}", f"write {what}: some text")
            return None
        if node.tag != STR_TAG and not node.style:  # plain: libyaml says "", PyYAML None
            kind = _RETYPED.get(node.tag, f"a {node.tag.rsplit(':', 1)[-1]}")
            if node.tag == "tag:yaml.org,2002:null" and node.value in {"", "~"}:
                self.problem(node, f"{what} is empty", f"give {what} a value")
                return None
            self.problem(
                node,
                f"{what} {node.value!r} is read by YAML as {kind}, not as text",
                f'put it in quotes: "{node.value}"',
            )
            return None
        value = node.value.strip()
        if not value and not allow_empty:
            self.problem(node, f"{what} is empty", f"give {what} a value")
            return None
        return value

    def texts(
        self, node: yaml.Node, what: str, depth: int, *, min_items: int = 0
    ) -> list[str] | None:
        self.enter(node, depth)
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list", f"write {what}: [first, second]")
            return None
        values = [self.text(item, f"an item of {what}", depth + 1) for item in node.value]
        if len(node.value) < min_items:
            self.problem(node, f"{what} needs at least {min_items} item(s)", f"add to {what}")
            return None
        if any(v is None for v in values):
            return None
        return [v for v in values if v is not None]

    def free_mapping(
        self, node: yaml.Node, what: str, depth: int
    ) -> dict[str, tuple[yaml.ScalarNode, yaml.Node]] | None:
        """A mapping whose keys the curator names (documents); only duplicates are refused."""
        self.enter(node, depth)
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of names to entries", "write name: {...}")
            return None
        found: dict[str, tuple[yaml.ScalarNode, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = self.text(key_node, f"a key of {what}", depth + 1)
            if key is None:
                continue
            if key in found:
                first = _line(found[key][0])
                self.problem(
                    key_node,
                    f"duplicate key {key!r} in {what} (first at line {first})",
                    "YAML keeps only the last one silently; remove or rename one of them",
                )
                continue
            found[key] = (key_node, value_node)  # type: ignore[assignment]
        return found

    def mapping(
        self,
        node: yaml.Node,
        what: str,
        depth: int,
        required: Sequence[str],
        optional: Sequence[str] = (),
    ) -> dict[str, yaml.Node] | None:
        self.enter(node, depth)
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node, f"{what} must be a mapping of keys to values", "write key: value lines"
            )
            return None
        allowed = [*required, *optional]
        found: dict[str, yaml.Node] = {}
        ok = True
        for key_node, value_node in node.value:
            self.enter(key_node, depth + 1)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key == "<<":  # a merge key: a mapping reached through an alias
                self.problem(key_node, "merge keys (<<) are not supported", "write the keys out")
            elif key in found:
                self.problem(
                    key_node,
                    f"duplicate key {key!r} in {what} (first at line {_line(found[key])})",
                    "YAML keeps only the last one silently; remove or rename one of them",
                )
                found[key] = value_node  # keep reading; the problem already fails the load
            elif key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
                self.problem(key_node, f"unknown key {key!r} in {what}", hint)
            else:
                found[key] = value_node
        for key in required:
            if key not in found and ok:
                self.problem(node, f"{what} is missing the key {key!r}", f"add {key}: ...")
                ok = False
        return found if ok else None


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

    def problem(self, file: str, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, line, message, hint))

    # -- one file --------------------------------------------------------------------------

    def read_file(self, path: Path) -> None:
        name = _display(path)
        self.files.append(name)
        try:
            data = path.read_bytes()
        except OSError as error:
            self.problem(name, 1, f"cannot read the file ({error.strerror})", "check the path")
            return
        if len(data) > MAX_FILE_BYTES:
            self.problem(name, 1, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB", "split it")
            return
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            byte = data[error.start : error.start + 1].hex()
            self.problem(
                name, line, f"bad byte 0x{byte}: the file is not UTF-8", "save it as UTF-8"
            )
            return
        walk = _FileWalk(name, self.problems)
        root = self._parse(walk, text)
        if root is None:
            return
        try:
            sizes: dict[int, int] = {}
            expanded = _expanded_size(root, sizes)
            if expanded > MAX_ALIAS_EXPANSION + 10 * len(sizes):
                message = f"aliases expand {len(sizes):,} values to {expanded:,} (an alias bomb)"
                raise _Bomb(1, message)
            self._read_top(walk, root)
        except _TooDeep as deep:
            message = f"nesting deeper than {MAX_DEPTH} levels"
            walk.problem(deep.args[0], message, "flatten the file")
        except _Bomb as bomb:
            walk.problem(
                bomb.args[0], bomb.args[1], "write the values out instead of nesting aliases"
            )

    def _parse(self, walk: _FileWalk, text: str) -> yaml.Node | None:
        depth = 0
        try:
            # Scan events first: bounds nesting before any recursive composing happens.
            for event in yaml.parse(text, Loader=_Loader):
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        walk.problem(
                            event.start_mark.line + 1,
                            f"nesting deeper than {MAX_DEPTH} levels",
                            "flatten the file",
                        )
                        return None
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
            root = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else 1
            walk.problem(
                line, f"YAML syntax error: {_yaml_message(error)}", _syntax_hint(text, line, error)
            )
            return None
        except yaml.reader.ReaderError as error:  # control characters and the like
            line = text[: error.position].count("\n") + 1
            char = error.character if isinstance(error.character, str) else chr(error.character)
            walk.problem(
                line,
                f"control character {char!r} is not allowed in YAML",
                "delete it (tabs and newlines are the only control characters YAML takes)",
            )
            return None
        if root is None:
            walk.problem(1, "the file is empty", "start a pack with `facts:` (see facts/SCHEMA.md)")
        return root

    def _read_top(self, walk: _FileWalk, root: yaml.Node) -> None:
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

    def _read_film(self, walk: _FileWalk, node: yaml.Node) -> None:
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

    def _read_documents(self, walk: _FileWalk, node: yaml.Node) -> None:
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
            if doc is None:
                continue
            file_name = walk.text(doc["file"], "document file", 3)
            title = walk.text(doc["title"], "document title", 3)
            kind = walk.text(doc["kind"], "document kind", 3)
            if not (file_name and title and kind):
                continue
            path = self.seeds_dir / file_name
            if Path(file_name).name != file_name or not path.is_file():
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
            self.document_lines[key] = (walk.name, _line(key_node))
            self.documents[key] = Document(key, file_name, title, kind, text)

    def _read_aliases(self, walk: _FileWalk, node: yaml.Node) -> None:
        walk.enter(node, 1)
        if not isinstance(node, yaml.SequenceNode):
            walk.problem(node, "aliases must be a list", "start each item with `- canonical: ...`")
            return
        for item in node.value:
            alias = walk.mapping(item, "an alias", 2, ("canonical", "kind", "variants"))
            if alias is None:
                continue
            canonical = walk.text(alias["canonical"], "canonical", 3)
            kind = walk.text(alias["kind"], "alias kind", 3)
            variants = walk.texts(alias["variants"], "variants", 3)
            if kind is not None and kind not in ALIAS_KINDS:
                walk.problem(
                    alias["kind"],
                    f"unknown alias kind {kind!r}",
                    f"use one of: {', '.join(ALIAS_KINDS)}",
                )
                continue
            if canonical and kind and variants is not None:
                self.aliases.append(Alias(canonical, kind, tuple(variants)))

    # -- the whole base --------------------------------------------------------------------

    def _read_source(
        self, walk: _FileWalk, node: yaml.Node
    ) -> tuple[str, str, yaml.Node, yaml.Node] | None:
        src = walk.mapping(node, "source", 3, ("document", "quote"))
        if src is None:
            return None
        document = walk.text(src["document"], "source document", 4)
        quote = walk.text(src["quote"], "source quote", 4)
        if document is None or quote is None:
            return None
        return document, quote, src["document"], src["quote"]

    def _read_fact(self, walk: _FileWalk, node: yaml.Node) -> _Draft | None:
        fields = walk.mapping(
            node,
            "a fact",
            2,
            ("id", "category", "questions", "answer", "kind", "text", "source"),
            ("accept", "quiz", "disagrees_with"),
        )
        if fields is None:
            return None
        values = {
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
        if values["kind"] not in ANSWER_KINDS:
            walk.problem(
                fields["kind"],
                f"unknown kind {values['kind']!r}",
                f"use one of: {', '.join(ANSWER_KINDS)}",
            )
            return None
        return _Draft(walk, node, fields, values, source, quiz)

    def _read_quiz(self, walk: _FileWalk, node: yaml.Node, values: dict) -> QuizSpec | bool | None:
        """A QuizSpec, None for `quiz: false`, False after a problem."""
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            if node.value.lower() in {"false", "no", "off"}:
                return None
            walk.problem(
                node, "quiz: true does not say how to ask", "write quiz: {difficulty: easy}"
            )
            return False
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
        correct = {
            phrasing_key(a) for a in [values.get("answer") or "", *(values.get("accept") or [])]
        }
        for item in distractors:
            if phrasing_key(item) in correct:
                walk.problem(
                    quiz["distractors"], f"distractor {item!r} is a correct answer", "remove it"
                )
                return False
        if not prompt:
            first = (values.get("questions") or [""])[0]
            prompt = first[:1].upper() + first[1:]
            if prompt and not prompt.endswith("?"):
                prompt += "?"
        return QuizSpec(difficulty, tuple(dict.fromkeys(modes)), prompt, tuple(distractors))  # type: ignore[arg-type]

    def _read_quote(self, walk: _FileWalk, node: yaml.Node) -> _Draft | None:
        fields = walk.mapping(
            node, "a quote", 2, ("id", "text", "speaker", "kind", "source"), ("context",)
        )
        if fields is None:
            return None
        values = {
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
        haystack = squash_spaces(document.text)
        if squash_spaces(quote) not in haystack:
            alignment = fuzz.partial_ratio_alignment(squash_spaces(quote), haystack)
            nearest = haystack[alignment.dest_start : alignment.dest_end]
            draft.walk.problem(
                quote_node,
                f"source quote is not verbatim in {document.file}",
                f"copy it exactly; the closest passage is {nearest[:160]!r}",
            )
            return None
        return Source(document.file, quote, document.title)

    def finish(self) -> FactBase:
        facts: list[Fact] = []
        for draft in self.drafts:
            source = self._resolve_source(draft)
            if source is None:
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
                    line=_line(draft.node),
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
                    _line(draft.node),
                )
            )
        self._check_ids([(f.id, f.file, f.line) for f in facts], "fact")
        self._check_ids([(q.id, q.file, q.line) for q in quotes], "quote")
        self._check_phrasings()
        facts = self._link_disagreements(facts)
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
                here = (fact_id, draft.walk.name, _line(node))
                other_id, other_file, other_line = owner.setdefault(phrasing_key(question), here)
                if other_id != fact_id:
                    self.problem(
                        draft.walk.name,
                        _line(node),
                        f"question {question!r} of fact {fact_id!r} is also a question of"
                        f" {other_id!r} ({other_file}:{other_line})",
                        "one phrasing must lead to one fact; reword or remove one",
                    )

    def _link_disagreements(self, facts: list[Fact]) -> list[Fact]:
        ids = {f.id for f in facts}
        links: dict[str, set[str]] = {f.id: set() for f in facts}
        for fact in facts:
            for other in fact.disagrees_with:
                if other == fact.id:
                    self.problem(
                        fact.file,
                        fact.line,
                        f"fact {fact.id!r} disagrees with itself",
                        "remove its own id",
                    )
                elif other not in ids:
                    close = difflib.get_close_matches(other, list(ids), n=1)
                    hint = f"did you mean {close[0]!r}?" if close else "name an existing fact id"
                    self.problem(
                        fact.file, fact.line, f"disagrees_with names unknown fact {other!r}", hint
                    )
                else:
                    links[fact.id].add(other)
                    links[other].add(fact.id)
        return [replace(f, disagrees_with=tuple(sorted(links[f.id]))) for f in facts]


@dataclass(frozen=True, slots=True)
class _Draft:
    """A fact or quote read from one file, waiting for its source document to be resolved."""

    walk: _FileWalk
    node: yaml.Node
    fields: dict[str, yaml.Node]
    values: dict
    source: tuple[str, str, yaml.Node, yaml.Node]
    quiz: QuizSpec | None


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """Nodes the graph would have with every alias written out; refuses bombs and cycles.

    Memoised per node, so the cost is the size of the graph as written, not as expanded.
    """
    key = id(node)
    if key in sizes:
        if sizes[key] < 0:
            raise _Bomb(_line(node), "an alias refers to a node that contains it (a cycle)")
        return sizes[key]
    sizes[key] = -1
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(_expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total += sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    sizes[key] = total
    return total


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _problem_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.file, problem.line, problem.message)


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    parts = [error.context or "", error.problem or ""]
    return "; ".join(p for p in parts if p) or "cannot parse"


def _syntax_hint(text: str, line: int, error: yaml.MarkedYAMLError) -> str:
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = (error.problem or "") + (error.context or "")
    if "\t" in here or "tab" in problem or "\t" in problem:
        return "YAML indents with spaces only; replace the tab characters with spaces"
    if "quoted" in problem or "quote" in problem:
        return "close the quotation mark opened here (or escape the quote inside the text)"
    if "flow" in problem or "']'" in problem or "'}'" in problem:
        return "close the bracket [ or brace { opened here"
    if "indent" in problem or "mapping values" in problem or "block" in problem:
        return "check the indentation: keys of one mapping line up, list items start with '- '"
    return "see facts/SCHEMA.md for the expected layout"
