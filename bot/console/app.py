"""`python -m bot console`: the whole game at a terminal, no Discord needed.

Same core and same SQLite file as the Discord bot (the console plays as server 0). Reads lines
from stdin, so it also works piped (``printf 'quiz 2 seed=1\\nRene Liu\\n' | python -m bot console
--fast 50``): after a command that opens or closes a question it waits for the next question (or
the end of the round) before reading on, so scripted input always answers the question it means.
At end of input a running round is stopped and its summary printed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import difflib
import getpass
import math
import random
import shlex
import sys
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from bot.cli._loading import load_indexed_or_report, replace_undecodable
from bot.console.presenter import (
    ConsolePresenter,
    history_text,
    leaderboard_text,
    round_prompt,
    stats_text,
)
from bot.console.terminal import LineReader, Terminal, terminal_restored
from bot.core.knowledge import Knowledge
from bot.core.matching import AskResult
from bot.core.model import Fact
from bot.core.quiz import LIMITS, MODE_WORDS, NotAllowed, QuizError, RoundOptions
from bot.core.quotes import format_quote, missing_page, page_footer
from bot.core.replies import ask_reply, reply_text
from bot.core.round_words import FEEDBACK, TRY_AGAIN
from bot.core.rounds import Player, RoundInProgress, RoundManager, interrupted_notice
from bot.core.spoilers import HELD_BACK, HELD_QUOTE, ask_spoils, quote_spoils, safe_random
from bot.core.storage import SORTS, ServerSettingError, StorageError
from bot.core.store_contract import ScoreStoreContract
from bot.core.store_select import open_store
from bot.l10n import LOCALES, N_, WORDS, Translator, english, join, translator
from bot.settings import local_paths

CONSOLE_GUILD = 0
CONSOLE_CHANNEL = 0
# The commands stay English (they are what the player types); their explanations are translated.
HELP = N_("""\
Commands (type them without the quotes):
  ask QUESTION            ask about Us and Them          e.g. ask who directed it
                          (or just type the question:    who directed it?)
  quote [WORDS] [PAGE]    quotes matching the words, or a random one   e.g. quote rene liu
  more                    the next page of the last quotes
  quiz [N] [typed|choice] [easy|medium|hard] [category=NAME] [seconds=S] [seed=N] [nohints]
                          start a round                  e.g. quiz 5 choice category=box office
{round}
  leaderboard [points|wins|accuracy] [PAGE] [global]
  stats                   your totals
  history                 the last rounds played here
  settings [seconds=S] [length=N] [mode=typed|choice] [hints=on|off]
                          show or change the defaults for new rounds
  reset yes               delete every score and round played at this console
  help | quit""")
ANY_ROUND_HELP = N_("""\
  (during a round) type your answer (a letter or number in multiple choice); `answer TEXT` too
  hint | skip | stop      during a round (hint when the round has hints)
  wait                    let the clock run until the next question or the end of the round""")
THIS_ROUND_HELP = N_("""\
  In this round: {prompt}
  answer TEXT             an answer that starts with a command's word
  wait                    let the clock run until the next question or the end of the round""")


@dataclass
class Console:
    knowledge: Knowledge
    rounds: RoundManager
    store: ScoreStoreContract
    presenter: ConsolePresenter
    player_name: str
    player_id: int
    rng: random.Random
    settle_seconds: float  # real seconds to wait for the next question before reading on
    last_quotes: tuple[str, int] | None = None  # (query, page) of the last quote search
    held: set[asyncio.Task[None]] = field(default_factory=set)  # answers kept until a reveal

    def say(self, text: str = "") -> None:
        self.presenter.say(text)

    def tr(self, message: str, /, **values: object) -> str:
        """`message` in the console's language (--locale)."""
        return self.presenter.tr(message, **values)

    async def handle(self, line: str) -> bool:
        """Run one input line; False when the console should end."""
        line = line.strip()
        if not line:
            return True
        command, _, rest = line.partition(" ")
        command = command.lower().lstrip("/")
        rest = rest.strip()
        if command in {"quit", "exit"}:
            return False
        handler = getattr(self, f"cmd_{command}", None)
        in_round = self.rounds.current(CONSOLE_CHANNEL) is not None
        if handler is None or (in_round and command not in _ROUND_SAFE and rest):
            if in_round:
                await self._answer(line)
            elif rest or line.endswith("?") or not _close_command(command):
                await self._ask(line, bare=True)
            else:
                self.say(
                    self.tr(
                        "unknown command {command}. Did you mean `{close}`? Type `help` for the "
                        "list, or ask a question.",
                        command=repr(command),
                        close=_close_command(command),
                    )
                )
            return True
        await handler(rest)
        return True

    # -- knowledge -------------------------------------------------------------------------------

    async def cmd_help(self, rest: str) -> None:
        card = self.presenter.card
        # During a round: what can be done now, in its terms (no `hint` when hints are off).
        if card:
            now = self.tr(THIS_ROUND_HELP, prompt=round_prompt(card, self.tr))
        else:
            now = self.tr(ANY_ROUND_HELP)
        self.say(self.tr(HELP, round=now))

    async def cmd_ask(self, rest: str) -> None:
        if not rest:
            self.say(self.tr("ask what? e.g. `ask who directed it`"))
            return
        await self._ask(rest, bare=False)

    async def _ask(self, question: str, *, bare: bool) -> None:
        result = self.knowledge.matcher.ask(question)
        reply = self._reply(question, result)
        if bare and not result.matched:
            reply += "\n" + self.tr("(Type `help` for the commands.)")
        card = self.rounds.current(CONSOLE_CHANNEL)
        if card is not None and ask_spoils(self._open_fact(), result):
            self.say(self.tr(HELD_BACK))  # and the answer once the question is revealed
            task = asyncio.create_task(self._after_reveal(card.fact_id, reply))
            self.held.add(task)
            task.add_done_callback(self.held.discard)
            return
        self.say(reply)

    def _reply(self, question: str, result: AskResult) -> str:
        """The answer or the honest "I don't know", in the console's words (facts stay as the
        documents say them): the same reply Discord shows (bot.core.replies), as plain text."""
        film = self.knowledge.matcher.film
        return reply_text(ask_reply(question, result, film, self.tr), self.tr)

    def _open_fact(self) -> Fact | None:
        card = self.rounds.current(CONSOLE_CHANNEL)
        return self.knowledge.facts.by_id.get(card.fact_id) if card else None

    async def _after_reveal(self, fact_id: str, text: str) -> None:
        while (card := self.rounds.current(CONSOLE_CHANNEL)) and card.fact_id == fact_id:
            await asyncio.sleep(0.02)
        self.say(text)

    async def cmd_quote(self, rest: str) -> None:
        if not self.knowledge.quotes.quotes:
            self.say(self.tr("this fact base has no quotes"))
            return
        words = rest.split()
        page = 1
        if len(words) > 1 and words[-1].isdigit():  # `quote rene liu 2`: the second page
            page, rest = int(words[-1]), " ".join(words[:-1])
        if not rest:
            self.last_quotes = None
            quote = safe_random(self.knowledge.quotes, self.rng, self._open_fact())
            self.say(format_quote(quote, self.tr) if quote else self.tr(HELD_QUOTE))
            return
        self._show_quotes(rest, page)

    async def cmd_more(self, rest: str) -> None:
        if self.last_quotes is None:
            self.say(self.tr("no quotes to show more of. Search with e.g. `quote rene liu`"))
            return
        query, page = self.last_quotes
        self._show_quotes(query, page + 1)

    def _show_quotes(self, query: str, number: int) -> None:
        page = self.knowledge.quotes.page(query, number)
        if not page.total:
            self.say(
                self.tr("no quote matches {query}; try `quote` for a random one", query=repr(query))
            )
            return
        if not page.exists:
            self.say(missing_page(page, self.tr))
            return
        self.last_quotes = (query, page.page)
        open_fact = self._open_fact()
        safe = [q for q in page.quotes if not quote_spoils(open_fact, q)]
        held = [self.tr(HELD_QUOTE)] * (safe != list(page.quotes))
        shown = "\n\n".join([format_quote(q, self.tr) for q in safe] + held)
        more = self.tr("`more` or `{command}`", command=f"quote {query} {page.page + 1}")
        footer = page_footer(page, more, self.tr)
        self.say(f"{shown}\n\n{footer}" if footer else shown)

    # -- the quiz --------------------------------------------------------------------------------

    async def cmd_quiz(self, rest: str) -> None:
        if rest.split()[:1] == ["start"]:
            rest = rest[len("start") :].strip()
        try:
            options = await self._round_options(rest)
            changed = self._watch()
            await self.rounds.start(
                CONSOLE_CHANNEL,
                CONSOLE_GUILD,
                self.player_id,
                options,
                self.presenter,
                starter_name=self.player_name,
            )
        except (QuizError, RoundInProgress) as exc:
            self.say(self.tr("cannot start: {reason}", reason=exc))
            return
        await self._settle(changed)

    async def cmd_answer(self, rest: str) -> None:
        await self._answer(rest)

    async def _answer(self, text: str) -> None:
        card = self.rounds.current(CONSOLE_CHANNEL)
        if card is None:
            self.say(self.tr("no question is open. Start a round with `quiz`."))
            return
        changed = self._watch()
        # The core reads an option's letter (or number) in a multiple-choice round, as it does
        # for answers typed in a Discord channel.
        player = Player(self.player_id, self.player_name)
        result = await self.rounds.submit(CONSOLE_CHANNEL, player, text, source="console")
        if result.status == "wrong" and card.options:
            self.presenter.tried = card.number  # no half-time hint for a question already tried
        if result.status == "wrong" and not card.options:
            self.say(self.tr(TRY_AGAIN))
        elif not result.correct:
            self.say(self.tr(FEEDBACK[result.status]))
        if result.correct:
            await self._settle(changed)

    async def cmd_hint(self, rest: str) -> None:
        card = self.rounds.current(CONSOLE_CHANNEL)
        if card is None:
            self.say(self.tr("no question is open"))
        elif not card.hints:
            self.say(self.tr("hints are off in this round"))
        elif await self.rounds.hint(CONSOLE_CHANNEL) is None:
            self.say(self.tr("no more hints for this question"))

    async def cmd_skip(self, rest: str) -> None:
        changed = self._watch()
        try:
            skipped = await self.rounds.skip(CONSOLE_CHANNEL, self.player_id, is_moderator=True)
        except NotAllowed as exc:
            self.say(str(exc))
            return
        if not skipped:
            self.say(self.tr("no question is open"))
            return
        await self._settle(changed)

    async def cmd_stop(self, rest: str) -> None:
        if not await self.rounds.stop(CONSOLE_CHANNEL, self.player_id, is_moderator=True):
            self.say(self.tr("no round is running"))

    async def cmd_wait(self, rest: str) -> None:
        if not self.rounds.active(CONSOLE_CHANNEL):
            self.say(self.tr("no round is running"))
            return
        changed = self._watch()
        # The longest a question can stay open, plus the pause after it.
        card = self.rounds.current(CONSOLE_CHANNEL)
        seconds = (card.seconds if card else 0) + 10
        await self._settle(changed, seconds / self.rounds.time_scale + self.settle_seconds)

    # -- scores ----------------------------------------------------------------------------------

    async def cmd_leaderboard(self, rest: str) -> None:
        sort, page = "points", 1
        guild: int | None = CONSOLE_GUILD
        usage = self.tr(
            "usage: {command}", command="leaderboard [points|wins|accuracy] [PAGE] [global]"
        )
        for word in rest.lower().split():
            if word in SORTS:
                sort = word
            elif word.isdigit():
                page = int(word)
            elif word in {"global", "all"}:
                guild = None
            else:
                self.say(usage)
                return
        if page < 1:
            self.say(join(self.tr("Pages start at 1."), usage))
            return
        board = await self.store.leaderboard(guild, sort, page, 10)
        if page > board.pages:  # the store shows the last page instead: say so plainly
            self.say(
                self.tr(
                    "There is only 1 page of the leaderboard by {sort} (you asked for page "
                    "{page}).",
                    sort=self.tr(WORDS[sort]),
                    page=page,
                )
                if board.pages == 1
                else self.tr(
                    "There are only {pages} pages of the leaderboard by {sort} (you asked for "
                    "page {page}).",
                    pages=board.pages,
                    sort=self.tr(WORDS[sort]),
                    page=page,
                )
            )
            return
        self.say(leaderboard_text(board, self.tr))

    cmd_top = cmd_leaderboard

    async def cmd_stats(self, rest: str) -> None:
        stats = await self.store.player_stats(CONSOLE_GUILD, self.player_id)
        self.say(stats_text(stats, self.player_name, self.tr))

    async def cmd_history(self, rest: str) -> None:
        self.say(history_text(await self.store.round_history(CONSOLE_GUILD, limit=5), self.tr))

    async def cmd_settings(self, rest: str) -> None:
        changes: dict[str, object] = {}
        for word in rest.split():
            key, eq, value = word.partition("=")
            if not eq or key.lower() not in _SETTING_NAMES:
                self.say(
                    self.tr(
                        "usage: {command}",
                        command="settings [seconds=S] [length=N] [mode=typed|choice] "
                        "[hints=on|off]",
                    )
                )
                return
            try:
                name, changes_to = _setting_value(key.lower(), value, self.tr)
            except ValueError as exc:
                self.say(self.tr("not changed: {reason}", reason=exc))
                return
            changes[name] = changes_to
        try:
            settings = (
                await self.store.update_settings(CONSOLE_GUILD, **changes)
                if changes
                else await self.store.get_settings(CONSOLE_GUILD)
            )
        except ServerSettingError as exc:
            self.say(self.tr("not changed: {reason}", reason=exc))
            return
        self.say(
            self.tr(
                "New rounds: {questions} questions, {seconds} s each, {mode} mode, hints {hints}.",
                questions=settings.round_length,
                seconds=f"{settings.question_seconds:g}",
                mode=settings.mode,
                hints=self.tr("on") if settings.hints else self.tr("off"),
            )
        )

    async def cmd_reset(self, rest: str) -> None:
        if rest.strip().lower() != "yes":
            self.say(
                self.tr(
                    "This deletes every score and round played at this console. Type: reset yes"
                )
            )
            return
        if self.rounds.active(CONSOLE_CHANNEL):
            self.say(self.tr("stop the running round first"))
            return
        removed = await self.store.reset_guild(CONSOLE_GUILD)
        self.say(self.tr("Scores reset ({count} player(s) removed).", count=removed))

    # -- helpers ---------------------------------------------------------------------------------

    def _watch(self) -> asyncio.Event:
        self.presenter.changed.clear()
        return self.presenter.changed

    async def _settle(self, changed: asyncio.Event, seconds: float | None = None) -> None:
        """Wait until the next question is shown or the round ends (bounded)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), seconds or self.settle_seconds)

    async def _round_options(self, rest: str) -> RoundOptions:
        settings = await self.store.get_settings(CONSOLE_GUILD)
        values: dict[str, object] = {
            "questions": settings.round_length,
            "mode": settings.mode,
            "seconds": settings.question_seconds,
            "hints": settings.hints,
        }
        try:
            words = shlex.split(rest)
        except ValueError as exc:
            raise QuizError(self.tr("cannot read the options ({reason})", reason=exc)) from None
        last_key = ""
        for word in words:
            key, eq, value = word.partition("=")
            key = key.lower()
            if not eq and last_key in {"category", "cat"} and not _is_quiz_option(word):
                # `category=box office`: the words after a category name belong to it
                values["category"] = f"{values['category']} {word}"
                continue
            last_key = key if eq else ""
            if not eq and word.isdigit():
                values["questions"] = int(word)
            elif not eq and key in MODE_WORDS:
                values["mode"] = MODE_WORDS[key]
            elif not eq and key in {"easy", "medium", "hard"}:
                values["difficulty"] = key
            elif not eq and key in {"nohints", "nohint"}:
                values["hints"] = False
            elif eq and key in {"category", "cat"}:
                values["category"] = value
            elif eq and key in {"seconds", "time"}:
                values["seconds"] = _number(key, value, self.tr)
            elif eq and key == "seed":
                values["seed"] = _whole(key, value, self.tr)
            elif eq and key in {"n", "questions"}:
                values["questions"] = _whole(key, value, self.tr)
            else:
                raise QuizError(
                    self.tr(
                        "unknown option {option}. Type `help` for the quiz options",
                        option=repr(word),
                    )
                )
        return RoundOptions(**values)  # type: ignore[arg-type]


# Commands that are never taken as an answer, even with words after them during a round.
_ROUND_SAFE = frozenset(
    {"answer", "ask", "quote", "leaderboard", "top", "stats", "help", "quiz", "settings", "reset"}
)
# The words a player types for a setting -> the store's name for it.
_SETTING_NAMES = {
    "seconds": "question_seconds",
    "time": "question_seconds",
    "length": "round_length",
    "questions": "round_length",
    "mode": "mode",
    "hints": "hints",
}
_SWITCH = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}
_QUIZ_WORDS = frozenset({*MODE_WORDS, "easy", "medium", "hard", "nohints", "nohint"})
_COMMANDS: tuple[str, ...] = (
    *("ask", "quote", "more", "quiz", "answer", "hint", "skip", "stop", "wait"),
    *("leaderboard", "top", "stats", "history", "settings", "reset", "help", "quit"),
)


def _setting_value(key: str, value: str, tr: Translator = english) -> tuple[str, object]:
    """The store's name and value for `key=value` as typed; ValueError says, in the words the
    player used, what is allowed."""
    name = _SETTING_NAMES[key]
    if name == "hints":
        if value.lower() not in _SWITCH:
            raise ValueError(
                tr("{key} must be on or off (got {value})", key=key, value=repr(value))
            )
        return name, _SWITCH[value.lower()]
    if name == "mode":
        if value.lower() not in MODE_WORDS:  # `buttons`, Discord's old word, means choice
            raise ValueError(
                tr("{key} must be typed or choice (got {value})", key=key, value=repr(value))
            )
        return name, MODE_WORDS[value.lower()]
    low, high = LIMITS["seconds" if name == "question_seconds" else "questions"]
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    whole = name == "question_seconds" or number.is_integer()
    if not (low <= number <= high and whole):
        if name == "question_seconds":
            problem = N_("{key} must be a number of seconds from {low} to {high} (got {value})")
        else:
            problem = N_("{key} must be a whole number from {low} to {high} (got {value})")
        raise ValueError(tr(problem, key=key, low=f"{low:g}", high=f"{high:g}", value=value))
    return name, int(number) if number.is_integer() else number


def _is_quiz_option(word: str) -> bool:
    return "=" in word or word.isdigit() or word.lower() in _QUIZ_WORDS


def _close_command(word: str) -> str:
    """The command a one-word typo most likely meant ("hlep" -> "help"), or ""."""
    close = difflib.get_close_matches(word, _COMMANDS, n=1, cutoff=0.75)
    return close[0] if close else ""


def _number(key: str, value: str, tr: Translator = english) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise QuizError(tr("{key} must be a number (got {value})", key=key, value=repr(value)))
    return number


def _whole(key: str, value: str, tr: Translator = english) -> int:
    number = _number(key, value, tr)
    if not number.is_integer():
        raise QuizError(
            tr("{key} must be a whole number (got {value})", key=key, value=repr(value))
        )
    return int(number)


def _speed_factor(text: str) -> float:
    """--fast: a positive, finite factor (nan would never time out, inf would at once)."""
    try:
        factor = float(text)
    except ValueError:
        factor = math.nan
    if not (math.isfinite(factor) and factor > 0):
        raise argparse.ArgumentTypeError(
            f"must be a positive number, e.g. 10 for timers ten times faster (got {text!r})"
        )
    return factor


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot console", description="Ask, quote and play the quiz at a terminal."
    )
    parser.add_argument("--db", type=Path, help="score database (default: $BOT_DATABASE)")
    parser.add_argument("--name", help="your player name (default: your login name)")
    parser.add_argument(
        "--fast",
        type=_speed_factor,
        default=1.0,
        metavar="FACTOR",
        help="run round timers FACTOR times faster (for tests and demos)",
    )
    parser.add_argument("--pack", action="append", type=Path, help="fact pack file or folder")
    parser.add_argument(
        "--locale",
        choices=LOCALES,
        default="en",
        help="the console's own language: en, zh-CN (Simplified) or zh-TW (Traditional Chinese);"
        " facts and quotes stay as the documents say them",
    )
    args = parser.parse_args(argv)
    where = local_paths()
    if args.db:
        where = replace(where, database=args.db, database_url=None)
    knowledge = load_indexed_or_report(args.pack, where)
    if knowledge is None:
        return 2
    name = args.name or _login_name()
    replace_undecodable(sys.stdout)
    try:
        with terminal_restored(sys.stdin):
            return asyncio.run(
                _run(
                    knowledge,
                    where.score_database,
                    name,
                    args.fast,
                    sys.stdin,
                    sys.stdout,
                    args.locale,
                )
            )
    except StorageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


async def _run(
    knowledge: Knowledge,
    db: str | Path,
    name: str,
    fast: float,
    stdin: TextIO,
    stdout: TextIO,
    locale: str = "en",
) -> int:
    fact_base = knowledge.facts
    store = await open_store(db)
    interactive = stdin.isatty()
    terminal = Terminal(stdout, interactive)
    tr = translator(locale)
    presenter = ConsolePresenter(terminal, tr)
    console = Console(
        knowledge=knowledge,
        rounds=RoundManager(fact_base, store, checker=knowledge.checker, time_scale=fast),
        store=store,
        presenter=presenter,
        player_name=name,
        player_id=zlib.crc32(name.encode("utf-8")),
        rng=random.Random(),
        settle_seconds=5.0 / fast + 1.0,
    )
    film = fact_base.films[0] if fact_base.films else "the film"
    if interactive:
        console.say(
            tr(
                "{film} trivia. Hello {name}! Ask a question, or type `help` for commands, "
                "`quit` to leave.",
                film=film,
                name=name,
            )
        )
    lines = LineReader(stdin, terminal)
    try:
        for record in await store.close_interrupted_rounds(console=True):
            console.say(interrupted_notice(record, tr))
        while True:
            line = await lines.next()
            if not line or not await console.handle(line):
                break
    finally:
        await console.rounds.shutdown()
        await asyncio.gather(*console.held)  # answers held back until the reveal
        await store.close()
    return 0


def _login_name() -> str:
    try:
        return getpass.getuser() or "player"
    except (KeyError, OSError):
        return "player"
