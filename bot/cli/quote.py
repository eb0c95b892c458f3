"""`python -m bot quote`: find a quote by its words or speaker, or get one at random.

    python -m bot quote                   # a random quote
    python -m bot quote happiness         # the best matches for the words or the speaker
    python -m bot quote rene liu --page 2 # the next matches (--limit a page, 3 by default)
    python -m bot quote --json xiaoxiao   # one JSON object: {"matched", "quotes": [...], ...}
    python -m bot quote --json -          # one query per input line, one JSON object each

Each quote in JSON has ``id``, ``text``, ``speaker``, ``context``, ``kind`` and ``source``
(``{document, quote, title}``); the object also has ``page``, ``pages`` and ``total`` (matches
in all). Exit status: 0 found, 1 nothing matched or no such page, 2 bad usage or a broken fact
pack (always 0 for ``-``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys

from bot.cli._json import quote_to_json
from bot.cli._loading import add_pack_option, load_pack_or_report, replace_undecodable
from bot.core.quotes import QuoteIndex, QuotePage, format_quote, missing_page, page_footer


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot quote",
        description="Quotes from the film and the interviews, by words or by speaker.",
    )
    parser.add_argument("query", nargs="*", help='words or a speaker; "-" reads lines of stdin')
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--limit", type=int, default=3, help="how many matches a page (default 3)")
    parser.add_argument("--page", type=int, default=1, help="which page of matches (default 1)")
    parser.add_argument("--seed", type=int, help="seed for the random quote (repeatable runs)")
    add_pack_option(parser)
    args = parser.parse_args(argv)
    if not 1 <= args.limit <= 25:
        parser.error("--limit must be between 1 and 25")
    if args.page < 1:
        parser.error("--page must be 1 or more")
    knowledge = load_pack_or_report(args.pack)
    if knowledge is None:
        return 2
    index = knowledge.quotes
    if not index.quotes:
        print("The fact pack has no quotes.", file=sys.stderr)
        return 1
    rng = random.Random(args.seed)
    if args.query == ["-"]:
        replace_undecodable(sys.stdin)
        replace_undecodable(sys.stdout)
        for line in sys.stdin:
            found = _find(index, line.strip(), args.page, args.limit, rng)
            print(_render(found, args.json), flush=True)
        return 0
    found = _find(index, " ".join(args.query), args.page, args.limit, rng)
    print(_render(found, args.json))
    return 0 if found.quotes else 1


def _find(index: QuoteIndex, query: str, page: int, per_page: int, rng: random.Random) -> QuotePage:
    if query:
        return index.page(query, page, per_page)
    return QuotePage("", (index.random(rng),), 1, 1, 1)


def _render(found: QuotePage, as_json: bool) -> str:
    if as_json:
        return json.dumps(
            {
                "matched": bool(found.quotes),
                "quotes": [quote_to_json(q) for q in found.quotes],
                "page": found.page,
                "pages": found.pages,
                "total": found.total,
            },
            ensure_ascii=False,
        )
    if not found.total:
        return f"No quote matches {found.query!r}. Try a word from the line or a speaker's name."
    if not found.exists:
        return missing_page(found)
    shown = "\n\n".join(format_quote(q) for q in found.quotes)
    footer = page_footer(found, f"--page {found.page + 1}")
    return f"{shown}\n\n{footer}" if footer else shown
