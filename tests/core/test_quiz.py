"""Quiz rules, driven with a hand-set clock: drawing, answering, hints, timeouts, ranking."""

from __future__ import annotations

import random

import pytest
from quiz_pack import FACTS, fact, small_pack

from bot.core.answers import AnswerChecker
from bot.core.choices import ChoiceBuilder
from bot.core.quiz import (
    BASE_POINTS,
    Hint,
    NotAllowed,
    QuizError,
    QuizRound,
    Reveal,
    RoundOptions,
    channel_order,
    draw_questions,
    eligible_facts,
    mask_answer,
)

PACK = small_pack()
CHECK = AnswerChecker(PACK)
STARTER, ANN, BO, MOD = 1, 2, 3, 4


def new_round(**options: object) -> QuizRound:
    opts = RoundOptions(**{"seed": 7, **options})  # type: ignore[arg-type]
    return QuizRound.create(
        PACK, opts, rng=random.Random(opts.seed), checker=CHECK, starter_id=STARTER
    )


def answer_of(game: QuizRound) -> str:
    card = game.current
    assert card is not None
    return PACK.by_id[card.fact_id].answer


def drawn_ids(game: QuizRound) -> list[str]:
    ids = []
    now = 0.0
    while (card := game.open_next(now)) is not None:
        ids.append(card.fact_id)
        game.skip(now)
    return ids


def test_questions_are_drawn_without_repeats_and_reproducibly() -> None:
    ids = drawn_ids(new_round(questions=8))
    assert len(ids) == 8 and len(set(ids)) == 8
    assert drawn_ids(new_round(questions=8)) == ids
    others = [drawn_ids(new_round(questions=8, seed=s)) for s in range(1, 6)]
    assert any(o != ids for o in others)


def test_facts_without_a_quiz_are_never_asked() -> None:
    ids = drawn_ids(new_round(questions=50))
    assert "hidden" not in ids
    assert len(ids) == sum(1 for f in FACTS if f.quiz is not None)  # a small pack: all of it


def test_category_and_difficulty_filter() -> None:
    ids = drawn_ids(new_round(questions=10, category="Release"))
    assert sorted(ids) == ["netflix", "premiere", "release", "year"]
    assert drawn_ids(new_round(difficulty="hard")) == ["actress"]


def test_an_unknown_category_says_which_exist() -> None:
    with pytest.raises(QuizError, match=r"categories: .*awards.*production"):
        new_round(category="cooking")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"questions": 0}, "questions must be from 1"),
        ({"questions": 2.5}, "questions must be a whole number"),
        ({"seconds": 1}, "seconds must be from 5"),
        ({"mode": "speed"}, "mode must be one of"),
        ({"difficulty": "insane"}, "difficulty must be one of"),
    ],
)
def test_bad_options_are_refused_with_the_reason(options: dict[str, object], message: str) -> None:
    with pytest.raises(QuizError, match=message):
        new_round(**options)


def test_a_wrong_answer_scores_nothing_and_the_first_right_one_wins() -> None:
    game = new_round(questions=3, seconds=20)
    card = game.open_next(100.0)
    assert card is not None and card.options == ()
    assert game.answer(ANN, "Ann", "certainly not this", 101.0).status == "wrong"
    assert game.question_open
    win = game.answer(BO, "Bo", answer_of(game), 101.0)
    assert win.correct and win.user_name == "Bo"
    assert not game.question_open
    assert game.answer(ANN, "Ann", PACK.by_id[card.fact_id].answer, 101.5).status == "closed"
    reveal = game.last_reveal
    assert reveal is not None and reveal.winner == win and reveal.reason == "answered"
    assert reveal.attempted == ((ANN, "Ann"),)  # tried and did not win
    assert reveal.quote == PACK.by_id[card.fact_id].source.quote


