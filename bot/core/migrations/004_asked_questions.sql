-- No repeats: when each quiz question was last asked in a channel. A new round draws the
-- questions never asked there first, then the ones asked longest ago.
CREATE TABLE asked_questions (
    channel_id INTEGER NOT NULL,
    fact_id    TEXT    NOT NULL,
    asked_at   REAL    NOT NULL,
    PRIMARY KEY (channel_id, fact_id)
) WITHOUT ROWID;
