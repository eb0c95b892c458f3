"""The fact base and its /ask index, saved after a build and loaded instead of rebuilding.

    indexed = load_indexed(paths, seeds_dir, cache_dir)   # Indexed(fact_base, matcher, cached)

Building the index costs far more than starting Python; most starts (every CLI call, the
console, a restart, a `/facts-reload` of unchanged packs) would rebuild exactly what the last
one built. The cache file is keyed by everything the result depends on: the bytes of the pack
files and of the seed documents (and where they are), the source of every core module (any code
change invalidates it, no version number to forget), the files of the libraries that parse and
stem, and the Python version. A file whose key differs, that cannot be read, or that is not ours
is ignored and rebuilt; it is written to a temporary file and renamed, so a reader never sees
half of one. Deleting the folder is always safe.

A file is its format line, its key, the SHA-256 of the pickled index and that pickle. The digest
is checked before unpickling: the facts' strings and the index's numbers are saved as raw
buffers that pickle reads without looking, so a damaged byte there would otherwise load fine
and fail (or answer wrongly) at question time.

pickle runs code named by the file, so only files this module wrote into the bot's own cache
folder (created 0700, owned by this user) are read, and only once their key matches.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import gc
import hashlib
import importlib.util
import io
import operator
import os
import pickle
import sys
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.core import match_index, matching, model, text
from bot.core.fact_table import FactTable, PackedText
from bot.core.match_tables import EntryTable
from bot.core.matching import Matcher
from bot.core.model import FactBase
from bot.core.pack_paths import PackInputs, pack_inputs

FORMAT_NAME = b"us-and-them-index/"
FORMAT = FORMAT_NAME + b"4\n"  # first line of every cache file (4: a checksum of the payload)
KEEP_FILES = 16  # cache files of other pack locations kept (tests make many)
# Libraries whose code shapes the result: the YAML parser, the stemmers, the speller's distance,
# OpenCC (normalize folds Traditional Chinese with it).
LIBRARIES = ("yaml", "_yaml", "Stemmer", "snowballstemmer", "rapidfuzz", "opencc")
_CORE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Indexed:
    fact_base: FactBase
    matcher: Matcher
    cached: bool  # loaded from the cache rather than built


def load_indexed(
    paths: Sequence[Path] | None = None,
    seeds_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> Indexed:
    """The validated fact base and its matcher, from ``cache_dir`` when still valid.

    Raises what `load_fact_base` raises (`PackPathError`, `FactPackError`); with no
    ``cache_dir`` it simply builds."""
    inputs = pack_inputs(paths, seeds_dir)
    if cache_dir is None:
        return _build(inputs)
    file = cache_dir / f"index-{_location(inputs)}.pickle"
    key = cache_key(inputs)
    matcher = load_matcher(file, key)
    if matcher is not None:
        return Indexed(matcher.fact_base, matcher, cached=True)
    indexed = _build(inputs)
    save_matcher(file, key, indexed.matcher)
    return indexed


def _build(inputs: PackInputs) -> Indexed:
    # the packs' node graphs and the fact base are acyclic too: ~10% of reading the real pack
    with _collector_paused():
        from bot.core.facts import load_fact_base  # the YAML reader: only when the cache misses

        fact_base = load_fact_base(inputs=inputs)
    return Indexed(fact_base, build_matcher(fact_base), cached=False)


def build_matcher(fact_base: FactBase) -> Matcher:
    """``Matcher(fact_base)`` with the cycle collector paused (a fifth of the build at 10k)."""
    with _collector_paused():
        return Matcher(fact_base)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The index is hundreds of thousands of small acyclic objects: while they are made, every
    collection would walk all of them again for nothing. Paused for the whole process (a reload
    runs on a worker thread) for the second or so this takes; restored as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cache_key(inputs: PackInputs) -> bytes:
    """A digest of everything the fact base and its index are made from."""
    digest = hashlib.sha256(FORMAT)
    digest.update(f"{sys.implementation.cache_tag} {sys.version}\n".encode())
    # the code, and the data it ships beside it: the cached matcher holds the decision model
    # read from decision_weights.json, so retrained weights must rebuild it
    for path in sorted([*_CORE.glob("*.py"), *_CORE.glob("*.json")]):
        _add_file(digest, path.name, path)
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec and spec.origin else None
        if origin is not None:  # a reinstall changes its size or time
            stat = origin.stat()
            digest.update(f"{name} {origin} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    for file in inputs.files:
        _add_file(digest, str(file.resolve()), file)
    if inputs.seeds.is_dir():
        for file in sorted(p for p in inputs.seeds.rglob("*") if p.is_file()):
            _add_file(digest, str(file.relative_to(inputs.seeds)), file)
    return digest.hexdigest().encode()


def _add_file(digest: Any, name: str, path: Path) -> None:
    data = path.read_bytes()
    digest.update(f"{name}\0{len(data)}\0".encode())
    digest.update(data)


def _location(inputs: PackInputs) -> str:
    """One cache file per set of pack paths: a changed pack replaces its own file."""
    named = "\0".join(str(p.resolve()) for p in (*inputs.paths, inputs.seeds))
    return hashlib.sha256(named.encode()).hexdigest()[:16]


def load_matcher(file: Path, key: bytes) -> Matcher | None:
    """The matcher saved in ``file`` under ``key``; None when absent, stale, damaged or foreign
    (a damaged file is logged: a stale one is the normal sign of a change)."""
    try:
        with file.open("rb") as stream:
            if not _ours(os.fstat(stream.fileno()).st_uid, file.parent):
                return None
            first = stream.readline()
            if not first.startswith(FORMAT_NAME):
                _damaged(file, "not an index cache file")
                return None
            if first != FORMAT or stream.readline().rstrip(b"\n") != key:
                return None  # another version's file, or other packs': never unpickled
            checksum = stream.readline().rstrip(b"\n")
            start = stream.tell()
            if _checksum(stream) != checksum:  # ~0.1 s at 100,000 facts (150 MB)
                _damaged(file, "its contents do not match the checksum written with them")
                return None
            stream.seek(start)
            with _collector_paused():  # loads 2.5x faster
                matcher = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged file of ours is rebuilt, whatever is wrong with it
        _damaged(file, f"{type(error).__name__}: {error}"[:200])
        return None
    if not isinstance(matcher, Matcher):
        _damaged(file, f"it holds a {type(matcher).__name__}, not an index")
        return None
    return matcher


def _checksum(stream: io.BufferedIOBase) -> bytes:
    """The SHA-256 of the rest of ``stream``, read a piece at a time: reading the whole file
    into memory first would cost more than the hash and double the load's memory."""
    digest = hashlib.sha256()
    piece = bytearray(1 << 20)
    view = memoryview(piece)
    while size := stream.readinto(piece):
        digest.update(view[:size])
    return digest.hexdigest().encode()


