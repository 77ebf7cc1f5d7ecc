//! `employer_contacts`: the employer contact log.

use super::employers::{kept_of, one_employer};
use super::{code_col, date_sql, datetime_col, datetime_sql, id_col, opt_date_col};
use crate::store::owners::Owners;
use chrono::NaiveDate;
use polku_domain::{
    ContactId, ContactMode, ContactOutcome, ContactPurpose, EmployerId, FollowUp, LocalDateTime,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// A contact row as stored (the clients it was for live in `contact_clients`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactRow {
    /// The outbox entry is keyed by it already; not a field.
    #[serde(skip)]
    pub id: ContactId,
    pub employer_id: EmployerId,
    pub occurred_at: LocalDateTime,
    pub coach: String,
    pub contact_person: String,
    pub contact_role: String,
    pub mode: ContactMode,
    pub client_present: bool,
    pub purposes: Vec<ContactPurpose>,
    pub outcome: Option<ContactOutcome>,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
    pub next_step_done: bool,
    pub notes: String,
    pub reviewed_at: Option<NaiveDate>,
    pub removed_at: Option<String>,
    #[serde(skip)]
    pub created_at: String,
    #[serde(skip)]
    pub updated_at: String,
    #[serde(skip)]
    pub version: String,
}

/// A row plus what the list views show beside it.
#[derive(Clone, Debug)]
pub struct ContactListed {
    pub row: ContactRow,
    pub employer_name: String,
    pub visit_number: u32,
}

const COLUMNS: &str = "c.id, c.employer_id, c.occurred_at, c.contact_person, c.contact_role,
    c.mode, c.client_present, c.purposes, c.outcome, c.next_step, c.next_step_due,
    c.next_step_done, c.notes, c.reviewed_at, c.removed_at, c.created_at, c.updated_at, c.version,
    c.coach";

/// The employer a contact counts for, as `e`: the one it names, or the one a supervisor
/// merged that into (`employers.merged_into`) once this device holds it — until then the one
/// named, so a merge never hides a contact.
const EMPLOYER: &str = concat!(
    "JOIN employers d ON d.id = c.employer_id JOIN employers e ON e.id = ",
    kept_of!("d")
);

/// The contacts' employer ids that count as the employer bound to `?1`.
const ONE_EMPLOYER: &str = one_employer!("?1");

/// The visit number is derived, never stored: a back-dated entry renumbers later visits.
const LISTED: &str = concat!(
    "e.name,
    (SELECT count(*) FROM employer_contacts p WHERE p.employer_id IN ",
    one_employer!("e.id"),
    " AND p.removed_at IS NULL AND (p.occurred_at < c.occurred_at
         OR (p.occurred_at = c.occurred_at AND p.id <= c.id)))"
);

fn from_row(r: &Row<'_>) -> rusqlite::Result<ContactRow> {
    // An unknown code (from a newer Polku) fails the read instead of being dropped, so an
    // edit can never silently erase it.
    let purposes: String = r.get(7)?;
    let purposes = purposes
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| ContactPurpose::from_code(s).ok_or_else(|| unknown(7, s)))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let outcome: Option<String> = r.get(8)?;
    let outcome = outcome
        .map(|s| ContactOutcome::from_code(&s).ok_or_else(|| unknown(8, &s)))
        .transpose()?;
    Ok(ContactRow {
        id: id_col(r, 0)?,
        employer_id: id_col(r, 1)?,
        occurred_at: datetime_col(r, 2)?,
        contact_person: r.get(3)?,
        contact_role: r.get(4)?,
        mode: code_col(r, 5, ContactMode::from_code)?,
        client_present: r.get(6)?,
        purposes,
        outcome,
        next_step: r.get(9)?,
        next_step_due: opt_date_col(r, 10)?,
        next_step_done: r.get(11)?,
        notes: r.get(12)?,
        reviewed_at: opt_date_col(r, 13)?,
        removed_at: r.get(14)?,
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
        version: r.get(17)?,
        coach: r.get(18)?,
    })
}

