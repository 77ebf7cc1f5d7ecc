//! Push: one batch of a device's outbox, applied in one transaction or not at all.
//!
//! Replays are recognised by `(device, seq, payload hash)` and skipped; the same seq with a
//! different payload is refused with 409 naming it. Fields merge by clock
//! (`polku_domain::protocol::merge_field`); the loser of a concurrent edit is kept as a `conflict`
//! record that syncs to the owner's devices like any record. Accepted changes get cursors while
//! the writer holds the cursor lock, so cursors commit in order.

use super::Principal;
use crate::db::applied_batches::{self, AppliedBatch};
use crate::db::changes::{self, NewChange};
use crate::db::records::{self, Record};
use crate::db::{devices, handovers, user_teams, Db};
use crate::error::{Result, ServerError};
use polku_domain::protocol::{
    conflict_fields as cf, conflict_id, merge_field, Clocks, Entity, FieldMerge, KeptFor, Mutation,
    PushRequest, PushResponse, RecordId, TeamShare, EMPLOYER_MERGED_INTO,
};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tokio::sync::oneshot;

/// A validated batch waiting for the next commit.
#[derive(Debug)]
pub struct Pending {
    who: Principal,
    req: PushRequest,
    hashes: Vec<String>,
    answer: oneshot::Sender<Result<PushResponse>>,
}

/// The batches that arrived while a commit was under way; the next commit takes them all.
#[derive(Debug, Default)]
pub struct PushQueue(std::sync::Mutex<Vec<Pending>>);

impl PushQueue {
    fn add(&self, p: Pending) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(p);
    }

    fn take(&self) -> Vec<Pending> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Stores one batch. Batches arriving while another commit is under way wait for the cursor
/// lock together, and whoever gets it applies all of them in one transaction (group commit):
/// 200 devices pushing at once cost a few commits, not 200 queued ones. Each batch still
/// succeeds or fails on its own: every check runs in memory before anything is written.
pub async fn push(
    db: &Arc<Db>,
    queue: &Arc<PushQueue>,
    who: &Principal,
    req: PushRequest,
) -> Result<PushResponse> {
    req.validate()?;
    if req.device_id.to_string() != who.device_id {
        return Err(ServerError::Forbidden(
            "the batch names another device than the token's".into(),
        ));
    }
    let hashes: Vec<String> = req.mutations.iter().map(payload_hash).collect();
    let (answer, answered) = oneshot::channel();
    queue.add(Pending {
        who: who.clone(),
        req,
        hashes,
        answer,
    });
    // In a task of its own: a device hanging up must not roll back the batches of others
    // that ride this commit.
    let (leader, waiting) = (db.clone(), queue.clone());
    tokio::spawn(async move { commit_waiting(&leader, &waiting).await })
        .await
        .map_err(|e| ServerError::Corrupt(format!("commit task: {e}")))??;
    answered
        .await
        .map_err(|_| ServerError::Corrupt("the batch was dropped before its commit".into()))?
}

/// Takes the cursor lock and applies every batch waiting by then; nothing if another caller
/// already did (its commit answered ours).
async fn commit_waiting(db: &Db, queue: &PushQueue) -> Result<()> {
    let mut tx = db.begin_cursor().await?;
    let mut waiting = queue.take();
    if waiting.is_empty() {
        return tx.rollback().await;
    }
    let outcome = match apply_group(tx.conn(), &mut waiting).await {
        Ok(results) => tx
            .commit()
            .await
            .map(|()| results)
            .map_err(|e| e.to_string()),
        Err(e) => {
            let _ = tx.rollback().await;
            Err(e.to_string())
        }
    };
    match outcome {
        Ok(results) => {
            for (p, result) in waiting.into_iter().zip(results) {
                let _ = p.answer.send(result);
            }
        }
        Err(e) => {
            // Nothing of the group is stored; every device retries.
            tracing::error!("push group failed: {e}");
            for p in waiting {
                let _ = p
                    .answer
                    .send(Err(ServerError::Corrupt("the commit failed".into())));
            }
        }
    }
    Ok(())
}

