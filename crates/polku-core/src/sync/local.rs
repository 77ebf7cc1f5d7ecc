//! The device's side of sync in its database: the enrolment, the outbox's next batch and
//! what the server acknowledged, the pull cursor and applying a pulled page (cursor stored in
//! the same transaction), how the last round ended, conflicts and the "not yet on the server"
//! markers. The network side is [`super::SyncEngine`], which depends on this and nothing else
//! of the app; resolving a conflict is a user action on [`crate::Polku`].

use crate::clock::Clock;
use crate::error::{CoreError, Result};
use crate::store::tables::{conflicts, field_clock, meta, outbox, sync_quarantine, team_contacts};
use crate::store::Store;
use crate::sync::entities::{self, Meta};
use crate::write::Write;
use chrono::{DateTime, SecondsFormat};
use polku_domain::protocol::{
    Change, EnrolResponse, Entity, Mutation, PullResponse, PushRequest, RecordId, Role,
    StatusResponse, SyncErrorCode, Team, TeamShare,
};
use polku_domain::sync::{ConflictSide, ConflictView, SyncError};
use polku_domain::{DeviceId, Hlc, TeamId, UserId};
use rusqlite::Connection;
use serde_json::value::RawValue;
use serde_json::Value;
use std::sync::Arc;

const SERVER: &str = "sync_server";
const TOKEN: &str = "sync_token";
const SYNC_DEVICE: &str = "sync_device";
const USER_NAME: &str = "sync_user_name";
const ROLE: &str = "sync_role";
const CURSOR: &str = "pull_cursor";
const LAST_OK: &str = "sync_last_ok";
const LAST_ERROR: &str = "sync_last_error";
const REVOKED: &str = "sync_revoked";
const ACKED: &str = "outbox_acked_seq";
/// The teams a supervisor imports, as JSON `[{id, name}]` from the server.
const TEAMS: &str = "sync_teams";
/// Prefix of each imported team's pull cursor (`team_cursor:<team id>`).
const TEAM_CURSOR: &str = "team_cursor:";
/// Prefix of the cursor of what a coach sees of colleagues' records in each of their teams
/// (`shared_cursor:<team id>`).
const SHARED_CURSOR: &str = "shared_cursor:";
/// Prefix of each imported team's last roster (`team_roster:<team id>`), a [`KeptRoster`].
const TEAM_ROSTER: &str = "team_roster:";

/// A team's roster as the last sync round fetched it, and when.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeptRoster {
    pub fetched_at: String,
    pub roster: polku_domain::protocol::TeamRoster,
}

/// Which of the server's change logs a pull reads: the user's own caseload, or a team's
/// (a supervisor's import).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PullScope {
    Own,
    Team(TeamId),
    /// What a coach sees of colleagues' records in a team of theirs: the team's employers,
    /// and when, how and by whom each was last met (`Entity::team_share`).
    Shared(TeamId),
}

impl PullScope {
    fn cursor_key(&self) -> String {
        match self {
            PullScope::Own => CURSOR.to_owned(),
            PullScope::Team(team) => format!("{TEAM_CURSOR}{team}"),
            PullScope::Shared(team) => format!("{SHARED_CURSOR}{team}"),
        }
    }
}

/// Where and as whom this device syncs.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncConfig {
    pub server_url: String,
    pub token: String,
    pub device_id: DeviceId,
    /// Unknown only on a device enrolled before owners were kept, until it next asks the
    /// server who it is.
    pub user_id: Option<UserId>,
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

/// The sync side of the local store. Cheap to clone: it shares the app's store.
#[derive(Clone)]
pub struct SyncStore {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    /// This installation, as its clock stamps name it.
    device: DeviceId,
}

impl std::fmt::Debug for SyncStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncStore")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

fn config(conn: &Connection) -> Result<Option<SyncConfig>> {
    let get = |k| meta::get(conn, k);
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
        user_id: meta::user_id(conn)?,
        user_name: get(USER_NAME)?.unwrap_or_default(),
        role: get(ROLE)?
            .and_then(|r| Role::from_code(&r))
            .unwrap_or(Role::Coach),
        revoked: get(REVOKED)?.is_some(),
    }))
}

impl SyncStore {
    pub(crate) fn new(store: Arc<Store>, clock: Arc<dyn Clock>, device: DeviceId) -> SyncStore {
        SyncStore {
            store,
            clock,
            device,
        }
    }

