//! `devices`: enrolled devices and the hashes of their tokens.

use sqlx::{AnyConnection, Row};

#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub enrolled_at: String,
    pub last_seen: Option<String>,
    pub revoked_at: Option<String>,
}

const COLUMNS: &str = "id, user_id, name, enrolled_at, last_seen, revoked_at";

fn device(r: sqlx::any::AnyRow) -> sqlx::Result<Device> {
    Ok(Device {
        id: r.try_get(0)?,
        user_id: r.try_get(1)?,
        name: r.try_get(2)?,
        enrolled_at: r.try_get(3)?,
        last_seen: r.try_get(4)?,
        revoked_at: r.try_get(5)?,
    })
}

pub async fn insert(conn: &mut AnyConnection, d: &Device, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO devices (id, user_id, name, token_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&d.id)
    .bind(&d.user_id)
    .bind(&d.name)
    .bind(token_hash)
    .bind(&d.enrolled_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// All devices, newest first.
pub async fn list(conn: &mut AnyConnection) -> sqlx::Result<Vec<Device>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM devices ORDER BY enrolled_at DESC"
    )))
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(device)
    .collect()
}

/// Revokes a device; returns false if there is no such device.
pub async fn revoke(conn: &mut AnyConnection, id: &str, now: &str) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE devices SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// Marks the devices as seen at `now`, in one statement.
pub async fn seen(conn: &mut AnyConnection, ids: &[&str], now: &str) -> sqlx::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    // Numbered on both backends: a few hundred parameters at most.
    let list = (2..ids.len() + 2)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("UPDATE devices SET last_seen = $1 WHERE id IN ({list})");
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now);
    for id in ids {
        q = q.bind(*id);
    }
    q.execute(conn).await?;
    Ok(())
}

/// Notes a device's pull: when, and how many records it still had waiting to send.
pub async fn report(
    conn: &mut AnyConnection,
    id: &str,
    now: &str,
    waiting: u32,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE devices SET last_sync = $2, waiting = $3 WHERE id = $1")
        .bind(id)
        .bind(now)
        .bind(i64::from(waiting))
        .execute(conn)
        .await?;
    Ok(())
}

/// The devices of a team's members that are not revoked, as (user id, device), oldest first.
pub async fn of_team(
    conn: &mut AnyConnection,
    team_id: &str,
) -> sqlx::Result<Vec<(String, polku_domain::protocol::RosterDevice)>> {
    sqlx::query(
        "SELECT d.user_id, d.id, d.name, d.last_sync, d.waiting FROM devices d
         JOIN user_teams ut ON ut.user_id = d.user_id
         WHERE ut.team_id = $1 AND d.revoked_at IS NULL ORDER BY d.enrolled_at, d.id",
    )
    .bind(team_id)
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| {
        let id: String = r.try_get(1)?;
        let waiting: Option<i64> = r.try_get(4)?;
        Ok((
            r.try_get(0)?,
            polku_domain::protocol::RosterDevice {
                id: super::parse_text(id)?,
                name: r.try_get(2)?,
                last_sync: r.try_get(3)?,
                waiting: waiting.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
            },
        ))
    })
    .collect()
}

/// The device holding a token and its user, in one read (every request authenticates).
pub async fn with_user_by_token(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> sqlx::Result<Option<(Device, super::users::User)>> {
    let row = sqlx::query(
        "SELECT d.id, d.user_id, d.name, d.enrolled_at, d.last_seen, d.revoked_at,
                u.org_id, u.name, u.role
         FROM devices d JOIN users u ON u.id = d.user_id WHERE d.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        let role: String = r.try_get(8)?;
        let user = super::users::User {
            id: r.try_get(1)?,
            org_id: r.try_get(6)?,
            name: r.try_get(7)?,
            role: polku_domain::protocol::Role::from_code(&role)
                .unwrap_or(polku_domain::protocol::Role::Coach),
        };
        Ok((device(r)?, user))
    })
    .transpose()
}
