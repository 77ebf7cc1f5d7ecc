//! Handover: a client moves, with all their records, from one coach to another.
//!
//! In one transaction under the cursor lock: the client, their jobs and support contacts and
//! the open conflicts about them become the new coach's (in the new coach's team); each
//! record's state goes to the new coach's pull (one change per clock its fields carry, so a
//! device merges it field by field exactly as it would have merged the original writes), and
//! a notice goes to the previous coach's pull (no fields; its owner is the new coach), so
//! their devices drop it from their caseload. Nothing is deleted: the change log keeps the
//! history, and `handovers` says who moved what when. A request for a client that is already
//! the new coach's changes nothing and succeeds (an answer lost on the way is retried).

use super::Principal;
use crate::db::changes::{self, NewChange};
use crate::db::handovers::{self, Handover};
use crate::db::records::{self, Record};
use crate::db::{teams, user_teams, users, Db};
use crate::error::{Result, ServerError};
use polku_domain::protocol::{conflict_fields, Entity, HandoverResponse, Role};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// Who asks for a handover.
#[derive(Clone, Copy, Debug)]
pub enum By<'a> {
    /// An administrator at the server's command line.
    Console,
    /// A signed-in user: a supervisor of both coaches' teams, or an administrator of their
    /// organisation.
    User(&'a Principal),
}

/// Moves `client_id` to `to_user`. Refused (and nothing changed) when the client is not
/// there, the new coach is not of the client's organisation or keeps no caseload, or `by`
/// may not move this client to this coach.
pub async fn hand_over(
    db: &Db,
    by: By<'_>,
    client_id: &str,
    to_user: &str,
) -> Result<HandoverResponse> {
    let mut tx = db.begin_cursor().await?;
    match moved(tx.conn(), by, client_id, to_user).await {
        Ok(answer) => {
            tx.commit().await?;
            if answer.records > 0 {
                tracing::info!(client = client_id, records = answer.records, "handed over");
            }
            Ok(answer)
        }
        Err(e) => {
            // Refused: the cursor lock is released now, not when the pool next tests the
            // connection (see `CursorTx::rollback`).
            let _ = tx.rollback().await;
            Err(e)
        }
    }
}

/// The handover inside its transaction.
async fn moved(
    conn: &mut sqlx::AnyConnection,
    by: By<'_>,
    client_id: &str,
    to_user: &str,
) -> Result<HandoverResponse> {
    // A coach is refused before anything is looked up: the answer says nothing of which
    // clients or users exist.
    if let By::User(who) = by {
        if !who.leads() {
            return Err(not_one_who_hands_over());
        }
    }
    let client = records::get_many(conn, &[client_id])
        .await?
        .into_iter()
        .find(|r| r.entity == Entity::Client.code())
        .ok_or_else(|| ServerError::NotFound(format!("client {client_id}")))?;
    let from = users::get(conn, &client.owner_id)
        .await?
        .ok_or_else(|| ServerError::Corrupt(format!("owner of client {client_id}")))?;
    let to = users::get(conn, to_user)
        .await?
        .filter(|u| u.org_id == from.org_id)
        .ok_or_else(|| {
            ServerError::NotFound(format!("user {to_user} in the client's organisation"))
        })?;
    if to.role == Role::Admin {
        return Err(ServerError::Invalid(format!(
            "{} is an administrator and keeps no caseload",
            to.name
        )));
    }
    let team = new_team(conn, by, &client, &from, &to).await?;
    let id = |u: &str| -> Result<polku_domain::UserId> {
        u.parse()
            .map_err(|_| ServerError::Corrupt(format!("user id {u}")))
    };
    if from.id == to.id {
        // Already theirs (a retried request): the answer names whom it came from.
        let earlier = handovers::of_client(conn, client_id).await?;
        let previous = earlier.iter().rev().find(|h| h.to_user == to.id);
        return Ok(HandoverResponse {
            from_user_id: id(previous.map_or(&from.id, |h| &h.from_user))?,
            to_user_id: id(&to.id)?,
            records: 0,
        });
    }

    let moving = records_of_client(conn, &from.id, client_id).await?;
    let mut cursor = changes::head(conn).await?;
    let mut new = Vec::new();
    let mut last = Vec::new();
    for r in &moving {
        for (hlc, fields) in states(r) {
            cursor += 1;
            new.push(NewChange {
                cursor,
                owner_id: to.id.clone(),
                record_owner: None,
                team_id: team.clone(),
                entity: r.entity.clone(),
                record_id: r.record_id.clone(),
                hlc,
                fields: Value::Object(fields).to_string(),
                device_id: None,
            });
        }
        cursor += 1;
        new.push(NewChange {
            cursor,
            owner_id: from.id.clone(),
            record_owner: Some(to.id.clone()),
            team_id: r.team_id.clone(),
            entity: r.entity.clone(),
            record_id: r.record_id.clone(),
            hlc: newest_clock(r),
            fields: "{}".to_owned(),
            device_id: None,
        });
        last.push((r.record_id.as_str(), cursor));
    }
    changes::insert_many(conn, &new).await?;
    records::reown(conn, &last, &to.id, team.as_deref()).await?;
    handovers::insert(
        conn,
        &Handover {
            id: uuid::Uuid::now_v7().to_string(),
            client_id: client_id.to_owned(),
            from_user: from.id.clone(),
            to_user: to.id.clone(),
            by_user: match by {
                By::Console => None,
                By::User(p) => Some(p.user.id.clone()),
            },
            at: crate::db::timestamp(super::now()),
            cursor,
        },
    )
    .await?;
    Ok(HandoverResponse {
        from_user_id: id(&from.id)?,
        to_user_id: id(&to.id)?,
        records: u64::try_from(moving.len()).unwrap_or(u64::MAX),
    })
}

