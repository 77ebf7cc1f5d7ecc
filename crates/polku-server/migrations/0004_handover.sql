-- A handover moves a client and their records from one coach to another. Each moved record's
-- change goes to the new owner's pull in full; the previous owner's pull gets a notice: a
-- change without fields whose `record_owner` names the new owner, so their devices drop the
-- record from their caseload. NULL `record_owner`: the record is `owner_id`'s, as always.
ALTER TABLE changes ADD COLUMN record_owner TEXT;

-- Every handover, for the audit and for the previous owner's writes that arrive afterwards
-- (made offline before their devices heard of the move: kept, filed under the new owner).
CREATE TABLE handovers (
    id        TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    from_user TEXT NOT NULL REFERENCES users (id),
    to_user   TEXT NOT NULL REFERENCES users (id),
    -- NULL: an administrator at the server's command line.
    by_user   TEXT REFERENCES users (id),
    at        TEXT NOT NULL,
    cursor    BIGINT NOT NULL
);
CREATE INDEX handovers_from ON handovers (from_user, client_id);
