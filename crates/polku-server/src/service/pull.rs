//! Pull: changes after a cursor, in cursor order, in pages. A coach reads their own caseload; a
//! supervisor reads the teams they belong to.

use super::Principal;
use crate::db::changes::{self, Scope};
use crate::db::{applied_batches, devices, users, Db};
use crate::error::{Result, ServerError};
use polku_domain::protocol::{
    HeadQuery, PullQuery, PullResponse, RosterDevice, RosterMember, ScopeHead, StatusResponse,
    Team, TeamRoster,
};
use std::collections::HashMap;

/// A page of changes after the query's cursor. `reader` is the asking device: its own changes
/// are left out (it has them), though the cursor still moves past them. A page size outside
/// 1–2000 is refused, not quietly changed.
pub async fn pull(
    db: &Db,
    scope: &Scope,
    reader: Option<&str>,
    query: &PullQuery,
) -> Result<PullResponse> {
    let limit = query.page_size().map_err(ServerError::BadRequest)?;
    let after = query.after.unwrap_or(0);
    let mut conn = db.pool.acquire().await?;
    if let (Some(device), Some(waiting)) = (reader, query.waiting) {
        let now = crate::db::timestamp(super::now());
        devices::report(&mut conn, device, &now, waiting).await?;
    }
    // One row more than the page says whether another page follows.
    let mut rows = changes::page(&mut conn, scope, reader, after, limit + 1).await?;
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = rows.last().map_or(after, |(cursor, _)| *cursor);
    let changes = rows.into_iter().filter_map(|(_, c)| c).collect();
    Ok(PullResponse {
        changes,
        next_cursor,
        has_more,
    })
}

/// The scope's newest cursor and how many changes lie after `after`: an import's total.
pub async fn head(db: &Db, scope: &Scope, query: &HeadQuery) -> Result<ScopeHead> {
    let after = query.after.unwrap_or(0);
    let mut conn = db.pool.acquire().await?;
    let cursor = changes::scope_head(&mut conn, scope).await?;
    let remaining = changes::count_after(&mut conn, scope, after).await?;
    Ok(ScopeHead { cursor, remaining })
}

/// The team `team` names, if `who` supervises it (or administers it): what a team's pull,
/// head and roster are allowed on.
fn supervised<'a>(who: &'a Principal, team: &str) -> Result<&'a Team> {
    if !who.leads() {
        return Err(ServerError::Forbidden(
            "only supervisors read a team's caseloads".into(),
        ));
    }
    who.team(team)
        .ok_or_else(|| ServerError::Forbidden(format!("you are not a supervisor of team {team}")))
}

/// The scope of a supervisor's team pull, if `who` may read `team`.
pub fn team_scope(who: &Principal, team: &str) -> Result<Scope> {
    Ok(Scope::Team(supervised(who, team)?.id.to_string()))
}

/// The scope of what `who` sees of their colleagues' records in `team`, if they work in it
/// ([`polku_domain::protocol::Entity::team_share`]).
pub fn shared_scope(who: &Principal, team: &str) -> Result<Scope> {
    let team = who
        .team(team)
        .ok_or_else(|| ServerError::Forbidden(format!("you are not a member of team {team}")))?;
    let reader = who
        .user
        .id
        .parse()
        .map_err(|_| ServerError::Corrupt("user id".into()))?;
    Ok(Scope::Shared {
        team: team.id.to_string(),
        reader,
    })
}

/// The team's members and each one's devices with their last sync, for its supervisor.
pub async fn roster(db: &Db, who: &Principal, team: &str) -> Result<TeamRoster> {
    let team = supervised(who, team)?.clone();
    let id = team.id.to_string();
    let mut conn = db.pool.acquire().await?;
    let mut devices: HashMap<String, Vec<RosterDevice>> = HashMap::new();
    for (user, device) in devices::of_team(&mut conn, &id).await? {
        devices.entry(user).or_default().push(device);
    }
    let members = users::of_team(&mut conn, &id)
        .await?
        .into_iter()
        .map(|u| {
            Ok(RosterMember {
                id: u
                    .id
                    .parse()
                    .map_err(|_| ServerError::Corrupt("user id".into()))?,
                devices: devices.remove(&u.id).unwrap_or_default(),
                name: u.name,
                role: u.role,
            })
        })
        .collect::<Result<_>>()?;
    Ok(TeamRoster { team, members })
}

pub async fn status(db: &Db, who: &Principal) -> Result<StatusResponse> {
    let mut conn = db.pool.acquire().await?;
    let applied_to_seq = applied_batches::last_seq(&mut conn, &who.device_id).await?;
    let cursor = changes::scope_head(&mut conn, &Scope::Owner(who.user.id.clone())).await?;
    Ok(StatusResponse {
        device_id: who
            .device_id
            .parse()
            .map_err(|_| ServerError::Corrupt("device id".into()))?,
        user_id: who
            .user
            .id
            .parse()
            .map_err(|_| ServerError::Corrupt("user id".into()))?,
        user_name: who.user.name.clone(),
        role: who.user.role,
        teams: who.teams.clone(),
        applied_to_seq,
        cursor,
    })
}
