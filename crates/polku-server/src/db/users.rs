//! `users`: coaches, supervisors and administrators of an organisation.

use polku_domain::protocol::Role;
use sqlx::{AnyConnection, Row};

#[derive(Clone, Debug, PartialEq)]
pub struct User {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub role: Role,
}

pub async fn insert(conn: &mut AnyConnection, u: &User, now: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO users (id, org_id, name, role, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&u.id)
    .bind(&u.org_id)
    .bind(&u.name)
    .bind(u.role.code())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn get(conn: &mut AnyConnection, id: &str) -> sqlx::Result<Option<User>> {
    let row = sqlx::query("SELECT id, org_id, name, role FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(user).transpose()
}

/// A row of `id, org_id, name, role`. The table's CHECK allows only the roles there are.
fn user(r: &sqlx::any::AnyRow) -> sqlx::Result<User> {
    let role: String = r.try_get(3)?;
    Ok(User {
        id: r.try_get(0)?,
        org_id: r.try_get(1)?,
        name: r.try_get(2)?,
        role: Role::from_code(&role).unwrap_or(Role::Coach),
    })
}

/// A team's members (its coaches and supervisors) by name.
pub async fn of_team(conn: &mut AnyConnection, team_id: &str) -> sqlx::Result<Vec<User>> {
    sqlx::query(
        "SELECT u.id, u.org_id, u.name, u.role FROM users u
         JOIN user_teams ut ON ut.user_id = u.id WHERE ut.team_id = $1 ORDER BY u.name, u.id",
    )
    .bind(team_id)
    .fetch_all(conn)
    .await?
    .iter()
    .map(user)
    .collect()
}

/// The id of the user named `name_or_id` in `org_id`.
pub async fn find(
    conn: &mut AnyConnection,
    org_id: &str,
    name_or_id: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT id FROM users WHERE org_id = $1 AND (id = $2 OR name = $2)")
        .bind(org_id)
        .bind(name_or_id)
        .fetch_optional(conn)
        .await
}
