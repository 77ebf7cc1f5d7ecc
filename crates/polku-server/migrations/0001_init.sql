-- Polku regional server, version 1. The same SQL runs on SQLite and PostgreSQL: integers are
-- BIGINT, text is TEXT, JSON is stored as TEXT, timestamps are RFC 3339 UTC text.

CREATE TABLE orgs (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE teams (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES orgs (id),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES orgs (id),
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('coach', 'supervisor', 'admin')),
    created_at TEXT NOT NULL
);

-- A coach works in a team; a supervisor reads the caseloads of the teams listed here.
CREATE TABLE user_teams (
    user_id TEXT NOT NULL REFERENCES users (id),
    team_id TEXT NOT NULL REFERENCES teams (id),
    PRIMARY KEY (user_id, team_id)
);

-- One-time codes an administrator gives a user to enrol a device. Only the hash is kept.
CREATE TABLE enrol_codes (
    code_hash  TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

-- Enrolled devices; `token_hash` is the SHA-256 of the device's bearer token.
CREATE TABLE devices (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    last_seen   TEXT,
    revoked_at  TEXT
);

-- The merged state of every synced record: field values and field clocks (`{"*": clock}` for
-- every field not edited since the record was created, plus one entry per edited field). Record ids
-- are unique across entities (UUIDv7 made on devices; item scores "<review>:<item>").
CREATE TABLE records (
    record_id TEXT PRIMARY KEY,
    entity    TEXT NOT NULL,
    owner_id  TEXT NOT NULL REFERENCES users (id),
    team_id   TEXT,
    fields    TEXT NOT NULL,
    clocks    TEXT NOT NULL,
    cursor    BIGINT NOT NULL
);
CREATE INDEX records_owner ON records (owner_id, entity);

-- Every accepted mutation in commit order. `cursor` is gap-free: it is assigned while the
-- writer holds the push lock, so a reader never sees cursor n+1 committed before n.
-- `device_id` is the device that pushed the change (NULL for conflict records the server made):
-- a device is not sent its own changes back.
CREATE TABLE changes (
    cursor    BIGINT PRIMARY KEY,
    owner_id  TEXT NOT NULL,
    team_id   TEXT,
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    fields    TEXT NOT NULL,
    device_id TEXT
);
CREATE INDEX changes_owner ON changes (owner_id, cursor);
CREATE INDEX changes_team ON changes (team_id, cursor);

-- Which (device, seq) mutations are stored, with the hash of their payload: a replay is
-- recognised and skipped; the same seq with another payload is refused.
CREATE TABLE applied (
    device_id TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    hash      TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
);
