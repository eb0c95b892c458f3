"""The asyncio round driver with fast timers, a real score store and a recording presenter."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Collection
from pathlib import Path

import pytest
from quiz_pack import small_pack

from bot.core.answers import AnswerChecker
from bot.core.quiz import NotAllowed, QuestionCard, QuizError, RoundOptions, Summary
from bot.core.rounds import Player, RoundInProgress, RoundManager
from bot.core.scores_check import disagreements
from bot.core.storage import ScoreStore

PACK = small_pack()
GUILD, CHANNEL, OTHER_CHANNEL = 10, 20, 21
STARTER, ANN, BO = 1, 2, 3
FAST = 400.0  # a 20 s question lasts 50 ms


class Recorder:
    """Remembers every event; lets a test wait for the next question or the summary."""

    def __init__(
        self, fail: Collection[str] = (), card_delay: float = 0.0, hold: Collection[str] = ()
    ) -> None:
        self.events: list[tuple[str, object]] = []
        self.fail = fail  # kinds of event whose message "cannot be sent"
        self.hold = hold  # kinds of event whose message is on its way until `release` is set
        self.release = asyncio.Event()
        self.card_delay = card_delay  # real seconds a question card takes to appear
        self.questions: asyncio.Queue[QuestionCard] = asyncio.Queue()
        self.done: asyncio.Future[Summary] = asyncio.get_running_loop().create_future()

    def _note(self, kind: str, payload: object) -> None:
        self.events.append((kind, payload))
        if kind in self.fail:
            raise RuntimeError("the chat service is down")

    async def question(self, channel_id: int, card: QuestionCard) -> None:
        await asyncio.sleep(self.card_delay)
        self._note("question", card)
        self.questions.put_nowait(card)

    async def hint(self, channel_id: int, hint: object) -> None:
        self._note("hint", hint)

    async def correct(self, channel_id: int, result: object) -> None:
        if "correct" in self.hold:
            await self.release.wait()
        self._note("correct", result)

    async def reveal(self, channel_id: int, reveal: object) -> None:
        self._note("reveal", reveal)

    async def summary(self, channel_id: int, summary: Summary) -> None:
        if not self.done.done():
            self.done.set_result(summary)
        self._note("summary", summary)

    def kinds(self) -> list[str]:
        return [k for k, _ in self.events]

    async def next_question(self) -> QuestionCard:
        return await asyncio.wait_for(self.questions.get(), 5)

    async def summary_result(self) -> Summary:
        return await asyncio.wait_for(asyncio.shield(self.done), 5)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[ScoreStore]:
    s = await ScoreStore.open(tmp_path / "rounds.sqlite3")
    yield s
    await s.close()


@pytest.fixture
async def manager(store: ScoreStore) -> AsyncIterator[RoundManager]:
    m = RoundManager(PACK, store, checker=AnswerChecker(PACK), time_scale=FAST)
    yield m
    await m.shutdown()


def answer_for(card: QuestionCard) -> str:
    return PACK.by_id[card.fact_id].answer


async def test_a_round_plays_through_and_every_award_is_stored(
    manager: RoundManager, store: ScoreStore
) -> None:
    presenter = Recorder()
    await manager.start(
        CHANNEL, GUILD, STARTER, RoundOptions(questions=3, seed=5, hints=False), presenter
    )
    for player in (ANN, BO, ANN):
        card = await presenter.next_question()
        result = await manager.submit(
            CHANNEL, Player(player, f"p{player}"), answer_for(card), source="chat"
        )
        assert result is not None and result.correct
        # Committed before answer() returned.
        stats = await store.player_stats(GUILD, player)
        assert stats is not None and stats.correct >= 1
    summary = await presenter.summary_result()
    assert summary.reason == "completed" and summary.standings[0].user_id == ANN
    assert presenter.kinds() == ["question", "correct", "reveal"] * 3 + ["summary"]
    await manager.wait(CHANNEL)
    assert not manager.active(CHANNEL)
    board = await store.leaderboard(GUILD)
    assert {e.user_id: e.correct for e in board.entries} == {ANN: 2, BO: 1}
    (record,) = await store.round_history(GUILD)
    assert (record.asked, record.end_reason) == (3, "completed")
    assert [r.user_id for r in record.results if r.won] == [ANN]


async def test_one_round_per_channel_but_many_channels(manager: RoundManager) -> None:
    first, second = Recorder(), Recorder()
    await manager.start(CHANNEL, GUILD, STARTER, RoundOptions(questions=2), first)
    with pytest.raises(RoundInProgress):
        await manager.start(CHANNEL, GUILD, ANN, RoundOptions(), Recorder())
    await manager.start(OTHER_CHANNEL, GUILD, ANN, RoundOptions(questions=2), second)
    assert set(manager.channels) == {CHANNEL, OTHER_CHANNEL}
    card = await second.next_question()
    await first.next_question()
    assert (
        await manager.submit(OTHER_CHANNEL, Player(BO, "Bo"), answer_for(card), source="chat")
    ).correct


async def test_double_clicks_and_simultaneous_right_answers_count_once(
    manager: RoundManager, store: ScoreStore
) -> None:
    presenter = Recorder()
    await manager.start(
        CHANNEL, GUILD, STARTER, RoundOptions(questions=1, mode="choice", seed=3), presenter
    )
    card = await presenter.next_question()
    right = card.options.index(answer_for(card))
    results = await asyncio.gather(
        manager.submit(CHANNEL, Player(ANN, "Ann"), right, source="button"),
        manager.submit(CHANNEL, Player(ANN, "Ann"), right, source="button"),
        manager.submit(CHANNEL, Player(BO, "Bo"), right, source="button"),
    )
    assert sum(1 for r in results if r is not None and r.correct) == 1
    await presenter.summary_result()
    assert await store.award_count() == 1
    assert [k for k in presenter.kinds() if k == "correct"] == ["correct"]


async def test_only_the_starter_or_a_moderator_can_stop(manager: RoundManager) -> None:
    presenter = Recorder()
    await manager.start(CHANNEL, GUILD, STARTER, RoundOptions(questions=5), presenter)
    await presenter.next_question()
    with pytest.raises(NotAllowed):
        await manager.stop(CHANNEL, ANN, is_moderator=False)
    with pytest.raises(NotAllowed):
        await manager.skip(CHANNEL, ANN, is_moderator=False)
    assert await manager.stop(CHANNEL, BO, is_moderator=True)
    summary = await presenter.summary_result()
    assert summary.reason == "stopped" and summary.asked == 1
    assert presenter.kinds()[-2:] == ["reveal", "summary"]  # the open answer is shown first
    assert not await manager.stop(CHANNEL, STARTER, is_moderator=False)  # nothing left to stop


async def test_skip_reveals_and_moves_on(manager: RoundManager) -> None:
    presenter = Recorder()
    await manager.start(CHANNEL, GUILD, STARTER, RoundOptions(questions=2, seed=1), presenter)
    first = await presenter.next_question()
    assert await manager.skip(CHANNEL, STARTER, is_moderator=False)
    second = await presenter.next_question()
    assert second.number == 2 and second.fact_id != first.fact_id
    reveal = next(p for k, p in presenter.events if k == "reveal")
    assert reveal.reason == "skipped"  # type: ignore[attr-defined]


async def test_nobody_answering_ends_the_round_with_hints_on_the_way(
    manager: RoundManager, store: ScoreStore
) -> None:
    presenter = Recorder()
    await manager.start(
        CHANNEL, GUILD, STARTER, RoundOptions(questions=10, max_unanswered=3), presenter
    )
    summary = await presenter.summary_result()
    assert summary.reason == "inactive" and summary.asked == 3
    assert presenter.kinds().count("hint") == 3  # one at half time of each question
    (record,) = await store.round_history(GUILD)
    assert record.end_reason == "inactive"


async def test_hint_on_request_reaches_the_presenter(manager: RoundManager) -> None:
    presenter = Recorder()
    await manager.start(CHANNEL, GUILD, STARTER, RoundOptions(questions=1), presenter)
    await presenter.next_question()
    hint = await manager.hint(CHANNEL)
    assert hint is not None and not hint.automatic
    assert ("hint", hint) in presenter.events
    assert await manager.hint(OTHER_CHANNEL) is None


async def test_shutdown_stops_every_round_and_records_it(
    manager: RoundManager, store: ScoreStore
) -> None:
    presenters = [Recorder(), Recorder()]
    for channel, presenter in zip((CHANNEL, OTHER_CHANNEL), presenters, strict=True):
        await manager.start(channel, GUILD, STARTER, RoundOptions(questions=5), presenter)
        await presenter.next_question()
    await manager.shutdown()
    for presenter in presenters:
        assert (await presenter.summary_result()).reason == "shutdown"
    assert manager.channels == ()
    assert all(r.end_reason == "shutdown" for r in await store.round_history(GUILD))


async def test_a_failing_presenter_loses_no_points(
    manager: RoundManager, store: ScoreStore
) -> None:
    presenter = Recorder(fail={"hint", "correct", "reveal", "summary"})
    await manager.start(CHANNEL, GUILD, STARTER, RoundOptions(questions=2, seed=2), presenter)
    for _ in range(2):
        card = await presenter.next_question()
        await manager.submit(CHANNEL, Player(ANN, "Ann"), answer_for(card), source="chat")
    assert (await presenter.summary_result()).standings[0].correct == 2
    stats = await store.player_stats(GUILD, ANN)
    assert stats is not None and stats.correct == 2 and stats.rounds_won == 1


async def test_a_question_that_cannot_be_shown_stops_the_round_with_a_log_line(
    manager: RoundManager, caplog: pytest.LogCaptureFixture
) -> None:
    presenter = Recorder(fail={"question"})
    await manager.start(CHANNEL, GUILD, STARTER, RoundOptions(questions=5, seed=2), presenter)
    summary = await presenter.summary_result()
    assert summary.reason == "stopped" and summary.asked == 1
    assert presenter.kinds() == ["question", "summary"]
    assert f"stopping the round in channel {CHANNEL}: question 1 could not be shown" in caplog.text


async def test_the_answering_time_starts_when_the_card_is_visible(manager: RoundManager) -> None:
    # The card takes 40 game seconds to appear (a rate-limited post) on 20 s questions.
    presenter = Recorder(card_delay=40 / FAST)
    await manager.start(
        CHANNEL, GUILD, STARTER, RoundOptions(questions=1, seed=2, hints=False), presenter
    )
    card = await presenter.next_question()
    await asyncio.sleep(5 / FAST)  # an answer 5 s after the card appears
    result = await manager.submit(CHANNEL, Player(ANN, "Ann"), answer_for(card), source="chat")
    assert result.status == "correct"
    assert result.elapsed < 20


async def test_the_winner_hears_back_before_the_channel_announcement_is_out(
    manager: RoundManager,
) -> None:
    """A slow announcement (a rate-limited channel) does not hold up the winner's own reply;
    the channel still reads in order: the announcement, then the reveal."""
    presenter = Recorder(hold={"correct"})
    await manager.start(
        CHANNEL, GUILD, STARTER, RoundOptions(questions=1, seed=5, hints=False), presenter
    )
    card = await presenter.next_question()
    answered = manager.submit(CHANNEL, Player(ANN, "Ann"), answer_for(card), source="button")
    result = await asyncio.wait_for(answered, 5)  # would wait for the release before the fix
    assert result.correct and result.saved
    assert presenter.kinds() == ["question"]  # the announcement is still on its way
    presenter.release.set()
    await presenter.summary_result()
    assert presenter.kinds() == ["question", "correct", "reveal", "summary"]


async def test_answers_outside_a_round_are_closed(manager: RoundManager) -> None:
    ann = Player(ANN, "Ann")
    assert (await manager.submit(CHANNEL, ann, "Rene Liu", source="chat")).status == "closed"
    assert (await manager.submit(CHANNEL, ann, 0, source="button")).status == "closed"
    assert not await manager.skip(CHANNEL, ANN, is_moderator=True)


def disagreements_in(store: ScoreStore) -> list[str]:
    with contextlib.closing(sqlite3.connect(store.path)) as db:
        return disagreements(db)


async def test_an_award_that_cannot_be_saved_is_reported_and_left_out_everywhere(
    tmp_path: Path,
) -> None:
    store = await ScoreStore.open(tmp_path / "busy.sqlite3", busy_seconds=0.3)
    manager = RoundManager(PACK, store, checker=AnswerChecker(PACK), time_scale=FAST)
    presenter = Recorder()
    await manager.start(
        CHANNEL, GUILD, STARTER, RoundOptions(questions=3, seed=4, hints=False), presenter
    )
    card = await presenter.next_question()
    assert (
        await manager.submit(CHANNEL, Player(ANN, "Ann"), answer_for(card), source="chat")
    ).saved

    card = await presenter.next_question()
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writes longer than the store waits
    lost = await manager.submit(CHANNEL, Player(BO, "Bo"), answer_for(card), source="chat")
    other.execute("COMMIT")
    other.close()
    assert lost.correct and not lost.saved
    card = await presenter.next_question()  # after the announcement and the reveal
    told = [p for k, p in presenter.events if k == "correct"]
    assert told[-1].saved is False  # type: ignore[attr-defined]

    assert (
        await manager.submit(CHANNEL, Player(ANN, "Ann"), answer_for(card), source="chat")
    ).saved
    summary = await presenter.summary_result()
    await manager.wait(CHANNEL)
    assert summary.unsaved == 1
    standings = {s.user_id: (s.rank, s.points, s.correct) for s in summary.standings}
    assert standings[BO][1:] == (0, 0)  # the unsaved award is not in the ranking shown
    assert standings[ANN][0] == 1 and standings[ANN][2] == 2
    (record,) = await store.round_history(GUILD)
    assert {r.user_id: r.points for r in record.results} == {ANN: standings[ANN][1], BO: 0}
    await store.close()
    assert disagreements_in(store) == []


async def test_a_round_that_cannot_be_recorded_is_refused_with_a_reason(tmp_path: Path) -> None:
    store = await ScoreStore.open(tmp_path / "busy.sqlite3", busy_seconds=0.2)
    manager = RoundManager(PACK, store, checker=AnswerChecker(PACK), time_scale=FAST)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(QuizError, match=r"is busy \(locked by another program\)"):
            await manager.start(CHANNEL, GUILD, STARTER, RoundOptions(questions=1), Recorder())
    finally:
        other.execute("COMMIT")
        other.close()
    assert not manager.active(CHANNEL)  # the channel is free to try again
    await manager.start(CHANNEL, GUILD, STARTER, RoundOptions(questions=1), Recorder())
    await manager.shutdown()
    await store.close()


async def test_a_round_draws_from_the_fact_base_it_is_started_with(
    manager: RoundManager,
) -> None:
    """After a reload the next round asks from the new base; the manager's own is untouched
    and a round already running keeps the base it started with."""
    music_only = small_pack(facts=tuple(f for f in PACK.facts if f.category == "music"))
    running, fresh = Recorder(), Recorder()
    await manager.start(CHANNEL, GUILD, STARTER, RoundOptions(questions=2, seed=3), running)
    await manager.start(
        OTHER_CHANNEL, GUILD, STARTER, RoundOptions(questions=1, seed=3), fresh, facts=music_only
    )

    assert (await fresh.next_question()).fact_id == "singer"
    first = await running.next_question()
    assert first.fact_id in PACK.by_id and manager.fact_base is PACK
    await manager.submit(CHANNEL, Player(ANN, "ann"), answer_for(first), source="chat")
    assert (await running.next_question()).fact_id in PACK.by_id