/// Applies a group of batches: their checks in memory, their writes as one multi-row statement
/// per table. A batch that fails a check fails alone and writes nothing; a database error
/// fails the whole group (nothing is stored, every device retries).
async fn apply_group(
    conn: &mut sqlx::AnyConnection,
    jobs: &mut [Pending],
) -> Result<Vec<Result<PushResponse>>> {
    let mut device_ids: Vec<&str> = jobs.iter().map(|p| p.who.device_id.as_str()).collect();
    device_ids.sort_unstable();
    device_ids.dedup();
    let mut group = Group {
        last: applied_batches::last_seqs(conn, &device_ids).await?,
        stored: HashMap::new(),
        runs: Vec::new(),
    };
    // The hashes a batch may replay: only batches starting at or below what is stored read
    // them (a device's retry), so a crowd of fresh batches costs no lookups here.
    for p in jobs.iter() {
        let last = group.last.get(&p.who.device_id).copied().unwrap_or(0);
        if p.req.from_seq <= last {
            let to = p.req.to_seq.min(last);
            let device = &p.who.device_id;
            for run in applied_batches::overlapping(conn, device, p.req.from_seq, to).await? {
                for (seq, hash) in run.each() {
                    group.stored.insert((device.clone(), seq), hash.to_owned());
                }
            }
        }
    }
    // The records written, and the employers duplicates are merged into (checked below).
    let mut ids: Vec<&str> = jobs
        .iter()
        .flat_map(|p| p.req.mutations.iter())
        .flat_map(|m| std::iter::once(m.record_id.as_str()).chain(merged_into(m)))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let existing = records::get_many(conn, &ids).await?;
    // The teams of the users whose records the group's records kept for others name (the
    // coaches of supervisors' log reviews): where each is kept, and whether its writer
    // supervises them.
    let mut named: Vec<&str> = jobs
        .iter()
        .flat_map(|p| &p.req.mutations)
        .filter_map(|m| {
            let kept = m.entity.kept_for()?;
            m.fields.get(kept.owner).and_then(Value::as_str)
        })
        .collect();
    named.sort_unstable();
    named.dedup();
    let coach_teams = user_teams::of_users(conn, &named).await?;
    // Clients the group's writers handed over (or had handed over from them), and where each
    // is now: their writes made before their devices heard of the move still arrive.
    // Asked only when the group writes a client's records at all (most pushes are employer
    // contacts).
    let mut writers: Vec<&str> = jobs.iter().map(|p| p.who.user.id.as_str()).collect();
    writers.sort_unstable();
    writers.dedup();
    let about_clients = jobs
        .iter()
        .flat_map(|p| &p.req.mutations)
        .any(|m| m.entity == Entity::Client || m.entity.client_field().is_some());
    let handed = if about_clients {
        handovers::handed_away(conn, &writers).await?
    } else {
        HashMap::new()
    };
    // Only the clients this group writes about are looked up (a coach's handovers add up
    // over the years; their pushes rarely touch those clients).
    let mut moved: Vec<&str> = Vec::new();
    if !handed.is_empty() {
        let stored: HashMap<&str, &Record> =
            existing.iter().map(|r| (r.record_id.as_str(), r)).collect();
        for p in jobs.iter() {
            let Some(theirs) = handed.get(&p.who.user.id) else {
                continue;
            };
            for m in &p.req.mutations {
                let id = m.record_id.as_str();
                let fields = stored.get(id).map_or(&m.fields, |r| &r.fields);
                moved.extend(
                    m.entity
                        .client_of(id, fields)
                        .filter(|c| theirs.contains(*c)),
                );
            }
        }
    }
    moved.sort_unstable();
    moved.dedup();
    let client_homes = records::get_many(conn, &moved)
        .await?
        .into_iter()
        .map(|r| (r.record_id, (r.owner_id, r.team_id)))
        .collect();
    let mut merge = Merge {
        records: existing
            .into_iter()
            .map(|r| (r.record_id.clone(), r))
            .collect(),
        cursor: changes::head(conn).await?,
        changes: Vec::new(),
        touched: HashMap::new(),
        coach_teams,
        handed,
        client_homes,
    };
    let mut seen = Vec::new();
    let mut results: Vec<Result<PushResponse>> = jobs
        .iter_mut()
        .map(|p| {
            let r = group.apply(&mut merge, p);
            if r.is_ok() && seen_long_ago(&p.who) {
                seen.push(p.who.device_id.as_str());
            }
            r
        })
        .collect();
    for r in results.iter_mut().flatten() {
        r.cursor = merge.cursor;
    }

    let mut touched: Vec<(&Record, u64)> = merge
        .touched
        .iter()
        .filter_map(|(id, cursor)| merge.records.get(id).map(|r| (r, *cursor)))
        .collect();
    touched.sort_by_key(|(_, c)| *c);
    records::upsert_many(conn, &touched).await?;
    changes::insert_many(conn, &merge.changes).await?;
    applied_batches::insert_many(conn, &group.runs).await?;
    seen.sort_unstable();
    seen.dedup();
    let now = crate::db::timestamp(super::now());
    devices::seen(conn, &seen, &now).await?;
    Ok(results)
}

