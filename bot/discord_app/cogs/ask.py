"""`/ask question`: answer from the fact base, with autocomplete and "did you mean" buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app import render
from bot.discord_app.ack import Reply, respond
from bot.discord_app.views import SuggestionsView

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot

CHOICE_MAX = 100  # Discord's limit on a choice's name and value


class AskCog(commands.Cog):
    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot

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
        return [app_commands.Choice(name=s[:CHOICE_MAX], value=s[:CHOICE_MAX]) for s in suggestions]

    async def answer(self, interaction: discord.Interaction, question: str) -> None:
        async def work() -> Reply:
            result = self.bot.knowledge.current.matcher.ask(question)
            if result.matched and result.fact is not None:
                embed = render.answer_embed(question, result)
                return Reply(embed=embed)
            suggestions = list(result.suggestions)[:3]
            text = render.unknown_text(question, result.refusal, suggestions)
            if not suggestions:
                return Reply(content=text)
            return Reply(
                content=text, view=SuggestionsView(suggestions, self.answer, self.bot.boot_id)
            )

        await respond(interaction, work)
