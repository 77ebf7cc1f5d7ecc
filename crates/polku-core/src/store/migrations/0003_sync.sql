-- Sync with the regional server (docs/SYNC.md). The server address, device token, pull cursor
-- and last outcome live in `meta`; the pull cursor is written in the same transaction as the
-- page it covers.

-- The losing value of a concurrent edit, kept by the server and synced like any record; the
-- coach resolves it (resolved_at) in the conflicts view. Values are JSON text.
CREATE TABLE conflicts (
    id          TEXT PRIMARY KEY,
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    kept_value  TEXT NOT NULL,
    kept_hlc    TEXT NOT NULL,
    lost_value  TEXT NOT NULL,
    lost_hlc    TEXT NOT NULL,
    resolved_at TEXT,
    version     TEXT NOT NULL
);
CREATE INDEX conflicts_open ON conflicts (record_id) WHERE resolved_at IS NULL;

-- Changes from the server this app could not apply (a broken or too-new record): kept with the
-- reason and skipped, so one record never blocks the ones after it.
CREATE TABLE sync_quarantine (
    cursor    INTEGER PRIMARY KEY,
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    fields    TEXT NOT NULL,
    error     TEXT NOT NULL
);

-- "Not yet on the server" markers look up a record's unsent outbox entries.
CREATE INDEX outbox_record ON outbox (record_id, seq);
