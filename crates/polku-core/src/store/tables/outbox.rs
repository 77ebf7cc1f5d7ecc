//! `outbox`: mutations waiting to be pushed, numbered per device.

use rusqlite::Connection;

/// One outbox entry to append.
#[derive(Debug, Clone, Copy)]
pub struct NewEntry<'a> {
    pub entity: &'a str,
    pub record_id: &'a str,
    pub hlc: &'a str,
    pub fields: &'a str,
    pub base: Option<&'a str>,
}

pub fn append(conn: &Connection, e: NewEntry<'_>) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO outbox (entity, record_id, hlc, fields, base) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![
        e.entity,
        e.record_id,
        e.hlc,
        e.fields,
        e.base
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Entries after the last one the server acknowledged (`meta.outbox_acked_seq`).
pub fn unsent_count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT count(*) FROM outbox WHERE seq > coalesce(
            (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'outbox_acked_seq'), 0)",
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
    pub hlc: String,
    pub fields: String,
    pub base: Option<String>,
}

/// The newest entry's seq (0 when the outbox is empty).
pub fn last_seq(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT coalesce(max(seq), 0) FROM outbox")?
        .query_row([], |r| r.get(0))
}

pub fn unsent(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<Entry>> {
    conn.prepare_cached(
        "SELECT seq, entity, record_id, hlc, fields, base FROM outbox
         WHERE seq > coalesce(
            (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'outbox_acked_seq'), 0)
         ORDER BY seq LIMIT ?1",
    )?
    .query_map([limit], entry)?
    .collect()
}

/// Up to `limit` entries after `seq`, oldest first: the batch after one still in flight.
pub fn after(conn: &Connection, seq: i64, limit: u32) -> rusqlite::Result<Vec<Entry>> {
    conn.prepare_cached(
        "SELECT seq, entity, record_id, hlc, fields, base FROM outbox
         WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?
    .query_map(rusqlite::params![seq, limit], entry)?
    .collect()
}

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        seq: r.get(0)?,
        entity: r.get(1)?,
        record_id: r.get(2)?,
        hlc: r.get(3)?,
        fields: r.get(4)?,
        base: r.get(5)?,
    })
}

/// Distinct ids of records with unsent entries, in the order they were first changed.
pub fn unsent_record_ids(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached(
        "SELECT record_id FROM outbox WHERE seq > coalesce(
            (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'outbox_acked_seq'), 0)
         GROUP BY record_id ORDER BY min(seq)",
    )?
    .query_map([], |r| r.get(0))?
    .collect()
}