/// "Last seen" is for administrators listing devices: a minute is precision enough, and
/// skipping the write keeps a busy device's pushes one statement shorter.
fn seen_long_ago(who: &Principal) -> bool {
    let now = super::now();
    who.last_seen.as_deref().is_none_or(|t| {
        chrono::DateTime::parse_from_rfc3339(t).map_or(true, |t| {
            now.signed_duration_since(t) > chrono::Duration::minutes(1)
        })
    })
}

/// What a group commit knows of the devices' sequences while it applies their batches.
struct Group {
    /// Each device's highest stored seq, including batches applied earlier in this group.
    last: HashMap<String, u64>,
    /// Hashes of stored mutations `(device, seq)` that batches in the group may replay.
    stored: HashMap<(String, u64), String>,
    /// Idempotency rows to write: each batch's fresh mutations, one row per run of seqs.
    runs: Vec<AppliedBatch>,
}

impl Group {
    fn apply(&mut self, merge: &mut Merge, p: &mut Pending) -> Result<PushResponse> {
        let device = &p.who.device_id;
        let last = self.last.get(device).copied().unwrap_or(0);
        if p.req.from_seq > last + 1 {
            return Err(ServerError::SeqGap {
                from: p.req.from_seq,
                expected: last + 1,
            });
        }
        let mut fresh = Vec::new();
        for (i, (m, hash)) in p.req.mutations.iter().zip(&p.hashes).enumerate() {
            match self.stored.get(&(device.clone(), m.seq)) {
                Some(h) if h == hash => {} // a replay: already stored
                Some(_) => {
                    return Err(ServerError::SeqConflict {
                        seq: m.seq,
                        record_id: m.record_id.clone(),
                    })
                }
                None => fresh.push(i),
            }
        }
        // Everything that can refuse the batch is checked before any of it is merged.
        merge.check(&p.who, fresh.iter().map(|&i| &p.req.mutations[i]))?;
        for i in fresh {
            let (m, hash) = (&mut p.req.mutations[i], &p.hashes[i]);
            merge.apply(&p.who, m);
            self.stored.insert((device.clone(), m.seq), hash.clone());
            match self.runs.last_mut() {
                Some(run) if run.device_id == *device && run.to_seq() + 1 == m.seq => {
                    run.hashes.push_str(hash);
                }
                _ => self.runs.push(AppliedBatch {
                    device_id: device.clone(),
                    from_seq: m.seq,
                    hashes: hash.clone(),
                }),
            }
        }
        let applied_to_seq = last.max(p.req.to_seq);
        self.last.insert(device.clone(), applied_to_seq);
        Ok(PushResponse {
            applied_to_seq,
            cursor: 0,
        })
    }
}