def _damaged(file: Path, problem: str) -> None:
    import logging  # only here: a start with a sound cache never loads logging

    logging.getLogger(__name__).warning(
        "The index cache %s could not be read (%s); building the index again and replacing "
        "the file. Deleting the cache folder is always safe.",
        file,
        problem,
    )


def _ours(owner: int, folder: Path) -> bool:
    """Written by this user into a folder only this user can write to."""
    if not hasattr(os, "getuid"):
        return True
    mode = folder.stat().st_mode
    return owner == os.getuid() and folder.stat().st_uid == os.getuid() and not mode & 0o022


def save_matcher(file: Path, key: bytes, matcher: Matcher) -> None:
    """Save atomically; a cache that cannot be written only costs the next start a build."""
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        buffer = io.BytesIO()
        pickler = _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.pack_facts(matcher.fact_base.facts)
        pickler.dump(matcher)
        buffer.seek(0)
        header = FORMAT + key + b"\n" + _checksum(buffer) + b"\n"
        # a name of its own (not `tempfile`: its import is a few ms of a first start)
        temp = file.parent / f".index-{os.getpid()}-{os.urandom(6).hex()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(temp, flags, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header)
                out.write(buffer.getbuffer())
            os.replace(temp, file)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _prune(file.parent)
    except (OSError, pickle.PicklingError, RecursionError):
        return


