-- Idempotency per stored batch instead of per mutation: one row per batch (the seq range it
-- stored) holding each mutation's payload hash in seq order, 64 hex characters apiece. A push
-- of 1,000 mutations writes one idempotency row here, not 1,000.

CREATE TABLE applied_batches (
    device_id TEXT NOT NULL,
    from_seq  BIGINT NOT NULL,
    to_seq    BIGINT NOT NULL,
    hashes    TEXT NOT NULL,
    PRIMARY KEY (device_id, from_seq)
);

INSERT INTO applied_batches (device_id, from_seq, to_seq, hashes)
    SELECT device_id, seq, seq, hash FROM applied;

DROP TABLE applied;
