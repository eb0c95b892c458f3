"""Why a source quote is not verbatim in its document, said in bounded time for any size.

`partial_ratio_alignment` is quadratic in the shorter string and holds the GIL (a 100 kB quote
took minutes and froze every thread of the bot), so it only ever sees the first
`MAX_ALIGNED_CHARS` of a quote. The rest is plain substring search, which is linear: the longest
verbatim prefix of the quote is found by halving, and the hint shows where quote and document part.
"""

from __future__ import annotations

MAX_ALIGNED_CHARS = 300  # ~20 ms against a 1 MB document; the hint needs no more
MIN_SHARED_PREFIX = 20  # a shorter common start is chance, not the passage the curator meant
SHOWN = 60  # characters of each side shown in a hint


def verbatim_prefix(quote: str, document: str) -> int:
    """Length of the longest start of ``quote`` that occurs in ``document`` (O(log n) searches)."""
    low, high = 0, min(len(quote), len(document))
    while low < high:
        middle = (low + high + 1) // 2
        if quote[:middle] in document:
            low = middle
        else:
            high = middle - 1
    return low


def quote_difference(quote: str, document: str) -> str:
    """A hint saying where a non-verbatim quote departs from the document, or what is closest."""
    shared = verbatim_prefix(quote, document)
    if shared >= MIN_SHARED_PREFIX:
        start = document.index(quote[:shared])
        agreed = quote[max(0, shared - SHOWN // 2) : shared]
        says = document[start + shared : start + shared + SHOWN]
        wrote = quote[shared : shared + SHOWN]
        if not says:
            return f"the document ends after {agreed!r} but the quote goes on with {wrote!r}"
        return (
            f"the quote matches up to {agreed!r}, then has {wrote!r} where the document has"
            f" {says!r}"
        )
    from rapidfuzz import fuzz  # only for a quote that departs early: loading packs needs none

    head = quote[:MAX_ALIGNED_CHARS]
    alignment = fuzz.partial_ratio_alignment(head, document)
    assert alignment is not None  # None only below a score_cutoff, and none is given
    nearest = document[alignment.dest_start : alignment.dest_end]
    return f"the closest passage is {nearest[:160]!r}"
