//! `sync_quarantine`: pulled changes that could not be applied, with the reason.

use rusqlite::{params, Connection};

pub fn insert(
    conn: &Connection,
    cursor: u64,
    entity: &str,
    record_id: &str,
    hlc: &str,
    fields: &str,
    error: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO sync_quarantine (cursor, entity, record_id, hlc, fields, error)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        i64::try_from(cursor).unwrap_or(i64::MAX),
        entity,
        record_id,
        hlc,
        fields,
        error
    ])?;
    Ok(())
}

pub fn count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("SELECT count(*) FROM sync_quarantine", [], |r| r.get(0))
}
