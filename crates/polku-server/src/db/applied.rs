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

pub async fn insert_many(
    conn: &mut AnyConnection,
    device_id: &str,
    rows: &[(u64, String)],
) -> sqlx::Result<()> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO applied (device_id, seq, hash) VALUES {}",
            placeholders(chunk.len(), 3)
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (seq, hash) in chunk {
            q = q.bind(device_id).bind(to_db(*seq)).bind(hash);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
