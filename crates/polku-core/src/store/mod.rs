//! The local SQLite store. `Store::open` is the one place a database file is opened: it refuses
//! files that are not Polku's, are damaged, or come from a newer Polku — without writing to
//! them — then sets the connection up and migrates.

pub mod evidence;
pub mod migrations;
pub mod tables;

use crate::error::{CoreError, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Written to the SQLite header so another program's database is recognised as foreign.
pub const APPLICATION_ID: i32 = 0x504F_4C4B; // "POLK"
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub struct Store {
    path: PathBuf,
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (or creates) the Polku database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(path, e))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(|e| classify(path, e))?;
        check_identity(path, &conn)?;
        // WAL lets readers run beside the writer; FULL makes each committed action survive a
        // power cut, not only a crash — a field note must never vanish.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| classify(path, e))?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(|e| classify(path, e))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| classify(path, e))?;
        // 16 MiB of page cache: large imports stop spilling half-written pages to the WAL.
        conn.pragma_update(None, "cache_size", -16_384)
            .map_err(|e| classify(path, e))?;
        let mut conn = conn;
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|e| classify(path, e))?;
        migrations::migrations()
            .to_latest(&mut conn)
            .map_err(|e| match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => classify(path, err),
                other => CoreError::Migration(other),
            })?;
        Ok(Store {
            path: path.to_owned(),
            conn: Mutex::new(conn),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads. Poisoning is ignored: SQLite rolls back an unfinished
    /// transaction, so the data behind a panicked holder is still consistent.
    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` in one immediate transaction: all of it commits, or none of it.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// A non-empty file must start with SQLite's magic header; anything else is not ours.
fn check_header(path: &Path) -> Result<()> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(CoreError::DatabaseCorrupt {
                path: path.to_owned(),
                detail: e.to_string(),
            })
        }
    };
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(CoreError::DatabaseCorrupt {
                    path: path.to_owned(),
                    detail: e.to_string(),
                })
            }
        }
    }
    if read == 0 || &head == SQLITE_MAGIC {
        Ok(())
    } else {
        Err(CoreError::NotPolkuDatabase {
            path: path.to_owned(),
        })
    }
}

/// Refuses a database that belongs to another program or to a newer Polku.
fn check_identity(path: &Path, conn: &Connection) -> Result<()> {
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| classify(path, e))?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(CoreError::NotPolkuDatabase {
            path: path.to_owned(),
        });
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    let supported = migrations::latest_version();
    if version > supported as i64 {
        return Err(CoreError::DatabaseNewer {
            path: path.to_owned(),
            found: version,
            supported,
        });
    }
    Ok(())
}

/// SQLite's own verdicts on a damaged or foreign file become errors naming the file.
fn classify(path: &Path, e: rusqlite::Error) -> CoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => CoreError::NotPolkuDatabase {
            path: path.to_owned(),
        },
        Some(ErrorCode::DatabaseCorrupt) => CoreError::DatabaseCorrupt {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        _ => CoreError::Storage(e),
    }
}
