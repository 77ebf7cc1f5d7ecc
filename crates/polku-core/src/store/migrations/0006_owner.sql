-- 0006: every synced record carries its owner, the user whose caseload it belongs to (a
-- supervisor's store holds the team's records beside the supervisor's own). NULL is this
-- installation's own user: the local coach before enrolment and, once enrolled, the user in
-- `meta.user_id` — so a caseload kept before enrolment becomes the enrolled user's without a
-- rewrite, and a coach's own saves cost nothing more. A record owned by anyone else names them.
ALTER TABLE clients ADD COLUMN owner_id TEXT;
ALTER TABLE employers ADD COLUMN owner_id TEXT;
ALTER TABLE employer_contacts ADD COLUMN owner_id TEXT;
ALTER TABLE jobs ADD COLUMN owner_id TEXT;
ALTER TABLE support_contacts ADD COLUMN owner_id TEXT;
ALTER TABLE fidelity_reviews ADD COLUMN owner_id TEXT;
ALTER TABLE fidelity_item_scores ADD COLUMN owner_id TEXT;
ALTER TABLE fidelity_actions ADD COLUMN owner_id TEXT;
ALTER TABLE conflicts ADD COLUMN owner_id TEXT;
