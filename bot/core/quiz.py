"""Quiz rules as a plain state machine: no asyncio, no Discord, clock and randomness passed in.

A `QuizRound` is created from the fact base and `RoundOptions`; every method takes ``now`` (seconds
on any monotonic clock) so tests run instantly and `bot.core.rounds` can run the timers fast::

    game = QuizRound.create(fact_base, options, rng=random.Random(seed), checker=checker,
                            starter_id=42)
    card = game.open_next(now)              # QuestionCard, or None when the round is over
    result = game.answer(uid, "Ann", "Rene Liu", now)      # typed mode
    result = game.choose(uid, "Ann", 2, now)                # multiple choice (once per player)
    hint = game.hint(now)                   # on request; also automatic at half time via tick()
    events = game.tick(now)                 # due hints and the timeout of the open question
    reveal = game.skip(now) / game.stop(uid, is_moderator, now)
    summary = game.finish("completed")

Scoring: a question is worth 10/20/30 points (easy/medium/hard), plus a speed bonus of up to half
that for an instant answer, minus a quarter of the base for each hint shown; never less than 1.
The first correct answer wins the question. Streaks count consecutive questions won by a player.
The round ends after its last question, on stop, or after ``max_unanswered`` questions in a row
nobody answered correctly. Players with equal points share a rank; all players on rank 1 with
points win the round.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from bot.core.choices import ChoiceBuilder
from bot.core.model import DIFFICULTIES, QUIZ_MODES, Fact, FactBase, QuizMode, Source

__all__ = [
    "BASE_POINTS",
    "OPTION_LETTERS",
    "AnswerResult",
    "Hint",
    "NotAllowed",
    "QuestionCard",
    "QuizError",
    "QuizRound",
    "Reveal",
    "RoundOptions",
    "Standing",
    "Summary",
]

BASE_POINTS = {"easy": 10, "medium": 20, "hard": 30}
SPEED_BONUS = 0.5  # share of the base earned by an instant answer, falling to 0 at the deadline
HINT_COST = 0.25  # share of the base each hint takes away
MAX_HINTS = 2
LIMITS = {"questions": (1, 50), "seconds": (5.0, 120.0), "max_unanswered": (1, 50)}
WHOLE_NUMBERS = frozenset({"questions", "max_unanswered"})

Checker = Callable[[Fact, str], bool]
AnswerStatus = Literal["correct", "wrong", "already_answered", "closed", "not_a_player_option"]
CloseReason = Literal["answered", "timeout", "skipped", "stopped"]
EndReason = Literal["completed", "stopped", "inactive", "shutdown"]
OPTION_LETTERS = "ABCDEFGHIJ"  # the options of a choice question, in order, in every front end


class QuizError(ValueError):
    """A round cannot start with these options; the message says what to change."""


Drawn = tuple[Fact, tuple[str, ...], int | None]  # a question: fact, options, correct option


def eligible_facts(fact_base: FactBase, options: RoundOptions) -> list[Fact]:
    """The quiz facts of the options' mode, category and difficulty, in the base's order;
    QuizError names the categories when the one asked for has no such question."""
    pool = list(fact_base.quiz_facts)
    candidates = [f for f in pool if options.mode in (f.quiz.modes if f.quiz else ())]
    if options.category is not None:
        wanted = options.category.strip().casefold()
        candidates = [f for f in candidates if f.category.casefold() == wanted]
        if not candidates:
            known = sorted({f.category for f in pool})
            raise QuizError(
                f"no {options.mode} questions in category {options.category!r}; "
                f"categories: {', '.join(known) or 'none'}"
            )
    if options.difficulty is not None:
        candidates = [
            f for f in candidates if f.quiz is not None and f.quiz.difficulty == options.difficulty
        ]
    return candidates


def channel_order(
    candidates: Sequence[Fact], rng: random.Random, asked: Mapping[str, float] | None
) -> list[Fact]:
    """Shuffled; with ``asked`` (fact id -> when last asked in the channel), the questions
    never asked there first, then the others, longest ago first."""
    ordered = list(candidates)
    rng.shuffle(ordered)
    if asked:
        # A stable sort: the shuffled order stays within the never-asked questions.
        ordered.sort(key=lambda f: (f.id in asked, asked.get(f.id, 0.0)))
    return ordered


def draw_questions(
    candidates: Sequence[Fact], options: RoundOptions, rng: random.Random, choices: ChoiceBuilder
) -> list[Drawn]:
    """The first ``options.questions`` candidates that can be asked in the options' mode (a
    choice question needs enough distinct wrong options of the answer's kind)."""
    drawn: list[Drawn] = []
    for fact in candidates:
        if len(drawn) >= options.questions:
            break
        if options.mode == "choice":
            built = choices.build(fact, rng)
            if built is None:  # not enough distinct wrong options of the same kind
                continue
            drawn.append((fact, built[0], built[1]))
        else:
            drawn.append((fact, (), None))
    return drawn


