//! `enrol_codes`: one-time codes for enrolling a device, kept as hashes.

use sqlx::AnyConnection;

pub async fn insert(
    conn: &mut AnyConnection,
    code_hash: &str,
    user_id: &str,
    expires_at: &str,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO enrol_codes (code_hash, user_id, expires_at) VALUES ($1, $2, $3)")
        .bind(code_hash)
        .bind(user_id)
        .bind(expires_at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks an unused, unexpired code used and returns its user; `None` if there is no such code.
/// One statement, so two devices racing with one code cannot both win.
pub async fn redeem(
    conn: &mut AnyConnection,
    code_hash: &str,
    now: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "UPDATE enrol_codes SET used_at = $2
         WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING user_id",
    )
    .bind(code_hash)
    .bind(now)
    .fetch_optional(conn)
    .await
}
