"""Reusable views: errors go through the one handler; views disable themselves when done."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, Generic, Protocol, TypeVar

import discord

from bot.discord_app import i18n
from bot.discord_app.errors import NO_MENTIONS, handle_error
from bot.discord_app.expired import button_id
from bot.discord_app.i18n import N_


class BaseView(discord.ui.View):
    message: discord.Message | discord.InteractionMessage | None = None

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await handle_error(interaction, error)

    def disable_all(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True

    async def on_timeout(self) -> None:
        await self.freeze()

    async def freeze(self) -> None:
        """Grey the buttons out on the message, so nobody clicks a dead view."""
        self.disable_all()
        self.stop()
        if self.message is not None:
            # A deleted message or an expired token leaves nothing to grey out.
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=self)


Click = Callable[[discord.Interaction], Awaitable[None]]


class CallbackButton(discord.ui.Button[BaseView]):
    """A button that runs ``on_click`` when clicked (a method, rather than discord.py's
    `button.callback = ...`, which a type checker reads as overwriting a method)."""

    def __init__(self, on_click: Click, **options: Any) -> None:
        super().__init__(**options)
        self._on_click = on_click

    async def callback(self, interaction: discord.Interaction) -> None:
        await self._on_click(interaction)


class SuggestionsView(BaseView):
    """'Did you mean' buttons; clicking one answers that question publicly."""

    def __init__(
        self,
        suggestions: list[str],
        answer: Callable[[discord.Interaction, str], Awaitable[None]],
        boot_id: str,
        timeout: float = 120.0,
    ) -> None:
        super().__init__(timeout=timeout)
        self._answer = answer
        for index, text in enumerate(suggestions[:3]):
            button = CallbackButton(
                self._make_callback(text),
                label=text[:80],
                style=discord.ButtonStyle.secondary,
                custom_id=button_id("suggest", boot_id, str(index)),
            )
            self.add_item(button)

    def _make_callback(self, text: str) -> Click:
        async def callback(interaction: discord.Interaction) -> None:
            await self._answer(interaction, text)

        return callback


class ConfirmView(BaseView):
    """Ask the invoking user to confirm a destructive action; the action runs on the click.

    `action` returns the text that replaces the question. Anyone else's click is refused, and
    after the first click the buttons are disabled, so a double click cannot run it twice. The
    buttons carry the boot id, so a click after a restart is answered (bot.discord_app.expired).
    """

    def __init__(
        self,
        owner_id: int,
        action: Callable[[], Awaitable[str]],
        boot_id: str,
        locale: discord.Locale | None = None,
        confirm_label: str = N_("Yes"),
        timeout: float = 60.0,
    ) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self._action = action
        self._locale = locale
        self.confirm.label = i18n.text(confirm_label, locale)
        self.cancel.label = i18n.text("Cancel", locale)
        self.confirm.custom_id = button_id("confirm", boot_id, "yes")
        self.cancel.custom_id = button_id("confirm", boot_id, "cancel")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(
                i18n.text(
                    "Only the person who asked can confirm this.", i18n.locale_of(interaction)
                ),
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )
            return False
        return True

    @discord.ui.button(label="Yes", style=discord.ButtonStyle.danger)
    async def confirm(
        self, interaction: discord.Interaction, _button: discord.ui.Button[PagerView[P]]
    ) -> None:
        if self.is_finished():
            return
        self.disable_all()
        self.stop()
        text = await self._action()
        await interaction.response.edit_message(
            content=text, view=self, allowed_mentions=NO_MENTIONS
        )

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction, _button: discord.ui.Button[PagerView[P]]
    ) -> None:
        self.disable_all()
        self.stop()
        await interaction.response.edit_message(
            content=i18n.text("Cancelled; nothing changed.", self._locale),
            view=self,
            allowed_mentions=NO_MENTIONS,
        )

    async def on_timeout(self) -> None:
        self.disable_all()
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(
                    content=i18n.text("Timed out; nothing changed.", self._locale),
                    view=self,
                    allowed_mentions=NO_MENTIONS,
                )


class Paged(Protocol):
    @property
    def page(self) -> int: ...
    @property
    def pages(self) -> int: ...


P = TypeVar("P", bound=Paged)


class PagerView(BaseView, Generic[P]):
    """Previous / Next buttons under a page of a leaderboard or of quotes; each click loads
    that page."""

    def __init__(
        self,
        board: P,
        fetch: Callable[[int], Awaitable[P]],
        render_page: Callable[[P], discord.Embed],
        boot_id: str,
        locale: discord.Locale | None = None,
        timeout: float = 180.0,
    ) -> None:
        super().__init__(timeout=timeout)
        self.previous.label = i18n.text("◀ Previous", locale)
        self.next.label = i18n.text("Next ▶", locale)
        # Fixed ids (not discord.py's random ones), so a click after a restart is recognised.
        self.previous.custom_id = button_id("pager", boot_id, "previous")
        self.next.custom_id = button_id("pager", boot_id, "next")
        self._fetch = fetch
        self._render = render_page
        self._update(board)

    def _update(self, board: P) -> None:
        self.page = board.page
        self.previous.disabled = board.page <= 1
        self.next.disabled = board.page >= board.pages

    async def _show(self, interaction: discord.Interaction, number: int) -> None:
        board = await self._fetch(number)
        self._update(board)
        await interaction.response.edit_message(
            embed=self._render(board), view=self, allowed_mentions=NO_MENTIONS
        )

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: discord.Interaction, _button: discord.ui.Button[PagerView[P]]
    ) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.secondary)
    async def next(
        self, interaction: discord.Interaction, _button: discord.ui.Button[PagerView[P]]
    ) -> None:
        await self._show(interaction, self.page + 1)