def test_faster_answers_score_more_and_hints_cost_points() -> None:
    scores = []
    for delay, hints in [(0.0, 0), (19.9, 0), (0.0, 1)]:
        game = new_round(questions=1, seconds=20, category="plot", difficulty="easy")
        card = game.open_next(0.0)
        assert card is not None
        for _ in range(hints):
            assert game.hint(0.0) is not None
        scores.append(game.answer(ANN, "Ann", answer_of(game), delay).points)
    base = BASE_POINTS["easy"]
    instant, late, hinted = scores
    assert instant == base * 1.5
    assert late == base
    assert hinted < instant


def test_half_time_hint_then_timeout() -> None:
    game = new_round(questions=2, seconds=20)
    card = game.open_next(0.0)
    assert card is not None
    assert game.next_deadline() == 10.0
    assert game.tick(5.0) == []
    (hint,) = game.tick(10.0)
    assert isinstance(hint, Hint) and hint.automatic and hint.number == 1
    assert game.next_deadline() == 20.0
    (reveal,) = game.tick(20.0)
    assert isinstance(reveal, Reveal) and reveal.reason == "timeout" and reveal.winner is None
    assert game.answer(ANN, "Ann", reveal.answer, 20.5).status == "closed"


def test_hints_run_out_and_can_be_switched_off() -> None:
    game = new_round(questions=1)
    game.open_next(0.0)
    first, second = game.hint(1.0), game.hint(2.0)
    assert first is not None and second is not None
    assert game.hint(3.0) is None  # two hints per question at most
    assert second.cost > first.cost
    quiet = new_round(questions=1, hints=False)
    quiet.open_next(0.0)
    assert quiet.hint(1.0) is None
    assert quiet.next_deadline() == 20.0  # no half-time stop
    assert quiet.tick(10.0) == []


def test_masked_answer_shows_first_letters_then_more() -> None:
    rng = random.Random(1)
    assert mask_answer("Rene Liu", 1, rng) == "R___ L__"
    assert mask_answer("$209 million", 1, rng) == "$2__ m______"
    more = mask_answer("Zhang Yibai", 2, rng)
    assert more[0] == "Z" and more[6] == "Y" and more.count("_") == 4


def test_streaks_count_consecutive_wins_and_reset() -> None:
    game = new_round(questions=4)
    streaks = []
    for winner in (ANN, ANN, BO, ANN):
        game.open_next(0.0)
        streaks.append(game.answer(winner, str(winner), answer_of(game), 1.0).streak)
    assert streaks == [1, 2, 1, 1]
    summary = game.finish("completed")
    best = {s.user_id: s.best_streak for s in summary.standings}
    assert best == {ANN: 2, BO: 1}


def test_multiple_choice_one_try_per_player() -> None:
    game = new_round(questions=3, mode="choice")
    card = game.open_next(0.0)
    assert card is not None and len(card.options) == 4
    right = card.options.index(answer_of(game))
    wrong = (right + 1) % 4
    assert game.choose(ANN, "Ann", wrong, 1.0).status == "wrong"
    assert game.choose(ANN, "Ann", right, 1.5).status == "already_answered"  # a double click
    assert game.choose(BO, "Bo", 9, 1.5).status == "not_a_player_option"
    won = game.choose(BO, "Bo", right, 2.0)
    assert won.correct
    assert game.last_reveal is not None and game.last_reveal.correct_option == right


def test_multiple_choice_hint_rules_out_wrong_options() -> None:
    game = new_round(questions=1, mode="choice")
    card = game.open_next(0.0)
    assert card is not None
    right = card.options.index(answer_of(game))
    removed = {i for h in (game.hint(1.0), game.hint(2.0)) if h for i in h.removed_options}
    assert len(removed) == 2 and right not in removed


