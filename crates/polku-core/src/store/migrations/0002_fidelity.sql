-- Fidelity reviews (issue 3). A review keeps the scale id and version it was scored against,
-- so a later scale file never changes an old review's meaning.

CREATE TABLE fidelity_reviews (
    id            TEXT PRIMARY KEY,
    scale_id      TEXT NOT NULL,
    scale_version TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('self','peer','external')),
    period_from   TEXT NOT NULL,
    period_to     TEXT NOT NULL,
    raters        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       TEXT NOT NULL
);
CREATE INDEX fidelity_reviews_period ON fidelity_reviews (period_to);

-- One row per item touched; `rating` and `suggested` are the domain's tagged JSON.
CREATE TABLE fidelity_item_scores (
    review_id        TEXT NOT NULL REFERENCES fidelity_reviews (id),
    item             TEXT NOT NULL,
    rating           TEXT,
    suggested        TEXT,
    notes            TEXT NOT NULL,
    evidence_missing INTEGER NOT NULL CHECK (evidence_missing IN (0,1)),
    updated_at       TEXT NOT NULL,
    version          TEXT NOT NULL,
    PRIMARY KEY (review_id, item)
) WITHOUT ROWID;

CREATE TABLE fidelity_actions (
    id         TEXT PRIMARY KEY,
    review_id  TEXT NOT NULL REFERENCES fidelity_reviews (id),
    item       TEXT NOT NULL,
    what       TEXT NOT NULL,
    who        TEXT NOT NULL,
    due        TEXT,
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0,1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    TEXT NOT NULL
);
CREATE INDEX fidelity_actions_review ON fidelity_actions (review_id);
CREATE INDEX fidelity_actions_open ON fidelity_actions (due) WHERE done = 0;

-- Fidelity evidence reads the period's face-to-face visits (V6, V7) from this index alone,
-- and review weeks from the few reviewed contacts.
CREATE INDEX employer_contacts_visits ON employer_contacts (mode, occurred_at, employer_id, purposes)
    WHERE removed_at IS NULL;
CREATE INDEX employer_contacts_reviewed ON employer_contacts (occurred_at, reviewed_at)
    WHERE reviewed_at IS NOT NULL;

-- A job counts as a start only after 4 paid hours (ips-fidelity.md §3).
ALTER TABLE jobs ADD COLUMN started INTEGER NOT NULL DEFAULT 1 CHECK (started IN (0,1));