    pub fn config(&self) -> Result<Option<SyncConfig>> {
        config(&self.store.read())
    }

    /// Stores a new enrolment. The server knows this device by a new id, so everything in the
    /// outbox is sent again from the start (the server recognises what it already has) and
    /// the first pull reads from the beginning.
    ///
    /// Records kept before (the local coach's, or the previous user's) become the enrolled
    /// user's — unless this installation was enrolled as someone else before: then they stay
    /// that user's, named as such.
    pub fn enrolled(&self, server_url: &str, e: &EnrolResponse) -> Result<()> {
        self.store.write(|tx| {
            let user = e.user_id.to_string();
            if let Some(previous) = meta::get(tx, meta::USER_ID)?.filter(|p| *p != user) {
                for table in OWNED_TABLES {
                    tx.execute(
                        &format!("UPDATE {table} SET owner_id = ?1 WHERE owner_id IS NULL"),
                        [&previous],
                    )?;
                }
            }
            // The new user's records pulled earlier under another user are now "mine".
            for table in OWNED_TABLES {
                tx.execute(
                    &format!("UPDATE {table} SET owner_id = NULL WHERE owner_id = ?1"),
                    [&user],
                )?;
            }
            meta::set(tx, meta::USER_ID, &user)?;
            // The name and FTE typed before enrolment follow the user to their other devices.
            let mut w = Write::new(tx, &*self.clock, self.device);
            crate::service::settings::profile_from_local_settings(&mut w, e.user_id)?;
            meta::set(tx, SERVER, server_url.trim_end_matches('/'))?;
            meta::set(tx, TOKEN, &e.token)?;
            meta::set(tx, SYNC_DEVICE, &e.device_id.to_string())?;
            meta::set(tx, USER_NAME, &e.user_name)?;
            meta::set(tx, ROLE, e.role.code())?;
            meta::set(tx, ACKED, "0")?;
            meta::set(tx, CURSOR, "0")?;
            meta::set(tx, TEAMS, &serde_json::to_string(&e.teams)?)?;
            // Another enrolment may name other teams: their cursors and rosters start afresh.
            for prefix in [TEAM_CURSOR, TEAM_ROSTER, SHARED_CURSOR] {
                tx.execute("DELETE FROM meta WHERE key LIKE ?1 || '%'", [prefix])?;
            }
            // What colleagues of the teams named before shared is pulled again for the teams
            // named now (their cursors start afresh above).
            tx.execute("DELETE FROM team_contacts", [])?;
            tx.execute(
                "DELETE FROM meta WHERE key IN (?1, ?2)",
                [REVOKED, LAST_ERROR],
            )?;
            Ok(())
        })
    }

    /// Who this device is, as the server answered (`GET /v1/sync/status`): a device enrolled
    /// before owners were kept learns its user id so.
    pub fn identified(&self, who: &StatusResponse) -> Result<()> {
        // Asked every round: most rounds it says what is stored already, and cost no write.
        let teams = serde_json::to_string(&who.teams)?;
        {
            let conn = self.store.read();
            if meta::user_id(&conn)? == Some(who.user_id)
                && meta::get(&conn, USER_NAME)?.as_deref() == Some(who.user_name.as_str())
                && meta::get(&conn, ROLE)?.as_deref() == Some(who.role.code())
                && meta::get(&conn, TEAMS)?.as_deref() == Some(teams.as_str())
            {
                return Ok(());
            }
        }
        self.store.write(|tx| {
            meta::set(tx, meta::USER_ID, &who.user_id.to_string())?;
            meta::set(tx, USER_NAME, &who.user_name)?;
            meta::set(tx, ROLE, who.role.code())?;
            meta::set(tx, TEAMS, &teams)?;
            Ok(())
        })
    }

    /// The teams this user's enrolment names (a supervisor imports each).
    pub fn teams(&self) -> Result<Vec<Team>> {
        teams(&self.store.read())
    }

    /// Whose a record is: the user id, or `None` for a record of the local coach of a device
    /// never enrolled. `Ok(None)` also when the record is not here.
    pub fn owner_of(&self, entity: Entity, id: &RecordId) -> Result<Option<UserId>> {
        let conn = self.store.read();
        Ok(match entities::owner(&conn, entity, id)? {
            None => None,
            Some(Some(owner)) => owner.parse().ok(),
            Some(None) => meta::user_id(&conn)?,
        })
    }

