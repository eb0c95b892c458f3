"""One cog per feature, loaded by `TriviaBot.setup_hook` in this order."""

from __future__ import annotations

from discord.ext import commands

from bot.discord_app.cogs.admin import AdminCog
from bot.discord_app.cogs.ask import AskCog
from bot.discord_app.cogs.facts import FactsCog
from bot.discord_app.cogs.fairplay import FairPlayCog
from bot.discord_app.cogs.owner import OwnerCog
from bot.discord_app.cogs.quiz import QuizCog
from bot.discord_app.cogs.quote import QuoteCog
from bot.discord_app.cogs.scores import ScoresCog

COGS: tuple[type[commands.Cog], ...] = (
    AskCog,
    QuoteCog,
    QuizCog,
    ScoresCog,
    FactsCog,
    AdminCog,
    FairPlayCog,
    OwnerCog,
)
