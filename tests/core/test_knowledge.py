"""The knowledge bundle every front end serves from, and its reload that never half-swaps."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.facts import load_fact_base
from bot.core.knowledge import Knowledge, KnowledgeHolder, load_knowledge
from bot.core.model import FactBase
from bot.core.pack_paths import FactPackError


def test_the_bundle_answers_quotes_and_checks_from_one_fact_base(fact_base: FactBase) -> None:
    knowledge = Knowledge(fact_base)
    director = fact_base.by_id["director"]

    assert knowledge.matcher.ask("who directed it").fact == director
    assert knowledge.checker(director, "Rene Liu") and not knowledge.checker(director, "Jackie")
    assert knowledge.quotes.page("happiness", 1).quotes
    assert knowledge.matcher.fact_base is knowledge.facts


def test_a_loaded_bundle_brings_its_cached_matcher(repo_root: Path, tmp_path: Path) -> None:
    paths = [repo_root / "facts"]
    first = load_knowledge(paths, repo_root / "seeds", tmp_path / "cache")
    second = load_knowledge(paths, repo_root / "seeds", tmp_path / "cache")

    assert second.matcher.ask("who directed it").fact == first.matcher.ask("who directed it").fact
    assert second.matcher.fact_base is second.facts


async def test_a_broken_pack_leaves_the_old_bundle_serving(
    repo_root: Path, tmp_path: Path, fact_base: FactBase
) -> None:
    packs = tmp_path / "facts"
    shutil.copytree(repo_root / "facts", packs)
    holder = KnowledgeHolder(
        Knowledge.build(fact_base), lambda: load_fact_base([packs], repo_root / "seeds")
    )
    served = holder.current
    pack = next(packs.rglob("pack.yaml"))
    pack.write_text(pack.read_text(encoding="utf-8") + "\n  - [broken\n", encoding="utf-8")

    with pytest.raises(FactPackError):
        await holder.reload()
    assert holder.current is served

    shutil.copy(repo_root / "facts" / pack.relative_to(packs), pack)
    fresh = await holder.reload()
    assert holder.current is fresh is not served
    assert fresh.matcher.ask("who directed it").fact == fresh.facts.by_id["director"]