    /// Keeps the roster a round fetched, replacing the team's earlier one.
    pub fn keep_roster(&self, roster: polku_domain::protocol::TeamRoster) -> Result<()> {
        let kept = KeptRoster {
            fetched_at: self
                .clock
                .now_utc()
                .to_rfc3339_opts(SecondsFormat::Millis, true),
            roster,
        };
        let key = format!("{TEAM_ROSTER}{}", kept.roster.team.id);
        let json = serde_json::to_string(&kept)?;
        self.store.write(|tx| Ok(meta::set(tx, &key, &json)?))
    }

    /// The kept roster of every team this user imports, in the order of their teams.
    pub fn rosters(&self) -> Result<Vec<KeptRoster>> {
        let conn = self.store.read();
        let mut out = Vec::new();
        for team in teams(&conn)? {
            if let Some(json) = meta::get(&conn, &format!("{TEAM_ROSTER}{}", team.id))? {
                out.push(serde_json::from_str(&json)?);
            }
        }
        Ok(out)
    }

    pub fn record(&self) -> Result<SyncRecord> {
        let conn = self.store.read();
        Ok(SyncRecord {
            config: config(&conn)?,
            pending: outbox::unsent_count(&conn)?,
            last_ok: meta::get(&conn, LAST_OK)?,
            last_error: meta::get(&conn, LAST_ERROR)?.and_then(|e| serde_json::from_str(&e).ok()),
            conflicts: conflicts::open_count(&conn)?,
            quarantined: sync_quarantine::count(&conn)?,
            pull_cursor: number(&conn, CURSOR)?,
        })
    }

    /// Records how a sync round ended.
    pub fn finished(&self, outcome: std::result::Result<(), &SyncError>) -> Result<()> {
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
        Ok(entities::load(&self.store.read(), entity, id)?.map(|l| l.fields))
    }

    pub fn pull_cursor(&self) -> Result<u64> {
        number(&self.store.read(), CURSOR)
    }

    /// How far a scope has been pulled and stored.
    pub fn cursor_of(&self, scope: &PullScope) -> Result<u64> {
        number(&self.store.read(), &scope.cursor_key())
    }

    /// Applies a pulled page, each part with the cursor it reaches in the same transaction: a
    /// crash leaves the cursor with exactly the changes written. Each change merges field by
    /// field, newer clock wins; a change that cannot be applied is quarantined with its reason
    /// and the rest go on.
    pub fn apply(&self, page: &PullResponse) -> Result<()> {
        self.apply_to(&PullScope::Own, page)
    }

    /// [`SyncStore::apply`] for a page of `scope`, whose cursor it stores.
    pub fn apply_to(&self, scope: &PullScope, page: &PullResponse) -> Result<()> {
        let key = scope.cursor_key();
        let now = self
            .clock
            .now_utc()
            .to_rfc3339_opts(SecondsFormat::Millis, true);
        // A page is written a slice at a time, each slice with the cursor of its last change,
        // so a coach's own save waits for one slice, not for the whole page (a crash between
        // slices re-pulls from the last stored cursor). The last slice stores the page's own
        // next cursor, which may pass changes the server left out (this device's own).
        let mut slices = page.changes.chunks(apply_slice_of(scope)).peekable();
        // Pulled data is on the server: it is written without waiting for the disk (see
        // `write_refetchable`), which keeps a first pull's 50 slices from costing 50 syncs.
        if slices.peek().is_none() {
            return self
                .store
                .write_refetchable(|tx| store_cursor(tx, &key, page.next_cursor));
        }
        while let Some(slice) = slices.next() {
            let cursor = match slices.peek() {
                Some(_) => slice.last().map_or(page.next_cursor, |c| c.cursor),
                None => page.next_cursor,
            };
            self.store.write_refetchable(|tx| {
                apply_slice(tx, slice, scope, &now)?;
                store_cursor(tx, &key, cursor)
            })?;
        }
        Ok(())
    }

    /// Moves the acknowledged seq back so entries after `seq` are sent again — only when the
    /// server says it is missing them (a restored server).
    pub fn rewind(&self, seq: u64) -> Result<()> {
        self.store.write(|tx| {
            if seq < number(tx, ACKED)? {
                meta::set(tx, ACKED, &seq.to_string())?;
            }
            Ok(())
        })
    }

    /// Ids of records with changes not yet on the server.
    pub fn pending_ids(&self) -> Result<Vec<String>> {
        Ok(outbox::unsent_record_ids(&self.store.read())?)
    }

