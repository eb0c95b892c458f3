"""No repeats: a channel is not asked a question again until the pack's questions are used up
(or the repeat window has passed), remembered across rounds and store reopens."""

from __future__ import annotations

import time
from pathlib import Path

from quiz_pack import small_pack
from test_rounds import CHANNEL, FAST, GUILD, OTHER_CHANNEL, STARTER, Recorder

from bot.core.answers import AnswerChecker
from bot.core.quiz import RoundOptions
from bot.core.rounds import Player, RoundManager
from bot.core.storage import ScoreStore

PACK = small_pack()
TYPED = {f.id for f in PACK.quiz_facts if f.quiz and "typed" in f.quiz.modes}


def _manager(store: ScoreStore, repeat_window: float | None = None) -> RoundManager:
    return RoundManager(
        PACK, store, checker=AnswerChecker(PACK), time_scale=FAST, repeat_window=repeat_window
    )


async def _play(
    manager: RoundManager, questions: int, channel: int = CHANNEL, seed: int | None = None
) -> list[str]:
    """One round answered question by question; the fact ids it asked, in order."""
    recorder = Recorder()
    options = RoundOptions(questions=questions, seed=seed, max_unanswered=50)
    await manager.start(channel, GUILD, STARTER, options, recorder)
    asked = []
    for _ in range(questions):
        card = await recorder.next_question()
        asked.append(card.fact_id)
        answer = PACK.by_id[card.fact_id].answer
        await manager.submit(channel, Player(STARTER, "Ann"), answer, source="chat")
    await recorder.summary_result()
    await manager.wait(channel)
    return asked


async def test_rounds_in_a_channel_repeat_nothing_until_the_pack_is_used_up(
    tmp_path: Path,
) -> None:
    assert len(TYPED) == 18
    path = tmp_path / "scores.sqlite3"
    store = await ScoreStore.open(path)
    manager = _manager(store)
    first = await _play(manager, 6)
    second = await _play(manager, 6)
    other_channel = await _play(manager, 6, channel=OTHER_CHANNEL)
    await manager.shutdown()
    await store.close()

    store = await ScoreStore.open(path)  # a restart: the history is on disk
    manager = _manager(store)
    third = await _play(manager, 6)
    fourth = await _play(manager, 6)  # all 18 used: the longest-ago questions come back
    other_history = await store.asked_questions(OTHER_CHANNEL)
    await manager.shutdown()
    await store.close()

    assert len(set(first + second + third)) == 18
    assert set(fourth) == set(first)
    assert set(other_history) == set(other_channel)  # each channel has its own history


async def test_a_given_seed_replays_its_round_whatever_the_channel_saw(tmp_path: Path) -> None:
    store = await ScoreStore.open(tmp_path / "scores.sqlite3")
    try:
        manager = _manager(store)
        once = await _play(manager, 6, seed=11)
        again = await _play(manager, 6, seed=11)
        await manager.shutdown()
    finally:
        await store.close()

    assert once == again


async def test_a_question_may_return_once_the_repeat_window_has_passed(tmp_path: Path) -> None:
    store = await ScoreStore.open(tmp_path / "scores.sqlite3")
    never_asked = sorted(TYPED)[:6]
    two_hours_ago = time.time() - 7200
    try:
        for channel in (CHANNEL, OTHER_CHANNEL, CHANNEL + 100):  # the same history in each
            for fact_id in TYPED - set(never_asked):
                await store.record_asked(channel, fact_id, asked_at=two_hours_ago)
        held_back = await _play(_manager(store, repeat_window=86400), 6)
        # Outside a one-hour window the 12 questions of two hours ago are free again: two rounds
        # of 6 drawn from all 18 both being exactly the 6 unasked ones has odds of 1 in 18564².
        free = [
            await _play(_manager(store, repeat_window=3600), 6, channel=channel)
            for channel in (OTHER_CHANNEL, CHANNEL + 100)
        ]
    finally:
        await store.close()

    assert set(held_back) == set(never_asked)  # asked inside the window: drawn last
    assert any(set(drawn) != set(never_asked) for drawn in free)