/// The team the client joins, refusing anyone who may not move this client to this coach.
///
/// A supervisor must lead the client's team (for a client filed in no team, a team of its
/// coach) and a team of the new coach. An administrator of the organisation, or the console,
/// may move any client. The client stays in its team when the new coach works in it; else it
/// joins the new coach's team the supervisor leads, or the new coach's first team by name
/// (where their own new records go).
async fn new_team(
    conn: &mut sqlx::AnyConnection,
    by: By<'_>,
    client: &Record,
    from: &users::User,
    to: &users::User,
) -> Result<Option<String>> {
    let teams = user_teams::of_users(conn, &[&from.id, &to.id]).await?;
    let no_teams = Vec::new();
    let of_from = teams.get(&from.id).unwrap_or(&no_teams);
    let of_to = teams.get(&to.id).unwrap_or(&no_teams);
    let stays = client.team_id.clone().filter(|t| of_to.contains(t));
    let supervisor = match by {
        By::User(who) if !(who.is(Role::Admin) && who.user.org_id == from.org_id) => who,
        _ => {
            let first = teams::of_user(conn, &to.id).await?.into_iter().next();
            return Ok(stays.or_else(|| first.map(|t| t.id.to_string())));
        }
    };
    if !supervisor.is(Role::Supervisor) {
        return Err(not_one_who_hands_over());
    }
    let led: Vec<String> = supervisor.teams.iter().map(|t| t.id.to_string()).collect();
    let leads_clients_team = match &client.team_id {
        Some(team) => led.contains(team),
        None => of_from.iter().any(|t| led.contains(t)),
    };
    if !leads_clients_team {
        return Err(ServerError::Forbidden(format!(
            "you do not supervise the team of {}'s client",
            from.name
        )));
    }
    stays
        .or_else(|| led.into_iter().find(|t| of_to.contains(t)))
        .map(Some)
        .ok_or_else(|| {
            ServerError::Forbidden(format!("you do not supervise a team of {}", to.name))
        })
}