    /// Mutations recorded here and not yet acknowledged by a server.
    pub fn unsent_count(&self) -> Result<u64> {
        Ok(outbox::unsent_count(&self.store.read())?)
    }

    pub fn conflicts_open(&self) -> Result<Vec<ConflictView>> {
        let conn = self.store.read();
        let device = config(&conn)?.map(|c| c.device_id);
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
}

/// Whether this device's user leads teams: enrolled as a supervisor or an administrator.
pub(crate) fn leads_teams(conn: &Connection) -> Result<bool> {
    Ok(meta::get(conn, ROLE)?.is_some_and(|role| role != Role::Coach.code()))
}

fn teams(conn: &Connection) -> Result<Vec<Team>> {
    Ok(match meta::get(conn, TEAMS)? {
        Some(json) => serde_json::from_str(&json)?,
        None => Vec::new(),
    })
}

/// The tables of synced records, each with its `owner_id`.
const OWNED_TABLES: [&str; 11] = [
    "clients",
    "employers",
    "employer_contacts",
    "jobs",
    "support_contacts",
    "fidelity_reviews",
    "fidelity_item_scores",
    "fidelity_actions",
    "conflicts",
    "profiles",
    "log_reviews",
];

/// Changes written in one transaction when a pulled page of the user's own records is applied:
/// a coach's save made meanwhile waits for one slice at most.
const APPLY_SLICE: usize = 100;

/// How many changes of a pulled page one transaction writes. A team's import writes a whole
/// page at once: every slice's commit writes the B-tree pages it touched to the WAL again, and
/// on a supervisor's first import of a region (hundreds of thousands of records) ten commits a
/// page cost more than the writing itself; nobody records contacts into a team's records.
fn apply_slice_of(scope: &PullScope) -> usize {
    match scope {
        PullScope::Own => APPLY_SLICE,
        PullScope::Team(_) => usize::MAX,
        PullScope::Shared(_) => APPLY_SLICE,
    }
}

/// Moves the pull cursor on to `cursor` (never back).
fn store_cursor(tx: &Connection, key: &str, cursor: u64) -> Result<()> {
    let current = number(tx, key)?;
    meta::set(tx, key, &cursor.max(current).to_string())?;
    Ok(())
}

/// Merges `changes` in order; a change that cannot be applied is quarantined with its reason
/// and the rest go on.
fn apply_slice(tx: &Connection, changes: &[Change], scope: &PullScope, now: &str) -> Result<()> {
    let mut newest: Option<Hlc> = meta::get(tx, meta::LAST_HLC)?.and_then(|h| h.parse().ok());
    // Records of this device's user are stored as NULL-owned ("mine"); a device that does not
    // yet know its user (enrolled before owners were kept) only pulls its own caseload.
    let me = meta::user_id(tx)?;
    for c in changes {
        tx.prepare_cached("SAVEPOINT change")?.execute([])?;
        let owner = (me.is_some() && me != Some(c.owner)).then(|| c.owner.to_string());
        // Of a colleague's record a team shares only in part (an employer contact), the part
        // is kept apart from this user's own records: it counts in nothing of theirs.
        let part = matches!(scope, PullScope::Shared(_))
            && matches!(c.entity.team_share(), TeamShare::Only(_));
        let applied = if part {
            team_contacts::apply(tx, &c.record_id, c.owner, &c.fields).map_err(Into::into)
        } else {
            apply_change(tx, c, owner.as_deref(), now)
        };
        match applied {
            Ok(()) => {
                tx.prepare_cached("RELEASE change")?.execute([])?;
            }
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
        // The device's clock moves past every clock it receives, so its next write is newer
        // than anything it has seen.
        if newest.is_none_or(|n| c.hlc > n) {
            newest = Some(c.hlc);
        }
    }
    if let Some(h) = newest {
        meta::set(tx, meta::LAST_HLC, &h.to_string())?;
    }
    Ok(())
}

fn apply_change(conn: &Connection, c: &Change, owner: Option<&str>, now: &str) -> Result<()> {
    let (entity, id) = (c.entity, &c.record_id);
    if !id.fits(entity) {
        return Err(CoreError::Decode(format!(
            "a {entity} is not keyed like {id}"
        )));
    }
    let hlc = c.hlc.to_string();
    let Some(version) = entities::version(conn, entity, id)? else {
        if c.fields.is_empty() {
            // A handover's notice about a record this device never had: nothing to move.
            return Ok(());
        }
        let created = hlc_time(&hlc);
        let created = if created.is_empty() { now } else { &created };
        let meta = Meta {
            created_at: created,
            updated_at: now,
            version: &hlc,
        };
        entities::save(conn, entity, id, &c.fields, &meta, true)?;
        if owner.is_some() {
            entities::set_owner(conn, entity, id, owner)?;
        }
        return Ok(());
    };
    // The owner is the server's to say (a handover moves a client): taken even when no field
    // of the change is newer.
    entities::set_owner(conn, entity, id, owner)?;
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
        Entity::Profile => text("reportName"),
        Entity::LogReview => text("week"),
        Entity::EmployerContact | Entity::SupportContact => text("occurredAt"),
        Entity::Job => text("jobType"),
        Entity::FidelityReview
        | Entity::FidelityItemScore
        | Entity::FidelityAction
        | Entity::Conflict => None,
    }
    .unwrap_or_else(|| id.as_str().chars().take(8).collect()))
}