class NotAllowed(PermissionError):
    """Only the player who started the round or a moderator may do this."""


# What players type for a mode, in every front end. "choice" (pick one of the options) is the one
# word shown everywhere; "buttons" (Discord's old word) and "mc"/"multiple" still work.
MODE_WORDS: dict[str, QuizMode] = {
    "typed": "typed",
    "choice": "choice",
    "buttons": "choice",
    "mc": "choice",
    "multiple": "choice",
}


@dataclass(frozen=True, slots=True)
class RoundOptions:
    questions: int = 10
    mode: QuizMode = "typed"
    seconds: float = 20.0  # time limit per question
    hints: bool = True  # automatic hint at half time and hints on request
    category: str | None = None
    difficulty: str | None = None
    seed: int | None = None  # same seed, same questions and options
    max_unanswered: int = 3  # stop after this many questions in a row nobody won

    def validate(self) -> None:
        """Raise QuizError naming the first option out of range."""
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise QuizError(f"{name} must be a number from {low:g} to {high:g}")
            if not low <= value <= high:
                raise QuizError(f"{name} must be from {low:g} to {high:g} (got {value:g})")
            if name in WHOLE_NUMBERS and value != int(value):
                raise QuizError(f"{name} must be a whole number (got {value:g})")
        if self.mode not in QUIZ_MODES:
            raise QuizError(f"mode must be one of: {', '.join(QUIZ_MODES)} (got {self.mode!r})")
        if self.difficulty is not None and self.difficulty not in DIFFICULTIES:
            raise QuizError(
                f"difficulty must be one of: {', '.join(DIFFICULTIES)} (got {self.difficulty!r})"
            )


@dataclass(frozen=True, slots=True)
class QuestionCard:
    """What players see when a question opens (never the answer)."""

    number: int  # 1-based
    total: int
    fact_id: str
    category: str
    difficulty: str
    prompt: str
    mode: QuizMode
    options: tuple[str, ...]  # multiple choice only; empty for typed
    seconds: float
    opened_at: float
    deadline: float
    hints: bool
    points: int  # worth before speed bonus and hints


@dataclass(frozen=True, slots=True)
class Hint:
    number: int  # 1..MAX_HINTS
    text: str  # typed: the answer with letters hidden ("R___ L__"); choice: what was removed
    removed_options: tuple[int, ...]  # choice mode: option indexes ruled out so far
    cost: int  # points the question is now worth less
    automatic: bool


@dataclass(frozen=True, slots=True)
class AnswerResult:
    status: AnswerStatus
    user_id: int
    user_name: str
    question: int  # 1-based number of the question answered (0 when none was open)
    points: int = 0
    streak: int = 0
    elapsed: float = 0.0
    saved: bool = True  # set by the round driver when the award could not be stored

    @property
    def correct(self) -> bool:
        return self.status == "correct"


@dataclass(frozen=True, slots=True)
class Reveal:
    """The answer of a closed question, with where it comes from."""

    number: int
    total: int
    fact: Fact
    answer: str
    source: Source
    reason: CloseReason
    winner: AnswerResult | None
    attempted: tuple[tuple[int, str], ...]  # (user_id, name) of players who tried and did not win
    correct_option: int | None  # multiple choice: index of the right option

    @property
    def quote(self) -> str:
        return self.source.quote


@dataclass(frozen=True, slots=True)
class Standing:
    rank: int
    user_id: int
    user_name: str
    points: int
    correct: int
    best_streak: int
    won: bool