/// Whether `m` changes a record kept for another user that `who` wrote (`stored`: its fields
/// so far): only its writer changes it, and it stays in the same user's records.
fn same_writer(who: &Principal, kept: KeptFor, stored: &Map<String, Value>, m: &Mutation) -> bool {
    let stored_field = |name| stored.get(name).and_then(Value::as_str);
    let unchanged = |name| {
        m.fields
            .get(name)
            .is_none_or(|v| v.as_str() == stored_field(name))
    };
    stored_field(kept.writer) == Some(who.user.id.as_str())
        && unchanged(kept.writer)
        && unchanged(kept.owner)
}

/// The employer `m` merges its employer into, if it does.
fn merged_into(m: &Mutation) -> Option<&str> {
    if m.entity != Entity::Employer {
        return None;
    }
    m.fields.get(EMPLOYER_MERGED_INTO)?.as_str()
}

/// The clock of every field without its own entry in `records.clocks`.
const DEFAULT_CLOCK: &str = "*";

/// The merge of one batch, in memory, before it is written.
struct Merge {
    records: HashMap<String, Record>,
    cursor: u64,
    changes: Vec<NewChange>,
    /// Record id → cursor of its last change in this batch.
    touched: HashMap<String, u64>,
    /// The teams of the coaches the group's log reviews are about.
    coach_teams: HashMap<String, Vec<String>>,
    /// Writer → the clients handed over from them.
    handed: HashMap<String, HashSet<String>>,
    /// Each of those clients' owner and team now.
    client_homes: HashMap<String, (String, Option<String>)>,
}