/// An entry's stored JSON, checked to be an object but not parsed into one.
fn raw_object(text: &str) -> Result<&RawValue> {
    let raw: &RawValue = serde_json::from_str(text)?;
    if !raw.get().starts_with('{') {
        return Err(CoreError::Decode(
            "outbox entry is not a JSON object".into(),
        ));
    }
    Ok(raw)
}

/// A push batch as the bytes to send: the JSON of a [`PushRequest`].
#[derive(Debug)]
pub struct OutgoingBatch {
    pub from_seq: u64,
    pub to_seq: u64,
    pub json: Vec<u8>,
}

/// The outbox entry as the protocol's mutation, its fields and base written as stored.
fn mutation(e: &outbox::Entry) -> Result<Mutation<&RawValue, &RawValue>> {
    let corrupt = |what: &str| CoreError::Decode(format!("outbox entry {}: {what}", e.seq));
    Ok(Mutation {
        seq: seq(e.seq),
        entity: Entity::from_code(&e.entity).ok_or_else(|| corrupt("entity"))?,
        record_id: RecordId::parse(&e.record_id).map_err(|_| corrupt("record id"))?,
        hlc: e.hlc.parse().map_err(|_| corrupt("clock"))?,
        fields: raw_object(&e.fields)?,
        base: e.base.as_deref().map(raw_object).transpose()?,
    })
}

impl SyncStore {
    /// Up to `max` unsent mutations, oldest first, as the JSON of one `PushRequest`; `None`
    /// when all is sent. Written straight from the outbox: each entry's fields are JSON
    /// already, so they are not parsed and written again (a third of a 1,000-mutation push's
    /// time on the device). `after` a seq reads the batch that follows one still in flight;
    /// `None` starts after what the server acknowledged.
    pub fn outbox_batch(&self, after: Option<u64>, max: u32) -> Result<Option<OutgoingBatch>> {
        let conn = self.store.read();
        let entries = match after {
            None => outbox::unsent(&conn, max)?,
            Some(seq) => outbox::after(&conn, i64::try_from(seq).unwrap_or(i64::MAX), max)?,
        };
        let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
            return Ok(None);
        };
        let (from_seq, to_seq) = (seq(first.seq), seq(last.seq));
        let mutations = entries.iter().map(mutation).collect::<Result<Vec<_>>>()?;
        let device_id = config(&conn)?.map_or(self.device, |c| c.device_id);
        let json = serde_json::to_vec(&PushRequest {
            device_id,
            from_seq,
            to_seq,
            mutations,
        })?;
        Ok(Some(OutgoingBatch {
            from_seq,
            to_seq,
            json,
        }))
    }

    /// Records that the server stored everything up to `applied_to_seq`.
    pub fn acknowledge(&self, applied_to_seq: u64) -> Result<()> {
        self.store.write(|tx| {
            // Never past the outbox's end: a server holding more seqs than this device wrote
            // (the device restored from a backup) must not swallow its future writes.
            let applied_to_seq = applied_to_seq.min(seq(outbox::last_seq(tx)?));
            let current: u64 = meta::get(tx, ACKED)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            if applied_to_seq > current {
                meta::set(tx, ACKED, &applied_to_seq.to_string())?;
            }
            Ok(())
        })
    }
}

fn seq(s: i64) -> u64 {
    u64::try_from(s).unwrap_or(0)
}