@dataclass(frozen=True, slots=True)
class Summary:
    reason: EndReason
    asked: int
    total: int
    standings: tuple[Standing, ...]
    # Correct answers the score database could not store: the standings leave them out, so
    # what players see agrees with what was saved.
    unsaved: int = 0

    @property
    def winners(self) -> tuple[Standing, ...]:
        return tuple(s for s in self.standings if s.won)


@dataclass(slots=True)
class _Player:
    user_id: int
    name: str
    points: int = 0
    correct: int = 0
    streak: int = 0
    best_streak: int = 0


@dataclass(slots=True)
class _Open:
    """The question being asked."""

    number: int
    fact: Fact
    card: QuestionCard
    correct_option: int | None
    hints_shown: int = 0
    removed: list[int] = field(default_factory=list)
    answered: dict[int, str] = field(default_factory=dict)  # user_id -> name, anyone who tried
    chosen: dict[int, int] = field(default_factory=dict)  # multiple choice: user_id -> option
    auto_hint_due: bool = True


class QuizRound:
    """The rules of one round. Not thread-safe; one driver calls it."""

    def __init__(
        self,
        questions: Sequence[tuple[Fact, tuple[str, ...], int | None]],
        options: RoundOptions,
        rng: random.Random,
        checker: Checker,
        starter_id: int,
    ) -> None:
        self.options = options
        self.starter_id = starter_id
        self._questions = list(questions)
        self._rng = rng
        self._check = checker
        self._players: dict[int, _Player] = {}
        self._open: _Open | None = None
        self._asked = 0
        self._unanswered_run = 0
        self._summary: Summary | None = None
        self._stopped = False
        self.last_reveal: Reveal | None = None

    @classmethod
    def create(
        cls,
        fact_base: FactBase,
        options: RoundOptions,
        *,
        rng: random.Random,
        checker: Checker,
        starter_id: int,
        choices: ChoiceBuilder | None = None,
        asked: Mapping[str, float] | None = None,
    ) -> QuizRound:
        """Draw the round's questions (without repeats) from the quiz facts matching the options.

        Pass one ``choices`` builder for many rounds on the same fact base: it caches verdicts.
        ``asked`` (fact id -> when last asked in this channel) puts questions never asked there
        first and the others after them, longest ago first: nothing repeats until all are used.
        """
        options.validate()
        choices = choices or ChoiceBuilder(fact_base.facts, checker)
        candidates = channel_order(eligible_facts(fact_base, options), rng, asked)
        drawn = draw_questions(candidates, options, rng, choices)
        if not drawn:
            what = " ".join(x for x in (options.difficulty, options.category) if x)
            raise QuizError(
                f"no {what + ' ' if what else ''}questions can be asked in {options.mode} mode; "
                "try another category, difficulty or mode"
            )
        return cls(drawn, options, rng, checker, starter_id)

    # -- state ---------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self._questions)

    @property
    def asked(self) -> int:
        return self._asked

    @property
    def question_open(self) -> bool:
        return self._open is not None

    @property
    def current(self) -> QuestionCard | None:
        return self._open.card if self._open else None

    @property
    def inactive(self) -> bool:
        """True when too many questions in a row went unanswered: the round should end."""
        return self._unanswered_run >= self.options.max_unanswered

    def open_next(self, now: float) -> QuestionCard | None:
        """Open the next question; None when all have been asked or the round is over."""
        if self._summary is not None or self._stopped or self._asked >= self.total:
            return None
        if self._open is not None:
            raise RuntimeError("close the open question before opening the next")
        fact, options, correct_option = self._questions[self._asked]
        self._asked += 1
        assert fact.quiz is not None
        seconds = float(self.options.seconds)
        card = QuestionCard(
            number=self._asked,
            total=self.total,
            fact_id=fact.id,
            category=fact.category,
            difficulty=fact.quiz.difficulty,
            prompt=fact.quiz.prompt,
            mode=self.options.mode,
            options=options,
            seconds=seconds,
            opened_at=now,
            deadline=now + seconds,
            hints=self.options.hints,
            points=BASE_POINTS[fact.quiz.difficulty],
        )
        self._open = _Open(self._asked, fact, card, correct_option)
        self.last_reveal = None
        return card

    def start_clock(self, now: float) -> QuestionCard | None:
        """Count the open question's time from ``now``: when players can first see it.

        The driver calls this once the card is shown, so a slow or rate-limited post does not eat
        the answering time. Returns the card with its new deadline (None when nothing is open).
        """
        q = self._open
        if q is None:
            return None
        q.card = replace(q.card, opened_at=now, deadline=now + q.card.seconds)
        return q.card

    def next_deadline(self) -> float | None:
        """When `tick` must next run: the automatic hint at half time, else the time limit."""
        q = self._open
        if q is None:
            return None
        if self.options.hints and q.auto_hint_due and q.hints_shown == 0:
            return q.card.opened_at + q.card.seconds / 2
        return q.card.deadline

    def tick(self, now: float) -> list[Hint | Reveal]:
        """Everything due at ``now``: the half-time hint, then the timeout of the question."""
        events: list[Hint | Reveal] = []
        q = self._open
        if q is None:
            return events
        if (
            self.options.hints
            and q.auto_hint_due
            and q.hints_shown == 0
            and now >= q.card.opened_at + q.card.seconds / 2
            and now < q.card.deadline
        ):
            q.auto_hint_due = False
            hint = self._next_hint(q, automatic=True)
            if hint is not None:
                events.append(hint)
        if now >= q.card.deadline:
            events.append(self._close("timeout"))
        return events

    # -- player actions ------------------------------------------------------------------------

    def answer(self, user_id: int, user_name: str, text: str, now: float) -> AnswerResult:
        """A typed answer. Wrong guesses cost nothing; the first correct one wins the question."""
        q = self._open
        if q is None or now >= q.card.deadline:
            return AnswerResult("closed", user_id, user_name, q.number if q else 0)
        if q.correct_option is not None:
            # Typing an option's letter in a multiple-choice round counts like clicking it.
            return self._choose(q, user_id, user_name, self._typed_option(text), now)
        q.answered.setdefault(user_id, user_name)
        if not self._check(q.fact, text):
            return AnswerResult("wrong", user_id, user_name, q.number)
        return self._win(q, user_id, user_name, now)

    def choose(self, user_id: int, user_name: str, option: int, now: float) -> AnswerResult:
        """A multiple-choice click. Each player gets one choice per question."""
        q = self._open
        if q is None or now >= q.card.deadline:
            return AnswerResult("closed", user_id, user_name, q.number if q else 0)
        if q.correct_option is None:
            return AnswerResult("not_a_player_option", user_id, user_name, q.number)
        return self._choose(q, user_id, user_name, option, now)

    def _choose(
        self, q: _Open, user_id: int, user_name: str, option: int | None, now: float
    ) -> AnswerResult:
        if option is None or not 0 <= option < len(q.card.options):
            return AnswerResult("not_a_player_option", user_id, user_name, q.number)
        if user_id in q.chosen:
            return AnswerResult("already_answered", user_id, user_name, q.number)
        q.chosen[user_id] = option
        q.answered.setdefault(user_id, user_name)
        if option != q.correct_option:
            return AnswerResult("wrong", user_id, user_name, q.number)
        return self._win(q, user_id, user_name, now)

    def hint(self, now: float) -> Hint | None:
        """A hint on request; None when hints are off, none are left or no question is open."""
        q = self._open
        if q is None or not self.options.hints or now >= q.card.deadline:
            return None
        return self._next_hint(q, automatic=False)

    def skip(self, now: float) -> Reveal | None:
        """Close the open question without a winner and reveal its answer."""
        if self._open is None:
            return None
        return self._close("skipped")

    def may_control(self, user_id: int, is_moderator: bool) -> bool:
        return is_moderator or user_id == self.starter_id

    def stop(self, user_id: int, is_moderator: bool, now: float) -> Reveal | None:
        """End the round (starter or moderator only); reveals the open question if any."""
        if not self.may_control(user_id, is_moderator):
            raise NotAllowed("only the player who started the round or a moderator can stop it")
        self._stopped = True
        return self._close("stopped") if self._open is not None else None

    def finish(self, reason: EndReason) -> Summary:
        """The final ranking. Closes any open question first; idempotent."""
        if self._summary is not None:
            return self._summary
        if self._open is not None:
            self._close("stopped")
        ordered = sorted(
            self._players.values(), key=lambda p: (-p.points, -p.correct, p.name.casefold())
        )
        standings: list[Standing] = []
        rank = 0
        for position, p in enumerate(ordered, start=1):
            # Equal points share a rank: (30, 20, 20, 10) ranks as 1, 2, 2, 4.
            if not standings or p.points != standings[-1].points:
                rank = position
            standings.append(
                Standing(
                    rank,
                    p.user_id,
                    p.name,
                    p.points,
                    p.correct,
                    p.best_streak,
                    # Only a round played to its end has a winner: a stopped one is not a win.
                    won=rank == 1 and p.points > 0 and reason == "completed",
                )
            )
        self._summary = Summary(reason, self._asked, self.total, tuple(standings))
        return self._summary

    # -- internals -----------------------------------------------------------------------------

    @staticmethod
    def _typed_option(text: str) -> int | None:
        stripped = text.strip().rstrip(".)").upper()
        if len(stripped) == 1 and "A" <= stripped <= "Z":
            return ord(stripped) - ord("A")
        if stripped.isdigit():
            return int(stripped) - 1
        return None

    def _player(self, user_id: int, user_name: str) -> _Player:
        player = self._players.get(user_id)
        if player is None:
            player = self._players[user_id] = _Player(user_id, user_name)
        player.name = user_name or player.name
        return player

    def _win(self, q: _Open, user_id: int, user_name: str, now: float) -> AnswerResult:
        base = q.card.points
        remaining = max(0.0, q.card.deadline - now) / q.card.seconds
        points = base + round(base * SPEED_BONUS * remaining) - self._hint_cost(q)
        points = max(1, points)
        winner = self._player(user_id, user_name)
        for other in self._players.values():
            if other is not winner:
                other.streak = 0
        winner.points += points
        winner.correct += 1
        winner.streak += 1
        winner.best_streak = max(winner.best_streak, winner.streak)
        result = AnswerResult(
            "correct", user_id, user_name, q.number, points, winner.streak, now - q.card.opened_at
        )
        self._close("answered", result)
        return result

    def _hint_cost(self, q: _Open) -> int:
        return round(q.card.points * HINT_COST * q.hints_shown)

    def _close(self, reason: CloseReason, winner: AnswerResult | None = None) -> Reveal:
        q = self._open
        assert q is not None
        self._open = None
        for user_id, name in q.answered.items():
            self._player(user_id, name)
        if winner is None:
            for p in self._players.values():
                p.streak = 0
        if reason == "answered":
            self._unanswered_run = 0
        elif reason == "timeout":
            self._unanswered_run += 1
        else:  # someone is there to skip or stop
            self._unanswered_run = 0
        attempted = tuple(
            (uid, name)
            for uid, name in q.answered.items()
            if winner is None or uid != winner.user_id
        )
        self.last_reveal = Reveal(
            q.number,
            self.total,
            q.fact,
            q.fact.answer,
            q.fact.source,
            reason,
            winner,
            attempted,
            q.correct_option,
        )
        return self.last_reveal

    def _next_hint(self, q: _Open, *, automatic: bool) -> Hint | None:
        if q.hints_shown >= MAX_HINTS:
            return None
        if q.correct_option is not None:
            wrong = [
                i
                for i in range(len(q.card.options))
                if i != q.correct_option and i not in q.removed
            ]
            if len(wrong) <= 1:
                return None
            removed = self._rng.choice(wrong)
            q.removed.append(removed)
            text = f"It is not {chr(ord('A') + removed)}: {q.card.options[removed]}"
        else:
            text = mask_answer(q.fact.answer, q.hints_shown + 1, self._rng)
        q.hints_shown += 1
        q.auto_hint_due = False
        return Hint(q.hints_shown, text, tuple(q.removed), self._hint_cost(q), automatic)


def mask_answer(answer: str, level: int, rng: random.Random) -> str:
    """The answer with letters and digits hidden as ``_``; more show at each level.

    Level 1 shows the first character of every word; level 2 also half of the rest.
    """
    chars = list(answer)
    hidden: list[int] = []
    start_of_word = True
    for i, ch in enumerate(chars):
        if ch.isalnum():
            if not start_of_word:
                hidden.append(i)
            start_of_word = False
        else:
            start_of_word = True
    if level >= 2 and hidden:
        shown = set(rng.sample(hidden, len(hidden) // 2))
        hidden = [i for i in hidden if i not in shown]
    for i in hidden:
        chars[i] = "_"
    return "".join(chars)
