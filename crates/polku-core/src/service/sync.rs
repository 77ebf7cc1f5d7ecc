//! The device's side of sync that touches the database: the enrolment, the pull cursor, applying
//! a pulled page (cursor stored in the same transaction), the sync outcome, conflicts and
//! their resolution, and the "not yet on the server" markers. The network side is
//! [`crate::sync::SyncEngine`].

use super::{not_found, Polku};
use crate::error::{CoreError, Result};
use crate::store::tables::{conflicts, field_clock, meta, outbox, sync_quarantine};
use crate::sync::entities::{self, Meta};
use chrono::{DateTime, SecondsFormat};
use polku_domain::protocol::{
    Change, EnrolResponse, Entity, PullResponse, RecordId, Role, SyncErrorCode,
};
use polku_domain::sync::{ConflictResolution, ConflictSide, ConflictView, SyncError};
use polku_domain::{DeviceId, Hlc};
use rusqlite::Connection;
use serde_json::Value;

const SERVER: &str = "sync_server";
const TOKEN: &str = "sync_token";
const SYNC_DEVICE: &str = "sync_device";
const USER_NAME: &str = "sync_user_name";
const ROLE: &str = "sync_role";
const CURSOR: &str = "pull_cursor";
const LAST_OK: &str = "sync_last_ok";
const LAST_ERROR: &str = "sync_last_error";
const REVOKED: &str = "sync_revoked";
pub(super) const ACKED: &str = "outbox_acked_seq";

/// Where and as whom this device syncs.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncConfig {
    pub server_url: String,
    pub token: String,
    pub device_id: DeviceId,
    pub user_name: String,
    pub role: Role,
    pub revoked: bool,
}

/// What the database knows of sync, for the status the UI shows.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncRecord {
    pub config: Option<SyncConfig>,
    pub pending: u64,
    pub last_ok: Option<String>,
    pub last_error: Option<SyncError>,
    pub conflicts: u64,
    pub quarantined: u64,
    pub pull_cursor: u64,
}

fn number(conn: &Connection, key: &str) -> Result<u64> {
    Ok(meta::get(conn, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// RFC 3339 time of a clock stamp's wall part.
fn hlc_time(hlc: &str) -> String {
    hlc.parse::<Hlc>()
        .ok()
        .and_then(|h| DateTime::from_timestamp_millis(i64::try_from(h.wall_ms).ok()?))
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
        .unwrap_or_default()
}

impl Polku {
    pub fn sync_config(&self) -> Result<Option<SyncConfig>> {
        let conn = self.store.conn();
        let get = |k| meta::get(&conn, k);
        let (Some(server_url), Some(token), Some(device)) =
            (get(SERVER)?, get(TOKEN)?, get(SYNC_DEVICE)?)
        else {
            return Ok(None);
        };
        Ok(Some(SyncConfig {
            server_url,
            token,
            device_id: device
                .parse()
                .map_err(|_| CoreError::Decode("sync device id".into()))?,
            user_name: get(USER_NAME)?.unwrap_or_default(),
            role: get(ROLE)?
                .and_then(|r| Role::from_code(&r))
                .unwrap_or(Role::Coach),
            revoked: get(REVOKED)?.is_some(),
        }))
    }

    /// Stores a new enrolment. The server knows this device by a new id, so everything in the
    /// outbox is sent again from the start (the server recognises what it already has) and
    /// the first pull reads from the beginning.
    pub fn sync_enrolled(&self, server_url: &str, e: &EnrolResponse) -> Result<()> {
        self.store.write(|tx| {
            meta::set(tx, SERVER, server_url.trim_end_matches('/'))?;
            meta::set(tx, TOKEN, &e.token)?;
            meta::set(tx, SYNC_DEVICE, &e.device_id.to_string())?;
            meta::set(tx, USER_NAME, &e.user_name)?;
            meta::set(tx, ROLE, e.role.code())?;
            meta::set(tx, ACKED, "0")?;
            meta::set(tx, CURSOR, "0")?;
            tx.execute(
                "DELETE FROM meta WHERE key IN (?1, ?2)",
                [REVOKED, LAST_ERROR],
            )?;
            Ok(())
        })
    }

    pub fn sync_record(&self) -> Result<SyncRecord> {
        let config = self.sync_config()?;
        let conn = self.store.conn();
        Ok(SyncRecord {
            config,
            pending: outbox::unsent_count(&conn)?,
            last_ok: meta::get(&conn, LAST_OK)?,
            last_error: meta::get(&conn, LAST_ERROR)?.and_then(|e| serde_json::from_str(&e).ok()),
            conflicts: conflicts::open_count(&conn)?,
            quarantined: sync_quarantine::count(&conn)?,
            pull_cursor: number(&conn, CURSOR)?,
        })
    }

    /// Records how a sync round ended.
    pub fn sync_finished(&self, outcome: std::result::Result<(), &SyncError>) -> Result<()> {
        let now = self
            .clock
            .now_utc()
            .to_rfc3339_opts(SecondsFormat::Millis, true);
        self.store.write(|tx| {
            match outcome {
                Ok(()) => {
                    meta::set(tx, LAST_OK, &now)?;
                    tx.execute("DELETE FROM meta WHERE key = ?1", [LAST_ERROR])?;
                }
                Err(e) => {
                    if e.code == SyncErrorCode::DeviceRevoked {
                        meta::set(tx, REVOKED, &now)?;
                    }
                    meta::set(tx, LAST_ERROR, &serde_json::to_string(e)?)?;
                }
            }
            Ok(())
        })
    }

    /// A synced record's fields as they would be sent (support and tests compare replicas).
    pub fn synced_fields(
        &self,
        entity: Entity,
        id: &RecordId,
    ) -> Result<Option<serde_json::Map<String, Value>>> {
        Ok(entities::load(&self.store.conn(), entity, id)?.map(|l| l.fields))
    }

    pub fn pull_cursor(&self) -> Result<u64> {
        number(&self.store.conn(), CURSOR)
    }

    /// Applies a pulled page and stores its cursor in the same transaction: a crash leaves
    /// either both or neither. Each change merges field by field, newer clock wins; a change
    /// that cannot be applied is quarantined with its reason and the rest go on.
    pub fn sync_apply(&self, page: &PullResponse) -> Result<()> {
        let now = self
            .clock
            .now_utc()
            .to_rfc3339_opts(SecondsFormat::Millis, true);
        self.store.write(|tx| {
            let mut newest: Option<Hlc> = meta::get(tx, meta::LAST_HLC)?.and_then(|h| h.parse().ok());
            for c in &page.changes {
                tx.execute_batch("SAVEPOINT change")?;
                match apply_change(tx, c, &now) {
                    Ok(()) => tx.execute_batch("RELEASE change")?,
                    Err(e) => {
                        tx.execute_batch("ROLLBACK TO change; RELEASE change")?;
                        tracing::warn!(cursor = c.cursor, entity = %c.entity, "pulled change quarantined: {e}");
                        sync_quarantine::insert(
                            tx,
                            c.cursor,
                            c.entity.code(),
                            c.record_id.as_str(),
                            &c.hlc.to_string(),
                            &Value::Object(c.fields.clone()).to_string(),
                            &e.to_string(),
                        )?;
                    }
                }
                // The device's clock moves past every clock it receives, so its next write is
                // newer than anything it has seen.
                if newest.is_none_or(|n| c.hlc > n) {
                    newest = Some(c.hlc);
                }
            }
            if let Some(h) = newest {
                meta::set(tx, meta::LAST_HLC, &h.to_string())?;
            }
            let current = number(tx, CURSOR)?;
            meta::set(tx, CURSOR, &page.next_cursor.max(current).to_string())?;
            Ok(())
        })
    }

    /// Moves the acknowledged seq back so entries after `seq` are sent again — only when the
    /// server says it is missing them (a restored server).
    pub fn outbox_rewind(&self, seq: u64) -> Result<()> {
        self.store.write(|tx| {
            if seq < number(tx, ACKED)? {
                meta::set(tx, ACKED, &seq.to_string())?;
            }
            Ok(())
        })
    }

    /// Ids of records with changes not yet on the server.
    pub fn sync_pending_ids(&self) -> Result<Vec<String>> {
        Ok(outbox::unsent_record_ids(&self.store.conn())?)
    }

    pub fn conflicts_open(&self) -> Result<Vec<ConflictView>> {
        // Before taking the connection: sync_config takes it too.
        let device = self.sync_config()?.map(|c| c.device_id);
        let conn = self.store.conn();
        let mine = |hlc: &str| {
            hlc.parse::<Hlc>()
                .is_ok_and(|h| h.device == self.device || Some(h.device) == device)
        };
        conflicts::open(&conn)?
            .into_iter()
            .map(|c| {
                Ok(ConflictView {
                    record_label: record_label(&conn, c.entity, &c.record_id)?,
                    kept: ConflictSide {
                        value: c.kept_value,
                        written_at: hlc_time(&c.kept_hlc),
                        this_device: mine(&c.kept_hlc),
                    },
                    lost: ConflictSide {
                        value: c.lost_value,
                        written_at: hlc_time(&c.lost_hlc),
                        this_device: mine(&c.lost_hlc),
                    },
                    id: c.id,
                    entity: c.entity,
                    record_id: c.record_id,
                    field: c.field,
                })
            })
            .collect()
    }

    /// Resolves a conflict: writes the chosen value to the record (a normal edit that syncs)
    /// and marks the conflict resolved on every device.
    pub fn conflict_resolve(&self, id: &RecordId, choice: ConflictResolution) -> Result<()> {
        self.write(|w| {
            let c = conflicts::get(w.tx, id)?.ok_or_else(|| not_found("conflict", id))?;
            if c.resolved_at.is_some() {
                return Ok(());
            }
            let value = match choice {
                ConflictResolution::Kept => None,
                ConflictResolution::Lost => Some(c.lost_value.clone()),
                ConflictResolution::Edited { value } => Some(value),
            };
            if let Some(value) = value {
                let old = entities::load(w.tx, c.entity, &c.record_id)?
                    .ok_or_else(|| not_found("record", &c.record_id))?;
                let mut new = old.fields.clone();
                new.insert(c.field.clone(), value);
                let version = w.track(
                    c.entity,
                    &c.record_id,
                    Some((&old.fields, &old.version)),
                    &new,
                )?;
                let at = w.timestamp();
                let meta = Meta {
                    created_at: &old.created_at,
                    updated_at: &at,
                    version: &version,
                };
                entities::save(w.tx, c.entity, &c.record_id, &new, &meta, false)
                    .map_err(|e| invalid_value(&c.field, e))?;
            }
            let mut resolved = c.clone();
            resolved.resolved_at = Some(w.timestamp());
            resolved.version = w.track(
                Entity::Conflict,
                id,
                Some((&c.fields(), &c.version)),
                &resolved.fields(),
            )?;
            conflicts::upsert(w.tx, &resolved)?;
            Ok(())
        })
    }
}

/// A value the record cannot hold (wrong type for the field) is the coach's input error.
fn invalid_value(field: &str, e: CoreError) -> CoreError {
    match e {
        CoreError::Decode(_) => {
            let mut v = polku_domain::ValidationErrors::default();
            v.add(field, polku_domain::ValidationCode::Invalid);
            v.into()
        }
        other => other,
    }
}

fn apply_change(conn: &Connection, c: &Change, now: &str) -> Result<()> {
    let (entity, id) = (c.entity, &c.record_id);
    if !id.fits(entity) {
        return Err(CoreError::Decode(format!(
            "a {entity} is not keyed like {id}"
        )));
    }
    let hlc = c.hlc.to_string();
    let Some(version) = entities::version(conn, entity, id)? else {
        let created = hlc_time(&hlc);
        let created = if created.is_empty() { now } else { &created };
        let meta = Meta {
            created_at: created,
            updated_at: now,
            version: &hlc,
        };
        return entities::save(conn, entity, id, &c.fields, &meta, true);
    };
    // A field's clock: its own row once edited, else the record's creation stamp (`*`, or the
    // version itself while the record has never been edited).
    let created = field_clock::get(conn, entity, id, field_clock::CREATED)?;
    let creation = created.clone().unwrap_or_else(|| version.clone());
    let mut winners = Vec::new();
    for name in c.fields.keys() {
        let local = field_clock::get(conn, entity, id, name)?.unwrap_or_else(|| creation.clone());
        if hlc > local {
            winners.push(name);
        }
    }
    if winners.is_empty() {
        return Ok(()); // older than what we have
    }
    let old = entities::load(conn, entity, id)?
        .ok_or_else(|| CoreError::Decode(format!("{entity} {id} vanished while merging")))?;
    if created.is_none() {
        field_clock::set(conn, entity, id, field_clock::CREATED, &version)?;
    }
    let mut fields = old.fields;
    for name in winners {
        field_clock::set(conn, entity, id, name, &hlc)?;
        if let Some(v) = c.fields.get(name) {
            fields.insert(name.clone(), v.clone());
        }
    }
    let version = version.max(hlc);
    let meta = Meta {
        created_at: &old.created_at,
        updated_at: now,
        version: &version,
    };
    entities::save(conn, entity, id, &fields, &meta, false)
}

/// What the coach calls the record a conflict is about.
fn record_label(conn: &Connection, entity: Entity, id: &RecordId) -> Result<String> {
    let loaded = entities::load(conn, entity, id)?;
    let text = |k: &str| {
        loaded
            .as_ref()
            .and_then(|l| l.fields.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    Ok(match entity {
        Entity::Client | Entity::Employer => text("name"),
        Entity::EmployerContact | Entity::SupportContact => text("occurredAt"),
        Entity::Job => text("jobType"),
        Entity::FidelityReview
        | Entity::FidelityItemScore
        | Entity::FidelityAction
        | Entity::Conflict => None,
    }
    .unwrap_or_else(|| id.as_str().chars().take(8).collect()))
}
