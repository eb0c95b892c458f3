-- Scores, rounds and per-server settings. guild_id 0 is the console (and direct messages).

CREATE TABLE guild_settings (
    guild_id         INTEGER PRIMARY KEY,
    question_seconds REAL    NOT NULL DEFAULT 20 CHECK (question_seconds BETWEEN 5 AND 120),
    round_length     INTEGER NOT NULL DEFAULT 10 CHECK (round_length BETWEEN 1 AND 50),
    mode             TEXT    NOT NULL DEFAULT 'typed' CHECK (mode IN ('typed', 'choice')),
    hints            INTEGER NOT NULL DEFAULT 1 CHECK (hints IN (0, 1))
);

-- Running totals per server and player. Kept up to date by the triggers below, so an award or a
-- finished round changes them in the same statement (and transaction) that records it.
CREATE TABLE players (
    guild_id      INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    points        INTEGER NOT NULL DEFAULT 0,
    correct       INTEGER NOT NULL DEFAULT 0,
    attempted     INTEGER NOT NULL DEFAULT 0,
    rounds_played INTEGER NOT NULL DEFAULT 0,
    rounds_won    INTEGER NOT NULL DEFAULT 0,
    best_streak   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;

CREATE TABLE rounds (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    starter_id INTEGER NOT NULL,
    mode       TEXT    NOT NULL,
    questions  INTEGER NOT NULL,
    seed       INTEGER,
    started_at REAL    NOT NULL,
    ended_at   REAL,
    end_reason TEXT,
    asked      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX rounds_by_guild ON rounds (guild_id, started_at);

-- The ledger: one row per question won. UNIQUE makes a second award for a question impossible.
CREATE TABLE awards (
    id             INTEGER PRIMARY KEY,
    round_id       INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    question_index INTEGER NOT NULL,
    fact_id        TEXT    NOT NULL,
    guild_id       INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    user_name      TEXT    NOT NULL,
    points         INTEGER NOT NULL CHECK (points >= 0),
    streak         INTEGER NOT NULL,
    awarded_at     REAL    NOT NULL,
    UNIQUE (round_id, question_index)
);
CREATE INDEX awards_by_player ON awards (guild_id, user_id);

CREATE TRIGGER award_counts AFTER INSERT ON awards
BEGIN
    INSERT INTO players (guild_id, user_id, name, points, correct, attempted, best_streak)
    VALUES (NEW.guild_id, NEW.user_id, NEW.user_name, NEW.points, 1, 1, NEW.streak)
    ON CONFLICT (guild_id, user_id) DO UPDATE SET
        name = excluded.name,
        points = points + excluded.points,
        correct = correct + 1,
        attempted = attempted + 1,
        best_streak = max(best_streak, excluded.best_streak);
END;

-- Questions a player tried without winning (the winner's attempt comes with the award).
CREATE TABLE attempts (
    round_id       INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    question_index INTEGER NOT NULL,
    guild_id       INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    user_name      TEXT    NOT NULL,
    PRIMARY KEY (round_id, question_index, user_id)
) WITHOUT ROWID;

CREATE TRIGGER attempt_counts AFTER INSERT ON attempts
BEGIN
    INSERT INTO players (guild_id, user_id, name, attempted)
    VALUES (NEW.guild_id, NEW.user_id, NEW.user_name, 1)
    ON CONFLICT (guild_id, user_id) DO UPDATE SET
        name = excluded.name,
        attempted = attempted + 1;
END;

-- A round's final ranking, written once when the round ends.
CREATE TABLE round_results (
    round_id  INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    guild_id  INTEGER NOT NULL,
    user_id   INTEGER NOT NULL,
    user_name TEXT    NOT NULL,
    rank      INTEGER NOT NULL,
    points    INTEGER NOT NULL,
    correct   INTEGER NOT NULL,
    won       INTEGER NOT NULL CHECK (won IN (0, 1)),
    PRIMARY KEY (round_id, user_id)
) WITHOUT ROWID;

CREATE TRIGGER result_counts AFTER INSERT ON round_results
BEGIN
    INSERT INTO players (guild_id, user_id, name, rounds_played, rounds_won)
    VALUES (NEW.guild_id, NEW.user_id, NEW.user_name, 1, NEW.won)
    ON CONFLICT (guild_id, user_id) DO UPDATE SET
        rounds_played = rounds_played + 1,
        rounds_won = rounds_won + excluded.rounds_won;
END;
