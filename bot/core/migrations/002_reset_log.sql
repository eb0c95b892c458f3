-- A per-server reset is one INSERT here: the trigger deletes the server's totals and rounds (with
-- their awards, attempts and results) in the same statement, so a reset is atomic and logged.

CREATE TABLE guild_resets (
    id       INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    reset_at REAL    NOT NULL,
    players  INTEGER NOT NULL DEFAULT 0  -- how many players' totals were removed
);

CREATE TRIGGER guild_reset AFTER INSERT ON guild_resets
BEGIN
    UPDATE guild_resets SET players = (SELECT count(*) FROM players WHERE guild_id = NEW.guild_id)
    WHERE id = NEW.id;
    DELETE FROM players WHERE guild_id = NEW.guild_id;
    DELETE FROM rounds WHERE guild_id = NEW.guild_id;
END;