fn unknown(idx: usize, code: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        format!("unknown code {code:?}").into(),
    )
}

fn listed_row(r: &Row<'_>) -> rusqlite::Result<ContactListed> {
    Ok(ContactListed {
        row: from_row(r)?,
        employer_name: r.get(19)?,
        visit_number: r.get(20)?,
    })
}

pub fn get(conn: &Connection, id: ContactId) -> rusqlite::Result<Option<ContactListed>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {LISTED} FROM employer_contacts c
         {EMPLOYER} WHERE c.id = ?1"
    ))?
    .query_row([id.to_string()], listed_row)
    .optional()
}

static ROW_SQL: std::sync::LazyLock<super::RowSql> = std::sync::LazyLock::new(|| {
    super::RowSql::new(
        "employer_contacts",
        "id, employer_id, occurred_at, contact_person, contact_role, mode, client_present,
         purposes, outcome, next_step, next_step_due, next_step_done, notes, reviewed_at,
         removed_at, created_at, updated_at, version, coach",
    )
});

/// A new contact.
pub fn insert(conn: &Connection, c: &ContactRow) -> rusqlite::Result<()> {
    write(conn, c, &ROW_SQL.insert)
}

/// A contact as a whole, new or changed.
pub fn upsert(conn: &Connection, c: &ContactRow) -> rusqlite::Result<()> {
    write(conn, c, &ROW_SQL.upsert)
}

fn write(conn: &Connection, c: &ContactRow, sql: &str) -> rusqlite::Result<()> {
    let purposes: Vec<&str> = c.purposes.iter().map(|p| p.code()).collect();
    conn.prepare_cached(sql)?.execute(params![
        c.id.to_string(),
        c.employer_id.to_string(),
        datetime_sql(c.occurred_at),
        c.contact_person,
        c.contact_role,
        c.mode.code(),
        c.client_present,
        purposes.join(","),
        c.outcome.map(ContactOutcome::code),
        c.next_step,
        date_sql(c.next_step_due),
        c.next_step_done,
        c.notes,
        date_sql(c.reviewed_at),
        c.removed_at,
        c.created_at,
        c.updated_at,
        c.version,
        c.coach,
    ])?;
    Ok(())
}

pub fn for_employer(
    conn: &Connection,
    employer: EmployerId,
) -> rusqlite::Result<Vec<ContactListed>> {
    // One pass numbers the visits; a per-row count would grow with the square of history.
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, e.name, row_number() OVER (ORDER BY c.occurred_at, c.id)
         FROM employer_contacts c
         {EMPLOYER}
         WHERE c.employer_id IN {ONE_EMPLOYER} AND c.removed_at IS NULL
         ORDER BY c.occurred_at DESC, c.id DESC"
    ))?
    .query_map([employer.to_string()], listed_row)?
    .collect()
}

/// The contacts of `owners` from `from` up to `to` (local date-times), oldest first: a week of
/// the log as it was lived.
pub fn between(
    conn: &Connection,
    owners: &Owners,
    from: &str,
    to: &str,
) -> rusqlite::Result<Vec<ContactListed>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {LISTED} FROM
           (SELECT * FROM employer_contacts r
            WHERE r.occurred_at >= ?1 AND r.occurred_at < ?2 AND r.removed_at IS NULL AND {}) c
         {EMPLOYER}
         ORDER BY c.occurred_at, c.id",
        owners.on("r")
    ))?
    .query_map([from, to], listed_row)?
    .collect()
}

/// The newest contacts of `owners`, newest first.
pub fn recent(
    conn: &Connection,
    owners: &Owners,
    limit: u32,
) -> rusqlite::Result<Vec<ContactListed>> {
    conn.prepare_cached(&format!(
        // The newest rows first, then their visit numbers: numbering every row before the
        // limit cost a count per contact in the whole log.
        "SELECT {COLUMNS}, {LISTED} FROM
           (SELECT * FROM employer_contacts r WHERE r.removed_at IS NULL AND {}
            ORDER BY r.occurred_at DESC, r.id DESC LIMIT ?1) c
         {EMPLOYER}
         ORDER BY c.occurred_at DESC, c.id DESC",
        owners.on("r")
    ))?
    .query_map([limit], listed_row)?
    .collect()
}

/// What the client timeline shows of a contact.
#[derive(Clone, Debug)]
pub struct TimelineContact {
    pub id: ContactId,
    pub occurred_at: LocalDateTime,
    pub employer_name: String,
    pub mode: ContactMode,
    pub next_step: String,
    pub notes: String,
}

/// The newest contacts made on behalf of one client, newest first: one index range on
/// `contact_clients`, no per-row counting, so it stays fast with years of history.
pub fn for_client(
    conn: &Connection,
    client: &str,
    limit: u32,
) -> rusqlite::Result<Vec<TimelineContact>> {
    conn.prepare_cached(&format!(
        "SELECT c.id, c.occurred_at, e.name, c.mode, c.next_step, c.notes
         FROM contact_clients cc
         JOIN employer_contacts c ON c.id = cc.contact_id
         {EMPLOYER}
         WHERE cc.client_id = ?1 AND c.removed_at IS NULL
         ORDER BY cc.occurred_at DESC LIMIT ?2"
    ))?
    .query_map(params![client, limit], |r| {
        Ok(TimelineContact {
            id: id_col(r, 0)?,
            occurred_at: datetime_col(r, 1)?,
            employer_name: r.get(2)?,
            mode: code_col(r, 3, ContactMode::from_code)?,
            next_step: r.get(4)?,
            notes: r.get(5)?,
        })
    })?
    .collect()
}

/// Visits to this employer so far (the next contact gets this plus one).
pub fn visits_with(conn: &Connection, employer: EmployerId) -> rusqlite::Result<u32> {
    conn.prepare_cached(&format!(
        "SELECT count(*) FROM employer_contacts
         WHERE employer_id IN {ONE_EMPLOYER} AND removed_at IS NULL"
    ))?
    .query_row([employer.to_string()], |r| r.get(0))
}

/// Face-to-face contacts of `owners` between two local date-times (half-open).
pub fn face_to_face_between(
    conn: &Connection,
    owners: &Owners,
    from: &str,
    to: &str,
) -> rusqlite::Result<u32> {
    conn.prepare_cached(&format!(
        "SELECT count(*) FROM employer_contacts c
         WHERE c.occurred_at >= ?1 AND c.occurred_at < ?2 AND c.mode = 'face_to_face'
           AND c.removed_at IS NULL AND {}",
        owners.on("c")
    ))?
    .query_row([from, to], |r| r.get(0))
}

/// Open follow-ups of `owners` due on or before `until`, oldest first.
pub fn open_follow_ups(
    conn: &Connection,
    owners: &Owners,
    until: &str,
) -> rusqlite::Result<Vec<FollowUp>> {
    conn.prepare_cached(&format!(
        "SELECT c.id, e.name, c.next_step, c.next_step_due,
                (SELECT group_concat(cl.name, char(31)) FROM contact_clients cc
                   JOIN clients cl ON cl.id = cc.client_id WHERE cc.contact_id = c.id)
         FROM employer_contacts c {EMPLOYER}
         WHERE c.next_step_done = 0 AND c.next_step_due IS NOT NULL AND c.removed_at IS NULL
           AND c.next_step_due <= ?1 AND {}
         ORDER BY c.next_step_due, c.occurred_at",
        owners.on("c")
    ))?
    .query_map([until], |r| {
        let names: Option<String> = r.get(4)?;
        Ok(FollowUp {
            contact_id: id_col(r, 0)?,
            employer_name: r.get(1)?,
            next_step: r.get(2)?,
            due: super::date_col(r, 3)?,
            client_names: names
                .map(|n| n.split('\u{1f}').map(str::to_owned).collect())
                .unwrap_or_default(),
        })
    })?
    .collect()
}

pub fn count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("SELECT count(*) FROM employer_contacts", [], |r| r.get(0))
}
