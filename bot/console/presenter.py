"""How a quiz round looks at a terminal: the console's `Presenter`."""

from __future__ import annotations

import asyncio
import time

from bot.console.terminal import Terminal
from bot.core.quiz import AnswerResult, Hint, QuestionCard, Reveal, Summary
from bot.core.storage import LeaderboardPage, PlayerStats, RoundRecord

LETTERS = "ABCDEFGHIJ"
END_REASONS = {
    "completed": "Round over",
    "stopped": "Round stopped",
    "inactive": "Round stopped: nobody answered for a while",
    "shutdown": "Round stopped: the console is closing",
}


class ConsolePresenter:
    """Prints round events on the console's terminal, each event as one block."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        # Set when a question opens or the round ends, so scripted input can keep pace.
        self.changed = asyncio.Event()
        self.card: QuestionCard | None = None  # the question open now, if any
        self.tried: int | None = None  # number of the question the player has had their one try

    def say(self, text: str = "") -> None:
        self.terminal.show(text)

    async def question(self, channel_id: int, card: QuestionCard) -> None:
        self.card = card
        lines = [
            "",
            f"Question {card.number}/{card.total} · {card.category} · {card.difficulty} · "
            f"{card.points} points · {card.seconds:g} s",
            f"  {card.prompt}",
        ]
        lines += [f"  {LETTERS[i]}) {option}" for i, option in enumerate(card.options)]
        lines.append(round_prompt(card))
        self.say("\n".join(lines))
        self.changed.set()

    async def hint(self, channel_id: int, hint: Hint) -> None:
        if hint.automatic and self.card is not None and self.tried == self.card.number:
            return  # the player's one try has ended this question for them: no use now
        when = "Half time! " if hint.automatic else ""
        self.say(f"{when}Hint {hint.number}: {hint.text}  (now worth {hint.cost} points less)")

    async def correct(self, channel_id: int, result: AnswerResult) -> None:
        streak = f", streak {result.streak}" if result.streak > 1 else ""
        saved = "" if result.saved else " (could not be saved!)"
        self.say(f"Correct, {result.user_name}! +{result.points} points{streak}{saved}")

    async def reveal(self, channel_id: int, reveal: Reveal) -> None:
        self.card = None
        lead = {
            "answered": "The answer",
            "timeout": "Time's up! The answer was",
            "skipped": "Skipped. The answer was",
            "stopped": "The answer was",
        }[reveal.reason]
        option = ""
        if reveal.correct_option is not None:
            option = f"{LETTERS[reveal.correct_option]}) "
        self.say(
            f"{lead}: {option}{reveal.answer}\n  “{reveal.source.quote}” ({reveal.source.title})"
        )

    async def summary(self, channel_id: int, summary: Summary) -> None:
        self.card = None
        self.changed.set()
        lines = [
            "",
            f"{END_REASONS[summary.reason]} after {summary.asked} of {summary.total} questions.",
        ]
        if not summary.standings:
            lines.append("Nobody scored.")
        for s in summary.standings:
            crown = "  winner" if s.won else ""
            lines.append(
                f"  {s.rank}. {s.user_name}: {s.points} points, {s.correct} correct{crown}"
            )
        if len(summary.winners) > 1:
            lines.append("A tie at the top: the winners share the round.")
        if summary.unsaved:
            lines.append(
                f"{summary.unsaved} correct answer(s) could not be saved to the score database "
                "and are not counted here."
            )
        self.say("\n".join(lines))


def round_prompt(card: QuestionCard) -> str:
    """What the player can do now, as this round allows it (no `hint` when hints are off)."""
    controls = ", ".join(["hint", "skip", "stop"] if card.hints else ["skip", "stop"])
    if card.options:
        letters = LETTERS[: len(card.options)]
        choices = ", ".join(letters[:-1]) + f" or {letters[-1]}"
        return f"Choose {choices} (one try). Or: {controls}"
    return f"Type your answer. Or: {controls}"


def leaderboard_text(page: LeaderboardPage) -> str:
    scope = "all servers" if page.guild_id is None else "this console"
    lines = [f"Leaderboard ({scope}, by {page.sort}), page {page.page}/{page.pages}:"]
    if not page.entries:
        lines.append("  nobody has scored yet. Start with: quiz")
    for e in page.entries:
        lines.append(
            f"  {e.rank}. {e.name}: {e.points} points · {e.rounds_won} wins · "
            f"{e.accuracy:.0%} right ({e.correct}/{e.attempted})"
        )
    return "\n".join(lines)


def stats_text(stats: PlayerStats | None, name: str) -> str:
    if stats is None:
        return f"{name} has not played yet. Start with: quiz"
    return "\n".join(
        [
            f"{stats.name}: rank {stats.rank} of {stats.players}",
            f"  {stats.points} points, {stats.correct} right of {stats.attempted} tried "
            f"({stats.accuracy:.0%})",
            f"  rounds: {stats.rounds_played} played, {stats.rounds_won} won; "
            f"best streak {stats.best_streak}",
        ]
    )


def history_text(rounds: list[RoundRecord]) -> str:
    if not rounds:
        return "No rounds played yet. Start one with: quiz"
    lines = ["Last rounds:"]
    for r in rounds:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(r.started_at))
        how = r.end_reason or "not finished"
        top = ", ".join(f"{x.user_name} {x.points}" for x in r.results[:3]) or "nobody scored"
        lines.append(f"  {when} · {r.mode} · {r.asked}/{r.questions} asked · {how} · {top}")
    return "\n".join(lines)