impl Merge {
    /// Refuses a batch that writes another user's record or reuses a record id for another
    /// entity, naming the first such mutation.
    fn check<'m>(&self, who: &Principal, batch: impl Iterator<Item = &'m Mutation>) -> Result<()> {
        let mut created: HashMap<&str, &'m Mutation> = HashMap::new();
        // Employer → the employer it is merged into, as this batch leaves it so far.
        let mut merges: HashMap<&'m str, Option<&'m str>> = HashMap::new();
        for m in batch {
            let stored = self.records.get(m.record_id.as_str());
            let first = *created.entry(m.record_id.as_str()).or_insert(m);
            let entity = stored.map_or(first.entity.code(), |r| r.entity.as_str());
            let allowed = if let Some(kept) = m.entity.kept_for() {
                match stored {
                    Some(r) => same_writer(who, kept, &r.fields, m),
                    None if !std::ptr::eq(first, m) => same_writer(who, kept, &first.fields, m),
                    None => self.new_home(who, m).is_some(),
                }
            } else {
                let owner = stored.map_or(who.user.id.as_str(), |r| r.owner_id.as_str());
                // A profile is its user's: keyed by their id, written by no one else.
                let foreign_profile =
                    m.entity == Entity::Profile && m.record_id.as_str() != who.user.id;
                // A record of a client handed over from the writer, still with that client.
                let handed_over = stored.is_some_and(|r| {
                    self.handed_home(who, m.entity, &m.record_id, &r.fields)
                        .is_some_and(|(home, _)| *home == r.owner_id)
                });
                // A record the team shares whole (an employer), by anyone working in its team:
                // the stored kind decides, not the one the mutation claims.
                let teams_own = stored.is_some_and(|r| {
                    Entity::from_code(&r.entity).is_some_and(|e| e.team_share() == TeamShare::Whole)
                        && r.team_id
                            .as_deref()
                            .is_some_and(|team| who.team(team).is_some())
                });
                // A field only a team's supervisor writes (merging a duplicate employer),
                // changed by anyone else.
                let led_changed = !who.leads()
                    && m.entity.led_fields().iter().any(|name| {
                        let stored = stored.and_then(|r| r.fields.get(*name));
                        m.fields
                            .get(*name)
                            .is_some_and(|v| v != stored.unwrap_or(&Value::Null))
                    });
                (owner == who.user.id || handed_over || teams_own)
                    && !foreign_profile
                    && !led_changed
            };
            if !allowed {
                return Err(ServerError::RecordForbidden {
                    seq: m.seq,
                    record_id: m.record_id.clone(),
                });
            }
            if m.entity == Entity::Employer {
                self.check_merge(who, m, stored, &created, &mut merges)?;
            }
            if entity != m.entity.code() {
                return Err(ServerError::Invalid(format!(
                    "seq {}: record {} is a {entity}, not a {}",
                    m.seq, m.record_id, m.entity
                )));
            }
        }
        Ok(())
    }

    /// A merge names an employer of the duplicate's own team that is not merged itself, or one
    /// this batch creates (filed in the writer's team, as every new record is): one hop, so
    /// every device resolves a merge by one lookup. Within the batch too: no employer merged
    /// into one that is merged, none merged into one that others are merged into (a chain),
    /// and none into itself (`merges`, the batch's merges so far). `mergedInto` is an id or
    /// null; anything else is malformed.
    fn check_merge<'m>(
        &self,
        who: &Principal,
        m: &'m Mutation,
        stored: Option<&Record>,
        created: &HashMap<&str, &'m Mutation>,
        merges: &mut HashMap<&'m str, Option<&'m str>>,
    ) -> Result<()> {
        let Some(value) = m.fields.get(EMPLOYER_MERGED_INTO) else {
            return Ok(());
        };
        let forbidden = || ServerError::RecordForbidden {
            seq: m.seq,
            record_id: m.record_id.clone(),
        };
        let duplicate = m.record_id.as_str();
        let target = match value {
            Value::Null => {
                merges.insert(duplicate, None);
                return Ok(());
            }
            Value::String(target) => target.as_str(),
            _ => {
                return Err(ServerError::Invalid(format!(
                    "seq {}: {EMPLOYER_MERGED_INTO} is an employer id or null",
                    m.seq
                )))
            }
        };
        let team = stored.and_then(|r| r.team_id.as_deref());
        let merged_now = |id: &str| match merges.get(id) {
            Some(in_batch) => in_batch.is_some(),
            None => self.records.get(id).is_some_and(|r| {
                r.fields
                    .get(EMPLOYER_MERGED_INTO)
                    .is_some_and(|v| !v.is_null())
            }),
        };
        let kept = self.records.get(target).is_some_and(|t| {
            t.entity == Entity::Employer.code() && team.is_some() && t.team_id.as_deref() == team
        });
        let created_here = !self.records.contains_key(target)
            && created.get(target).is_some_and(|t| {
                t.entity == Entity::Employer
                    && team.is_some()
                    && self.new_home(who, t).and_then(|(_, team)| team).as_deref() == team
            });
        let others_into_duplicate = merges.values().any(|into| *into == Some(duplicate));
        if target == duplicate
            || !(kept || created_here)
            || merged_now(target)
            || others_into_duplicate
        {
            return Err(forbidden());
        }
        merges.insert(duplicate, Some(target));
        Ok(())
    }

    /// Where the client of this record is now, if `who` handed that client over: their
    /// devices may still send what they wrote before they heard of the move (a coach offline
    /// during a handover). It is kept there, among the new owner's records.
    fn handed_home(
        &self,
        who: &Principal,
        entity: Entity,
        record_id: &RecordId,
        fields: &Map<String, Value>,
    ) -> Option<&(String, Option<String>)> {
        let client = entity.client_of(record_id.as_str(), fields)?;
        if !self.handed.get(&who.user.id)?.contains(client) {
            return None;
        }
        self.client_homes.get(client)
    }

    /// Whose records a new record joins, and in which team: the writer's own — except a
    /// record of a client handed over from the writer, filed with the client where it is
    /// now, and a record kept for another user ([`Entity::kept_for`], a supervisor's review of a coach's
    /// log), filed among that user's records in a team the writer supervises, and written
    /// only by a supervisor naming themselves. `None`: the writer may not make it.
    fn new_home(&self, who: &Principal, m: &Mutation) -> Option<(String, Option<String>)> {
        let Some(kept) = m.entity.kept_for() else {
            if let Some(home) = self.handed_home(who, m.entity, &m.record_id, &m.fields) {
                return Some(home.clone());
            }
            let team = who.teams.first().map(|t| t.id.to_string());
            return Some((who.user.id.clone(), team));
        };
        let field = |name| m.fields.get(name).and_then(Value::as_str);
        let supervises = who.leads();
        let coach = field(kept.owner)?;
        if !supervises || field(kept.writer) != Some(who.user.id.as_str()) || coach == who.user.id {
            return None;
        }
        let theirs = self.coach_teams.get(coach)?;
        let team = who
            .teams
            .iter()
            .map(|t| t.id.to_string())
            .find(|t| theirs.contains(t))?;
        Some((coach.to_owned(), Some(team)))
    }

    /// Merges one mutation that passed [`Merge::check`], taking its fields.
    fn apply(&mut self, who: &Principal, m: &mut Mutation) {
        let home = if self.records.contains_key(m.record_id.as_str()) {
            None
        } else {
            self.new_home(who, m)
        };
        let fields = std::mem::take(&mut m.fields);
        let author = Some(who.device_id.clone());
        let hlc = m.hlc.to_string();
        let (entity, record_id) = (m.entity.code(), m.record_id.as_str());
        let Some(rec) = self.records.get_mut(record_id) else {
            // A new record takes every field under the mutation's one clock (stored once):
            // nothing to compare, and its stored JSON is its change's.
            let json = serde_json::to_string(&fields).unwrap_or_default();
            let (owner, team_id) = home.unwrap_or_else(|| (who.user.id.clone(), None));
            self.record_change(
                (&owner, &team_id),
                entity,
                record_id,
                &hlc,
                json.clone(),
                author,
            );
            if owner != who.user.id && m.entity.kept_for().is_none() {
                // Filed with a client handed over from the writer: a notice tells their
                // devices, which drop it as they dropped the client's other records.
                let reader = (who.user.id.as_str(), &team_id);
                self.record_change(reader, entity, record_id, &hlc, "{}".into(), None)
                    .record_owner = Some(owner.clone());
            }
            self.records.insert(
                record_id.to_owned(),
                Record {
                    entity: entity.to_owned(),
                    record_id: record_id.to_owned(),
                    owner_id: owner,
                    team_id,
                    fields,
                    clocks: Map::from_iter([(DEFAULT_CLOCK.to_owned(), Value::String(hlc))]),
                    json: Some(json),
                },
            );
            return;
        };
        rec.json = None;
        let mut accepted = Map::new();
        let mut conflicts = Vec::new();
        for (name, value) in fields {
            // A field's clock is its own entry once edited, else the record's default ("*").
            let stored = rec
                .clocks
                .get(&name)
                .or_else(|| {
                    rec.fields
                        .contains_key(&name)
                        .then(|| rec.clocks.get(DEFAULT_CLOCK))
                        .flatten()
                })
                .and_then(Value::as_str);
            let base = m
                .base
                .as_ref()
                .and_then(|b| b.get(&name))
                .map(ToString::to_string);
            match merge_field(stored, &hlc, base.as_deref()) {
                FieldMerge::Take { conflict } => {
                    if conflict {
                        let lost = rec.fields.get(&name).cloned().unwrap_or(Value::Null);
                        let lost_hlc = stored.unwrap_or_default().to_owned();
                        conflicts.push((name.clone(), value.clone(), hlc.clone(), lost, lost_hlc));
                    }
                    rec.clocks.insert(name.clone(), Value::String(hlc.clone()));
                    accepted.insert(name.clone(), value.clone());
                    rec.fields.insert(name, value);
                }
                FieldMerge::Keep { conflict: true } => {
                    let kept = rec.fields.get(&name).cloned().unwrap_or(Value::Null);
                    let kept_hlc = stored.unwrap_or_default().to_owned();
                    conflicts.push((name, kept, kept_hlc, value, hlc.clone()));
                }
                FieldMerge::Keep { conflict: false } => {}
            }
        }
        let (owner, team_id) = (rec.owner_id.clone(), rec.team_id.clone());
        if !accepted.is_empty() {
            self.record_change(
                (&owner, &team_id),
                entity,
                record_id,
                &hlc,
                Value::Object(accepted).to_string(),
                author,
            );
        }
        // A conflict is for whoever writes the record to resolve: the owner, or for a review of
        // a coach's log its reviewer (the coach cannot change it).
        let resolver = if m.entity.kept_for().is_some() {
            who.user.id.clone()
        } else {
            owner.clone()
        };
        for (field, kept, kept_hlc, lost, lost_hlc) in conflicts {
            let id = conflict_id(m.entity, &m.record_id, &field, &lost_hlc).to_string();
            let hlc = kept_hlc.clone().max(lost_hlc.clone());
            let fields = Map::from_iter([
                (cf::ENTITY.to_owned(), Value::from(entity)),
                (cf::RECORD_ID.to_owned(), Value::from(record_id)),
                (cf::FIELD.to_owned(), Value::from(field)),
                (cf::KEPT_VALUE.to_owned(), kept),
                (cf::KEPT_HLC.to_owned(), Value::from(kept_hlc)),
                (cf::LOST_VALUE.to_owned(), lost),
                (cf::LOST_HLC.to_owned(), Value::from(lost_hlc)),
                (cf::RESOLVED_AT.to_owned(), Value::Null),
            ]);
            let clocks = Map::from_iter([(DEFAULT_CLOCK.to_owned(), Value::String(hlc.clone()))]);
            let json = Value::Object(fields.clone()).to_string();
            self.records.insert(
                id.clone(),
                Record {
                    entity: Entity::Conflict.code().into(),
                    record_id: id.clone(),
                    owner_id: resolver.clone(),
                    team_id: team_id.clone(),
                    fields,
                    clocks,
                    json: Some(json.clone()),
                },
            );
            // Made here, not by a device: every device of the owner gets it.
            let conflict = Entity::Conflict.code();
            self.record_change((&resolver, &team_id), conflict, &id, &hlc, json, None);
        }
    }

    /// Appends a change under the next cursor; returns it for a caller that names whose
    /// record it is (a handover's notice).
    fn record_change(
        &mut self,
        (owner, team): (&str, &Option<String>),
        entity: &str,
        record_id: &str,
        hlc: &str,
        fields: String,
        device_id: Option<String>,
    ) -> &mut NewChange {
        self.cursor += 1;
        self.touched.insert(record_id.to_owned(), self.cursor);
        self.changes.push(NewChange {
            cursor: self.cursor,
            owner_id: owner.to_owned(),
            record_owner: None,
            team_id: team.clone(),
            entity: entity.to_owned(),
            record_id: record_id.to_owned(),
            hlc: hlc.to_owned(),
            fields,
            device_id,
        });
        // Just pushed: there is a last change.
        let last = self.changes.len() - 1;
        &mut self.changes[last]
    }
}

