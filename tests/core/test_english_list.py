"""The index build looks up only the pack's capitalised words in the English word list (loading
the list whole cost every build 0.6 s and 20 MB): what it finds is what the whole list says, so
"hong" and "cannes" stay names and "year" and "awards" stay English."""

from __future__ import annotations

import pytest

from bot.core import english
from bot.core.answer_types import RARE


@pytest.mark.parametrize("least", [english.COMMON, RARE, 100_000])
def test_words_looked_up_alone_are_as_frequent_as_the_whole_list_says(least: int) -> None:
    counts = english.counts()
    words = {*counts, "hong", "kong", "cannes", "jianqing", "zürich", "year", "awards", "qqzx"}
    expected = {w for w in words if counts.get(w, 0) >= least}
    assert english.frequent(words, least) == expected
    if least == RARE:  # what the pack's names are told by
        assert {"year", "awards"} <= expected and not {"hong", "cannes"} & expected
