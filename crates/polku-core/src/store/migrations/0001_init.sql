-- Polku local store, version 1.
-- Dates are ISO-8601 text ('YYYY-MM-DD'); contact times are local wall time
-- ('YYYY-MM-DDTHH:MM:SS'); timestamps are RFC 3339 UTC; `version` is the HLC stamp of the last
-- write. Records are closed or marked removed, never deleted (client-data act 703/2023).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE clients (
    id                        TEXT PRIMARY KEY,
    name                      TEXT NOT NULL,
    responsible_professional  TEXT NOT NULL,
    stage                     TEXT NOT NULL CHECK (stage IN ('engagement','vocational_profiling','rapid_job_search','employer_engagement','support')),
    referral_date             TEXT,
    entry_date                TEXT,
    profile_started_date      TEXT,
    benefits_planning_date    TEXT,
    disclosure_discussed_date TEXT,
    discharge_date            TEXT,
    discharge_reason          TEXT,
    employed_at_entry         INTEGER NOT NULL CHECK (employed_at_entry IN (0,1)),
    preferences               TEXT NOT NULL,
    notes                     TEXT NOT NULL,
    -- name and responsible professional in Unicode lower case: SQLite's LIKE folds only
    -- ASCII, and coaches search for Äijälä and Öhman
    search_key                TEXT NOT NULL,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL,
    version                   TEXT NOT NULL
);
CREATE INDEX clients_name ON clients (name COLLATE NOCASE);

CREATE TABLE employers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    -- name without case, punctuation and company form: finds "KESKO" when "Kesko Oy" exists
    match_key   TEXT NOT NULL,
    -- name and location in Unicode lower case, for search
    search_key  TEXT NOT NULL,
    business_id TEXT,
    sector      TEXT NOT NULL,
    location    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     TEXT NOT NULL
);
CREATE INDEX employers_match_key ON employers (match_key);
CREATE INDEX employers_name ON employers (name COLLATE NOCASE);

CREATE TABLE employer_contacts (
    id              TEXT PRIMARY KEY,
    employer_id     TEXT NOT NULL REFERENCES employers (id),
    occurred_at     TEXT NOT NULL,
    -- the coach who made the contact (settings.coach_name when recorded)
    coach           TEXT NOT NULL,
    contact_person  TEXT NOT NULL,
    contact_role    TEXT NOT NULL,
    mode            TEXT NOT NULL CHECK (mode IN ('face_to_face','phone','email','video')),
    client_present  INTEGER NOT NULL CHECK (client_present IN (0,1)),
    purposes        TEXT NOT NULL, -- comma-separated purpose codes
    outcome         TEXT,
    next_step       TEXT NOT NULL,
    next_step_due   TEXT,
    next_step_done  INTEGER NOT NULL DEFAULT 0 CHECK (next_step_done IN (0,1)),
    notes           TEXT NOT NULL,
    reviewed_at     TEXT,
    removed_at      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         TEXT NOT NULL
);
CREATE INDEX employer_contacts_employer ON employer_contacts (employer_id, occurred_at);
CREATE INDEX employer_contacts_occurred ON employer_contacts (occurred_at);
CREATE INDEX employer_contacts_open_follow_ups ON employer_contacts (next_step_due)
    WHERE next_step_done = 0 AND next_step_due IS NOT NULL AND removed_at IS NULL;

-- Which clients a contact was on behalf of. `occurred_at` is copied here so "last contact"
-- and the timeline read one index range per client instead of joining every contact.
CREATE TABLE contact_clients (
    contact_id  TEXT NOT NULL REFERENCES employer_contacts (id),
    client_id   TEXT NOT NULL REFERENCES clients (id),
    occurred_at TEXT NOT NULL,
    PRIMARY KEY (contact_id, client_id)
) WITHOUT ROWID;
CREATE INDEX contact_clients_client ON contact_clients (client_id, occurred_at);

CREATE TABLE jobs (
    id             TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES clients (id),
    employer_id    TEXT NOT NULL REFERENCES employers (id),
    job_type       TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    end_date       TEXT,
    hours_per_week REAL NOT NULL CHECK (hours_per_week >= 0),
    hourly_wage    REAL CHECK (hourly_wage IS NULL OR hourly_wage >= 0),
    permanent      INTEGER NOT NULL CHECK (permanent IN (0,1)),
    competitive    INTEGER NOT NULL CHECK (competitive IN (0,1)),
    wage_subsidy   INTEGER NOT NULL CHECK (wage_subsidy IN (0,1)),
    end_reason     TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        TEXT NOT NULL
);
CREATE INDEX jobs_client ON jobs (client_id, start_date);

CREATE TABLE support_contacts (
    id             TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES clients (id),
    job_id         TEXT REFERENCES jobs (id),
    occurred_at    TEXT NOT NULL,
    mode           TEXT NOT NULL CHECK (mode IN ('face_to_face','phone','email','video')),
    with_employer  INTEGER NOT NULL CHECK (with_employer IN (0,1)),
    notes          TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        TEXT NOT NULL
);
CREATE INDEX support_contacts_client ON support_contacts (client_id, occurred_at);

-- Sync bookkeeping, kept from the first write so no history is missing when sync arrives.
-- The clock of each field's last write: merge is per field, last writer wins by HLC.
CREATE TABLE field_clock (
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    PRIMARY KEY (entity, record_id, field)
) WITHOUT ROWID;

-- Mutations waiting to be pushed, in device order. One entry is one record changed by one
-- user action: `fields` = {"name": value} of the changed fields, all stamped `hlc`; `base` =
-- {"name": "hlc the writer saw"} for edits (NULL for a new record). Entries up to
-- meta.outbox_acked_seq are on the server; rows are never deleted below the newest one, so a
-- plain rowid never reuses a sequence number.
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    fields     TEXT NOT NULL,
    base       TEXT,
    created_at TEXT NOT NULL
);

-- Half-filled forms; local only.
CREATE TABLE drafts (
    key        TEXT PRIMARY KEY,
    form       TEXT NOT NULL,
    payload    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
