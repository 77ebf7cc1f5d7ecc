//! `log_reviews`: supervisors' weekly reviews of coaches' employer-contact logs.

use super::{date_col, date_sql, id_col};
use crate::store::owners::Owners;
use chrono::NaiveDate;
use polku_domain::{LogReview, LogReviewId, UserId};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, coach_id, week, reviewer_id, reviewer_name, reviewed_on, comment, \
                       created_at, updated_at, version";

fn from_row(r: &Row<'_>) -> rusqlite::Result<LogReview> {
    Ok(LogReview {
        id: id_col(r, 0)?,
        coach_id: id_col(r, 1)?,
        week: date_col(r, 2)?,
        reviewer_id: id_col(r, 3)?,
        reviewer_name: r.get(4)?,
        reviewed_on: date_col(r, 5)?,
        comment: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        version: r.get(9)?,
    })
}

pub fn get(conn: &Connection, id: LogReviewId) -> rusqlite::Result<Option<LogReview>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM log_reviews WHERE id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()
}

/// The reviews of one coach's week, in the order they were made.
pub fn of_week(
    conn: &Connection,
    coach: UserId,
    week: NaiveDate,
) -> rusqlite::Result<Vec<LogReview>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM log_reviews WHERE coach_id = ?1 AND week = ?2
         ORDER BY reviewed_on, created_at"
    ))?
    .query_map(params![coach.to_string(), date_sql(Some(week))], from_row)?
    .collect()
}

/// The newest reviews of the weeks of `o`'s logs, newest week first.
pub fn newest(conn: &Connection, o: &Owners, limit: u32) -> rusqlite::Result<Vec<LogReview>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM log_reviews r WHERE {}
         ORDER BY week DESC, reviewed_on DESC LIMIT ?1",
        o.on("r")
    ))?
    .query_map([limit], from_row)?
    .collect()
}

/// The weeks from the one holding `from` to the one holding `to` whose log was reviewed, and
/// by whom (names, sorted).
pub fn weeks_between(
    conn: &Connection,
    o: &Owners,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<(u32, Vec<String>)> {
    let range = params![
        date_sql(Some(polku_domain::monday_of(from))),
        date_sql(Some(to))
    ];
    let weeks = conn
        .prepare_cached(&format!(
            "SELECT count(DISTINCT coach_id || week) FROM log_reviews r
             WHERE week >= ?1 AND week <= ?2 AND {}",
            o.on("r")
        ))?
        .query_row(range, |r| r.get(0))?;
    let names = conn
        .prepare_cached(&format!(
            "SELECT DISTINCT reviewer_name FROM log_reviews r
             WHERE week >= ?1 AND week <= ?2 AND {} ORDER BY reviewer_name",
            o.on("r")
        ))?
        .query_map(range, |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((weeks, names))
}

static ROW_SQL: std::sync::LazyLock<super::RowSql> =
    std::sync::LazyLock::new(|| super::RowSql::new("log_reviews", COLUMNS));

pub fn insert(conn: &Connection, r: &LogReview) -> rusqlite::Result<()> {
    write(conn, r, &ROW_SQL.insert)
}

pub fn upsert(conn: &Connection, r: &LogReview) -> rusqlite::Result<()> {
    write(conn, r, &ROW_SQL.upsert)
}

fn write(conn: &Connection, r: &LogReview, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute(params![
        r.id.to_string(),
        r.coach_id.to_string(),
        date_sql(Some(r.week)),
        r.reviewer_id.to_string(),
        r.reviewer_name,
        date_sql(Some(r.reviewed_on)),
        r.comment,
        r.created_at,
        r.updated_at,
        r.version,
    ])?;
    Ok(())
}
