-- 0010: employers as the team's. What a coach sees of colleagues' employer contacts in their teams
-- (`Entity::team_share`): when, how and by whom an employer was met, so a coach knows a
-- colleague was there last week. Never the client, the person met or the notes. Pulled per
-- team and never written here; kept apart from `employer_contacts` so it counts in nothing of
-- the coach's own. Colleagues' employers themselves are in `employers`, their owner named.
CREATE TABLE team_contacts (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT NOT NULL,
    employer_id TEXT,
    occurred_at TEXT,
    coach       TEXT,
    mode        TEXT,
    removed_at  TEXT
);
CREATE INDEX team_contacts_employer ON team_contacts (employer_id, occurred_at);

-- A supervisor merges a duplicate employer into another (`Employer::merged_into`): the
-- duplicate leaves the directory, and everything naming it counts as the kept one's.
ALTER TABLE employers ADD COLUMN merged_into TEXT;
CREATE INDEX employers_merged ON employers (merged_into) WHERE merged_into IS NOT NULL;
