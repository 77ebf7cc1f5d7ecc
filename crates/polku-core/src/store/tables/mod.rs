//! One module per table: the SQL for that table and nothing else. Writers take a
//! `Transaction` so a service composes several tables into one atomic action.

pub mod clients;
pub mod conflicts;
pub mod contact_clients;
pub mod drafts;
pub mod employer_contacts;
pub mod employers;
pub mod fidelity_actions;
pub mod fidelity_item_scores;
pub mod fidelity_reviews;
pub mod field_clock;
pub mod jobs;
pub mod log_reviews;
pub mod meta;
pub mod outbox;
pub mod profiles;
pub mod settings;
pub mod support_contacts;
pub mod sync_quarantine;
pub mod team_contacts;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Type;

const DATE_TIME: &str = "%Y-%m-%dT%H:%M:%S";

/// The two statements that write a whole row of a table keyed by `id`: a plain insert for a
/// new record, and an upsert that updates an existing row in place. (`INSERT OR REPLACE`
/// deletes the old row and inserts a new one — a new rowid, every index entry rewritten, the
/// child tables searched for the deleted row; a bulk import of contacts ran at two thirds of
/// the speed of a plain insert.)
#[derive(Debug)]
pub(crate) struct RowSql {
    pub insert: String,
    pub upsert: String,
}

impl RowSql {
    /// `columns`: the table's columns, `id` first, in the order the values are bound.
    pub fn new(table: &str, columns: &str) -> RowSql {
        let names: Vec<&str> = columns.split(',').map(str::trim).collect();
        let values: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let insert = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            values.join(", ")
        );
        let set: Vec<String> = names
            .iter()
            .filter(|n| **n != "id")
            .map(|n| format!("{n} = excluded.{n}"))
            .collect();
        let upsert = format!("{insert} ON CONFLICT (id) DO UPDATE SET {}", set.join(", "));
        RowSql { insert, upsert }
    }
}

pub(crate) fn date_sql(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// `YYYY-MM-DDTHH:MM:SS`, written directly: chrono's format strings are parsed on every call,
/// which showed in bulk-insert profiles.
pub(crate) fn datetime_sql(d: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minute(),
        d.second()
    )
}

fn conversion(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
}

pub(crate) fn date_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = row.get(idx)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| conversion(idx, e))
}

pub(crate) fn opt_date_col(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| conversion(idx, e)))
        .transpose()
}

pub(crate) fn datetime_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<NaiveDateTime> {
    let s: String = row.get(idx)?;
    NaiveDateTime::parse_from_str(&s, DATE_TIME).map_err(|e| conversion(idx, e))
}

/// Reads an enum stored as its code.
pub(crate) fn code_col<T>(
    row: &rusqlite::Row<'_>,
    idx: usize,
    from_code: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    from_code(&s).ok_or_else(|| conversion(idx, UnknownCode(s)))
}

pub(crate) fn id_col<T: std::str::FromStr<Err = polku_domain::BadId>>(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    s.parse().map_err(|e| conversion(idx, e))
}

#[derive(Debug, thiserror::Error)]
#[error("unknown code {0:?}")]
struct UnknownCode(String);