def _prune(folder: Path) -> None:
    """Keep the newest ``KEEP_FILES`` cache files: every pack location tried leaves one."""
    files = sorted(folder.glob("index-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP_FILES:]:
        old.unlink(missing_ok=True)


def _mapping_proxy(items: Mapping[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(dict(items))


def _by_constructor(cls: type) -> Callable[[Any], Any] | None:
    """A reducer that saves a dataclass as its field values and loads it as its constructor
    would: a frozen slots dataclass otherwise saves and loads through `dataclasses`' own state
    functions, which look its fields up again for every object (most of a save's time). Only
    for classes whose constructor takes every field and does nothing else."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    if not all(f.init for f in dataclasses.fields(cls)) or hasattr(cls, "__post_init__"):
        return None
    getter = operator.attrgetter(*names) if len(names) > 1 else None
    if _slotted(cls, names):

        def reduce(obj: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
            values = getter(obj) if getter is not None else (getattr(obj, names[0]),)
            return _made, (cls, *values)

        return reduce

    def construct(obj: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, getter(obj) if getter is not None else (getattr(obj, names[0]),)

    return construct


def _slotted(cls: type, names: tuple[str, ...]) -> bool:
    return all(isinstance(vars(cls).get(n), types.MemberDescriptorType) for n in names)


def _made(cls: type, *values: Any) -> Any:
    """An object of the slots dataclass ``cls`` with these field values, as its constructor
    makes it, twice as fast: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, and 100,000 facts are 0.2 s of a load."""
    return _MAKERS[cls](*values)


class _Makers(dict[type, Callable[..., Any]]):
    def __missing__(self, cls: type) -> Callable[..., Any]:
        names = [f.name for f in dataclasses.fields(cls)]
        scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
        scope.update((f"_set_{n}", vars(cls)[n].__set__) for n in names)
        lines = [f"def make({', '.join(names)}):", "    obj = _new(_cls)"]
        lines += [f"    _set_{n}(obj, {n})" for n in names]  # the slot itself, no __setattr__
        exec("\n".join([*lines, "    return obj"]), scope)  # as dataclasses writes __init__
        made: Callable[..., Any] = self.setdefault(cls, scope["make"])
        return made


_MAKERS = _Makers()


def _constructed() -> dict[type, Callable[[Any], Any]]:
    """The reducers of the index's many small dataclasses (facts, phrasings, postings...)."""
    found: dict[type, Callable[[Any], Any]] = {}
    for module in (model, text, match_index, matching):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == module.__name__
                and dataclasses.is_dataclass(value)
                and "__reduce__" not in vars(value)  # it knows how to save itself
                and (reduce := _by_constructor(value)) is not None
            ):
                found[value] = reduce
    return found


def _reduce_matcher(matcher: Matcher) -> tuple[Any, ...]:
    """The matcher's attributes, with its autocomplete keys (normalised phrasings: a string
    of its own each) packed into one string, and the phrasings they show into one buffer."""
    state = dict(vars(matcher))
    keys = state.get("_complete_keys")
    if isinstance(keys, list):
        state["_complete_keys"] = PackedText.of(keys)
    shown = state.get("_complete_text")
    if isinstance(shown, list):
        state["_complete_text"] = PackedText.of(shown)
    return _matcher, (state,)


def _reduce_fact_base(base: FactBase) -> tuple[Any, ...]:
    """Saved as its constructor's arguments (its ``by_id`` is made again from the facts)."""
    fields = (base.quotes, base.aliases, base.documents, base.films, base.film_references)
    return FactBase, (base.facts, *fields, base.files)


def _matcher(state: dict[str, Any]) -> Matcher:
    matcher = Matcher.__new__(Matcher)
    vars(matcher).update(state)
    return matcher


class _Pickler(pickle.Pickler):
    """The fact base's read-only mappings are saved as their items, the dataclasses as the
    arguments of their constructor, the matcher's autocomplete keys as one string, and the
    facts (given to ``pack_facts``) as a ``FactTable``, loaded as one."""

    dispatch_table: Mapping[type, Callable[[Any], Any]] = {
        **copyreg.dispatch_table,
        MappingProxyType: lambda proxy: (_mapping_proxy, (dict(proxy),)),
        Matcher: _reduce_matcher,
        FactBase: _reduce_fact_base,
        **_constructed(),
    }

    def __init__(self, file: io.BytesIO, protocol: int) -> None:
        super().__init__(file, protocol=protocol)
        self._facts: Sequence[model.Fact] | None = None
        self._table: FactTable | None = None

    def pack_facts(self, facts: Sequence[model.Fact]) -> None:
        """Save this sequence of facts, wherever the index holds it, as one ``FactTable``."""
        self._facts = facts
        self._table = facts if isinstance(facts, FactTable) else FactTable.of(facts)

    def reducer_override(self, obj: Any) -> Any:
        # (pickle asks this of its own kinds' objects only: not of the facts' tuple itself)
        # the fact base and the index's entries hold the facts: both are given the one table
        if self._table is not None and type(obj) in (FactBase, EntryTable):
            reduce, args = _reduce_fact_base(obj) if type(obj) is FactBase else obj.__reduce__()
            if args[0] is self._facts:
                return reduce, (self._table, *args[1:])
        return NotImplemented
