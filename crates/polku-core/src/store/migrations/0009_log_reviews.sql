-- 0009: a supervisor's weekly review of a coach's employer-contact log (IPS-25 V6). Kept among
-- the coach's records: `owner_id` is the coach (NULL on the coach's own devices, as in 0006),
-- `coach_id` says the same on every device. One row per coach, week and reviewer (the id is
-- derived from the three). The review dates coaches stamped on contacts themselves
-- (`employer_contacts.reviewed_at`) stay readable but no longer count for V6.
CREATE TABLE log_reviews (
    id            TEXT PRIMARY KEY,
    coach_id      TEXT NOT NULL,
    week          TEXT NOT NULL,
    reviewer_id   TEXT NOT NULL,
    reviewer_name TEXT NOT NULL,
    reviewed_on   TEXT NOT NULL,
    comment       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       TEXT NOT NULL,
    owner_id      TEXT
);
CREATE INDEX log_reviews_week ON log_reviews (coach_id, week);
