//! `jobs`: clients' jobs.

use super::{date_col, date_sql, id_col, opt_date_col};
use polku_domain::{ClientId, Job, JobId, JobInput};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// Stored bookkeeping kept beside the domain record.
#[derive(Clone, Debug, PartialEq)]
pub struct JobMeta {
    pub created_at: String,
    pub updated_at: String,
    pub version: String,
}

const SELECT: &str = concat!(
    "SELECT j.id, j.client_id, j.employer_id, j.job_type, j.start_date,
    j.end_date, j.hours_per_week, j.hourly_wage, j.permanent, j.competitive, j.wage_subsidy,
    j.end_reason, e.name, j.created_at, j.updated_at, j.version, j.started
    FROM jobs j JOIN employers d ON d.id = j.employer_id JOIN employers e ON e.id = ",
    super::employers::kept_of!("d")
);

fn from_row(r: &Row<'_>) -> rusqlite::Result<(Job, JobMeta)> {
    Ok((
        Job {
            id: id_col(r, 0)?,
            input: JobInput {
                client_id: id_col(r, 1)?,
                employer_id: id_col(r, 2)?,
                job_type: r.get(3)?,
                start_date: date_col(r, 4)?,
                end_date: opt_date_col(r, 5)?,
                hours_per_week: r.get(6)?,
                hourly_wage: r.get(7)?,
                permanent: r.get(8)?,
                competitive: r.get(9)?,
                wage_subsidy: r.get(10)?,
                end_reason: r.get(11)?,
                started: r.get(16)?,
            },
            employer_name: r.get(12)?,
        },
        JobMeta {
            created_at: r.get(13)?,
            updated_at: r.get(14)?,
            version: r.get(15)?,
        },
    ))
}

pub fn get(conn: &Connection, id: JobId) -> rusqlite::Result<Option<(Job, JobMeta)>> {
    conn.prepare_cached(&format!("{SELECT} WHERE j.id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()
}

pub fn for_client(conn: &Connection, client: ClientId) -> rusqlite::Result<Vec<Job>> {
    conn.prepare_cached(&format!(
        "{SELECT} WHERE j.client_id = ?1 ORDER BY j.start_date DESC, j.id DESC"
    ))?
    .query_map([client.to_string()], |r| from_row(r).map(|(j, _)| j))?
    .collect()
}

static ROW_SQL: std::sync::LazyLock<super::RowSql> = std::sync::LazyLock::new(|| {
    super::RowSql::new(
        "jobs",
        "id, client_id, employer_id, job_type, start_date, end_date, hours_per_week,
         hourly_wage, permanent, competitive, wage_subsidy, end_reason, created_at, updated_at,
         version, started",
    )
});

/// A new job.
pub fn insert(conn: &Connection, id: JobId, j: &JobInput, meta: &JobMeta) -> rusqlite::Result<()> {
    write(conn, id, j, meta, &ROW_SQL.insert)
}

/// The whole row, new or changed.
pub fn upsert(conn: &Connection, id: JobId, j: &JobInput, meta: &JobMeta) -> rusqlite::Result<()> {
    write(conn, id, j, meta, &ROW_SQL.upsert)
}

fn write(
    conn: &Connection,
    id: JobId,
    j: &JobInput,
    meta: &JobMeta,
    sql: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute(params![
        id.to_string(),
        j.client_id.to_string(),
        j.employer_id.to_string(),
        j.job_type,
        date_sql(Some(j.start_date)),
        date_sql(j.end_date),
        j.hours_per_week,
        j.hourly_wage,
        j.permanent,
        j.competitive,
        j.wage_subsidy,
        j.end_reason,
        meta.created_at,
        meta.updated_at,
        meta.version,
        j.started,
    ])?;
    Ok(())
}

pub fn count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("SELECT count(*) FROM jobs", [], |r| r.get(0))
}
