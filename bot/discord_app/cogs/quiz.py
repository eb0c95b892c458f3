"""`/quiz start|hint|skip|stop` and typed answers in chat.

The rules and timers live in `bot.core.rounds.RoundManager`; this cog turns commands into its
calls, and `DiscordPresenter` turns its events into messages and buttons.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.model import Fact, QuizMode
from bot.core.quiz import NotAllowed, QuizError, RoundOptions
from bot.core.rounds import Player, RoundInProgress, RoundManager, interrupted_notice
from bot.core.storage import RoundRecord, StorageError
from bot.discord_app import i18n, render
from bot.discord_app.checks import is_moderator
from bot.discord_app.errors import NO_MENTIONS, UserFacingError
from bot.discord_app.i18n import N_
from bot.discord_app.quiz_presenter import DiscordPresenter

if TYPE_CHECKING:
    from bot.discord_app.client import TriviaBot

CHOICE_MAX = 25
log = logging.getLogger(__name__)


# What a round's messages need, by the names the Discord UI shows. In a thread Discord checks
# "Send Messages in Threads" instead of "Send Messages" (a channel can allow one and not the other).
ROUND_PERMISSIONS = {"view_channel": N_("View Channel"), "embed_links": N_("Embed Links")}
SEND_IN_CHANNEL = {"send_messages": N_("Send Messages")}
SEND_IN_THREAD = {"send_messages_in_threads": N_("Send Messages in Threads")}


def _require_bot_permissions(interaction: discord.Interaction) -> None:
    """Cards are channel messages: without these a round would run silently."""
    have = interaction.app_permissions
    in_thread = isinstance(interaction.channel, discord.Thread)
    needed = ROUND_PERMISSIONS | (SEND_IN_THREAD if in_thread else SEND_IN_CHANNEL)
    missing = [label for name, label in needed.items() if not getattr(have, name)]
    if missing:
        locale = i18n.locale_of(interaction)
        names = ", ".join(i18n.text(label, locale) for label in missing)
        if in_thread:
            raise UserFacingError(
                "I can't run a round here: I need {permissions} in this thread.", permissions=names
            )
        raise UserFacingError(
            "I can't run a round here: I need {permissions} in this channel.", permissions=names
        )


def _monotonic() -> float:
    # Looked up at call time (not bound once as a default argument), so a test's virtual clock
    # that replaces time.monotonic also drives the round timers.
    return time.monotonic()


class QuizCog(commands.Cog):
    quiz = app_commands.Group(name="quiz", description="Trivia rounds", guild_only=True)

    def __init__(self, bot: TriviaBot) -> None:
        self.bot = bot
        knowledge = bot.knowledge.current
        self.rounds = RoundManager(
            knowledge.facts,
            bot.store,
            checker=self._check,
            clock=_monotonic,
            repeat_window=None if bot.quiz_repeat_days is None else bot.quiz_repeat_days * 86400,
        )
        self._interrupted: list[RoundRecord] = []
        self.presenter = DiscordPresenter(
            bot, self.rounds.submit, chat_answers=bot.message_content, boot_id=bot.boot_id
        )

    def _check(self, fact: Fact, text: str) -> bool:
        return self.bot.knowledge.current.checker(fact, text)

    async def wind_down(self) -> None:
        """Shutdown: reveal open questions, store results and post each round's summary."""
        await self.rounds.shutdown()

    async def cog_load(self) -> None:
        # Rounds a crash left open are closed now and announced once connected (on_ready).
        try:
            # Only this cluster's servers: another cluster's open rounds are still running.
            cluster = self.bot.cluster
            self._interrupted = await self.bot.store.close_interrupted_rounds(
                console=False, owned=cluster.owns if cluster is not None else None
            )
        except StorageError as exc:
            log.error("could not close the rounds the last run left open: %s", exc)
            self._interrupted = []

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        pending, self._interrupted = self._interrupted, []
        for record in pending:
            # Told to the channel, not to one player: in the server's language.
            locale = i18n.guild_locale(self.bot.get_guild(record.guild_id))
            notice = interrupted_notice(record, i18n.translator(locale))
            try:
                await self.bot.get_partial_messageable(record.channel_id).send(
                    notice, allowed_mentions=NO_MENTIONS
                )
            except discord.HTTPException as exc:
                log.warning("could not announce interrupted round %s: %s", record.id, exc)

    # -- commands ------------------------------------------------------------------------------

    @quiz.command(name="start", description="Start a trivia round in this channel")
    @app_commands.describe(
        questions="How many questions (default: this server's setting)",
        category="Only questions from this category",
        mode="typed: type the answer; choice: pick one of four",
        difficulty="Only questions of this difficulty",
    )
    async def start(
        self,
        interaction: discord.Interaction,
        questions: app_commands.Range[int, 1, 50] | None = None,
        category: str | None = None,
        mode: QuizMode | None = None,
        difficulty: Literal["easy", "medium", "hard"] | None = None,
    ) -> None:
        assert interaction.guild_id is not None and interaction.channel_id is not None
        _require_bot_permissions(interaction)
        settings = await self.bot.store.get_settings(interaction.guild_id)
        facts = self.bot.knowledge.current.facts
        if category is not None and category not in facts.categories:
            raise UserFacingError(
                "There is no category {category}. Categories: {categories}.",
                category=render.user_text(category, 60),
                categories=", ".join(facts.categories),
            )
        options = RoundOptions(
            questions=questions or settings.round_length,
            mode=mode or settings.mode,
            seconds=settings.question_seconds,
            hints=settings.hints,
            category=category,
            difficulty=difficulty,
        )
        locale = i18n.locale_of(interaction)
        self.presenter.set_locale(interaction.channel_id, locale)
        try:
            info = await self.rounds.start(
                interaction.channel_id,
                interaction.guild_id,
                interaction.user.id,
                options,
                self.presenter,
                starter_name=interaction.user.display_name,
                facts=facts,  # the fact base of the moment; running rounds keep theirs
            )
        except RoundInProgress as exc:
            raise UserFacingError(
                "A round is already running in this channel. `/quiz stop` ends it."
            ) from exc
        except QuizError as exc:
            log.info("no round: %s", exc)  # the specifics (in English) for the log
            raise UserFacingError(
                "No questions can be asked with these options; try another category, "
                "difficulty or mode."
            ) from exc
        if info.options.mode == "choice":
            how = N_("pick a button")
        elif self.bot.message_content:
            how = N_("type your answer in the channel or use the Answer button")
        else:
            how = N_("press Answer and type it")
        await interaction.response.send_message(
            i18n.text(
                "**{name}** started a round of {count} question(s): {how}. Good luck!",
                locale,
                name=render.user_text(interaction.user.display_name, 64),
                count=info.total,
                how=i18n.text(how, locale),
            ),
            allowed_mentions=NO_MENTIONS,
        )

    @start.autocomplete("category")
    async def category_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        wanted = current.casefold()
        categories = self.bot.knowledge.current.facts.categories
        return [app_commands.Choice(name=c, value=c) for c in categories if wanted in c.casefold()][
            :CHOICE_MAX
        ]

    @quiz.command(name="hint", description="Show a hint for the open question (costs points)")
    async def hint_command(self, interaction: discord.Interaction) -> None:
        assert interaction.channel_id is not None
        self._require_round(interaction.channel_id)
        hint = await self.rounds.hint(interaction.channel_id)
        text = N_("Hint shown.") if hint else N_("No hint available now (hints off or none left).")
        await interaction.response.send_message(
            i18n.text(text, i18n.locale_of(interaction)),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @quiz.command(name="skip", description="Reveal the open question and go on")
    async def skip(self, interaction: discord.Interaction) -> None:
        assert interaction.channel_id is not None
        self._require_round(interaction.channel_id)
        try:
            skipped = await self.rounds.skip(
                interaction.channel_id, interaction.user.id, is_moderator(interaction)
            )
        except NotAllowed as exc:
            raise UserFacingError(
                "Only the player who started the round or a moderator can skip."
            ) from exc
        text = N_("Skipped.") if skipped else N_("No question is open right now.")
        await interaction.response.send_message(
            i18n.text(text, i18n.locale_of(interaction)),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @quiz.command(name="stop", description="End the round in this channel")
    async def stop(self, interaction: discord.Interaction) -> None:
        assert interaction.channel_id is not None
        self._require_round(interaction.channel_id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            await self.rounds.stop(
                interaction.channel_id, interaction.user.id, is_moderator(interaction)
            )
        except NotAllowed as exc:
            raise UserFacingError(
                "Only the player who started the round or a moderator can stop it."
            ) from exc
        await interaction.followup.send(
            i18n.text("Round stopped.", i18n.locale_of(interaction)),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    def _require_round(self, channel_id: int) -> None:
        if not self.rounds.active(channel_id):
            raise UserFacingError("No round is running here. Start one with `/quiz start`.")

    # -- answers typed in chat ----------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Typed answers in chat; only delivered with BOT_MESSAGE_CONTENT=1."""
        if message.author.bot or message.guild is None or not message.content:
            return
        if not self.rounds.active(message.channel.id):
            return
        player = Player(message.author.id, message.author.display_name)
        await self.rounds.submit(message.channel.id, player, message.content, source="chat")
