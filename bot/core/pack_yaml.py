"""Reading one YAML pack file safely: bytes -> text -> bounded node graph -> typed values.

We never let PyYAML construct Python values: scalars are read as the text the curator wrote, with
their line, so duplicate keys, silently retyped values (`yes`, `5.9`, `2018-04-28`, `007`),
absurd nesting and alias bombs are all reported as `FILE:LINE: message. Fix: hint`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.core.pack_paths import Problem

try:  # libyaml's parser is several times faster; the pure-Python one behaves the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
# libyaml refuses nesting past 1000 levels itself, so composing with it is bounded: the depth
# is then checked on the composed graph, without scanning the text a second time (a third of
# reading a pack). The pure-Python composer recurses without bound: its text is scanned first.
# (libyaml added that limit in 0.2.5; a PyYAML built against an older system libyaml has none)
_LIBYAML_VERSION = getattr(getattr(yaml, "_yaml", None), "get_version", lambda: (0, 0, 0))()
_BOUNDED = _Loader is not yaml.SafeLoader and tuple(_LIBYAML_VERSION) >= (0, 2, 5)

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 20  # a pack needs 4 levels; anything deeper is a mistake or an attack
MAX_ALIAS_EXPANSION = 100_000  # extra values aliases may add to a file when written out
STR_TAG = "tag:yaml.org,2002:str"
_COMMENT_AFTER = re.compile(r"\s+#[^\s#]")  # a plain value's " #43": a comment nobody meant
_RETYPED = {
    "tag:yaml.org,2002:bool": "a boolean (true/false)",
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number (float)",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "null (nothing)",
}


def node_line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class TooDeep(Exception):
    """Raised by `PackWalk.enter` past MAX_DEPTH; `args[0]` is the line."""


@dataclass
class PackWalk:
    """Walks one file's node graph, bounding depth and alias expansion."""

    name: str
    problems: list[Problem]
    lines: list[str] = field(default_factory=list)  # the file's text, to see what YAML drops

    def enter(self, node: yaml.Node, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise TooDeep(node_line(node))

    def problem(self, node: yaml.Node | int, message: str, hint: str = "") -> None:
        line = node if isinstance(node, int) else node_line(node)
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
        if not node.style and node.end_mark.line > node.start_mark.line:
            # A plain value that runs on: YAML silently joined the next line(s) into it, e.g. a
            # list item indented two spaces too far became part of the item above.
            joined = node.start_mark.line + 2
            self.problem(
                joined,
                f"line {joined} is joined into {what} of line {joined - 1} ({node.value!r})",
                "a new list item starts with '- ' lined up with the others; "
                "to write one long text over several lines, put it in quotes",
            )
            return None
        if not node.style and self._comment_cuts(node):
            self.problem(
                node,
                f"{what} stops at {node.value!r}: YAML reads the ' #' after it as a comment",
                "put the whole value in quotes to keep the # and what follows",
            )
            return None
        value: str = node.value.strip()
        if not value and not allow_empty:
            self.problem(node, f"{what} is empty", f"give {what} a value")
            return None
        return value

    def _comment_cuts(self, node: yaml.Node) -> bool:
        """A plain value followed by ` #43`-style text: a comment nobody meant (they say `# `)."""
        end = node.end_mark
        if end.line >= len(self.lines):
            return False
        return _COMMENT_AFTER.match(self.lines[end.line][end.column :]) is not None

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
                first = node_line(found[key][0])
                self.problem(
                    key_node,
                    f"duplicate key {key!r} in {what} (first at line {first})",
                    "YAML keeps only the last one silently; remove or rename one of them",
                )
                continue
            found[key] = (key_node, value_node)
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
                    f"duplicate key {key!r} in {what} (first at line {node_line(found[key])})",
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


def read_pack_file(
    path: Path, name: str, problems: list[Problem]
) -> tuple[PackWalk, yaml.Node] | None:
    """Parse one file into its node graph, or record why it cannot be read and return None."""
    walk = PackWalk(name, problems)
    try:
        data = path.read_bytes()
    except OSError as error:
        walk.problem(1, f"cannot read the file ({error.strerror})", "check the path")
        return None
    if len(data) > MAX_FILE_BYTES:
        walk.problem(1, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB", "split it")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex()
        walk.problem(line, f"bad byte 0x{byte}: the file is not UTF-8", "save it as UTF-8")
        return None
    walk.lines = text.splitlines()
    root = _parse(walk, text)
    if root is None:
        return None
    try:
        sizes: dict[int, int] = {}
        expanded = _expanded_size(root, sizes)
    except _Bomb as bomb:
        walk.problem(bomb.args[0], bomb.args[1], "write the values out instead of nesting aliases")
        return None
    except TooDeep as deep:
        walk.problem(deep.args[0], f"nesting deeper than {MAX_DEPTH} levels", "flatten the file")
        return None
    if expanded > MAX_ALIAS_EXPANSION + 10 * len(sizes):
        message = f"aliases expand {len(sizes):,} values to {expanded:,} (an alias bomb)"
        walk.problem(1, message, "write the values out instead of nesting aliases")
        return None
    return walk, root


def _parse(walk: PackWalk, text: str) -> yaml.Node | None:
    root: yaml.Node | None = None
    try:
        # Scan events first (unless libyaml bounds it): bounds nesting before any recursive
        # composing happens.
        deep = None if _BOUNDED else _too_deep_at(text, _Loader)
        if deep is None:
            root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        # libyaml (PyYAML >= 6.0.2) has a nesting limit of its own and scans ahead of the
        # parser, so its error can fire before our count does. The pure-Python scanner has no
        # such limit: recount with it, so the message says what the file really does wrong.
        deep = _too_deep_at(text, yaml.SafeLoader, quiet=True)
        if deep is None:
            mark = error.problem_mark or error.context_mark
            if error.context_mark is not None and _unclosed(error):
                mark = error.context_mark  # where the quote or bracket opens, not end of file
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
    if deep is not None:
        walk.problem(deep, f"nesting deeper than {MAX_DEPTH} levels", "flatten the file")
        return None
    if root is None:
        walk.problem(1, "the file is empty", "start a pack with `facts:` (see facts/SCHEMA.md)")
    return root


def _too_deep_at(text: str, loader: type, *, quiet: bool = False) -> int | None:
    """The line where collections first nest deeper than MAX_DEPTH, or None.

    With `quiet`, a syntax error ends the count (None): the caller reports that error instead.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH and event.start_mark is not None:  # parsed events have one
                    return int(event.start_mark.line) + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        if not quiet:
            raise
    return None


class _Bomb(Exception):
    pass


def _expanded_size(node: yaml.Node, sizes: dict[int, int], depth: int = 0) -> int:
    """Nodes the graph would have with every alias written out; refuses bombs and cycles, and
    collections nested deeper than MAX_DEPTH (`TooDeep` at the first, in the file's order, as
    a scan of the text finds it: an alias's node is counted where its anchor is).

    Memoised per node, so the cost is the size of the graph as written, not as expanded.
    """
    key = id(node)
    if key in sizes:
        if sizes[key] < 0:
            raise _Bomb(node_line(node), "an alias refers to a node that contains it (a cycle)")
        return sizes[key]
    sizes[key] = -1
    total = 1
    if isinstance(node, yaml.CollectionNode):
        depth += 1
        if depth > MAX_DEPTH:
            raise TooDeep(node_line(node))
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    else:
        children = []
    for child in children:
        if type(child) is _SCALAR:
            # a scalar counts 1 wherever it is met (nothing in it to expand, nest or cycle):
            # most nodes are, so they are counted here rather than in a call each
            sizes[id(child)] = 1
            total += 1
        else:
            total += _expanded_size(child, sizes, depth)
    sizes[key] = total
    return total


_SCALAR = yaml.ScalarNode


def _unclosed(error: yaml.MarkedYAMLError) -> bool:
    """A quote or bracket that is never closed: the parser only notices far below its start."""
    context = error.context or ""
    return "quoted scalar" in context or "flow sequence" in context or "flow mapping" in context


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
