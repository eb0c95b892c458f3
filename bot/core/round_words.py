"""A quiz round's own words, worded once for every front end.

The core names why a round ended (`EndReason`), how a question closed (`CloseReason`) and
what became of an answer (`AnswerResult.status`); Discord and the console show the same words
for them, translated by the caller (the strings are marked for the catalogs here).
"""

from __future__ import annotations

from bot.core.quiz import CloseReason, EndReason
from bot.l10n import N_

__all__ = ["END_REASONS", "FEEDBACK", "REVEALS", "SCORES_KEPT", "TRY_AGAIN"]

END_REASONS: dict[EndReason, str] = {
    "completed": N_("Round over"),
    "stopped": N_("Round stopped"),
    "inactive": N_("Round stopped: nobody answered for a while"),
    "shutdown": N_("Round stopped: the bot is shutting down"),
}
# Said when a round ends with the bot: players should not fear for the points already won.
SCORES_KEPT = N_("Points won so far are saved.")

REVEALS: dict[CloseReason, str] = {
    "answered": N_("The answer: {answer}"),
    "timeout": N_("Time's up! The answer: {answer}"),
    "skipped": N_("Skipped. The answer: {answer}"),
    "stopped": N_("The answer: {answer}"),
}

# The answering player's own reply, by AnswerResult.status. A wrong choice ends the player's
# question (one try each); a wrong typed answer may be tried again (TRY_AGAIN).
FEEDBACK: dict[str, str] = {
    "correct": N_("Correct! +{points} pts."),
    "wrong": N_("Not that one. Watch for the reveal!"),
    "already_answered": N_("You already answered this question; one answer each."),
    "closed": N_("This question is closed."),
    "not_a_player_option": N_("That is not an option of this question."),
}
TRY_AGAIN = N_("Not quite; try again!")
