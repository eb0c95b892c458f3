"""Where fact packs are read from: the paths named, the pack files below them, the seeds folder.

Kept apart from the YAML reading (``facts``, ``pack_yaml``) so that a start which finds its index
in the cache (``index_cache``) knows what the packs are without importing a YAML parser.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


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


class PackPathError(FactPackError):
    """A pack or seeds path named by the user cannot be used (missing, too long, forbidden)."""


MAX_SHOWN_PATH = 120  # a longer path is shown by its ends, so an error stays one readable line


def shown_path(path: Path | str) -> str:
    text = str(path)
    if len(text) <= MAX_SHOWN_PATH:
        return text
    return f"{text[:50]}...{text[-50:]} ({len(text)} characters)"


def path_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read, in words, or None when it exists."""
    try:
        path.stat()
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as error:  # "File name too long", "Permission denied", ...
        return (error.strerror or type(error).__name__).lower()
    except ValueError:
        return "the path contains a null character"
    return None


def is_dir(path: Path) -> bool:
    return path_problem(path) is None and path.is_dir()


def default_facts_dir() -> Path:
    """The checkout's packs; a configured folder (BOT_FACTS_DIR) is passed in by the caller."""
    return REPO_ROOT / "facts"


def default_seeds_dir(facts_dir: Path | None = None) -> Path:
    """`seeds/` beside ``facts_dir``, else the checkout's (BOT_SEEDS_DIR: passed by the caller)."""
    if facts_dir is not None and is_dir(facts_dir.parent / "seeds"):
        return facts_dir.parent / "seeds"
    return REPO_ROOT / "seeds"


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """The YAML files named, or found below the directories named (`_*` files skipped)."""
    files: list[Path] = []
    for path in paths:
        if is_dir(path):
            found = sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"})
            files += [p for p in found if not p.name.startswith("_") and p.is_file()]
        else:
            files.append(path)
    return files


def check_paths(paths: Sequence[Path], seeds_dir: Path | None = None) -> None:
    """Raise `PackPathError` (one problem per path) unless every path named can be read."""
    problems = [
        Problem(shown_path(path), 1, f"{why}", "check the path")
        for path in paths
        if (why := path_problem(path)) is not None
    ]
    if seeds_dir is not None and (why := path_problem(seeds_dir)) is not None:
        problems.append(
            Problem(
                shown_path(seeds_dir),
                1,
                f"seeds folder: {why}",
                "name the folder of source documents (the repository's seeds/)",
            )
        )
    if problems:
        raise PackPathError(problems)


@dataclass(frozen=True, slots=True)
class PackInputs:
    """What a load reads: the paths named, the pack files found below them, the seeds folder."""

    paths: tuple[Path, ...]
    files: tuple[Path, ...]
    seeds: Path


def pack_inputs(paths: Sequence[Path] | None = None, seeds_dir: Path | None = None) -> PackInputs:
    """The files a load would read; raise `PackPathError` if a path named cannot be used."""
    facts_dir: Path | None
    if paths is None:
        facts_dir = default_facts_dir()
        paths = [facts_dir]
    else:
        facts_dir = next((p for p in paths if is_dir(p)), None)
    check_paths(paths)
    seeds = seeds_dir or default_seeds_dir(facts_dir)
    check_paths([], seeds)
    return PackInputs(tuple(paths), tuple(pack_files(paths)), seeds)
