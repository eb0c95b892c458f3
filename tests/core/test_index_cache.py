"""The index cache: a second start loads what the first built, and answers exactly the same;
anything changed, damaged or not ours is rebuilt instead of trusted."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.core import index_cache
from bot.core.index_cache import load_indexed
from bot.core.matching import Matcher
from bot.eval.match_eval import load_dev_set

DIRECTOR = "who directed it"


@pytest.fixture
def pack(tmp_path: Path, repo_root: Path) -> tuple[Path, Path]:
    """A private copy of part of facts/ (the reviews: a third of the pack, quick to build) and of
    seeds/, that a test may edit."""
    shutil.copytree(repo_root / "facts", tmp_path / "facts")
    shutil.copytree(repo_root / "seeds", tmp_path / "seeds")
    for name in ("encyclopedia.yaml", "interview.yaml"):
        (tmp_path / "facts" / "us_and_them" / name).unlink()
    return tmp_path / "facts", tmp_path / "seeds"


def _answers(matcher: Matcher, questions: list[str]) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for question in questions:
        r = matcher.ask(question)
        fact = r.fact.id if r.fact else None
        ranked = [(x.entry.fact.id, x.score) for x in matcher.rank(question)]  # unrounded
        out.append((r.matched, fact, r.score, r.reply, r.suggestions, r.refusal, ranked))
    return out


def test_a_second_start_loads_the_cache_and_answers_the_same(
    tmp_path: Path, repo_root: Path
) -> None:
    facts, seeds = repo_root / "facts", repo_root / "seeds"  # the whole shipped pack
    cache = tmp_path / "cache"
    built = load_indexed([facts], seeds, cache)
    loaded = load_indexed([facts], seeds, cache)
    assert (built.cached, loaded.cached) == (False, True)
    dev = load_dev_set(repo_root / "tests" / "eval" / "dev_questions.yaml")
    questions = [q for q, _ in dev.answerable] + list(dev.refuse)
    assert _answers(loaded.matcher, questions) == _answers(built.matcher, questions)
    assert loaded.matcher.autocomplete("who") == built.matcher.autocomplete("who")
    assert loaded.fact_base.by_id.keys() == built.fact_base.by_id.keys()


def test_facts_loaded_from_the_cache_are_the_facts_read_from_the_packs(
    tmp_path: Path, repo_root: Path
) -> None:
    """The cache keeps the facts as a table, each made when first read: every field of every
    fact, its list, its contradicting and related facts, quiz cards and lookups by id come back
    as the packs say, and a fact read twice is one object (the matcher compares them so)."""
    facts, seeds, cache = repo_root / "facts", repo_root / "seeds", tmp_path / "cache"
    fresh = load_indexed([facts], seeds, cache).fact_base
    loaded = load_indexed([facts], seeds, cache).fact_base
    assert tuple(loaded.facts) == tuple(fresh.facts)
    assert loaded.facts[3] is loaded.facts[3] is loaded.by_id[fresh.facts[3].id]
    assert dict(loaded.by_id) == dict(fresh.by_id)
    assert "no-such-fact" not in loaded.by_id and loaded.by_id.get("no-such-fact") is None
    for fact in fresh.facts:
        assert loaded.group_of(fact) == fresh.group_of(fact), fact.id
        assert loaded.disagreeing(fact) == fresh.disagreeing(fact), fact.id
        assert loaded.related_to(fact) == fresh.related_to(fact), fact.id
    assert any(fresh.group_of(f) for f in fresh.facts)  # the pack has lists to compare
    assert loaded.quiz_facts == fresh.quiz_facts
    assert loaded.categories == fresh.categories
    assert loaded.facts[-2:] == fresh.facts[-2:]


def test_an_edited_pack_is_read_again(pack: tuple[Path, Path], tmp_path: Path) -> None:
    facts, seeds = pack
    cache = tmp_path / "cache"
    reply = load_indexed([facts], seeds, cache).matcher.ask(DIRECTOR).reply
    assert "credits Rene Liu as the director" in reply
    reviews = facts / "us_and_them" / "reviews.yaml"
    text = reviews.read_text(encoding="utf-8")
    reviews.write_text(text.replace("credits Rene Liu as the director", "names Rene Liu director"))
    edited = load_indexed([facts], seeds, cache)
    assert not edited.cached
    assert "names Rene Liu director" in edited.matcher.ask(DIRECTOR).reply
    assert load_indexed([facts], seeds, cache).cached  # the new build was saved in its place


def test_retrained_decision_weights_are_served_after_a_restart(
    pack: tuple[Path, Path], tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached matcher holds the answer/refuse model: new weights must not be ignored."""
    facts, seeds = pack
    cache = tmp_path / "cache"
    core = tmp_path / "core"  # a copy of bot/core whose weights this test may retrain
    shutil.copytree(repo_root / "bot" / "core", core, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(index_cache, "_CORE", core)
    load_indexed([facts], seeds, cache)
    assert load_indexed([facts], seeds, cache).cached
    weights = core / "decision_weights.json"
    weights.write_text(weights.read_text(encoding="utf-8").replace('"cut": 0.5', '"cut": 0.51'))
    assert not load_indexed([facts], seeds, cache).cached


# (damage, whether it is logged: a stale file is the normal sign of a change, not a fault)
DAMAGES = {
    # a full disk, a crash before the rename
    "truncated": (lambda data: data[: len(data) // 2], True),
    "garbage": (lambda data: b"\x80\x04garbage" * 100, True),  # not a cache file at all
    # another version of the code or the packs
    "other key": (lambda data: data.replace(data.splitlines()[1], b"0" * 64, 1), False),
    "no payload": (lambda data: b"".join(data.splitlines(keepends=True)[:2]), True),
    # a bad sector, a bit flipped on disk: most of the file is the index's raw buffers
    "one byte changed": (lambda data: _flipped(data, len(data) * 3 // 4), True),
}


def _flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def test_a_damaged_foreign_or_deleted_cache_is_rebuilt(
    pack: tuple[Path, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    facts, seeds = pack
    cache = tmp_path / "cache"
    load_indexed([facts], seeds, cache)
    (file,) = cache.glob("index-*.pickle")
    for name, (damage, logged) in DAMAGES.items():
        file.write_bytes(damage(file.read_bytes()))
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="bot.core.index_cache"):
            rebuilt = load_indexed([facts], seeds, cache)
        assert not rebuilt.cached, name
        assert rebuilt.matcher.ask(DIRECTOR).matched, name
        said = [r.getMessage() for r in caplog.records]
        assert bool(said) == logged, name
        assert all(f"The index cache {file} could not be read" in s for s in said), name
        assert load_indexed([facts], seeds, cache).cached, name  # the rebuilt one replaced it
    shutil.rmtree(cache)
    assert not load_indexed([facts], seeds, cache).cached
    assert load_indexed([facts], seeds, cache).cached  # rebuilt and saved again
    cache.chmod(0o777)  # anyone could have put a file there: never unpickle it
    assert not load_indexed([facts], seeds, cache).cached


def test_a_damaged_fact_is_caught_when_the_cache_is_read(
    pack: tuple[Path, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The facts' strings are one raw buffer that unpickles whatever it holds: a damaged byte in
    a fact's text is found when the file is read (logged, rebuilt, replaced), not when a
    question reaches that fact."""
    facts, seeds = pack
    cache = tmp_path / "cache"
    answer = load_indexed([facts], seeds, cache).matcher.ask(DIRECTOR)
    assert answer.fact is not None
    (file,) = cache.glob("index-*.pickle")
    data = file.read_bytes()
    text = answer.fact.text.encode()
    assert text in data
    file.write_bytes(data.replace(text, text[:9] + b"\xff" + text[10:]))  # not UTF-8
    with caplog.at_level(logging.WARNING, logger="bot.core.index_cache"):
        rebuilt = load_indexed([facts], seeds, cache)
    assert not rebuilt.cached
    (said,) = [r.getMessage() for r in caplog.records]
    assert f"The index cache {file} could not be read" in said
    again = rebuilt.matcher.ask(DIRECTOR)
    assert (again.fact, again.reply) == (answer.fact, answer.reply)
    reloaded = load_indexed([facts], seeds, cache)  # the rebuilt file replaced it
    assert reloaded.cached
    assert reloaded.matcher.ask(DIRECTOR).reply == answer.reply


def test_an_unwritable_cache_folder_only_costs_a_build(
    pack: tuple[Path, Path], tmp_path: Path
) -> None:
    facts, seeds = pack
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    indexed = load_indexed([facts], seeds, blocked / "cache")
    assert not indexed.cached
    assert indexed.matcher.ask(DIRECTOR).matched
