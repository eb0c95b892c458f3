"""`python -m bot <command>`: one entry point for the Discord bot, the console and the tools.

Each command lives in its own module with a `main(argv) -> int`; they are imported only when
chosen, so the console and the tools never import discord.py.
"""

from __future__ import annotations

import importlib
import os
import sys

# command -> (module, help); "facts" has sub-commands of its own
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("bot.cli.run", "run the Discord bot (needs DISCORD_TOKEN)"),
    "console": ("bot.console.app", "play and ask at a terminal, no Discord needed"),
    "ask": ("bot.cli.ask", "answer a question from the fact base"),
    "quote": ("bot.cli.quote", "find a quote from the film or the interviews"),
    "eval": ("bot.cli.evaluate", "measure /ask on a question set against baselines"),
    "scores": (
        "bot.cli.scores",
        "scores check | migrate: check the score database; move it to PostgreSQL",
    ),
}
FACTS_COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("bot.cli.facts_cmd", "validate fact packs; FILE:LINE problems, exit 1 on any"),
    "export": ("bot.cli.facts_cmd", "print the fact base as JSON"),
    "try": ("bot.cli.facts_try", "check answers against facts (JSON lines)"),
}


def _usage() -> str:
    lines = ["usage: python -m bot <command> [options]", "", "commands:"]
    lines += [f"  {name:<14} {text}" for name, (_, text) in COMMANDS.items()]
    lines += [f"  facts {name:<8} {text}" for name, (_, text) in FACTS_COMMANDS.items()]
    lines += ["", "`python -m bot <command> --help` describes each command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        # The reader went away (`... | head`): not an error worth a traceback. Point stdout at
        # devnull so the interpreter's final flush does not raise again (Python docs, "SIGPIPE").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _dispatch(args: list[str]) -> int:
    if not args or args[0] in {"-h", "--help", "help"}:
        print(_usage())
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "facts":
        if not rest:
            print(f"`facts` needs a sub-command: {', '.join(FACTS_COMMANDS)}", file=sys.stderr)
            print(f"\n{_usage()}", file=sys.stderr)
            return 2
        if rest[0].startswith("-"):  # -h, or an option before the sub-command: its parser says
            return int(importlib.import_module("bot.cli.facts_cmd").main(rest))
        if rest[0] not in FACTS_COMMANDS:
            print(
                f"unknown facts command {rest[0]!r}. Fix: use one of {', '.join(FACTS_COMMANDS)}",
                file=sys.stderr,
            )
            print(f"\n{_usage()}", file=sys.stderr)
            return 2
        module_name = FACTS_COMMANDS[rest[0]][0]
        module = importlib.import_module(module_name)
        if module_name == "bot.cli.facts_cmd":
            return int(module.main(rest))
        return int(module.main(rest[1:]))
    if command not in COMMANDS:
        print(f"unknown command {command!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    return int(module.main(rest))


if __name__ == "__main__":
    sys.exit(main())
