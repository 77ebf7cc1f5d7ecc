//! `changes`: every accepted mutation in commit order, numbered by a gap-free cursor.

use super::{from_db, parse_text, placeholders, to_db, ROWS_PER_STATEMENT};
use crate::error::{Result, ServerError};
use polku_domain::protocol::{Change, Entity, TeamShare};
use serde_json::{Map, Value};
use sqlx::{AnyConnection, Row};

#[derive(Clone, Debug, PartialEq)]
pub struct NewChange {
    pub cursor: u64,
    /// Whose pull carries the change.
    pub owner_id: String,
    /// Whose record it is, when that is not `owner_id`: a handover's notice to the previous
    /// owner names the new one.
    pub record_owner: Option<String>,
    pub team_id: Option<String>,
    pub entity: String,
    pub record_id: String,
    pub hlc: String,
    pub fields: String,
    pub device_id: Option<String>,
}

/// The newest cursor. Only meaningful to a writer holding the cursor lock.
pub async fn head(conn: &mut AnyConnection) -> sqlx::Result<u64> {
    let n: Option<i64> = sqlx::query_scalar("SELECT max(cursor) FROM changes")
        .fetch_one(conn)
        .await?;
    Ok(n.map_or(0, from_db))
}

pub async fn insert_many(conn: &mut AnyConnection, changes: &[NewChange]) -> sqlx::Result<()> {
    for chunk in changes.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO changes (cursor, owner_id, team_id, entity, record_id, hlc, fields,
                device_id, record_owner)
             VALUES {}",
            placeholders(conn, chunk.len(), 9)
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for c in chunk {
            q = q
                .bind(to_db(c.cursor))
                .bind(&c.owner_id)
                .bind(&c.team_id)
                .bind(&c.entity)
                .bind(&c.record_id)
                .bind(&c.hlc)
                .bind(&c.fields)
                .bind(&c.device_id)
                .bind(&c.record_owner);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The field of a shared employer contact naming its coach.
const COACH: &str = "coach";

/// Whose changes a pull reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    Owner(String),
    Team(String),
    /// What a team's coach sees of colleagues' records ([`Entity::team_share`]): the kinds a
    /// team shares, of every member but `reader`, with only the fields it shares.
    Shared {
        team: String,
        reader: uuid::Uuid,
    },
}

impl Scope {
    /// The condition on `changes` (its `$1` the returned id).
    fn filter(&self) -> (String, &str) {
        match self {
            Scope::Owner(id) => ("owner_id = $1".into(), id),
            Scope::Team(id) => ("team_id = $1".into(), id),
            // The reader is a parsed UUID and the kinds are the enum's own codes: nothing
            // here comes from a request as text.
            Scope::Shared { team, reader } => {
                let kinds: Vec<String> = Entity::shared_with_team()
                    .map(|e| format!("'{}'", e.code()))
                    .collect();
                (
                    format!(
                        "team_id = $1 AND entity IN ({}) AND owner_id <> '{reader}'",
                        kinds.join(", ")
                    ),
                    team,
                )
            }
        }
    }

    /// The name of the change's owner, for a scope that shows it (`NULL` for the others).
    fn owner_name(&self) -> &'static str {
        match self {
            Scope::Shared { .. } => "(SELECT u.name FROM users u WHERE u.id = changes.owner_id)",
            _ => "NULL",
        }
    }

    /// `fields` as this scope's reader may see them; `None` when nothing is left. Of a
    /// colleague's employer contact, "by whom" is the coach as the server knows them (the
    /// name a contact records may be left blank).
    fn shown(
        &self,
        entity: Entity,
        mut fields: Map<String, Value>,
        owner_name: Option<String>,
    ) -> Option<Map<String, Value>> {
        if let Scope::Shared { .. } = self {
            let share = entity.team_share();
            fields.retain(|name, _| share.shows(name));
            if fields.is_empty() {
                return None;
            }
            if let (TeamShare::Only(_), true, Some(name)) = (share, share.shows(COACH), owner_name)
            {
                fields.insert(COACH.to_owned(), Value::String(name));
            }
        }
        Some(fields)
    }
}

/// Up to `limit` rows of `scope` after `after`, in cursor order: each row's cursor, and the
/// change itself unless `skip_device` pushed it (that device has it; its JSON is not even read).
pub async fn page(
    conn: &mut AnyConnection,
    scope: &Scope,
    skip_device: Option<&str>,
    after: u64,
    limit: u32,
) -> Result<Vec<(u64, Option<Change>)>> {
    let (filter, id) = scope.filter();
    let owner_name = scope.owner_name();
    let sql = format!(
        "SELECT cursor, entity, record_id, hlc,
                CASE WHEN device_id = $4 THEN NULL ELSE fields END,
                COALESCE(record_owner, owner_id), {owner_name}
         FROM changes WHERE {filter} AND cursor > $2 ORDER BY cursor LIMIT $3"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .bind(to_db(after))
        .bind(i64::from(limit))
        .bind(skip_device)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| {
            let cursor = from_db(r.try_get(0)?);
            let Some(fields) = r.try_get::<Option<String>, _>(4)? else {
                return Ok((cursor, None));
            };
            let Ok(Value::Object(fields)) = serde_json::from_str(&fields) else {
                return Err(ServerError::Corrupt(format!("change fields {fields:.40}")));
            };
            let entity: Entity = parse_text(r.try_get(1)?)?;
            let Some(fields) = scope.shown(entity, fields, r.try_get(6)?) else {
                return Ok((cursor, None));
            };
            let change = Change {
                cursor,
                entity,
                record_id: parse_text(r.try_get(2)?)?,
                hlc: parse_text(r.try_get(3)?)?,
                fields,
                owner: parse_text(r.try_get(5)?)?,
            };
            Ok((cursor, Some(change)))
        })
        .collect()
}

/// The newest cursor in `scope` (0 when there is none).
pub async fn scope_head(conn: &mut AnyConnection, scope: &Scope) -> sqlx::Result<u64> {
    let (filter, id) = scope.filter();
    let n: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT max(cursor) FROM changes WHERE {filter}"
    )))
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(n.map_or(0, from_db))
}

/// How many changes of `scope` lie after `after`.
pub async fn count_after(conn: &mut AnyConnection, scope: &Scope, after: u64) -> sqlx::Result<u64> {
    let (filter, id) = scope.filter();
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT count(*) FROM changes WHERE {filter} AND cursor > $2"
    )))
    .bind(id)
    .bind(to_db(after))
    .fetch_one(conn)
    .await?;
    Ok(from_db(n))
}
