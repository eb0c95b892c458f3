"""The pack's ``heads`` and ``marks`` of an alias (see descriptions.py), checked as they are
read: a bad entry is reported at its line with how to fix it, and the pack does not load."""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from bot.core.descriptions import FUNCTION_WORDS, HEAD_CLASSES
from bot.core.pack_yaml import PackWalk
from bot.core.text import normalize

_MAX_HEAD_WORDS = 2


def read_described(
    walk: PackWalk, item: yaml.Node, alias: Mapping[str, yaml.Node]
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """An alias's ``heads`` and ``marks`` as the pack gives them (both or neither), checked;
    None after recording a problem."""
    heads = walk.texts(alias["heads"], "heads", 3) if "heads" in alias else []
    marks = walk.texts(alias["marks"], "marks", 3) if "marks" in alias else []
    if heads is None or marks is None:
        return None
    ok = True
    if heads and not marks:
        walk.problem(
            alias["heads"],
            "heads without marks: every phrase with such a head would be read as this alias",
            "add marks: [words the documents use of it, e.g. short, 7/10]",
        )
        ok = False
    if marks and not heads:
        walk.problem(
            alias["marks"],
            "marks without heads: a mark is only read on a phrase with one of its heads",
            f"add heads: [a class ({', '.join(HEAD_CLASSES)}) or a noun of its own]",
        )
        ok = False
    for head, node in zip(heads, _items(alias.get("heads")), strict=False):
        if head.lower() not in HEAD_CLASSES and len(normalize(head).split()) > _MAX_HEAD_WORDS:
            walk.problem(
                node,
                f"head {head!r} is not a noun: a head is what the thing is called "
                f"(one or two words) or a class",
                f"use a class ({', '.join(HEAD_CLASSES)}) or a noun such as 'official'",
            )
            ok = False
    for mark, node in zip(marks, _items(alias.get("marks")), strict=False):
        words = normalize(mark).split()
        if all(w in FUNCTION_WORDS for w in words):
            walk.problem(
                node,
                f"mark {mark!r} has no word of its own: it would fit nearly every phrase",
                "use a word the documents use of it (short, blog, photography, ticketing)",
            )
            ok = False
    return (tuple(heads), tuple(marks)) if ok else None


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []
