//! `employers`: the employer directory.

use super::{clients::escape_like, clients::search_key, conversion, id_col, opt_date_col};
use polku_domain::{
    employer_match_key, ColleagueContact, ContactMode, Employer, EmployerId, EmployerInput,
    EmployerSummary,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, name, business_id, sector, location, created_at, updated_at, version, merged_into";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Employer> {
    Ok(Employer {
        id: id_col(r, 0)?,
        input: EmployerInput {
            name: r.get(1)?,
            business_id: r.get(2)?,
            sector: r.get(3)?,
            location: r.get(4)?,
        },
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        version: r.get(7)?,
        merged_into: r
            .get::<_, Option<String>>(8)?
            .map(|id| id.parse().map_err(|e| conversion(8, e)))
            .transpose()?,
    })
}

pub fn get(conn: &Connection, id: EmployerId) -> rusqlite::Result<Option<Employer>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM employers WHERE id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()
}

static ROW_SQL: std::sync::LazyLock<super::RowSql> = std::sync::LazyLock::new(|| {
    super::RowSql::new(
        "employers",
        "id, name, match_key, search_key, business_id, sector, location, created_at,
         updated_at, version, merged_into",
    )
});

/// A new employer.
pub fn insert(conn: &Connection, e: &Employer) -> rusqlite::Result<()> {
    write(conn, e, &ROW_SQL.insert)
}

/// The whole row, new or changed.
pub fn upsert(conn: &Connection, e: &Employer) -> rusqlite::Result<()> {
    write(conn, e, &ROW_SQL.upsert)
}

fn write(conn: &Connection, e: &Employer, sql: &str) -> rusqlite::Result<()> {
    let i = &e.input;
    conn.prepare_cached(sql)?.execute(params![
        e.id.to_string(),
        i.name,
        employer_match_key(&i.name),
        search_key(&[&i.name, &i.location]),
        i.business_id,
        i.sector,
        i.location,
        e.created_at,
        e.updated_at,
        e.version,
        e.merged_into.map(|id| id.to_string()),
    ])?;
    Ok(())
}

// A supervisor's merge of duplicates (`merged_into`, ADR 0016) is resolved where records are
// read, always by these two: every list, count and figure agrees on which employer is which.

/// The ids that count as employer `$id` (an SQL expression): itself and the duplicates merged
/// into it.
macro_rules! one_employer {
    ($id:literal) => {
        concat!(
            "(SELECT ",
            $id,
            " UNION ALL SELECT m.id FROM employers m WHERE m.merged_into = ",
            $id,
            ")"
        )
    };
}

/// The employer the `employers` row `$d` counts as: the one it was merged into once this
/// device holds that one (a merge never hides a record), else itself.
macro_rules! kept_of {
    ($d:literal) => {
        concat!(
            "COALESCE((SELECT k.id FROM employers k WHERE k.id = ",
            $d,
            ".merged_into), ",
            $d,
            ".id)"
        )
    };
}
pub(crate) use {kept_of, one_employer};

/// Each employer of the directory (merged duplicates leave it) with this store's contacts
/// with it, and the latest a colleague made (what the team shares of it: `team_contacts`).
const SUMMARY: &str = concat!(
    "SELECT e.id, e.name, e.sector, e.location,
        (SELECT count(*) FROM employer_contacts c WHERE c.employer_id IN ",
    one_employer!("e.id"),
    " AND c.removed_at IS NULL),
        (SELECT substr(max(c.occurred_at), 1, 10) FROM employer_contacts c
          WHERE c.employer_id IN ",
    one_employer!("e.id"),
    " AND c.removed_at IS NULL),
        substr(t.occurred_at, 1, 10), t.coach, t.mode
    FROM employers e
    LEFT JOIN team_contacts t ON t.id = (SELECT l.id FROM team_contacts l
        WHERE l.employer_id IN ",
    one_employer!("e.id"),
    " AND l.removed_at IS NULL AND l.occurred_at IS NOT NULL
        ORDER BY l.occurred_at DESC LIMIT 1)"
);

fn summary_row(r: &Row<'_>) -> rusqlite::Result<EmployerSummary> {
    let colleague = match opt_date_col(r, 6)? {
        Some(on) => Some(ColleagueContact {
            on,
            coach: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
            // A mode this build does not know (a newer colleague's) is shown as none.
            mode: r
                .get::<_, Option<String>>(8)?
                .and_then(|m| ContactMode::from_code(&m)),
        }),
        None => None,
    };
    Ok(EmployerSummary {
        id: id_col(r, 0)?,
        name: r.get(1)?,
        sector: r.get(2)?,
        location: r.get(3)?,
        contact_count: r.get(4)?,
        last_contact_date: opt_date_col(r, 5)?,
        colleague_contact: colleague,
    })
}

/// The directory, filtered by a name or location fragment; names starting with the search
/// come first so autocomplete puts the likely pick on top.
pub fn search(
    conn: &Connection,
    search: &str,
    limit: u32,
) -> rusqlite::Result<Vec<EmployerSummary>> {
    let s = escape_like(&search.trim().to_lowercase());
    conn.prepare_cached(&format!(
        "{SUMMARY} WHERE e.merged_into IS NULL AND e.search_key LIKE ?1 ESCAPE '\\'
         ORDER BY (e.search_key LIKE ?2 ESCAPE '\\') DESC, e.name COLLATE NOCASE, e.id LIMIT ?3"
    ))?
    .query_map(
        params![format!("%{s}%"), format!("{s}%"), limit],
        summary_row,
    )?
    .collect()
}

/// Employers whose normalised name matches, optionally in the same location.
pub fn similar(
    conn: &Connection,
    name: &str,
    location: &str,
) -> rusqlite::Result<Vec<EmployerSummary>> {
    let key = employer_match_key(name);
    if key.is_empty() {
        return Ok(Vec::new());
    }
    conn.prepare_cached(&format!(
        "{SUMMARY} WHERE e.merged_into IS NULL
           AND (e.match_key = ?1 OR (length(?1) >= 4 AND e.match_key LIKE ?2 ESCAPE '\\'))
         ORDER BY (lower(e.location) = lower(?3)) DESC, e.name COLLATE NOCASE LIMIT 5"
    ))?
    .query_map(
        params![key, format!("{}%", escape_like(&key)), location.trim()],
        summary_row,
    )?
    .collect()
}

/// The employer a new record naming `id` should name: the one `id` was merged into, when this
/// device holds it, else `id` itself; `None` when there is no such employer.
pub fn kept(conn: &Connection, id: EmployerId) -> rusqlite::Result<Option<EmployerId>> {
    conn.prepare_cached(concat!(
        "SELECT ",
        kept_of!("e"),
        " FROM employers e WHERE e.id = ?1"
    ))?
    .query_row([id.to_string()], |r| id_col(r, 0))
    .optional()
}

pub fn name(conn: &Connection, id: EmployerId) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT name FROM employers WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()
}

pub fn count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("SELECT count(*) FROM employers", [], |r| r.get(0))
}

/// The employers merged into `keep` (re-pointed when `keep` is itself merged: one hop).
pub fn merged_into(conn: &Connection, keep: EmployerId) -> rusqlite::Result<Vec<Employer>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM employers WHERE merged_into = ?1 ORDER BY id"
    ))?
    .query_map([keep.to_string()], from_row)?
    .collect()
}
