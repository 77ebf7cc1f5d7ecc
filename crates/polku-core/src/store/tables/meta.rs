//! `meta`: this installation's identity and clock state.

use rusqlite::{Connection, OptionalExtension};

pub fn get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

pub fn set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

pub const DEVICE_ID: &str = "device_id";
pub const LAST_HLC: &str = "last_hlc";
/// The server user this installation is enrolled as: the owner of every record whose
/// `owner_id` is NULL (migration 0006).
pub const USER_ID: &str = "sync_user_id";

/// The enrolled user, if any (an id that does not parse counts as none).
pub fn user_id(conn: &Connection) -> rusqlite::Result<Option<polku_domain::UserId>> {
    Ok(get(conn, USER_ID)?.and_then(|u| u.parse().ok()))
}
