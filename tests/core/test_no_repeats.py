"""No repeats: a channel is not asked a question again until the pack's questions are used up
(or the repeat window has passed), remembered across rounds and store reopens."""

from __future__ import annotations

import time
from pathlib import Path

from quiz_pack import small_pack
from test_rounds import CHANNEL, FAST, GUILD, OTHER_CHANNEL, STARTER, Recorder

from bot.core.answers import AnswerChecker
from bot.core.quiz import RoundOptions
from bot.core.rounds import RoundManager
from bot.core.storage import ScoreStore

PACK = small_pack()
TYPED_QUESTIONS = len([f for f in PACK.quiz_facts if f.quiz and "typed" in f.quiz.modes])
SEED = 7  # the same seed draws the same questions, unless the channel has seen them


def _manager(store: ScoreStore, repeat_window: float | None = None) -> RoundManager:
    return RoundManager(
        PACK, store, checker=AnswerChecker(PACK), time_scale=FAST, repeat_window=repeat_window
    )


async def _play(manager: RoundManager, questions: int, channel: int = CHANNEL) -> list[str]:
    """One round answered question by question; the fact ids it asked, in order."""
    recorder = Recorder()
    options = RoundOptions(questions=questions, seed=SEED, max_unanswered=50)
    await manager.start(channel, GUILD, STARTER, options, recorder)
    asked = []
    for _ in range(questions):
        card = await recorder.next_question()
        asked.append(card.fact_id)
        await manager.answer(channel, STARTER, "Ann", PACK.by_id[card.fact_id].answer)
    await recorder.summary_result()
    await manager.wait(channel)
    return asked


async def test_rounds_in_a_channel_repeat_nothing_until_the_pack_is_used_up(
    tmp_path: Path,
) -> None:
    assert TYPED_QUESTIONS == 18
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
    await manager.shutdown()
    await store.close()

    assert len(set(first + second + third)) == 18
    assert other_channel == first  # another channel has its own history
    assert set(fourth) == set(first)


async def test_a_question_may_return_once_the_repeat_window_has_passed(tmp_path: Path) -> None:
    store = await ScoreStore.open(tmp_path / "scores.sqlite3")
    try:
        fresh = await _play(_manager(store, repeat_window=3600), 6, channel=OTHER_CHANNEL)
        two_hours_ago = time.time() - 7200
        for fact_id in fresh:  # the same questions, asked in CHANNEL two hours ago
            await store.record_asked(CHANNEL, fact_id, asked_at=two_hours_ago)

        within_a_day = await _play(_manager(store, repeat_window=86400), 6)
        within_an_hour = await _play(_manager(store, repeat_window=3600), 6)
    finally:
        await store.close()

    assert not set(within_a_day) & set(fresh)  # asked inside the window: held back
    assert within_an_hour == fresh  # outside the window: the seed's own draw again
