//! Administration: organisations, teams, users with roles, enrolment codes and devices. Run
//! from the command line (`polku-server admin …`) on the server's machine.

use crate::auth;
use crate::db::{devices, enrol_codes, orgs, teams, user_teams, users, Db};
use crate::error::{Result, ServerError};
use polku_domain::protocol::Role;

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn required(what: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ServerError::Invalid(format!("{what} must not be empty")));
    }
    Ok(v.to_owned())
}

pub async fn create_org(db: &Db, name: &str) -> Result<String> {
    let name = required("organisation name", name)?;
    let id = new_id();
    let mut conn = db.pool.acquire().await?;
    orgs::insert(&mut conn, &id, &name, &crate::db::timestamp(super::now())).await?;
    Ok(id)
}

async fn org(conn: &mut sqlx::AnyConnection, org: &str) -> Result<String> {
    orgs::find(conn, org)
        .await?
        .ok_or_else(|| ServerError::NotFound(format!("organisation {org:?}")))
}

pub async fn create_team(db: &Db, org_name: &str, name: &str) -> Result<String> {
    let name = required("team name", name)?;
    let mut conn = db.pool.acquire().await?;
    let org_id = org(&mut conn, org_name).await?;
    let id = new_id();
    teams::insert(
        &mut conn,
        &id,
        &org_id,
        &name,
        &crate::db::timestamp(super::now()),
    )
    .await?;
    Ok(id)
}

/// A user with a role, in the given teams (a coach's first team is where their records go).
pub async fn create_user(
    db: &Db,
    org_name: &str,
    name: &str,
    role: Role,
    team_names: &[String],
) -> Result<String> {
    let name = required("user name", name)?;
    let mut tx = db.begin().await?;
    let org_id = org(&mut tx, org_name).await?;
    let user = users::User {
        id: new_id(),
        org_id: org_id.clone(),
        name,
        role,
    };
    users::insert(&mut tx, &user, &crate::db::timestamp(super::now())).await?;
    for t in team_names {
        let team = teams::find(&mut tx, &org_id, t)
            .await?
            .ok_or_else(|| ServerError::NotFound(format!("team {t:?}")))?;
        user_teams::insert(&mut tx, &user.id, &team).await?;
    }
    tx.commit().await?;
    Ok(user.id)
}

/// Puts `user` in `team` of their organisation: a coach works in it, a supervisor reads it from
/// their devices' next sync. Already there is no error.
pub async fn join_team(db: &Db, org_name: &str, user: &str, team: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let (user_id, team_id) = member(&mut tx, org_name, user, team).await?;
    if !user_teams::is_member(&mut tx, &user_id, &team_id).await? {
        user_teams::insert(&mut tx, &user_id, &team_id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Takes `user` out of `team`: a supervisor's devices stop reading it at their next sync (the
/// server refuses its pulls from then on).
pub async fn leave_team(db: &Db, org_name: &str, user: &str, team: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let (user_id, team_id) = member(&mut tx, org_name, user, team).await?;
    user_teams::delete(&mut tx, &user_id, &team_id).await?;
    tx.commit().await?;
    Ok(())
}

/// The ids of a user and a team of one organisation, named by id or name.
async fn member(
    conn: &mut sqlx::AnyConnection,
    org_name: &str,
    user: &str,
    team: &str,
) -> Result<(String, String)> {
    let org_id = org(conn, org_name).await?;
    let user_id = users::find(conn, &org_id, user)
        .await?
        .ok_or_else(|| ServerError::NotFound(format!("user {user:?}")))?;
    let team_id = teams::find(conn, &org_id, team)
        .await?
        .ok_or_else(|| ServerError::NotFound(format!("team {team:?}")))?;
    Ok((user_id, team_id))
}

/// Moves a client to `to` (a user of the organisation by id or name), as an administrator:
/// see [`super::handover`].
pub async fn hand_over(
    db: &Db,
    org_name: &str,
    client: &str,
    to: &str,
) -> Result<polku_domain::protocol::HandoverResponse> {
    let to_id = {
        let mut conn = db.pool.acquire().await?;
        let org_id = org(&mut conn, org_name).await?;
        users::find(&mut conn, &org_id, to)
            .await?
            .ok_or_else(|| ServerError::NotFound(format!("user {to:?}")))?
    };
    super::handover::hand_over(db, super::handover::By::Console, client, &to_id).await
}

/// A one-time code for enrolling one device of `user`, valid for `hours`. Shown once.
pub async fn issue_code(db: &Db, org_name: &str, user: &str, hours: u32) -> Result<String> {
    let mut conn = db.pool.acquire().await?;
    let org_id = org(&mut conn, org_name).await?;
    let user_id = users::find(&mut conn, &org_id, user)
        .await?
        .ok_or_else(|| ServerError::NotFound(format!("user {user:?}")))?;
    let code = auth::new_code();
    let expires = super::now() + chrono::Duration::hours(i64::from(hours.max(1)));
    enrol_codes::insert(
        &mut conn,
        &auth::hash(&auth::normalize_code(&code)),
        &user_id,
        &crate::db::timestamp(expires),
    )
    .await?;
    Ok(code)
}

pub async fn list_devices(db: &Db) -> Result<Vec<devices::Device>> {
    let mut conn = db.pool.acquire().await?;
    Ok(devices::list(&mut conn).await?)
}

pub async fn revoke_device(db: &Db, id: &str) -> Result<()> {
    let mut conn = db.pool.acquire().await?;
    if devices::revoke(&mut conn, id, &crate::db::timestamp(super::now())).await? {
        tracing::info!(device = id, "device revoked");
        Ok(())
    } else {
        Err(ServerError::NotFound(format!("device {id:?}")))
    }
}
