//! `applied`: which of a device's mutations are stored, with their payload hashes.

use super::{from_db, placeholders, to_db, ROWS_PER_STATEMENT};
use sqlx::{AnyConnection, Row};

/// `(seq, hash)` of the device's stored mutations in `from..=to`.
pub async fn in_range(
    conn: &mut AnyConnection,
    device_id: &str,
    from: u64,
    to: u64,
) -> sqlx::Result<Vec<(u64, String)>> {
    sqlx::query("SELECT seq, hash FROM applied WHERE device_id = $1 AND seq >= $2 AND seq <= $3")
        .bind(device_id)
        .bind(to_db(from))
        .bind(to_db(to))
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| Ok((from_db(r.try_get(0)?), r.try_get(1)?)))
        .collect()
}

/// The device's highest stored seq (0 before its first push).
pub async fn last_seq(conn: &mut AnyConnection, device_id: &str) -> sqlx::Result<u64> {
    let n: Option<i64> = sqlx::query_scalar("SELECT max(seq) FROM applied WHERE device_id = $1")
        .bind(device_id)
        .fetch_one(conn)
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
        let list = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT device_id, max(seq) FROM applied WHERE device_id IN ({list}) GROUP BY device_id"
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

/// Stores `(device, seq, hash)` rows.
pub async fn insert_rows(
    conn: &mut AnyConnection,
    rows: &[(String, u64, String)],
) -> sqlx::Result<()> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO applied (device_id, seq, hash) VALUES {}",
            placeholders(chunk.len(), 3)
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (device, seq, hash) in chunk {
            q = q.bind(device).bind(to_db(*seq)).bind(hash);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
