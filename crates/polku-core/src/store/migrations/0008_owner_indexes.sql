-- 0008: partial indexes of the records owned by someone else (a supervisor's imported team).
-- A coach's own rows have owner_id NULL and are not in them, so a coach's saves write no extra
-- index entry; a supervisor's reads of one coach or of the team, and the "does this store hold
-- anyone else's records" probe, find those rows without a scan.
CREATE INDEX clients_owner ON clients (owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX employer_contacts_owner ON employer_contacts (owner_id, occurred_at)
    WHERE owner_id IS NOT NULL;
CREATE INDEX jobs_owner ON jobs (owner_id, start_date) WHERE owner_id IS NOT NULL;
CREATE INDEX support_contacts_owner ON support_contacts (owner_id, occurred_at)
    WHERE owner_id IS NOT NULL;
