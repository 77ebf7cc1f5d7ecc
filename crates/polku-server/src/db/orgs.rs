//! `orgs`: the wellbeing regions (or providers) a server hosts.

use sqlx::AnyConnection;

pub async fn insert(conn: &mut AnyConnection, id: &str, name: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO orgs (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(name)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// The id of the organisation named `name_or_id` (either works on the command line).
pub async fn find(conn: &mut AnyConnection, name_or_id: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT id FROM orgs WHERE id = $1 OR name = $1")
        .bind(name_or_id)
        .fetch_optional(conn)
        .await
}