/// SHA-256 of the mutation in a canonical form (object keys sorted at every depth), so a
/// replay is recognised whatever order its JSON keys arrived in. Streamed into the hasher:
/// no text is built.
pub fn payload_hash(m: &Mutation) -> String {
    let mut h = Sha256::new();
    h.update(m.seq.to_be_bytes());
    for part in [m.entity.code(), m.record_id.as_str(), &m.hlc.to_string()] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    write_map(&m.fields, &mut h);
    h.update(b"|");
    if let Some(b) = &m.base {
        write_clocks(b, &mut h);
    }
    crate::auth::hex(&h.finalize())
}

/// The clocks as `write_map` writes a map of strings: keys in order, each clock's text.
fn write_clocks(clocks: &Clocks, out: &mut Sha256) {
    out.update(b"{");
    for (i, (k, hlc)) in clocks.iter().enumerate() {
        if i > 0 {
            out.update(b",");
        }
        write_json(k, out);
        out.update(b":");
        write_json(&hlc.to_string(), out);
    }
    out.update(b"}");
}

fn write_map(m: &Map<String, Value>, out: &mut Sha256) {
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort_unstable();
    out.update(b"{");
    for (i, k) in keys.into_iter().enumerate() {
        if i > 0 {
            out.update(b",");
        }
        write_json(k, out);
        out.update(b":");
        if let Some(v) = m.get(k) {
            write_canonical(v, out);
        }
    }
    out.update(b"}");
}

