"""How a quiz round looks at a terminal: the console's `Presenter`."""

from __future__ import annotations

import asyncio
import time
from typing import TextIO

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
    """Prints round events to a text stream."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        # Set when a question opens or the round ends, so scripted input can keep pace.
        self.changed = asyncio.Event()

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    async def question(self, channel_id: int, card: QuestionCard) -> None:
        self.say()
        self.say(
            f"Question {card.number}/{card.total} · {card.category} · {card.difficulty} · "
            f"{card.points} points · {card.seconds:g} s"
        )
        self.say(f"  {card.prompt}")
        for i, option in enumerate(card.options):
            self.say(f"  {LETTERS[i]}) {option}")
        if card.options:
            self.say("Choose with a letter (one try). Or: hint, skip, stop")
        else:
            self.say("Type your answer. Or: hint, skip, stop")
        self.changed.set()

    async def hint(self, channel_id: int, hint: Hint) -> None:
        when = "Half time! " if hint.automatic else ""
        self.say(f"{when}Hint {hint.number}: {hint.text}  (now worth {hint.cost} points less)")

    async def correct(self, channel_id: int, result: AnswerResult) -> None:
        streak = f", streak {result.streak}" if result.streak > 1 else ""
        saved = "" if result.saved else " (could not be saved!)"
        self.say(f"Correct, {result.user_name}! +{result.points} points{streak}{saved}")

    async def reveal(self, channel_id: int, reveal: Reveal) -> None:
        lead = {
            "answered": "The answer",
            "timeout": "Time's up! The answer was",
            "skipped": "Skipped. The answer was",
            "stopped": "The answer was",
        }[reveal.reason]
        option = ""
        if reveal.correct_option is not None:
            option = f"{LETTERS[reveal.correct_option]}) "
        self.say(f"{lead}: {option}{reveal.answer}")
        self.say(f"  “{reveal.source.quote}” ({reveal.source.title})")

    async def summary(self, channel_id: int, summary: Summary) -> None:
        self.changed.set()
        self.say()
        self.say(
            f"{END_REASONS[summary.reason]} after {summary.asked} of {summary.total} questions."
        )
        if not summary.standings:
            self.say("Nobody scored.")
            return
        for s in summary.standings:
            crown = "  winner" if s.won else ""
            self.say(f"  {s.rank}. {s.user_name}: {s.points} points, {s.correct} correct{crown}")
        if len(summary.winners) > 1:
            self.say("A tie at the top: the winners share the round.")
        if summary.unsaved:
            self.say(
                f"{summary.unsaved} correct answer(s) could not be saved to the score database "
                "and are not counted here."
            )


def leaderboard_text(page: LeaderboardPage) -> str:
    scope = "all servers" if page.guild_id is None else "this console"
    lines = [f"Leaderboard ({scope}, by {page.sort}), page {page.page}/{page.pages}:"]
    if not page.entries:
        lines.append("  nobody has played yet. Start with: quiz")
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
