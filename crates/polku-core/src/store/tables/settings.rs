//! `settings`: local preferences as one JSON document under the key "app".

use rusqlite::{Connection, OptionalExtension};

pub fn load(conn: &Connection) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE key = 'app'", [], |r| {
        r.get(0)
    })
    .optional()
}

pub fn save(conn: &Connection, json: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('app', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [json],
    )?;
    Ok(())
}
