"""`/ask question`: answer from the fact base, with autocomplete and "did you mean" buttons."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.replies import Refusal
from bot.core.spoilers import HELD_BACK, ask_spoils, safe_choices
from bot.discord_app import i18n, render
from bot.discord_app.ack import Reply, respond
from bot.discord_app.open_question import closed, open_fact
from bot.discord_app.views import SuggestionsView

if TYPE_CHECKING:
    from bot.core.matching import AskResult
    from bot.core.model import Fact
    from bot.discord_app.client import TriviaBot

CHOICE_MAX = 100  # Discord's limit on a choice's name and value


class AskCog(commands.Cog):
    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot
        self._held: set[asyncio.Task[None]] = set()  # answers kept until their question closes

    @app_commands.command(name="ask", description="Ask anything about the film Us and Them")
    @app_commands.describe(question="Your question, e.g. who directed it?")
    async def ask(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 300]
    ) -> None:
        await self.answer(interaction, question)

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        suggestions = self.bot.knowledge.current.matcher.autocomplete(current, limit=25)
        suggestions = safe_choices(open_fact(self.bot, interaction.channel_id), suggestions)
        return [app_commands.Choice(name=s[:CHOICE_MAX], value=s[:CHOICE_MAX]) for s in suggestions]

    def _render(self, question: str, result: AskResult, locale: discord.Locale) -> Reply:
        """The answer embed, or an "I don't know" with "did you mean" suggestions."""
        film = self.bot.knowledge.current.matcher.film
        reply = render.worded_reply(question, result, film, locale)
        if isinstance(reply, Refusal):
            return Reply(content=render.unknown_text(question, reply))
        return Reply(embed=render.answer_embed(question, reply, locale))

    async def answer(self, interaction: discord.Interaction, question: str) -> None:
        locale = i18n.locale_of(interaction)
        running = open_fact(self.bot, interaction.channel_id)
        if running is not None:
            result = self.bot.knowledge.current.matcher.ask(question)
            if ask_spoils(running, result):

                async def held() -> Reply:
                    return Reply(content=i18n.text(HELD_BACK, locale))

                await respond(interaction, held, ephemeral=True)
                task = asyncio.create_task(
                    self._after_reveal(interaction, running, question, result)
                )
                self._held.add(task)
                task.add_done_callback(self._held.discard)
                return

        async def work() -> Reply:
            result = self.bot.knowledge.current.matcher.ask(question)
            reply = self._render(question, result, locale)
            suggestions = list(result.suggestions)[:3]
            if reply.embed is None and suggestions:
                reply.view = SuggestionsView(suggestions, self.answer, self.bot.boot_id)
            return reply

        await respond(interaction, work)

    async def _after_reveal(
        self, interaction: discord.Interaction, fact: Fact, question: str, result: AskResult
    ) -> None:
        """The held answer, privately, once the question it would have spoilt is closed."""
        assert interaction.channel_id is not None
        if not await closed(self.bot, interaction.channel_id, fact):
            return
        reply = self._render(question, result, i18n.locale_of(interaction))
        await interaction.followup.send(ephemeral=True, **reply.kwargs())
