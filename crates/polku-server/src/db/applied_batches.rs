//! `applied_batches`: which of a device's mutations are stored, with their payload hashes —
//! one row per stored run of seqs, its hashes concatenated in seq order.

use super::{from_db, in_list, placeholders, to_db, ROWS_PER_STATEMENT};
use sqlx::{AnyConnection, Row};

/// Length of one payload hash (SHA-256 as hex).
pub const HASH_LEN: usize = 64;

/// A run of consecutive seqs stored by one push, with their hashes in seq order.
#[derive(Clone, Debug, PartialEq)]
pub struct AppliedBatch {
    pub device_id: String,
    pub from_seq: u64,
    pub hashes: String,
}

impl AppliedBatch {
    /// The last seq of the run (a run holds at least one hash).
    pub fn to_seq(&self) -> u64 {
        (self.from_seq + (self.hashes.len() / HASH_LEN) as u64).saturating_sub(1)
    }

    /// `(seq, hash)` of every mutation in the run.
    pub fn each(&self) -> impl Iterator<Item = (u64, &str)> {
        (self.from_seq..).zip(
            self.hashes
                .as_bytes()
                .chunks(HASH_LEN)
                .map(|h| std::str::from_utf8(h).unwrap_or_default()),
        )
    }
}

/// Every stored run of `device_id` that overlaps `from..=to`.
pub async fn overlapping(
    conn: &mut AnyConnection,
    device_id: &str,
    from: u64,
    to: u64,
) -> sqlx::Result<Vec<AppliedBatch>> {
    // Runs are contiguous and never overlap, so the first one needed is the last starting at
    // or before `from`: one index range on (device_id, from_seq), however many runs precede.
    sqlx::query(
        "SELECT from_seq, hashes FROM applied_batches
         WHERE device_id = $1 AND from_seq <= $3 AND from_seq >= coalesce(
            (SELECT max(from_seq) FROM applied_batches WHERE device_id = $1 AND from_seq <= $2),
            0)",
    )
    .bind(device_id)
    .bind(to_db(from))
    .bind(to_db(to))
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| {
        Ok(AppliedBatch {
            device_id: device_id.to_owned(),
            from_seq: from_db(r.try_get(0)?),
            hashes: r.try_get(1)?,
        })
    })
    .collect()
}

/// Every stored run, in device and seq order (for tests proving a request changed nothing).
pub async fn all(conn: &mut AnyConnection) -> sqlx::Result<Vec<AppliedBatch>> {
    sqlx::query(
        "SELECT device_id, from_seq, hashes FROM applied_batches ORDER BY device_id, from_seq",
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| {
        Ok(AppliedBatch {
            device_id: r.try_get(0)?,
            from_seq: from_db(r.try_get(1)?),
            hashes: r.try_get(2)?,
        })
    })
    .collect()
}

/// The device's highest stored seq (0 before its first push).
pub async fn last_seq(conn: &mut AnyConnection, device_id: &str) -> sqlx::Result<u64> {
    let n: Option<i64> = sqlx::query_scalar(
        "SELECT to_seq FROM applied_batches WHERE device_id = $1
         ORDER BY from_seq DESC LIMIT 1",
    )
    .bind(device_id)
    .fetch_optional(conn)
    .await?;
    Ok(n.map_or(0, from_db))
}

/// Each listed device's highest stored seq (devices with none are left out).
pub async fn last_seqs(
    conn: &mut AnyConnection,
    device_ids: &[&str],
) -> sqlx::Result<std::collections::HashMap<String, u64>> {
    let mut out = std::collections::HashMap::new();
    for chunk in device_ids.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "SELECT a.device_id, a.to_seq FROM applied_batches a
             WHERE a.device_id IN ({}) AND a.from_seq = (SELECT max(b.from_seq)
                FROM applied_batches b WHERE b.device_id = a.device_id)",
            in_list(conn, chunk.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&mut *conn).await? {
            out.insert(r.try_get(0)?, from_db(r.try_get(1)?));
        }
    }
    Ok(out)
}

pub async fn insert_many(conn: &mut AnyConnection, runs: &[AppliedBatch]) -> sqlx::Result<()> {
    for chunk in runs.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO applied_batches (device_id, from_seq, to_seq, hashes) VALUES {}",
            placeholders(conn, chunk.len(), 4)
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for run in chunk {
            q = q
                .bind(&run.device_id)
                .bind(to_db(run.from_seq))
                .bind(to_db(run.to_seq()))
                .bind(&run.hashes);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
