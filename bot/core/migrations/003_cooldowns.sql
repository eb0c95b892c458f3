-- Per-server cooldowns an admin changed with /cooldowns; a missing row means the default.
CREATE TABLE cooldown_settings (
    guild_id    INTEGER NOT NULL,
    command     TEXT    NOT NULL CHECK (command IN ('ask', 'quote', 'quiz start')),
    per_user    REAL    NOT NULL CHECK (per_user BETWEEN 0 AND 3600),
    per_channel REAL    NOT NULL CHECK (per_channel BETWEEN 0 AND 3600),
    PRIMARY KEY (guild_id, command)
) WITHOUT ROWID;
