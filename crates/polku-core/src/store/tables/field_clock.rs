//! `field_clock`: the clock stamp of each field's last write.

use polku_domain::protocol::{Entity, RecordId};
use rusqlite::{Connection, OptionalExtension};

/// The pseudo-field holding a record's creation stamp: the clock of every field not edited since.
pub const CREATED: &str = "*";

pub fn get(
    conn: &Connection,
    entity: Entity,
    record_id: &RecordId,
    field: &str,
) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached(
        "SELECT hlc FROM field_clock WHERE entity = ?1 AND record_id = ?2 AND field = ?3",
    )?
    .query_row([entity.code(), record_id.as_str(), field], |r| r.get(0))
    .optional()
}

pub fn set(
    conn: &Connection,
    entity: Entity,
    record_id: &RecordId,
    field: &str,
    hlc: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO field_clock (entity, record_id, field, hlc) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (entity, record_id, field) DO UPDATE SET hlc = excluded.hlc",
    )?
    .execute([entity.code(), record_id.as_str(), field, hlc])?;
    Ok(())
}
