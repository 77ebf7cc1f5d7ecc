//! `support_contacts`: in-work support.

use super::{code_col, datetime_col, datetime_sql, id_col};
use polku_domain::{ClientId, ContactMode, SupportContact, SupportContactInput};
use rusqlite::{params, Connection, Row};

fn from_row(r: &Row<'_>) -> rusqlite::Result<SupportContact> {
    let job: Option<String> = r.get(2)?;
    Ok(SupportContact {
        id: id_col(r, 0)?,
        input: SupportContactInput {
            client_id: id_col(r, 1)?,
            job_id: job.and_then(|s| s.parse().ok()),
            occurred_at: datetime_col(r, 3)?,
            mode: code_col(r, 4, ContactMode::from_code)?,
            with_employer: r.get(5)?,
            notes: r.get(6)?,
        },
    })
}

pub fn for_client(conn: &Connection, client: ClientId) -> rusqlite::Result<Vec<SupportContact>> {
    conn.prepare_cached(
        "SELECT id, client_id, job_id, occurred_at, mode, with_employer, notes
         FROM support_contacts WHERE client_id = ?1 ORDER BY occurred_at DESC, id DESC",
    )?
    .query_map([client.to_string()], from_row)?
    .collect()
}

pub fn insert(
    conn: &Connection,
    s: &SupportContact,
    created_at: &str,
    version: &str,
) -> rusqlite::Result<()> {
    write(conn, s, [created_at, created_at, version], &ROW_SQL.insert)
}

static ROW_SQL: std::sync::LazyLock<super::RowSql> = std::sync::LazyLock::new(|| {
    super::RowSql::new(
        "support_contacts",
        "id, client_id, job_id, occurred_at, mode, with_employer, notes, created_at,
         updated_at, version",
    )
});

/// One support contact with its creation time and version.
pub fn get(
    conn: &Connection,
    id: polku_domain::SupportContactId,
) -> rusqlite::Result<Option<(SupportContact, String, String)>> {
    use rusqlite::OptionalExtension;
    conn.prepare_cached(
        "SELECT id, client_id, job_id, occurred_at, mode, with_employer, notes, created_at, version
         FROM support_contacts WHERE id = ?1",
    )?
    .query_row([id.to_string()], |r| {
        Ok((from_row(r)?, r.get(7)?, r.get(8)?))
    })
    .optional()
}

/// A support contact as a whole, new or changed (sync applies other devices' edits this way).
pub fn upsert(
    conn: &Connection,
    s: &SupportContact,
    created_at: &str,
    updated_at: &str,
    version: &str,
) -> rusqlite::Result<()> {
    write(conn, s, [created_at, updated_at, version], &ROW_SQL.upsert)
}

fn write(
    conn: &Connection,
    s: &SupportContact,
    [created_at, updated_at, version]: [&str; 3],
    sql: &str,
) -> rusqlite::Result<()> {
    let i = &s.input;
    conn.prepare_cached(sql)?.execute(params![
        s.id.to_string(),
        i.client_id.to_string(),
        i.job_id.map(|j| j.to_string()),
        datetime_sql(i.occurred_at),
        i.mode.code(),
        i.with_employer,
        i.notes,
        created_at,
        updated_at,
        version
    ])?;
    Ok(())
}

pub fn count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("SELECT count(*) FROM support_contacts", [], |r| r.get(0))
}
