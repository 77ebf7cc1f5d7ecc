-- 0007: a user's profile, the settings that follow them to every device they enrol (the name
-- their reports carry, their FTE), keyed by the server's user id. Synced like any record;
-- `owner_id` as in 0006 (NULL: this installation's user; a supervisor's store holds the
-- team's coaches' profiles, named).
CREATE TABLE profiles (
    id          TEXT PRIMARY KEY,
    report_name TEXT NOT NULL,
    fte         REAL NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     TEXT NOT NULL,
    owner_id    TEXT
);
