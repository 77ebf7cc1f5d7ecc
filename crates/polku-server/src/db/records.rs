//! `records`: the merged state of each synced record — its fields and each field's clock.

use super::{in_list, placeholders, to_db, ROWS_PER_STATEMENT};
use crate::error::{Result, ServerError};
use serde_json::{Map, Value};
use sqlx::{AnyConnection, Row};

#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub entity: String,
    pub record_id: String,
    pub owner_id: String,
    pub team_id: Option<String>,
    pub fields: Map<String, Value>,
    pub clocks: Map<String, Value>,
    /// `fields` as JSON text when it is already at hand (a record created by this push is
    /// stored with its change's text); `None` once the fields were merged.
    pub json: Option<String>,
}

fn object(text: &str) -> Result<Map<String, Value>> {
    match serde_json::from_str(text) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(ServerError::Corrupt(format!("record JSON {text:.40}"))),
    }
}

/// A row of `entity, record_id, owner_id, team_id, fields, clocks`.
fn record(r: &sqlx::any::AnyRow) -> Result<Record> {
    let fields: String = r.try_get(4)?;
    let clocks: String = r.try_get(5)?;
    Ok(Record {
        entity: r.try_get(0)?,
        record_id: r.try_get(1)?,
        owner_id: r.try_get(2)?,
        team_id: r.try_get(3)?,
        fields: object(&fields)?,
        clocks: object(&clocks)?,
        json: None,
    })
}

/// The stored records among `ids` (record ids are unique across entities).
pub async fn get_many(conn: &mut AnyConnection, ids: &[&str]) -> Result<Vec<Record>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let list = in_list(conn, chunk.len());
        let sql = format!(
            "SELECT entity, record_id, owner_id, team_id, fields, clocks FROM records
             WHERE record_id IN ({list})"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&mut *conn).await? {
            out.push(record(&r)?);
        }
    }
    Ok(out)
}

/// Inserts or replaces `records`, each with the cursor of its last change.
pub async fn upsert_many(conn: &mut AnyConnection, records: &[(&Record, u64)]) -> Result<()> {
    for chunk in records.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO records (entity, record_id, owner_id, team_id, fields, clocks, cursor)
             VALUES {}
             ON CONFLICT (record_id) DO UPDATE SET
                fields = excluded.fields, clocks = excluded.clocks, cursor = excluded.cursor",
            placeholders(conn, chunk.len(), 7)
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (r, cursor) in chunk {
            q = q
                .bind(&r.entity)
                .bind(&r.record_id)
                .bind(&r.owner_id)
                .bind(&r.team_id)
                .bind(match &r.json {
                    Some(json) => json.clone(),
                    None => serde_json::to_string(&r.fields)?,
                })
                .bind(serde_json::to_string(&r.clocks)?)
                .bind(to_db(*cursor));
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Every record of `owner` whose entity is one of `entities`, with fields and clocks.
pub async fn of_owner_in(
    conn: &mut AnyConnection,
    owner_id: &str,
    entities: &[&str],
) -> Result<Vec<Record>> {
    let sql = format!(
        "SELECT entity, record_id, owner_id, team_id, fields, clocks FROM records
         WHERE owner_id = $1 AND entity IN ({}) ORDER BY record_id",
        (2..entities.len() + 2)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(owner_id);
    for e in entities {
        q = q.bind(*e);
    }
    q.fetch_all(conn).await?.iter().map(record).collect()
}

/// Gives `ids` to `owner` in `team`, each with the cursor of its last change (a handover).
pub async fn reown(
    conn: &mut AnyConnection,
    ids: &[(&str, u64)],
    owner_id: &str,
    team_id: Option<&str>,
) -> Result<()> {
    for (id, cursor) in ids {
        sqlx::query(
            "UPDATE records SET owner_id = $1, team_id = $2, cursor = $3 WHERE record_id = $4",
        )
        .bind(owner_id)
        .bind(team_id)
        .bind(to_db(*cursor))
        .bind(*id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Every record a user owns, for tests and audits: `(entity, id) → fields`.
pub async fn of_owner(
    conn: &mut AnyConnection,
    owner_id: &str,
) -> Result<Vec<(String, String, Map<String, Value>)>> {
    sqlx::query(
        "SELECT entity, record_id, fields FROM records WHERE owner_id = $1
         ORDER BY entity, record_id",
    )
    .bind(owner_id)
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| {
        let fields: String = r.try_get(2)?;
        Ok((r.try_get(0)?, r.try_get(1)?, object(&fields)?))
    })
    .collect()
}
