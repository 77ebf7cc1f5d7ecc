//! `drafts`: half-filled forms, local only.

use polku_domain::Draft;
use rusqlite::Connection;

pub fn upsert(conn: &Connection, d: &Draft) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO drafts (key, form, payload, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key) DO UPDATE SET form = excluded.form, payload = excluded.payload,
                                         updated_at = excluded.updated_at",
    )?
    .execute((&d.key, &d.form, d.payload.to_string(), &d.updated_at))?;
    Ok(())
}

pub fn delete(conn: &Connection, key: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM drafts WHERE key = ?1", [key])?;
    Ok(())
}

pub fn list(conn: &Connection) -> rusqlite::Result<Vec<(String, String, String, String)>> {
    conn.prepare("SELECT key, form, payload, updated_at FROM drafts ORDER BY updated_at DESC")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect()
}
