//! `profiles`: each user's synced settings (report name, FTE), keyed by their user id.

use polku_domain::{Profile, UserId};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, report_name, fte, created_at, updated_at, version";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Profile> {
    Ok(Profile {
        id: super::id_col(r, 0)?,
        report_name: r.get(1)?,
        fte: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
        version: r.get(5)?,
    })
}

pub fn get(conn: &Connection, id: UserId) -> rusqlite::Result<Option<Profile>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM profiles WHERE id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()
}

static ROW_SQL: std::sync::LazyLock<super::RowSql> =
    std::sync::LazyLock::new(|| super::RowSql::new("profiles", COLUMNS));

pub fn insert(conn: &Connection, p: &Profile) -> rusqlite::Result<()> {
    write(conn, p, &ROW_SQL.insert)
}

pub fn upsert(conn: &Connection, p: &Profile) -> rusqlite::Result<()> {
    write(conn, p, &ROW_SQL.upsert)
}

fn write(conn: &Connection, p: &Profile, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute(params![
        p.id.to_string(),
        p.report_name,
        p.fte,
        p.created_at,
        p.updated_at,
        p.version,
    ])?;
    Ok(())
}
