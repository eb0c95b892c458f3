"""The buttons under a quiz question card.

A view lives exactly as long as its question: the cog ends it at the reveal (and its timeout is
the question's time limit plus a margin, in case a reveal message is lost). Each click goes to
`RoundManager.submit` (the one way in for answers), which accepts one answer per player per
question, so a double click or a click on a finished question never counts twice; the reply is
private to the clicker.
"""

from __future__ import annotations

import discord

from bot.core.quiz import OPTION_LETTERS, AnswerResult, QuestionCard
from bot.core.round_words import FEEDBACK, TRY_AGAIN
from bot.core.rounds import AnswerPort, AnswerSource, Player
from bot.discord_app import i18n
from bot.discord_app.ack import Reply, respond
from bot.discord_app.errors import handle_error
from bot.discord_app.expired import box_id, button_id
from bot.discord_app.views import BaseView, CallbackButton, Click

TIMEOUT_MARGIN = 5.0


def feedback(result: AnswerResult, locale: discord.Locale | None = None) -> str:
    """The clicker's private answer, in the clicker's language."""
    if result.status == "correct":
        return i18n.text(FEEDBACK["correct"], locale, points=result.points)
    return i18n.text(FEEDBACK[result.status], locale)


async def submit(
    port: AnswerPort, interaction: discord.Interaction, answer: str | int, source: AnswerSource
) -> AnswerResult:
    """An interaction's answer, passed to the round manager as the player who sent it."""
    assert interaction.channel_id is not None
    player = Player(interaction.user.id, interaction.user.display_name)
    return await port(interaction.channel_id, player, answer, source=source)


class QuestionView(BaseView):
    def __init__(self, card: QuestionCard) -> None:
        super().__init__(timeout=card.seconds + TIMEOUT_MARGIN)
        self.card = card

    async def end(self, correct_option: int | None = None) -> None:
        """The question closed: disable everything and mark the right option green."""
        for item in self.children:
            if isinstance(item, discord.ui.Button) and item.custom_id:
                index = _option_index(item.custom_id)
                if index is not None and index == correct_option:
                    item.style = discord.ButtonStyle.success
        await self.freeze()


def _option_index(custom_id: str) -> int | None:
    prefix, _, rest = custom_id.rpartition(":")
    return int(rest) if prefix.endswith("opt") and rest.isdigit() else None


class ChoiceView(QuestionView):
    """One button per option (A, B, C, D)."""

    def __init__(self, card: QuestionCard, port: AnswerPort, boot_id: str) -> None:
        super().__init__(card)
        self._port = port
        for index, option in enumerate(card.options):
            button = CallbackButton(
                self._callback(index),
                label=f"{OPTION_LETTERS[index]}. {option}"[:80],
                style=discord.ButtonStyle.primary,
                custom_id=button_id("quiz", boot_id, f"{card.number}:opt:{index}"),
            )
            self.add_item(button)

    def _callback(self, index: int) -> Click:
        async def callback(interaction: discord.Interaction) -> None:
            async def work() -> Reply:
                result = await submit(self._port, interaction, index, "button")
                return Reply(content=feedback(result, i18n.locale_of(interaction)))

            # Storing an award may wait on the database; the click is acknowledged in time.
            await respond(interaction, work, ephemeral=True)

        return callback

    def remove_options(self, indexes: tuple[int, ...]) -> None:
        """A hint ruled these options out."""
        for item in self.children:
            if not isinstance(item, discord.ui.Button) or not item.custom_id:
                continue
            if _option_index(item.custom_id) in indexes:
                item.disabled = True
                item.style = discord.ButtonStyle.secondary


class AnswerModal(discord.ui.Modal):
    """The typed-answer box, in the language of the player who opened it."""

    def __init__(self, port: AnswerPort, locale: discord.Locale | None, boot_id: str) -> None:
        # The box's id names this process: a box submitted after a restart gets an answer
        # (see bot.discord_app.expired), not "This interaction failed".
        super().__init__(
            title=i18n.text("Your answer", locale), custom_id=box_id("answer", boot_id)
        )
        self.answer: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(
            label=i18n.text("Answer", locale),
            custom_id="answer",
            max_length=200,
            placeholder=i18n.text("Type your answer", locale),
        )
        self.add_item(self.answer)
        self._port = port

    # discord.py's Modal.on_error takes no item, unlike the View's it overrides
    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction, error: Exception
    ) -> None:
        await handle_error(interaction, error)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        async def work() -> Reply:
            result = await submit(self._port, interaction, self.answer.value, "modal")
            locale = i18n.locale_of(interaction)
            if result.status == "wrong":  # typed answers may be tried again
                return Reply(content=i18n.text(TRY_AGAIN, locale))
            return Reply(content=feedback(result, locale))

        await respond(interaction, work, ephemeral=True)


class TypedView(QuestionView):
    """An "Answer" button that opens a text box: typed answers without the message content
    intent. With BOT_MESSAGE_CONTENT=1, answers typed in the channel count as well."""

    def __init__(
        self, card: QuestionCard, port: AnswerPort, boot_id: str, locale: discord.Locale | None
    ) -> None:
        super().__init__(card)
        self._port = port
        self._boot_id = boot_id
        self.open_answer_box.custom_id = button_id("quiz", boot_id, "answer")
        self.open_answer_box.label = i18n.text("Answer", locale)  # the card's language

    @discord.ui.button(label="Answer", style=discord.ButtonStyle.primary)
    async def open_answer_box(
        self, interaction: discord.Interaction, _button: discord.ui.Button
    ) -> None:
        box = AnswerModal(self._port, i18n.locale_of(interaction), self._boot_id)
        await interaction.response.send_modal(box)