/// The client's record and the records that move with it: their jobs and support contacts
/// ([`Entity::client_field`]) and the open conflicts about any of these.
async fn records_of_client(
    conn: &mut sqlx::AnyConnection,
    owner: &str,
    client_id: &str,
) -> Result<Vec<Record>> {
    let kinds = [
        Entity::Client,
        Entity::Job,
        Entity::SupportContact,
        Entity::Conflict,
    ]
    .map(Entity::code);
    let all = records::of_owner_in(conn, owner, &kinds).await?;
    let mut moving: Vec<Record> = Vec::new();
    let mut conflicts = Vec::new();
    for r in all {
        let Some(entity) = Entity::from_code(&r.entity) else {
            continue;
        };
        if entity == Entity::Conflict {
            conflicts.push(r);
        } else if entity.client_of(&r.record_id, &r.fields) == Some(client_id) {
            moving.push(r);
        }
    }
    let ids: HashSet<&str> = moving.iter().map(|r| r.record_id.as_str()).collect();
    let about_moving = |c: &Record| {
        c.fields
            .get(conflict_fields::RECORD_ID)
            .and_then(Value::as_str)
            .is_some_and(|id| ids.contains(id))
    };
    let conflicts: Vec<Record> = conflicts.into_iter().filter(about_moving).collect();
    moving.extend(conflicts);
    Ok(moving)
}

/// The clock of every field without its own entry (as [`super::push`] stores it).
const DEFAULT_CLOCK: &str = "*";

/// A record's state as changes a device merges exactly: every field at the record's creation
/// clock first (a device that never had the record gets it whole), then each later clock with
/// the fields it last wrote, oldest first.
fn states(r: &Record) -> Vec<(String, serde_json::Map<String, Value>)> {
    let default = r
        .clocks
        .get(DEFAULT_CLOCK)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut later: BTreeMap<&str, serde_json::Map<String, Value>> = BTreeMap::new();
    for (name, clock) in &r.clocks {
        let Some(clock) = clock.as_str() else {
            continue;
        };
        if name != DEFAULT_CLOCK && clock > default.as_str() {
            let value = r.fields.get(name).cloned().unwrap_or(Value::Null);
            later.entry(clock).or_default().insert(name.clone(), value);
        }
    }
    let mut out = vec![(default.clone(), r.fields.clone())];
    out.extend(later.into_iter().map(|(c, f)| (c.to_owned(), f)));
    out
}

/// The newest clock of any of the record's fields.
fn newest_clock(r: &Record) -> String {
    r.clocks
        .values()
        .filter_map(Value::as_str)
        .max()
        .unwrap_or_default()
        .to_owned()
}

/// The refusal of someone whose role never hands a client over.
fn not_one_who_hands_over() -> ServerError {
    ServerError::Forbidden(
        "only a supervisor of both coaches' teams or an administrator hands a client over".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const A: &str = "001700000000000-0000000000-0197a0c0-0000-7000-8000-0000000000aa";
    const B: &str = "001700000000001-0000000000-0197a0c0-0000-7000-8000-0000000000aa";
    const C: &str = "001700000000002-0000000000-0197a0c0-0000-7000-8000-0000000000aa";

    fn record(fields: Value, clocks: Value) -> Record {
        let (Value::Object(fields), Value::Object(clocks)) = (fields, clocks) else {
            unreachable!("objects")
        };
        Record {
            entity: "client".into(),
            record_id: "0197a0c0-0000-7000-8000-000000000001".into(),
            owner_id: "u".into(),
            team_id: None,
            fields,
            clocks,
            json: None,
        }
    }

    #[test]
    fn a_records_state_travels_whole_at_its_creation_clock_then_each_later_clock_with_its_fields() {
        let r = record(
            json!({"name": "Aino", "notes": "x", "stage": "job_search"}),
            json!({"*": A, "notes": C, "stage": B, "name": A}),
        );
        let s = states(&r);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].0, A);
        assert_eq!(
            Value::Object(s[0].1.clone()),
            json!({"name": "Aino", "notes": "x", "stage": "job_search"})
        );
        assert_eq!(
            (s[1].0.as_str(), Value::Object(s[1].1.clone())),
            (B, json!({"stage": "job_search"}))
        );
        assert_eq!(
            (s[2].0.as_str(), Value::Object(s[2].1.clone())),
            (C, json!({"notes": "x"}))
        );
        assert_eq!(newest_clock(&r), C);
    }
}
