"""/ask accuracy measurement (dev sets, baselines, scores): a tool beside the bot, not part of
the core it serves from (`python -m bot eval`, tests/eval, tools/train_decision.py)."""
