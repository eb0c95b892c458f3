"""What a quiz round shows in Discord: the `Presenter` that `RoundManager` reports to.

One question card per channel, with its view (buttons or the Answer box); the view ends when the
question is revealed. Output only: the views pass clicks and typed answers straight to the
round manager's one way in for answers (`RoundManager.submit`), never through here.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from datetime import timedelta

import discord

from bot.core.quiz import AnswerResult, Hint, QuestionCard, Reveal, Summary
from bot.core.rounds import AnswerPort
from bot.discord_app import i18n, render
from bot.discord_app.errors import NO_MENTIONS
from bot.discord_app.i18n import N_
from bot.discord_app.quiz_views import ChoiceView, QuestionView, TypedView
from bot.discord_app.reports import report_view

LATE_CARD_SECONDS = 1.0  # a card post slower than this gets its shown deadline corrected


class DiscordPresenter:
    def __init__(
        self, client: discord.Client, answers: AnswerPort, chat_answers: bool, boot_id: str
    ) -> None:
        self._client = client
        self._boot_id = boot_id  # marks this process's buttons (see bot.discord_app.expired)
        self._answers = answers  # handed to each question's view, which passes answers on
        self._chat_answers = chat_answers  # typed answers in the channel are read too
        self._locales: dict[int, discord.Locale] = {}  # channel -> the round's language
        self._views: dict[int, QuestionView] = {}  # channel -> the open question's view
        self._edits: set[asyncio.Task[None]] = set()  # deadline corrections under way

    def _channel(self, channel_id: int) -> discord.PartialMessageable:
        return self._client.get_partial_messageable(channel_id)

    def set_locale(self, channel_id: int, locale: discord.Locale) -> None:
        """The language of the next round's messages here: that of the player who started it."""
        self._locales[channel_id] = locale

    def _locale(self, channel_id: int) -> discord.Locale | None:
        """The round's language, else the server's (a round nobody here started)."""
        locale = self._locales.get(channel_id)
        if locale is None:
            channel = self._client.get_channel(channel_id)
            locale = i18n.guild_locale(getattr(channel, "guild", None))
        return locale

    async def question(self, channel_id: int, card: QuestionCard) -> None:
        view: QuestionView
        locale = self._locale(channel_id)
        if card.mode == "choice":
            view, how = ChoiceView(card, self._answers, self._boot_id), N_("pick one")
        else:
            view, how = TypedView(card, self._answers, self._boot_id, locale), N_("press Answer")
            if self._chat_answers:
                how = N_("type it here or press Answer")
        how = i18n.text(how, locale)
        ends_at = discord.utils.utcnow() + timedelta(seconds=card.seconds)
        self._views[channel_id] = view
        posting = time.monotonic()
        message = await self._channel(channel_id).send(
            embed=render.question_embed(card, ends_at, how, locale),
            view=view,
            allowed_mentions=NO_MENTIONS,
        )
        view.message = message
        if time.monotonic() - posting > LATE_CARD_SECONDS:
            # The round's clock starts once this returns; show players that deadline, not the
            # one the slow (rate-limited) post was prepared with. Cosmetic, so off the clock.
            ends_at = discord.utils.utcnow() + timedelta(seconds=card.seconds)
            embed = render.question_embed(card, ends_at, how, locale)
            task = asyncio.create_task(self._edit_quietly(message, embed))
            self._edits.add(task)
            task.add_done_callback(self._edits.discard)

    @staticmethod
    async def _edit_quietly(message: discord.Message, embed: discord.Embed) -> None:
        with contextlib.suppress(discord.HTTPException):
            await message.edit(embed=embed)

    async def hint(self, channel_id: int, hint: Hint) -> None:
        view = self._views.get(channel_id)
        number = view.card.number if view else 0
        if isinstance(view, ChoiceView) and hint.removed_options and view.message is not None:
            view.remove_options(hint.removed_options)
            await view.message.edit(view=view)
        await self._channel(channel_id).send(
            render.hint_text(number, hint, self._locale(channel_id)), allowed_mentions=NO_MENTIONS
        )

    async def correct(self, channel_id: int, result: AnswerResult) -> None:
        if not result.saved:  # the store gave up: count it where admins will look
            metrics = getattr(self._client, "metrics", None)
            if metrics is not None:
                metrics.store_error("award")
        await self._channel(channel_id).send(
            render.correct_text(result, self._locale(channel_id)), allowed_mentions=NO_MENTIONS
        )

    async def reveal(self, channel_id: int, reveal: Reveal) -> None:
        locale = self._locale(channel_id)
        view = self._views.pop(channel_id, None)
        if view is not None:
            await view.end(reveal.correct_option)
        await self._channel(channel_id).send(
            embed=render.reveal_embed(reveal, locale),
            view=report_view(reveal.fact.id, locale),
            allowed_mentions=NO_MENTIONS,
        )

    async def summary(self, channel_id: int, summary: Summary) -> None:
        view = self._views.pop(channel_id, None)
        if view is not None:
            await view.end()
        await self._channel(channel_id).send(
            embed=render.summary_embed(summary, self._locale(channel_id)),
            allowed_mentions=NO_MENTIONS,
        )