def test_skip_and_who_may_stop() -> None:
    game = new_round(questions=3)
    game.open_next(0.0)
    skipped = game.skip(1.0)
    assert skipped is not None and skipped.reason == "skipped"
    game.open_next(2.0)
    with pytest.raises(NotAllowed):
        game.stop(ANN, is_moderator=False, now=3.0)
    reveal = game.stop(MOD, is_moderator=True, now=3.0)
    assert reveal is not None and reveal.reason == "stopped"
    assert game.open_next(4.0) is None
    assert game.finish("stopped").asked == 2


def test_round_becomes_inactive_after_three_unanswered_questions() -> None:
    game = new_round(questions=10, max_unanswered=3)
    for i in range(3):
        assert not game.inactive
        game.open_next(i * 30.0)
        game.tick(i * 30.0 + 20.0)
    assert game.inactive


def test_equal_points_share_a_rank_and_both_win() -> None:
    game = new_round(questions=4, hints=False, category="release")
    for winner, name in ((ANN, "Ann"), (BO, "Bo")):
        game.open_next(0.0)
        game.answer(winner, name, answer_of(game), 0.0)
    game.open_next(0.0)
    game.answer(MOD, "Mo", "wrong answer", 1.0)
    summary = game.finish("completed")
    ranks = {s.user_name: (s.rank, s.won) for s in summary.standings}
    assert ranks == {"Ann": (1, True), "Bo": (1, True), "Mo": (3, False)}
    assert {w.user_name for w in summary.winners} == {"Ann", "Bo"}


def test_choice_rounds_skip_facts_without_enough_wrong_options() -> None:
    lonely = small_pack(
        (
            fact("only-title", "Us and Them", "title"),
            fact("who", "Rene Liu", "person", distractors=("A B", "C D", "E F")),
        )
    )
    game = QuizRound.create(
        lonely,
        RoundOptions(questions=5, mode="choice"),
        rng=random.Random(1),
        checker=AnswerChecker(lonely),
        starter_id=1,
    )
    assert game.total == 1 and game.open_next(0.0).fact_id == "who"  # type: ignore[union-attr]


def test_eligible_facts_follow_the_mode_category_and_difficulty() -> None:
    pack = small_pack()

    typed_plot = eligible_facts(pack, RoundOptions(mode="typed", category=" PLOT "))
    choice_plot = eligible_facts(pack, RoundOptions(mode="choice", category="plot"))
    medium = eligible_facts(pack, RoundOptions(difficulty="medium"))

    assert {f.id for f in typed_plot} == {"city", "object", "married"}
    assert [f.id for f in choice_plot] == ["city"]
    assert {f.id for f in medium} == {"producer", "gross"}
    with pytest.raises(QuizError, match="categories: awards, music, plot"):
        eligible_facts(pack, RoundOptions(category="cooking"))


def test_channel_order_puts_never_asked_questions_first_then_the_longest_ago() -> None:
    facts = list(small_pack().facts[:4])
    asked = {facts[0].id: 200.0, facts[1].id: 100.0}

    ordered = [f.id for f in channel_order(facts, random.Random(1), asked)]

    assert set(ordered[:2]) == {facts[2].id, facts[3].id}
    assert ordered[2:] == [facts[1].id, facts[0].id]


def test_draw_questions_skips_a_choice_question_without_enough_wrong_options() -> None:
    pack = small_pack()
    choices = ChoiceBuilder(pack.facts, AnswerChecker(pack))
    candidates = [pack.by_id[i] for i in ("critics", "director", "award", "year")]

    drawn = draw_questions(
        candidates, RoundOptions(mode="choice", questions=2), random.Random(0), choices
    )
    typed = draw_questions(candidates, RoundOptions(questions=3), random.Random(0), choices)

    assert [(fact.id, options[index]) for fact, options, index in drawn if index is not None] == [
        ("director", "Rene Liu"),
        ("year", "2018"),
    ]
    assert [(fact.id, options, index) for fact, options, index in typed] == [
        ("critics", (), None),
        ("director", (), None),
        ("award", (), None),
    ]
