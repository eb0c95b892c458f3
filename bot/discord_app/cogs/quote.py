"""`/quote [query] [page]`: quotes from the film or its makers, by words or speaker, a page of
matches at a time with Previous / Next buttons (as the leaderboard); one at random without."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.model import Fact
from bot.core.quotes import QuotePage, missing_page
from bot.core.spoilers import HELD_QUOTE, quote_spoils, safe_random
from bot.discord_app import i18n, render
from bot.discord_app.errors import NO_MENTIONS
from bot.discord_app.open_question import open_fact
from bot.discord_app.views import PagerView

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot


def no_match(query: str, locale: discord.Locale) -> str:
    return i18n.text(
        "No quote matches {query}. Try a speaker (xiaoxiao, jianqing, rene liu) or a word "
        "from the line.",
        locale,
        query=render.user_text(query, 100),
    )


class QuoteCog(commands.Cog):
    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot
        self._rng = random.Random()

    @app_commands.command(name="quote", description="A quote from Us and Them or its makers")
    @app_commands.describe(
        query="Words from the quote or a speaker, e.g. xiaoxiao",
        page="Page number",
    )
    async def quote(
        self,
        interaction: discord.Interaction,
        query: app_commands.Range[str, 1, 200] | None = None,
        page: app_commands.Range[int, 1, 100] = 1,
    ) -> None:
        index = self.bot.knowledge.current.quotes
        running = open_fact(self.bot, interaction.channel_id)
        locale = i18n.locale_of(interaction)
        if query is not None and query.strip():
            await self._pages(interaction, query, page, running, locale)
            return
        found = safe_random(index, self._rng, running) if index.quotes else None
        random_held = found is None and running is not None and not (query or "").strip()
        if random_held or (found is not None and quote_spoils(running, found)):
            await interaction.response.send_message(
                i18n.text(HELD_QUOTE, locale), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        if found is None:
            await interaction.response.send_message(
                no_match(query or "", locale), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        await interaction.response.send_message(
            embed=render.quote_embed(found, locale), allowed_mentions=NO_MENTIONS
        )

    async def _pages(
        self,
        interaction: discord.Interaction,
        query: str,
        number: int,
        running: Fact | None,
        locale: discord.Locale,
    ) -> None:
        index = self.bot.knowledge.current.quotes
        found = index.page(query, number)
        problem = ""
        if not found.total:
            problem = no_match(query, locale)
        elif not found.exists:
            problem = render.user_text(missing_page(found, i18n.translator(locale)), 300)
        elif all(quote_spoils(running, q) for q in found.quotes):
            problem = i18n.text(HELD_QUOTE, locale)
        if problem:
            await interaction.response.send_message(
                problem, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return

        def show(shown: QuotePage) -> discord.Embed:
            # A quote that would give away the open quiz question is left off its page.
            safe = tuple(q for q in shown.quotes if not quote_spoils(running, q))
            held = len(safe) < len(shown.quotes)
            return render.quote_page_embed(shown, safe, held=held, locale=locale)

        async def fetch(wanted: int) -> QuotePage:
            return index.page(query, wanted)

        if found.pages == 1:
            await interaction.response.send_message(embed=show(found), allowed_mentions=NO_MENTIONS)
            return
        view = PagerView(found, fetch, show, self.bot.boot_id, locale)
        await interaction.response.send_message(
            embed=show(found), view=view, allowed_mentions=NO_MENTIONS
        )
        view.message = await interaction.original_response()
