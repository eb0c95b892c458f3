"""The asyncio driver of quiz rounds: one task per channel, events reported to a Presenter.

No Discord here: the Discord cog and the console both implement `Presenter` and call a shared
`RoundManager`. The API::

    manager = RoundManager(fact_base, store, checker=AnswerChecker(fact_base))
    info = await manager.start(channel_id, guild_id, starter_id, options, presenter,
                               starter_name="Ann")           # RoundInProgress / QuizError
                                   # (ScoresUnavailable, a QuizError: the store cannot record it)
    result = await manager.submit(channel_id, Player(user_id, "Ann"), "Rene Liu",
                                  source="chat")      # typed text: chat, the Answer box, console
    result = await manager.submit(channel_id, player, 2, source="button")  # an option chosen
    hint = await manager.hint(channel_id)                    # None: no hint available
    await manager.skip(channel_id, user_id, is_moderator)    # NotAllowed unless starter/moderator
    await manager.stop(channel_id, user_id, is_moderator)
    await manager.wait(channel_id)                           # until that round has ended
    await manager.shutdown()                                 # stop every round, announce why
    text = interrupted_notice(record)  # for a round ScoreStore.close_interrupted_rounds closed
    await manager.start(..., facts=reloaded)  # a round draws from the base it is started with

Input and output are separate. Every answer, whatever the front end (a button, the Answer box,
a chat message, the console), goes through ``submit``, which returns an `AnswerResult` (status
"closed" when no question is open). A `Presenter` only shows what happened; its methods are
typed and called in this order per question: ``question(channel_id, card)``,
``hint(channel_id, hint)`` (any number), ``correct(channel_id, result)`` (the award is already
committed when this is called, or ``result.saved`` is False: the store waited out another
process's lock for ``busy_seconds`` and gave up, and the summary leaves that award out),
``reveal(channel_id, reveal)`` (answer + source quote), and once per round
``summary(channel_id, summary)``. A presenter that raises is logged and the round goes
on: a failed message must not lose anyone's points.

Timers: ``time_scale`` divides every wait (20 s questions last 0.2 s with ``time_scale=100``)
while scores still use game seconds, so tests and benchmarks run fast with real behaviour.
Scores: each correct answer is committed with ``ScoreStore.record_award`` before ``submit``
returns; questions tried but not won are counted at the reveal; the ranking is stored
when the round ends.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol, TypeVar

from bot.core import log_context
from bot.core.choices import ChoiceBuilder
from bot.core.model import Fact, FactBase
from bot.core.quiz import (
    AnswerResult,
    EndReason,
    Hint,
    NotAllowed,
    QuestionCard,
    QuizError,
    QuizRound,
    Reveal,
    RoundOptions,
    Standing,
    Summary,
)
from bot.core.store_contract import (
    RoundRecord,
    RoundResult,
    ScoreStoreContract,
    StorageError,
)
from bot.l10n import N_, Translator, english

__all__ = [
    "AnswerPort",
    "AnswerSource",
    "NotAllowed",
    "Player",
    "Presenter",
    "RoundInProgress",
    "RoundInfo",
    "RoundManager",
    "ScoresUnavailable",
    "interrupted_notice",
]

log = logging.getLogger(__name__)

PAUSE_SECONDS = 3.0  # game seconds between a reveal and the next question


class _Wake:
    """An Event a round task sleeps on until a deadline; cheaper than ``wait_for(event.wait())``,
    which costs a task and a cancellation per sleep (it matters with a thousand rounds).

    The timer is shaped exactly like ``asyncio.sleep``'s (a ``_set_result_unless_cancelled``
    call on the waiting future), so harnesses that fast-forward sleeps, such as simcord,
    recognise it. ``is_set`` and ``_waiters`` mirror ``asyncio.Event``.
    """

    def __init__(self) -> None:
        self._set = False
        self._waiters: list[asyncio.Future[None]] = []

    def is_set(self) -> bool:
        return self._set

    def set(self) -> None:
        self._set = True
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)

    def clear(self) -> None:
        self._set = False

    async def sleep(self, delay: float) -> None:
        """Sleep ``delay`` real seconds, or less if woken (at once if already set)."""
        if self._set or delay <= 0:
            return
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        timer = loop.call_later(delay, _set_result_unless_cancelled, waiter, None)
        self._waiters.append(waiter)
        try:
            await waiter
        finally:
            timer.cancel()
            self._waiters.remove(waiter)


def _set_result_unless_cancelled(waiter: asyncio.Future[None], result: None) -> None:
    if not waiter.done():
        waiter.set_result(result)


class RoundInProgress(RuntimeError):
    """A channel already has a round; one at a time per channel."""


class ScoresUnavailable(QuizError):
    """The score database cannot record a new round now (locked, read-only, ...)."""


_UNAVAILABLE = {
    "locked": "is busy (locked by another program)",
    "read-only": "is read-only",
    "closed": "is closed",
}


# Where an answer came from: for the log; every source is judged by the same rules.
AnswerSource = Literal["button", "modal", "chat", "console"]


@dataclass(frozen=True, slots=True)
class Player:
    """Who answers: the id scores are kept under, the name shown."""

    id: int
    name: str


class AnswerPort(Protocol):
    """`RoundManager.submit`, as front ends that only pass answers on see it."""

    async def __call__(
        self, channel_id: int, player: Player, answer: str | int, *, source: AnswerSource
    ) -> AnswerResult: ...


class Presenter(Protocol):
    """What a front end shows; output only (answers come in through `RoundManager.submit`).
    Every method may be slow (network); none may block the loop."""

    async def question(self, channel_id: int, card: QuestionCard) -> None:
        """A question opened (its clock starts once this returns)."""

    async def hint(self, channel_id: int, hint: Hint) -> None:
        """A hint was given, at half time or on request."""

    async def correct(self, channel_id: int, result: AnswerResult) -> None:
        """Someone won the question (the award is stored, or ``result.saved`` is False)."""

    async def reveal(self, channel_id: int, reveal: Reveal) -> None:
        """The question closed: its answer and source."""

    async def summary(self, channel_id: int, summary: Summary) -> None:
        """The round ended: why, and the ranking."""


_Shown = TypeVar("_Shown")


@dataclass(frozen=True, slots=True)
class RoundInfo:
    round_id: int | None  # id in the score store (None without a store)
    channel_id: int
    guild_id: int
    starter_id: int
    options: RoundOptions  # with the seed actually used
    total: int  # questions drawn (may be fewer than asked for when the pack is small)


@dataclass(slots=True)
class _Game:
    info: RoundInfo
    rules: QuizRound
    presenter: Presenter
    wake: _Wake = field(default_factory=lambda: _Wake())
    # Cleared while a correct answer is being stored and announced, so the reveal waits for it.
    award_done: asyncio.Event = field(default_factory=asyncio.Event)
    end_reason: EndReason | None = None
    task: asyncio.Task[None] | None = None
    unsaved: list[tuple[int, int]] = field(default_factory=list)  # (user, points) not stored
    announcing: set[asyncio.Task[None]] = field(default_factory=set)  # "X got it" on its way


class RoundManager:
    """Runs rounds in many channels at once, one per channel."""

    def __init__(
        self,
        fact_base: FactBase,
        store: ScoreStoreContract | None,
        *,
        checker: Callable[[Fact, str], bool],
        time_scale: float = 1.0,
        pause_seconds: float = PAUSE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        repeat_window: float | None = None,
    ) -> None:
        """``repeat_window``: seconds after which a question asked in a channel may come again
        there even before the others are used up (None: only once all are used up)."""
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self._repeat_window = repeat_window
        self.fact_base = fact_base
        self.store = store
        self._check = checker
        self._scale = time_scale
        self._pause = pause_seconds
        self._clock = clock
        self._origin = clock()
        self._games: dict[int, _Game] = {}
        self._choices: tuple[FactBase, ChoiceBuilder] | None = None

    @property
    def time_scale(self) -> float:
        return self._scale

    def now(self) -> float:
        """Game time: real seconds since start, times the time scale."""
        return (self._clock() - self._origin) * self._scale

    async def _sleep_until(self, game: _Game, deadline: float) -> None:
        """Sleep until game time ``deadline`` or until the round is woken by a player."""
        await game.wake.sleep((deadline - self.now()) / self._scale)

    def _choice_builder(self, facts: FactBase) -> ChoiceBuilder:
        """One builder per fact base (a reload brings a new one), kept for the next round."""
        if self._choices is None or self._choices[0] is not facts:
            self._choices = (facts, ChoiceBuilder(facts.facts, self._check))
        return self._choices[1]

    # -- starting and controlling ---------------------------------------------------------------

    def active(self, channel_id: int) -> bool:
        return channel_id in self._games

    def info(self, channel_id: int) -> RoundInfo | None:
        game = self._games.get(channel_id)
        return game.info if game else None

    def current(self, channel_id: int) -> QuestionCard | None:
        game = self._games.get(channel_id)
        return game.rules.current if game else None

    @property
    def channels(self) -> tuple[int, ...]:
        return tuple(self._games)

    async def start(
        self,
        channel_id: int,
        guild_id: int,
        starter_id: int,
        options: RoundOptions,
        presenter: Presenter,
        *,
        starter_name: str = "",
        facts: FactBase | None = None,
    ) -> RoundInfo:
        """Start a round in a channel, its questions drawn from ``facts`` (default: the fact
        base the manager was made with); a later reload leaves the round its facts. Raises
        RoundInProgress, or QuizError for bad options."""
        facts = facts or self.fact_base
        if channel_id in self._games:
            raise RoundInProgress("a round is already running in this channel; stop it first")
        # A given seed replays exactly its round; otherwise the channel's history is avoided.
        asked = await self._asked_before(channel_id) if options.seed is None else {}
        seed = options.seed if options.seed is not None else secrets.randbits(32)
        options = replace(options, seed=seed)
        rules = QuizRound.create(
            facts,
            options,
            rng=random.Random(seed),
            checker=self._check,
            starter_id=starter_id,
            choices=self._choice_builder(facts),
            asked=asked,
        )
        if channel_id in self._games:  # another start won the race while we drew questions
            raise RoundInProgress("a round is already running in this channel; stop it first")
        # Reserve the channel before the first await so two starts cannot both pass the check.
        placeholder = RoundInfo(None, channel_id, guild_id, starter_id, options, rules.total)
        game = _Game(placeholder, rules, presenter)
        game.award_done.set()
        self._games[channel_id] = game
        try:
            round_id = None
            if self.store is not None:
                round_id = await self.store.start_round(
                    guild_id=guild_id,
                    channel_id=channel_id,
                    starter_id=starter_id,
                    mode=options.mode,
                    questions=rules.total,
                    seed=seed,
                )
        except StorageError as exc:
            self._games.pop(channel_id, None)
            log.error("could not record a new round in channel %s: %s", channel_id, exc)
            why = _UNAVAILABLE.get(exc.problem, "cannot be written (see the log)")
            raise ScoresUnavailable(
                f"the score database {why}, so scores could not be saved; no round was "
                "started. Try again in a minute."
            ) from exc
        except BaseException:
            self._games.pop(channel_id, None)
            raise
        game.info = RoundInfo(round_id, channel_id, guild_id, starter_id, options, rules.total)
        game.task = asyncio.create_task(self._run(game), name=f"quiz-round-{channel_id}")
        return game.info

    async def submit(
        self, channel_id: int, player: Player, answer: str | int, *, source: AnswerSource
    ) -> AnswerResult:
        """The one way in for answers: typed text (``str``; in a multiple-choice round an
        option's letter counts like choosing it) or the index of a chosen option (``int``).
        Each player gets one choice per question, so a double click never counts twice. A
        correct answer is stored before this returns; its announcement (`Presenter.correct`)
        follows on its own, so the player's own reply does not wait for the channel."""
        game = self._games.get(channel_id)
        if game is None or not game.rules.question_open:
            result = AnswerResult("closed", player.id, player.name, 0)
        elif isinstance(answer, str):
            result = game.rules.answer(player.id, player.name, answer, self.now())
        else:
            result = game.rules.choose(player.id, player.name, answer, self.now())
        log.debug("answer from %s in channel %s: %s", source, channel_id, result.status)
        if game is None:
            return result
        return await self._after_answer(game, result)

    async def _after_answer(self, game: _Game, result: AnswerResult) -> AnswerResult:
        if not result.correct:
            return result
        game.award_done.clear()
        try:
            result = await self._store_award(game, result)
        except BaseException:
            game.award_done.set()
            game.wake.set()
            raise
        # The channel's announcement goes out on its own: the player's own reply (a click's
        # private "Correct!") must not wait for a post that may be slow or rate limited. The
        # reveal waits for it (award_done), so the channel still reads in order.
        task = asyncio.create_task(self._announce(game, result))
        game.announcing.add(task)
        task.add_done_callback(game.announcing.discard)
        return result

    async def _announce(self, game: _Game, result: AnswerResult) -> None:
        try:
            await self._show(game, game.presenter.correct, result)
        finally:
            game.award_done.set()
            game.wake.set()

    async def _store_award(self, game: _Game, result: AnswerResult) -> AnswerResult:
        reveal = game.rules.last_reveal
        if self.store is not None and game.info.round_id is not None and reveal is not None:
            try:
                await self.store.record_award(
                    round_id=game.info.round_id,
                    question_index=result.question - 1,
                    fact_id=reveal.fact.id,
                    guild_id=game.info.guild_id,
                    user_id=result.user_id,
                    user_name=result.user_name,
                    points=result.points,
                    streak=result.streak,
                )
            except Exception as exc:
                # The store already waited out locks for busy_seconds. The player is told the
                # award was not saved, and the round's results leave it out (see _play).
                if isinstance(exc, StorageError):
                    log.error(
                        "could not store an award in channel %s: %s", game.info.channel_id, exc
                    )
                else:
                    log.exception("could not store an award in channel %s", game.info.channel_id)
                game.unsaved.append((result.user_id, result.points))
                result = replace(result, saved=False)
        return result

    async def hint(self, channel_id: int) -> Hint | None:
        """Show the next hint now (costs points); None when there is none to give."""
        game = self._games.get(channel_id)
        if game is None:
            return None
        hint = game.rules.hint(self.now())
        if hint is not None:
            await self._show(game, game.presenter.hint, hint)
        return hint

    async def skip(self, channel_id: int, user_id: int, is_moderator: bool) -> bool:
        """Reveal the open question and move on (starter or moderator)."""
        game = self._games.get(channel_id)
        if game is None:
            return False
        if not game.rules.may_control(user_id, is_moderator):
            raise NotAllowed("only the player who started the round or a moderator can skip")
        if game.rules.skip(self.now()) is None:
            return False
        game.wake.set()
        return True

    async def stop(self, channel_id: int, user_id: int, is_moderator: bool) -> bool:
        """End the round in a channel (starter or moderator); False when there is none."""
        game = self._games.get(channel_id)
        if game is None:
            return False
        game.rules.stop(user_id, is_moderator, self.now())
        game.end_reason = "stopped"
        game.wake.set()
        await self.wait(channel_id)
        return True

    async def wait(self, channel_id: int) -> None:
        """Until the round in that channel has ended (returns at once if there is none)."""
        game = self._games.get(channel_id)
        if game is not None and game.task is not None:
            await asyncio.shield(game.task)

    async def shutdown(self) -> None:
        """Stop every round: reveal open questions, store results, send summaries."""
        games = list(self._games.values())
        for game in games:
            game.rules.stop(game.info.starter_id, True, self.now())
            game.end_reason = "shutdown"
            game.wake.set()
        tasks = [g.task for g in games if g.task is not None]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    # -- the round task -------------------------------------------------------------------------

    async def _run(self, game: _Game) -> None:
        info = game.info
        log_context.bind(guild_id=info.guild_id, channel_id=info.channel_id, round_id=info.round_id)
        try:
            await self._play(game)
        except asyncio.CancelledError:
            game.end_reason = game.end_reason or "shutdown"
            raise
        except Exception:
            log.exception("quiz round in channel %s failed", game.info.channel_id)
            game.end_reason = game.end_reason or "stopped"
        finally:
            self._games.pop(game.info.channel_id, None)

    async def _play(self, game: _Game) -> None:
        rules = game.rules
        while True:
            card = rules.open_next(self.now())
            if card is None:
                break
            game.wake.clear()
            if not await self._show(game, game.presenter.question, card):
                # Nobody can see the question (the channel refuses posts): a round nobody can
                # see must not run on, awarding nothing and announcing nothing.
                log.error(
                    "stopping the round in channel %s: question %d could not be shown",
                    game.info.channel_id,
                    card.number,
                )
                rules.stop(game.info.starter_id, True, self.now())
                game.end_reason = "stopped"
                break
            # The clock starts when the card is visible, not when the post was queued.
            rules.start_clock(self.now())
            await self._remember_asked(game, card)
            while rules.question_open:
                deadline = rules.next_deadline()
                assert deadline is not None
                await self._sleep_until(game, deadline)
                game.wake.clear()
                for event in rules.tick(self.now()):
                    if isinstance(event, Hint):
                        await self._show(game, game.presenter.hint, event)
            await game.award_done.wait()
            reveal = rules.last_reveal
            if reveal is not None:
                await self._record_attempts(game, reveal)
                await self._show(game, game.presenter.reveal, reveal)
            if game.end_reason is not None:
                break
            if rules.inactive and rules.asked < rules.total:
                game.end_reason = "inactive"
                break
            if rules.asked < rules.total:
                await self._sleep_until(game, self.now() + self._pause)
                if game.end_reason is not None:
                    break
        summary = rules.finish(game.end_reason or "completed")
        if game.unsaved:
            summary = _only_saved(summary, game.unsaved)
        await self._record_results(game, summary)
        await self._show(game, game.presenter.summary, summary)

    # -- no repeats (issue 14) ------------------------------------------------------------------

    async def _asked_before(self, channel_id: int) -> dict[str, float]:
        """The questions asked in this channel (within the repeat window), to draw them last."""
        if self.store is None:
            return {}
        since = None if self._repeat_window is None else time.time() - self._repeat_window
        try:
            return await self.store.asked_questions(channel_id, since)
        except StorageError as exc:
            log.warning("no question history for channel %s: %s", channel_id, exc)
            return {}

    async def _remember_asked(self, game: _Game, card: QuestionCard) -> None:
        if self.store is None:
            return
        try:
            await self.store.record_asked(game.info.channel_id, card.fact_id)
        except StorageError as exc:  # a repeat later is better than a stopped round now
            log.warning(
                "could not remember question %s in channel %s: %s",
                card.fact_id,
                game.info.channel_id,
                exc,
            )

    async def _record_attempts(self, game: _Game, reveal: Reveal) -> None:
        if self.store is None or game.info.round_id is None or not reveal.attempted:
            return
        try:
            await self.store.record_attempts(
                round_id=game.info.round_id,
                question_index=reveal.number - 1,
                guild_id=game.info.guild_id,
                players=reveal.attempted,
            )
        except Exception:
            log.exception("could not store attempts in channel %s", game.info.channel_id)

    async def _record_results(self, game: _Game, summary: Summary) -> None:
        if self.store is None or game.info.round_id is None:
            return
        results = [
            RoundResult(s.user_id, s.user_name, s.rank, s.points, s.correct, s.won)
            for s in summary.standings
        ]
        try:
            await self.store.finish_round(
                game.info.round_id, reason=summary.reason, asked=summary.asked, results=results
            )
        except Exception as exc:
            # The awards are stored: the next start closes the round from them ("interrupted").
            log.error("could not store the end of round %s: %s", game.info.round_id, exc)

    @staticmethod
    async def _show(
        game: _Game, show: Callable[[int, _Shown], Awaitable[None]], event: _Shown
    ) -> bool:
        """Show an event with one of the presenter's methods; False (and logged) when it
        failed."""
        try:
            await show(game.info.channel_id, event)
        except Exception:
            what = getattr(show, "__name__", "event")
            log.exception("presenter %s failed in channel %s", what, game.info.channel_id)
            return False
        return True


def _only_saved(summary: Summary, unsaved: list[tuple[int, int]]) -> Summary:
    """The ranking without the awards the store could not save, ranked again."""
    points: Counter[int] = Counter()
    correct: Counter[int] = Counter()
    for user_id, lost in unsaved:
        points[user_id] += lost
        correct[user_id] += 1
    kept = sorted(
        (
            replace(s, points=s.points - points[s.user_id], correct=s.correct - correct[s.user_id])
            for s in summary.standings
        ),
        key=lambda s: (-s.points, -s.correct, s.user_name.casefold()),
    )
    standings: list[Standing] = []
    for position, s in enumerate(kept, start=1):
        rank = standings[-1].rank if standings and standings[-1].points == s.points else position
        standings.append(replace(s, rank=rank, won=rank == 1 and s.points > 0))
    return replace(summary, standings=tuple(standings), unsaved=len(unsaved))


def interrupted_notice(record: RoundRecord, tr: Translator = english) -> str:
    """What a channel is told about a round that a crash cut short (see
    ``ScoreStore.close_interrupted_rounds``); plain text, no player names, worded by `tr`."""
    started = time.strftime("%H:%M UTC, %Y-%m-%d", time.gmtime(record.started_at))
    scored = sum(1 for r in record.results if r.points > 0)
    saved = (
        tr(N_("points won by {count} player(s) were saved and count"), count=scored)
        if scored
        else tr(N_("nobody had scored yet"))
    )
    return tr(
        N_(
            "The quiz round started at {started} was interrupted when the bot stopped "
            "unexpectedly, after {asked} of {questions} question(s); {saved}. "
            "Start a new round whenever you like."
        ),
        started=started,
        asked=record.asked,
        questions=record.questions,
        saved=saved,
    )