/// serde_json's compact text of a string or scalar, straight into the hasher.
fn write_json<T: serde::Serialize + ?Sized>(v: &T, out: &mut Sha256) {
    // Writing to a hasher cannot fail, and neither can serialising a string or a scalar.
    let _ = serde_json::to_writer(out, v);
}

fn write_canonical(v: &Value, out: &mut Sha256) {
    match v {
        Value::Object(m) => write_map(m, out),
        Value::Array(a) => {
            out.update(b"[");
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.update(b",");
                }
                write_canonical(v, out);
            }
            out.update(b"]");
        }
        other => write_json(other, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const HLC: &str = "001700000000000-0000000003-0197a0c0-0000-7000-8000-0000000000aa";
    const BASE: &str = "001600000000000-0000000000-0197a0c0-0000-7000-8000-0000000000aa";

    fn mutation(fields: Value) -> Mutation {
        let Value::Object(fields) = fields else {
            unreachable!("fields are an object")
        };
        Mutation {
            seq: 7,
            entity: Entity::Client,
            record_id: "0197a0c0-0000-7000-8000-000000000001".parse().expect("id"),
            hlc: HLC.parse().expect("clock"),
            fields,
            base: None,
        }
    }

    #[test]
    fn the_payload_hash_is_sha256_of_the_canonical_text_stored_hashes_were_made_from() {
        // The exact bytes earlier versions hashed (when a mutation's parts were plain text):
        // a changed form would turn every replay of an already stored batch into a
        // "different payload" conflict.
        let mut m = mutation(json!({"b": {"d": null, "c": [1, "x\"y"]}, "a": 1.5}));
        let expected = |base: &[u8]| {
            let mut h = Sha256::new();
            h.update(7u64.to_be_bytes());
            h.update(b"client\0");
            h.update(b"0197a0c0-0000-7000-8000-000000000001\0");
            h.update(HLC.as_bytes());
            h.update(b"\0");
            h.update(br#"{"a":1.5,"b":{"c":[1,"x\"y"],"d":null}}|"#);
            h.update(base);
            crate::auth::hex(&h.finalize())
        };
        assert_eq!(payload_hash(&m), expected(b""));
        m.base = Some(Clocks::from([
            ("b".to_owned(), BASE.parse().expect("clock")),
            ("a".to_owned(), BASE.parse().expect("clock")),
        ]));
        let base = format!(r#"{{"a":"{BASE}","b":"{BASE}"}}"#);
        assert_eq!(payload_hash(&m), expected(base.as_bytes()));
    }

    #[test]
    fn the_payload_hash_ignores_key_order_but_not_values() {
        let a = mutation(json!({"name": "Aino", "notes": {"x": 1, "y": 2}}));
        let b = mutation(json!({"notes": {"y": 2, "x": 1}, "name": "Aino"}));
        let c = mutation(json!({"name": "Aino", "notes": {"x": 1, "y": 3}}));
        assert_eq!(payload_hash(&a), payload_hash(&b));
        assert_ne!(payload_hash(&a), payload_hash(&c));
    }
}
