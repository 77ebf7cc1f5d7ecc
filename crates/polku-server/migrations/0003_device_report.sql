-- Each device reports, when it pulls, how many records it still has waiting to send; the team
-- roster shows a supervisor how fresh each coach's figures are ("as of" that pull).
ALTER TABLE devices ADD COLUMN last_sync TEXT;
ALTER TABLE devices ADD COLUMN waiting BIGINT;
