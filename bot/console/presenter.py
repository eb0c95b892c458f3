"""How a quiz round looks at a terminal: the console's `Presenter`."""

from __future__ import annotations

import asyncio
import time

from bot.console.terminal import Terminal
from bot.core.quiz import (
    OPTION_LETTERS,
    AnswerResult,
    Hint,
    QuestionCard,
    Reveal,
    Summary,
)
from bot.core.round_words import END_REASONS, REVEALS
from bot.core.storage import LeaderboardPage, PlayerStats, RoundRecord
from bot.l10n import WORDS, Translator, english, join


class ConsolePresenter:
    """Prints round events on the console's terminal, each event as one block."""

    def __init__(self, terminal: Terminal, tr: Translator = english) -> None:
        self.terminal = terminal
        self.tr = tr  # the console's language (--locale)
        # Set when a question opens or the round ends, so scripted input can keep pace.
        self.changed = asyncio.Event()
        self.card: QuestionCard | None = None  # the question open now, if any
        self.tried: int | None = None  # number of the question the player has had their one try

    def say(self, text: str = "") -> None:
        self.terminal.show(text)

    async def question(self, channel_id: int, card: QuestionCard) -> None:
        self.card = card
        heading = self.tr(
            "Question {number}/{total} · {category} · {difficulty} · {points} points · {seconds} s",
            number=card.number,
            total=card.total,
            category=card.category,
            difficulty=self.tr(WORDS.get(card.difficulty, card.difficulty)),
            points=card.points,
            seconds=f"{card.seconds:g}",
        )
        lines = ["", heading, f"  {card.prompt}"]
        lines += [f"  {OPTION_LETTERS[i]}) {option}" for i, option in enumerate(card.options)]
        lines.append(round_prompt(card, self.tr))
        self.say("\n".join(lines))
        self.changed.set()

    async def hint(self, channel_id: int, hint: Hint) -> None:
        if hint.automatic and self.card is not None and self.tried == self.card.number:
            return  # the player's one try has ended this question for them: no use now
        when = self.tr("Half time!") + " " if hint.automatic else ""
        self.say(
            when
            + self.tr(
                "Hint {number}: {hint}  (now worth {cost} points less)",
                number=hint.number,
                hint=hint.text,
                cost=hint.cost,
            )
        )

    async def correct(self, channel_id: int, result: AnswerResult) -> None:
        text = self.tr(
            "Correct, {name}! +{points} points", name=result.user_name, points=result.points
        )
        if result.streak > 1:
            text += self.tr(", streak {streak}", streak=result.streak)
        if not result.saved:
            text = join(text, self.tr("(could not be saved!)"))
        self.say(text)

    async def reveal(self, channel_id: int, reveal: Reveal) -> None:
        self.card = None
        option = ""
        if reveal.correct_option is not None:
            option = f"{OPTION_LETTERS[reveal.correct_option]}) "
        line = self.tr(REVEALS[reveal.reason], answer=f"{option}{reveal.answer}")
        self.say(f"{line}\n  “{reveal.source.quote}” ({reveal.source.title})")

    async def summary(self, channel_id: int, summary: Summary) -> None:
        self.card = None
        self.changed.set()
        tr = self.tr
        ended = tr(
            "{reason} after {asked} of {total} questions.",
            reason=tr(END_REASONS[summary.reason]),
            asked=summary.asked,
            total=summary.total,
        )
        lines = ["", ended]
        if not summary.standings:
            lines.append(tr("Nobody scored."))
        for s in summary.standings:
            crown = "  " + tr("winner") if s.won else ""
            line = tr(
                "{rank}. {name}: {points} points, {correct} correct",
                rank=s.rank,
                name=s.user_name,
                points=s.points,
                correct=s.correct,
            )
            lines.append(f"  {line}{crown}")
        if len(summary.winners) > 1:
            lines.append(tr("A tie at the top: the winners share the round."))
        if summary.unsaved:
            lines.append(
                tr(
                    "{count} correct answer(s) could not be saved to the score database and are "
                    "not counted here.",
                    count=summary.unsaved,
                )
            )
        self.say("\n".join(lines))


def round_prompt(card: QuestionCard, tr: Translator = english) -> str:
    """What the player can do now, as this round allows it (no `hint` when hints are off).
    The commands themselves stay English: they are what the player types."""
    controls = ", ".join(["hint", "skip", "stop"] if card.hints else ["skip", "stop"])
    if card.options:
        letters = OPTION_LETTERS[: len(card.options)]
        return tr(
            "Choose {letters} or {last} (one try). Or: {controls}",
            letters=", ".join(letters[:-1]),
            last=letters[-1],
            controls=controls,
        )
    return tr("Type your answer. Or: {controls}", controls=controls)


def leaderboard_text(page: LeaderboardPage, tr: Translator = english) -> str:
    scope = tr("all servers") if page.guild_id is None else tr("this console")
    heading = tr(
        "Leaderboard ({scope}, by {sort}), page {page}/{pages}:",
        scope=scope,
        sort=tr(WORDS.get(page.sort, page.sort)),
        page=page.page,
        pages=page.pages,
    )
    lines = [heading]
    if not page.entries:
        lines.append("  " + tr("nobody has scored yet. Start with: quiz"))
    for e in page.entries:
        line = tr(
            "{rank}. {name}: {points} points · {wins} wins · {accuracy} right ({correct}/{tried})",
            rank=e.rank,
            name=e.name,
            points=e.points,
            wins=e.rounds_won,
            accuracy=f"{e.accuracy:.0%}",
            correct=e.correct,
            tried=e.attempted,
        )
        lines.append(f"  {line}")
    return "\n".join(lines)


def stats_text(stats: PlayerStats | None, name: str, tr: Translator = english) -> str:
    if stats is None:
        return tr("{name} has not played yet. Start with: quiz", name=name)
    return "\n".join(
        [
            tr(
                "{name}: rank {rank} of {players}",
                name=stats.name,
                rank=stats.rank,
                players=stats.players,
            ),
            "  "
            + tr(
                "{points} points, {correct} right of {tried} tried ({accuracy})",
                points=stats.points,
                correct=stats.correct,
                tried=stats.attempted,
                accuracy=f"{stats.accuracy:.0%}",
            ),
            "  "
            + tr(
                "rounds: {played} played, {won} won; best streak {streak}",
                played=stats.rounds_played,
                won=stats.rounds_won,
                streak=stats.best_streak,
            ),
        ]
    )


def history_text(rounds: list[RoundRecord], tr: Translator = english) -> str:
    if not rounds:
        return tr("No rounds played yet. Start one with: quiz")
    lines = [tr("Last rounds:")]
    for r in rounds:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(r.started_at))
        how = r.end_reason or tr("not finished")
        top = ", ".join(f"{x.user_name} {x.points}" for x in r.results[:3]) or tr("nobody scored")
        asked = tr("{asked}/{questions} asked", asked=r.asked, questions=r.questions)
        lines.append(f"  {when} · {r.mode} · {asked} · {how} · {top}")
    return "\n".join(lines)
