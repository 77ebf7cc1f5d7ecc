-- 0005: the outbox keeps what a push sends and nothing else. `created_at` was never read
-- (the clock stamp dates the change), and no query looks entries up by record (the "not yet
-- on the server" markers read the unsent range by seq): together a fifth of what a bulk
-- import wrote besides the records themselves.
DROP INDEX outbox_record;
ALTER TABLE outbox DROP COLUMN created_at;
