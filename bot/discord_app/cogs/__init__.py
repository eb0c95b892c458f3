"""One cog per feature, loaded by `TriviaBot.setup_hook` in this order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord_app.cogs.admin import AdminCog
from bot.discord_app.cogs.ask import AskCog
from bot.discord_app.cogs.facts import FactsCog
from bot.discord_app.cogs.fairplay import FairPlayCog
from bot.discord_app.cogs.owner import OwnerCog
from bot.discord_app.cogs.quiz import QuizCog
from bot.discord_app.cogs.quote import QuoteCog
from bot.discord_app.cogs.scores import ScoresCog

if TYPE_CHECKING:
    from bot.discord_app.client import CogFactory

COGS: tuple[CogFactory, ...] = (
    AskCog,
    QuoteCog,
    QuizCog,
    ScoresCog,
    FactsCog,
    AdminCog,
    FairPlayCog,
    OwnerCog,
)
