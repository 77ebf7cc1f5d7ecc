//! `clients`: the caseload.

use super::{code_col, date_sql, id_col, opt_date_col};
use polku_domain::{CaseloadQuery, Client, ClientId, ClientInput, ClientSummary, Stage};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, name, responsible_professional, stage, referral_date, entry_date,
    profile_started_date, benefits_planning_date, disclosure_discussed_date, discharge_date,
    discharge_reason, employed_at_entry, preferences, notes, created_at, updated_at, version,
    search_key";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Client> {
    Ok(Client {
        id: id_col(r, 0)?,
        input: ClientInput {
            name: r.get(1)?,
            responsible_professional: r.get(2)?,
            stage: code_col(r, 3, Stage::from_code)?,
            referral_date: opt_date_col(r, 4)?,
            entry_date: opt_date_col(r, 5)?,
            profile_started_date: opt_date_col(r, 6)?,
            benefits_planning_date: opt_date_col(r, 7)?,
            disclosure_discussed_date: opt_date_col(r, 8)?,
            employed_at_entry: r.get(11)?,
            preferences: r.get(12)?,
            notes: r.get(13)?,
        },
        discharge_date: opt_date_col(r, 9)?,
        discharge_reason: r.get(10)?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
        version: r.get(16)?,
    })
}

pub fn get(conn: &Connection, id: ClientId) -> rusqlite::Result<Option<Client>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM clients WHERE id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()
}

static ROW_SQL: std::sync::LazyLock<super::RowSql> =
    std::sync::LazyLock::new(|| super::RowSql::new("clients", COLUMNS));

/// A new client.
pub fn insert(conn: &Connection, c: &Client) -> rusqlite::Result<()> {
    write(conn, c, &ROW_SQL.insert)
}

/// The whole row, new or changed (callers hold the previous version for change tracking).
pub fn upsert(conn: &Connection, c: &Client) -> rusqlite::Result<()> {
    write(conn, c, &ROW_SQL.upsert)
}

fn write(conn: &Connection, c: &Client, sql: &str) -> rusqlite::Result<()> {
    let i = &c.input;
    conn.prepare_cached(sql)?.execute(params![
        c.id.to_string(),
        i.name,
        i.responsible_professional,
        i.stage.code(),
        date_sql(i.referral_date),
        date_sql(i.entry_date),
        date_sql(i.profile_started_date),
        date_sql(i.benefits_planning_date),
        date_sql(i.disclosure_discussed_date),
        date_sql(c.discharge_date),
        c.discharge_reason,
        i.employed_at_entry,
        i.preferences,
        i.notes,
        c.created_at,
        c.updated_at,
        c.version,
        search_key(&[&i.name, &i.responsible_professional]),
    ])?;
    Ok(())
}

/// The caseload list: newest contact per client from the `contact_clients` index, and whether
/// a job is running today.
pub fn summaries(
    conn: &Connection,
    q: &CaseloadQuery,
    today: &str,
) -> rusqlite::Result<Vec<ClientSummary>> {
    let pattern = format!("%{}%", escape_like(&q.search.trim().to_lowercase()));
    let owners = crate::store::owners::Owners::resolve(conn, &q.whose)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.name, c.stage, c.responsible_professional, c.discharge_date IS NOT NULL,
                (SELECT substr(max(cc.occurred_at), 1, 10) FROM contact_clients cc
                  WHERE cc.client_id = c.id),
                EXISTS (SELECT 1 FROM jobs j WHERE j.client_id = c.id AND j.started = 1 AND j.start_date <= ?3
                        AND (j.end_date IS NULL OR j.end_date >= ?3)),
                c.owner_id
         FROM clients c
         WHERE (?1 = '%%' OR c.search_key LIKE ?1 ESCAPE '\\')
           AND (?2 IS NULL OR c.stage = ?2)
           AND (?4 OR c.discharge_date IS NULL) AND {}
         ORDER BY c.name COLLATE NOCASE, c.id",
        owners.on("c")
    ))?;
    let rows = stmt.query_map(
        params![pattern, q.stage.map(Stage::code), today, q.include_closed],
        |r| {
            Ok(ClientSummary {
                id: id_col(r, 0)?,
                name: r.get(1)?,
                stage: code_col(r, 2, Stage::from_code)?,
                responsible_professional: r.get(3)?,
                closed: r.get(4)?,
                last_contact_date: opt_date_col(r, 5)?,
                working: r.get(6)?,
                owner: r
                    .get::<_, Option<String>>(7)?
                    .map(|o| o.parse().map_err(|e| super::conversion(7, e)))
                    .transpose()?,
            })
        },
    )?;
    rows.collect()
}

/// Names for a set of ids, in the order given (missing ids are skipped).
pub fn names(conn: &Connection, ids: &[ClientId]) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM clients WHERE id = ?1")?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(name) = stmt.query_row([id.to_string()], |r| r.get(0)).optional()? {
            out.push(name);
        }
    }
    Ok(out)
}

pub fn exists(conn: &Connection, id: ClientId) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM clients WHERE id = ?1")?
        .exists([id.to_string()])
}

pub fn count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
}

/// Text folded for search in Rust, where lower-casing knows ä, ö and å.
pub(crate) fn search_key(parts: &[&str]) -> String {
    parts.join(" ").to_lowercase()
}

/// LIKE treats % and _ as wildcards; a coach searching for "50%" means the text.
pub(crate) fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
