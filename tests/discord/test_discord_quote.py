"""/quote pages: several matches a page, Previous / Next buttons, a page past the last said."""

from __future__ import annotations

import pytest
from discord_helpers import World

from bot.core.model import FactBase
from bot.core.quotes import QuoteIndex

pytestmark = pytest.mark.simcord(shard_count=1, settle_timeout=2.0)


def shown_text(embed: object) -> str:
    return "\n".join(f"{f.name}\n{f.value}" for f in embed.fields)  # type: ignore[attr-defined]


async def test_quote_shows_a_page_of_matches_and_next_shows_the_next(
    world: World, fact_base: FactBase
) -> None:
    index = QuoteIndex(fact_base)
    first, second = index.page("rene liu", 1), index.page("rene liu", 2)
    assert first.pages >= 2 and len(first.quotes) >= 2

    result = await world.alice.slash(world.channel, "quote", query="rene liu")

    embed = result.response.embeds[0]
    assert all(q.text[:60] in shown_text(embed) for q in first.quotes)
    assert embed.footer.text == f"page 1/{first.pages} · {first.total} quotes"
    clicked = await world.bob.click(result.response.message, label="Next ▶")
    page2 = clicked.response.embeds[0]
    assert all(q.text[:60] in shown_text(page2) for q in second.quotes)
    assert not any(q.text[:60] in shown_text(page2) for q in first.quotes)
    assert page2.footer.text.startswith("page 2/")


async def test_quote_page_option_and_a_page_past_the_last(
    world: World, fact_base: FactBase
) -> None:
    pages = QuoteIndex(fact_base).page("rene liu").pages

    last = await world.alice.slash(world.channel, "quote", query="rene liu", page=pages)
    past = await world.bob.slash(world.channel, "quote", query="rene liu", page=pages + 1)

    assert last.response.embeds[0].footer.text.startswith(f"page {pages}/{pages}")
    assert past.ephemeral
    assert f"There are only {pages} pages of quotes for" in past.response.content
