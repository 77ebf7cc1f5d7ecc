//! `conflicts`: losing values of concurrent edits, waiting for the coach to choose.

use polku_domain::protocol::{conflict_fields as cf, Entity, RecordId};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{Map, Value};

/// One conflict as stored; values are JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictRow {
    pub id: RecordId,
    pub entity: Entity,
    pub record_id: RecordId,
    pub field: String,
    pub kept_value: Value,
    pub kept_hlc: String,
    pub lost_value: Value,
    pub lost_hlc: String,
    pub resolved_at: Option<String>,
    pub version: String,
}

impl ConflictRow {
    /// The synced fields (names as on the wire).
    pub fn fields(&self) -> Map<String, Value> {
        Map::from_iter([
            (cf::ENTITY.to_owned(), Value::from(self.entity.code())),
            (
                cf::RECORD_ID.to_owned(),
                Value::from(self.record_id.as_str()),
            ),
            (cf::FIELD.to_owned(), Value::from(self.field.clone())),
            (cf::KEPT_VALUE.to_owned(), self.kept_value.clone()),
            (cf::KEPT_HLC.to_owned(), Value::from(self.kept_hlc.clone())),
            (cf::LOST_VALUE.to_owned(), self.lost_value.clone()),
            (cf::LOST_HLC.to_owned(), Value::from(self.lost_hlc.clone())),
            (
                cf::RESOLVED_AT.to_owned(),
                Value::from(self.resolved_at.clone()),
            ),
        ])
    }

    /// From synced fields; `None` if one is missing or not of its kind.
    pub fn from_fields(
        id: &RecordId,
        f: &Map<String, Value>,
        version: &str,
    ) -> Option<ConflictRow> {
        let text = |k: &str| f.get(k).and_then(Value::as_str).map(str::to_owned);
        Some(ConflictRow {
            id: id.clone(),
            entity: Entity::from_code(&text(cf::ENTITY)?)?,
            record_id: RecordId::parse(&text(cf::RECORD_ID)?).ok()?,
            field: text(cf::FIELD)?,
            kept_value: f.get(cf::KEPT_VALUE)?.clone(),
            kept_hlc: text(cf::KEPT_HLC)?,
            lost_value: f.get(cf::LOST_VALUE)?.clone(),
            lost_hlc: text(cf::LOST_HLC)?,
            resolved_at: text(cf::RESOLVED_AT),
            version: version.to_owned(),
        })
    }
}

const SELECT: &str = "SELECT id, entity, record_id, field, kept_value, kept_hlc, lost_value,
    lost_hlc, resolved_at, version FROM conflicts";

fn json(r: &Row<'_>, i: usize) -> rusqlite::Result<Value> {
    let s: String = r.get(i)?;
    serde_json::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn parsed<T: std::str::FromStr>(r: &Row<'_>, i: usize) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let s: String = r.get(i)?;
    s.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<ConflictRow> {
    Ok(ConflictRow {
        id: parsed(r, 0)?,
        entity: parsed(r, 1)?,
        record_id: parsed(r, 2)?,
        field: r.get(3)?,
        kept_value: json(r, 4)?,
        kept_hlc: r.get(5)?,
        lost_value: json(r, 6)?,
        lost_hlc: r.get(7)?,
        resolved_at: r.get(8)?,
        version: r.get(9)?,
    })
}

pub fn get(conn: &Connection, id: &RecordId) -> rusqlite::Result<Option<ConflictRow>> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id.as_str()], from_row)
        .optional()
}

pub fn open(conn: &Connection) -> rusqlite::Result<Vec<ConflictRow>> {
    conn.prepare_cached(&format!(
        "{SELECT} WHERE resolved_at IS NULL ORDER BY record_id, field, lost_hlc"
    ))?
    .query_map([], from_row)?
    .collect()
}

pub fn open_count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL",
        [],
        |r| r.get(0),
    )
}

pub fn upsert(conn: &Connection, c: &ConflictRow) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO conflicts (id, entity, record_id, field, kept_value, kept_hlc,
            lost_value, lost_hlc, resolved_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        c.id.as_str(),
        c.entity.code(),
        c.record_id.as_str(),
        c.field,
        c.kept_value.to_string(),
        c.kept_hlc,
        c.lost_value.to_string(),
        c.lost_hlc,
        c.resolved_at,
        c.version
    ])?;
    Ok(())
}
