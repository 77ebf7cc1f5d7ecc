//! The local SQLite store. `Store::open` is the one place a database file is opened: it refuses
//! files that are not Polku's, are damaged, or come from a newer Polku — without writing to
//! them — then sets the connection up and migrates.
//!
//! One connection writes; a few read-only ones read beside it (WAL lets readers see the last
//! committed state while a write is under way), so a screen's read never waits behind a sync
//! page being applied.

pub mod evidence;
pub mod migrations;
pub mod owners;
pub mod tables;
pub mod team;

use crate::error::{CoreError, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Written to the SQLite header so another program's database is recognised as foreign.
pub const APPLICATION_ID: i32 = 0x504F_4C4B; // "POLK"
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How many reads can run at once. The UI reads a screen's data in a few parallel commands,
/// and the sync engine reads its next batch while one is in flight.
const READERS: usize = 4;

pub struct Store {
    path: PathBuf,
    /// Read-only connections not in use; `read` takes one, its guard gives it back. Declared
    /// before the writer so they close first: the last connection to close checkpoints the
    /// WAL into the database file, and only the writer can.
    readers: Mutex<Vec<Connection>>,
    returned: Condvar,
    writer: Mutex<Connection>,
}

/// A read-only connection for the duration of a read.
pub struct Reader<'a> {
    store: &'a Store,
    conn: Option<Connection>,
}

impl std::ops::Deref for Reader<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        // Present until drop.
        self.conn
            .as_ref()
            .unwrap_or_else(|| unreachable!("a reader holds its connection"))
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            lock(&self.store.readers).push(c);
            self.store.returned.notify_one();
        }
    }
}

/// Poisoning is ignored: SQLite rolls back an unfinished transaction, so the data behind a
/// panicked holder is still consistent.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
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
        let readers = (0..READERS)
            .map(|_| open_reader(path))
            .collect::<Result<Vec<_>>>()?;
        Ok(Store {
            path: path.to_owned(),
            readers: Mutex::new(readers),
            returned: Condvar::new(),
            writer: Mutex::new(conn),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A connection for reading; waits only when every reader is busy, never for a write.
    /// Each statement sees what was committed when it started.
    pub fn read(&self) -> Reader<'_> {
        let mut free = lock(&self.readers);
        loop {
            if let Some(conn) = free.pop() {
                return Reader {
                    store: self,
                    conn: Some(conn),
                };
            }
            free = self.returned.wait(free).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Runs `f` in one immediate transaction on the writer: all of it commits, or none of it.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Like [`Store::write`], for data the device can fetch again (a pulled page stored with
    /// its cursor): the commit does not wait for the disk. A power cut may roll such a
    /// transaction back — never tear it — and the cursor rolls back with it, so the page is
    /// pulled again. The next ordinary write's sync makes it durable too (WAL frames are synced
    /// in order). Every other write keeps `synchronous=FULL`.
    pub fn write_refetchable<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer);
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let out = (|| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })();
        // Restored whatever happened: a coach's next save must wait for the disk again.
        conn.pragma_update(None, "synchronous", "FULL")?;
        out
    }

    /// The writer's `synchronous` setting (2 = FULL), for tests that a relaxed write restored it.
    #[doc(hidden)]
    pub fn writer_synchronous(&self) -> Result<i64> {
        Ok(lock(&self.writer).pragma_query_value(None, "synchronous", |r| r.get(0))?)
    }
}

/// A read-only connection to the migrated database, set up like the writer.
fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(path, e))?;
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(|e| classify(path, e))?;
    conn.pragma_update(None, "cache_size", -8_192)
        .map_err(|e| classify(path, e))?;
    Ok(conn)
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
