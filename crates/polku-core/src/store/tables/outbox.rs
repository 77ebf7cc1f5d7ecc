//! `outbox`: mutations waiting to be pushed, numbered per device.

use rusqlite::Connection;

pub fn append(
    conn: &Connection,
    entity: &str,
    record_id: &str,
    fields_json: &str,
    created_at: &str,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO outbox (entity, record_id, fields, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute([entity, record_id, fields_json, created_at])?;
    Ok(conn.last_insert_rowid())
}

pub fn unsent_count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT count(*) FROM outbox WHERE sent_at IS NULL",
        [],
        |r| r.get(0),
    )
}

/// One outbox entry as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub seq: i64,
    pub entity: String,
    pub record_id: String,
    pub fields: String,
}

pub fn unsent(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<Entry>> {
    conn.prepare_cached(
        "SELECT seq, entity, record_id, fields FROM outbox
         WHERE sent_at IS NULL ORDER BY seq LIMIT ?1",
    )?
    .query_map([limit], |r| {
        Ok(Entry {
            seq: r.get(0)?,
            entity: r.get(1)?,
            record_id: r.get(2)?,
            fields: r.get(3)?,
        })
    })?
    .collect()
}
