//! `fidelity_reviews`: one row per review.

use super::{code_col, date_col, date_sql, id_col};
use chrono::NaiveDate;
use polku_domain::{ReviewId, ReviewKind, ReviewSubject};
use rusqlite::{params, Connection, OptionalExtension, Row};

#[derive(Clone, Debug, PartialEq)]
pub struct ReviewRowData {
    pub id: ReviewId,
    pub scale_id: String,
    pub scale_version: String,
    pub kind: ReviewKind,
    pub subject: ReviewSubject,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub raters: String,
    pub created_at: String,
    pub updated_at: String,
    pub version: String,
}

const COLUMNS: &str = "id, scale_id, scale_version, kind, period_from, period_to, raters,
    created_at, updated_at, version, subject";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ReviewRowData> {
    Ok(ReviewRowData {
        id: id_col(r, 0)?,
        scale_id: r.get(1)?,
        scale_version: r.get(2)?,
        kind: code_col(r, 3, ReviewKind::from_code)?,
        period_from: date_col(r, 4)?,
        period_to: date_col(r, 5)?,
        raters: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        version: r.get(9)?,
        subject: code_col(r, 10, ReviewSubject::from_code)?,
    })
}

pub fn get(conn: &Connection, id: ReviewId) -> rusqlite::Result<Option<ReviewRowData>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM fidelity_reviews WHERE id = ?1"
    ))?
    .query_row([id.to_string()], from_row)
    .optional()
}

/// This user's own reviews, newest period first.
pub fn list_own(conn: &Connection) -> rusqlite::Result<Vec<ReviewRowData>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM fidelity_reviews WHERE owner_id IS NULL
         ORDER BY period_to DESC, created_at DESC"
    ))?
    .query_map([], from_row)?
    .collect()
}

pub fn upsert(conn: &Connection, r: &ReviewRowData) -> rusqlite::Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO fidelity_reviews ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET raters = excluded.raters,
             updated_at = excluded.updated_at, version = excluded.version"
    ))?
    .execute(params![
        r.id.to_string(),
        r.scale_id,
        r.scale_version,
        r.kind.code(),
        date_sql(Some(r.period_from)),
        date_sql(Some(r.period_to)),
        r.raters,
        r.created_at,
        r.updated_at,
        r.version,
        r.subject.code(),
    ])?;
    Ok(())
}
