//! Storage: one connection pool over SQLite or PostgreSQL, chosen by the `--database` URL, with
//! one set of migrations (`migrations/*.sql`, written in the SQL both understand). One module
//! per table; each function takes the connection or transaction it runs in.

pub mod applied_batches;
pub mod changes;
pub mod devices;
pub mod enrol_codes;
pub mod handovers;
pub mod orgs;
pub mod records;
pub mod teams;
pub mod user_teams;
pub mod users;

use crate::error::Result;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// A value stored as text (an id, a clock, an entity), read back as its type; a row holding
/// something else is a decode error.
pub(crate) fn parse_text<T: std::str::FromStr>(text: String) -> sqlx::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    text.parse()
        .map_err(|e: T::Err| sqlx::Error::Decode(Box::new(e)))
}

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The server's database. Writers that assign cursors hold `push_lock` (and, on PostgreSQL, a
/// transaction-level advisory lock, for servers sharing one database) until they commit, so
/// cursors become visible in the order they were assigned.
#[derive(Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    push_lock: tokio::sync::Mutex<()>,
    /// Batches waiting for the next group commit (`service::push`).
    pushes: std::sync::Mutex<Vec<crate::service::push::Pending>>,
}

/// The advisory lock key the PostgreSQL writers share ("POLK").
const PUSH_LOCK_KEY: i64 = 0x504F_4C4B;

impl Db {
    /// Connects to `url` (`sqlite://path` or `postgres://…`), creating a SQLite file if
    /// missing, and brings the schema up to date.
    pub async fn open(url: &str) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(crate::ServerError::Invalid(format!(
                "unsupported database URL {url:?}: use sqlite://FILE or postgres://…"
            )));
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // Acknowledged pushes must survive power loss: the device will not
                        // send them again.
                        // Checkpoints run in the background (`checkpoints`), not inside
                        // whichever commit crosses 4 MB of WAL: a push's commit then costs its
                        // own fsync, not also writing back and syncing the database file. The
                        // commit-time checkpoint stays as a safety net at 40 MB, and the WAL
                        // file is cut back to 64 MB after a checkpoint empties it.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                             PRAGMA wal_autocheckpoint = 10000; \
                             PRAGMA journal_size_limit = 67108864;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        if backend == Backend::Sqlite {
            tokio::spawn(checkpoints(pool.clone()));
        }
        Ok(Db {
            pool,
            backend,
            push_lock: tokio::sync::Mutex::new(()),
            pushes: std::sync::Mutex::new(Vec::new()),
        })
    }

    pub fn queue_push(&self, p: crate::service::push::Pending) {
        self.pushes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(p);
    }

    pub fn take_pushes(&self) -> Vec<crate::service::push::Pending> {
        std::mem::take(&mut *self.pushes.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// A transaction holding the cursor lock until it commits or is dropped.
    pub async fn begin_cursor(&self) -> Result<CursorTx<'_>> {
        let guard = self.push_lock.lock().await;
        // IMMEDIATE takes SQLite's write lock up front: a deferred transaction that reads
        // first may find its snapshot stale when it comes to write, and fail with "locked".
        let mut tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(PUSH_LOCK_KEY)
                .execute(&mut *tx)
                .await?;
        }
        Ok(CursorTx { tx, _guard: guard })
    }

    /// A write transaction (on SQLite, holding the write lock from the start; see above).
    pub async fn begin(&self) -> Result<Transaction<'static, Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Copies the SQLite WAL back into the database file every 500 ms while the pool is open.
/// PASSIVE never blocks readers or writers; a busy moment is simply caught up next time.
async fn checkpoints(pool: AnyPool) {
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !pool.is_closed() {
        tick.tick().await;
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            if !pool.is_closed() {
                tracing::warn!("WAL checkpoint: {e}");
            }
        }
    }
}

/// Text timestamps, the same on both backends.
pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Cursors and seqs are `u64` on the wire and `BIGINT` in the database.
pub fn to_db(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub fn from_db(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// A write transaction that may assign cursors (see [`Db`]).
pub struct CursorTx<'a> {
    tx: Transaction<'static, Any>,
    _guard: tokio::sync::MutexGuard<'a, ()>,
}

impl CursorTx<'_> {
    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    pub async fn commit(self) -> Result<()> {
        Ok(self.tx.commit().await?)
    }

    /// Ends the transaction now. Dropped instead, sqlx queues the rollback and sends it from
    /// a task when the pool takes the connection back: on PostgreSQL the transaction's
    /// advisory lock (the cursor lock every push waits for) is held until that task runs.
    pub async fn rollback(self) -> Result<()> {
        Ok(self.tx.rollback().await?)
    }
}

/// `($1, $2), ($3, $4), …` for a multi-row statement on PostgreSQL; `(?, ?), (?, ?), …` on
/// SQLite. SQLite gets anonymous parameters because sqlx asks for every parameter's name
/// before binding it, and SQLite finds a numbered parameter's name by scanning the list of
/// them: quadratic in the parameters of a statement (a third of a 1,000-record push's time).
pub fn placeholders(conn: &AnyConnection, rows: usize, cols: usize) -> String {
    rows_of(numbered(conn), rows, cols)
}

fn numbered(conn: &AnyConnection) -> bool {
    conn.backend_name() != <sqlx::Sqlite as sqlx::Database>::NAME
}

fn rows_of(numbered: bool, rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        s.push_str(&params(numbered, r * cols, cols));
        s.push(')');
    }
    s
}

/// `$1, $2, …` (PostgreSQL) or `?, ?, …` (SQLite) for an `IN (…)` list of `n` values.
pub fn in_list(conn: &AnyConnection, n: usize) -> String {
    params(numbered(conn), 0, n)
}

fn params(numbered: bool, first: usize, n: usize) -> String {
    let mut s = String::with_capacity(n * 5);
    for i in 0..n {
        if i > 0 {
            s.push_str(", ");
        }
        if numbered {
            s.push('$');
            s.push_str(&(first + i + 1).to_string());
        } else {
            s.push('?');
        }
    }
    s
}

/// Rows per multi-row statement: SQLite allows 32,766 parameters, PostgreSQL 65,535.
pub const ROWS_PER_STATEMENT: usize = 1000;

#[cfg(test)]
mod tests {
    #[test]
    fn postgres_placeholders_number_every_column_of_every_row() {
        assert_eq!(super::rows_of(true, 2, 2), "($1, $2), ($3, $4)");
    }

    #[test]
    fn sqlite_placeholders_are_anonymous_so_binding_stays_linear() {
        assert_eq!(super::rows_of(false, 2, 2), "(?, ?), (?, ?)");
        assert_eq!(super::params(false, 0, 3), "?, ?, ?");
    }
}
