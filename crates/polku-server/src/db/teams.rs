//! `teams`: a supervisor's unit; a coach's records carry their team.

use polku_domain::protocol::Team;
use sqlx::{AnyConnection, Row};

pub async fn insert(
    conn: &mut AnyConnection,
    id: &str,
    org_id: &str,
    name: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO teams (id, org_id, name, created_at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(org_id)
        .bind(name)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// The id of the team named `name_or_id` in `org_id`.
pub async fn find(
    conn: &mut AnyConnection,
    org_id: &str,
    name_or_id: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT id FROM teams WHERE org_id = $1 AND (id = $2 OR name = $2)")
        .bind(org_id)
        .bind(name_or_id)
        .fetch_optional(conn)
        .await
}

/// The teams a user belongs to, by name.
pub async fn of_user(conn: &mut AnyConnection, user_id: &str) -> sqlx::Result<Vec<Team>> {
    sqlx::query(
        "SELECT t.id, t.name FROM teams t JOIN user_teams ut ON ut.team_id = t.id
         WHERE ut.user_id = $1 ORDER BY t.name",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| {
        Ok(Team {
            id: super::parse_text(r.try_get(0)?)?,
            name: r.try_get(1)?,
        })
    })
    .collect()
}
