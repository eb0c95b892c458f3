"""Command-line entry points of `python -m bot`."""
