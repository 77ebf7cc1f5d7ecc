-- 0011: whose work a fidelity review scores (`ReviewSubject`): the rater's own ('own'), or a
-- supervisor's review of the whole team ('team'), whose suggestions come from the team's
-- imported records. Every review before this one scored its rater's own work.
ALTER TABLE fidelity_reviews ADD COLUMN subject TEXT NOT NULL DEFAULT 'own';
