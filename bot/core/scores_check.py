"""Does the score database agree with itself? The awards ledger, the players' totals and the
rounds' results are three records of the same games; this lists every place they disagree.

The invariants are the ones the schema's triggers maintain (``migrations/001_initial.sql``): a
player's totals are the sums of their awards, attempts and round results; a round's result for a
player is the sum of that player's awards in the round, and its ranks follow its points. Reads run
in one transaction, so a bot writing at the same time is seen at one instant.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

__all__ = ["Census", "census", "disagreements"]

# Totals against what the ledger adds up to, for every (server, player) named anywhere.
_TOTALS = """
WITH keys AS (
    SELECT guild_id, user_id FROM players
    UNION SELECT guild_id, user_id FROM awards
    UNION SELECT guild_id, user_id FROM attempts
    UNION SELECT guild_id, user_id FROM round_results
),
won AS (
    SELECT guild_id, user_id, max(user_name) AS name, sum(points) AS points, count(*) AS correct,
           max(streak) AS streak
    FROM awards GROUP BY guild_id, user_id
),
tried AS (SELECT guild_id, user_id, count(*) AS n FROM attempts GROUP BY guild_id, user_id),
played AS (
    SELECT guild_id, user_id, count(*) AS n, sum(won) AS won
    FROM round_results GROUP BY guild_id, user_id
)
SELECT k.guild_id, k.user_id, coalesce(p.name, won.name), p.user_id IS NOT NULL,
       p.points, coalesce(won.points, 0),
       p.correct, coalesce(won.correct, 0),
       p.attempted, coalesce(won.correct, 0) + coalesce(tried.n, 0),
       p.rounds_played, coalesce(played.n, 0),
       p.rounds_won, coalesce(played.won, 0),
       p.best_streak, coalesce(won.streak, 0)
FROM keys AS k
LEFT JOIN players AS p ON p.guild_id = k.guild_id AND p.user_id = k.user_id
LEFT JOIN won ON won.guild_id = k.guild_id AND won.user_id = k.user_id
LEFT JOIN tried ON tried.guild_id = k.guild_id AND tried.user_id = k.user_id
LEFT JOIN played ON played.guild_id = k.guild_id AND played.user_id = k.user_id
ORDER BY k.guild_id, k.user_id
"""

# A round's stored result for a player against that player's awards in the round.
_RESULTS = """
WITH won AS (
    SELECT round_id, user_id, sum(points) AS points, count(*) AS correct
    FROM awards GROUP BY round_id, user_id
)
SELECT r.round_id, r.user_id, r.user_name, r.points, coalesce(won.points, 0), r.correct,
       coalesce(won.correct, 0)
FROM round_results AS r
LEFT JOIN won ON won.round_id = r.round_id AND won.user_id = r.user_id
WHERE r.points != coalesce(won.points, 0) OR r.correct != coalesce(won.correct, 0)
ORDER BY r.round_id, r.user_id
"""

# Awards in a round that has ended (or has results) for a player the results leave out.
_LEFT_OUT = """
SELECT a.round_id, a.user_id, max(a.user_name), sum(a.points), count(*)
FROM awards AS a JOIN rounds AS r ON r.id = a.round_id
WHERE (r.ended_at IS NOT NULL OR EXISTS (SELECT 1 FROM round_results WHERE round_id = r.id))
  AND NOT EXISTS (
      SELECT 1 FROM round_results AS x WHERE x.round_id = a.round_id AND x.user_id = a.user_id
  )
GROUP BY a.round_id, a.user_id
ORDER BY a.round_id, a.user_id
"""

# Ranks follow points (equal points share a rank) and the winners are rank 1 with points.
_RANKS = """
SELECT round_id, user_name, rank, won, points,
       (SELECT 1 + count(*) FROM round_results AS o
        WHERE o.round_id = r.round_id AND o.points > r.points) AS expected,
       (SELECT end_reason FROM rounds WHERE id = r.round_id) AS reason
