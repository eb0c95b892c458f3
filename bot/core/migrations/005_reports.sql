-- Players' reports of a wrong or unclear quiz question, for the server's admins to resolve.
CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    user_name   TEXT    NOT NULL,
    fact_id     TEXT    NOT NULL,
    source      TEXT    NOT NULL,  -- the fact's source when reported (the pack may change)
    reason      TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 300),
    created_at  REAL    NOT NULL,
    resolved_at REAL,
    resolved_by INTEGER
);

CREATE INDEX reports_by_guild ON reports (guild_id, resolved_at, id);
-- One open report per player and question: a double submit does not file it twice.
CREATE UNIQUE INDEX reports_open_once ON reports (guild_id, user_id, fact_id)
    WHERE resolved_at IS NULL;