FROM round_results AS r
ORDER BY round_id, rank
"""

# Ledger rows filed under another server than their round's.
_SERVERS = """
SELECT 'award', a.round_id, a.user_id FROM awards AS a JOIN rounds AS r ON r.id = a.round_id
WHERE a.guild_id != r.guild_id
UNION ALL
SELECT 'attempt', t.round_id, t.user_id FROM attempts AS t JOIN rounds AS r ON r.id = t.round_id
WHERE t.guild_id != r.guild_id
UNION ALL
SELECT 'result', x.round_id, x.user_id FROM round_results AS x JOIN rounds AS r ON r.id = x.round_id
WHERE x.guild_id != r.guild_id
"""

_TOTAL_FIELDS = ("points", "correct", "attempted", "rounds played", "rounds won", "best streak")
_TOTAL_SOURCES = (
    "the awards",
    "the awards",
    "awards + attempts",
    "the round results",
    "the round results",
    "the awards",
)


@dataclass(frozen=True, slots=True)
class Census:
    awards: int
    players: int
    rounds: int
    unfinished: int  # running now, or interrupted by a crash (closed at the next start)


def _who(guild_id: int, user_id: int, name: str | None) -> str:
    where = "console" if guild_id == 0 else f"server {guild_id}"
    return f"{where}, {name or 'player'} (id {user_id})"


def disagreements(db: sqlite3.Connection) -> list[str]:
    """Every disagreement between the ledger, the totals and the round results; [] if none."""
    problems: list[str] = []
    integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        problems += [f"damaged file: {line}" for line in integrity[:10]]
        return problems  # the other checks would read damaged pages
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points at a missing {parent} row")
    for row in db.execute(_TOTALS):
        guild_id, user_id, name, has_totals = row[:4]
        who = _who(guild_id, user_id, name)
        if not has_totals:
            problems.append(f"{who}: in the ledger but has no totals")
            continue
        pairs = zip(row[4::2], row[5::2], strict=True)
        for field, source, (stored, counted) in zip(
            _TOTAL_FIELDS, _TOTAL_SOURCES, pairs, strict=True
        ):
            if stored != counted:
                problems.append(f"{who}: totals say {stored} {field}, {source} say {counted}")
    for round_id, user_id, name, points, won_points, correct, won_correct in db.execute(_RESULTS):
        problems.append(
            f"round {round_id}, {name} (id {user_id}): results say {points} points and "
            f"{correct} correct, the awards {won_points} points and {won_correct} correct"
        )
    for round_id, user_id, name, points, correct in db.execute(_LEFT_OUT):
        problems.append(
            f"round {round_id}, {name} (id {user_id}): won {correct} question(s) "
            f"({points} points) but is missing from the round's results"
        )
    for round_id, name, rank, won, points, expected, reason in db.execute(_RANKS):
        if rank != expected:
            problems.append(
                f"round {round_id}, {name}: ranked {rank} with {points} points, "
                f"expected rank {expected}"
            )
        # A round stopped before its end has no winner (QuizRound.finish); a crashed one
        # closed as interrupted keeps the leader its ledger shows.
        ended = reason in ("completed", "interrupted")
        if bool(won) != (expected == 1 and points > 0 and ended):
            state = "a winner" if won else "not a winner"
            problems.append(f"round {round_id}, {name}: marked {state} with rank {expected}")
    for kind, round_id, user_id in db.execute(_SERVERS):
        problems.append(
            f"round {round_id}: the {kind} of user {user_id} is filed under another server"
        )
    return problems


def census(db: sqlite3.Connection) -> Census:
    def count(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0])

    return Census(
        awards=count("SELECT count(*) FROM awards"),
        players=count("SELECT count(*) FROM players"),
        rounds=count("SELECT count(*) FROM rounds"),
        unfinished=count("SELECT count(*) FROM rounds WHERE ended_at IS NULL"),
    )
