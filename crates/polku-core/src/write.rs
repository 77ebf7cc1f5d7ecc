//! The write context of one user action: one transaction, one clock stamp, and change
//! tracking so every changed field is stamped and queued in the outbox in the same commit.

use crate::clock::Clock;
use crate::error::{CoreError, Result};
use crate::store::tables::{field_clock, meta, outbox};
use chrono::{DateTime, SecondsFormat, Utc};
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{DeviceId, Hlc};
use rusqlite::Transaction;
use serde::Serialize;
use serde_json::{Map, Value};

/// Bookkeeping keys that are not user data and never sync as fields.
const META_KEYS: [&str; 4] = ["id", "createdAt", "updatedAt", "version"];
/// The same keys as they appear in serialised JSON.
const META_KEYS_JSON: [&str; 4] = [
    "\"id\":",
    "\"createdAt\":",
    "\"updatedAt\":",
    "\"version\":",
];

pub(crate) struct Write<'a> {
    pub tx: &'a Transaction<'a>,
    pub now: DateTime<Utc>,
    clock: &'a dyn Clock,
    /// `now` as stored in `created_at`/`updated_at`, formatted once per action.
    timestamp: String,
    device: DeviceId,
    /// This action's clock stamp as text, once taken.
    hlc: Option<String>,
}

impl<'a> Write<'a> {
    pub fn new(tx: &'a Transaction<'a>, clock: &'a dyn Clock, device: DeviceId) -> Self {
        let now = clock.now_utc();
        Write {
            tx,
            now,
            clock,
            timestamp: now.to_rfc3339_opts(SecondsFormat::Millis, true),
            device,
            hlc: None,
        }
    }

    pub fn timestamp(&self) -> String {
        self.timestamp.clone()
    }

    /// A new record id, made by the action's clock.
    pub fn new_id<T: From<uuid::Uuid>>(&self) -> T {
        T::from(self.clock.new_uuid())
    }

    /// The stamp of this action as text, taken once and persisted so the clock never repeats.
    fn stamp(&mut self) -> Result<String> {
        if let Some(text) = &self.hlc {
            return Ok(text.clone());
        }
        let last = match meta::get(self.tx, meta::LAST_HLC)? {
            Some(s) => Some(
                s.parse::<Hlc>()
                    .map_err(|e| CoreError::Decode(e.to_string()))?,
            ),
            None => None,
        };
        let now_ms = u64::try_from(self.now.timestamp_millis()).unwrap_or(0);
        let h = Hlc::next(last.as_ref(), now_ms, self.device);
        let text = h.to_string();
        meta::set(self.tx, meta::LAST_HLC, &text)?;
        self.hlc = Some(text.clone());
        Ok(text)
    }

    /// Stamps the fields that differ between `old` and `new` and queues them in the outbox.
    /// Returns the record's new version, or the old one when nothing changed.
    pub fn track<T: Serialize>(
        &mut self,
        entity: Entity,
        id: &RecordId,
        old: Option<(&T, &str)>,
        new: &T,
    ) -> Result<String> {
        if old.is_none() {
            return self.track_new(entity, id, new);
        }
        own(self.tx, entity, id)?;
        // Keep only the fields that changed.
        let mut changed = to_fields(new)?;
        if let Some((o, _)) = old {
            let old_map = to_fields(o)?;
            changed.retain(|k, v| old_map.get(k) != Some(v));
        }
        if changed.is_empty() {
            if let Some((_, version)) = old {
                return Ok(version.to_owned());
            }
        }
        // A field only a team's supervisor writes (a merge), changed here by anything else —
        // resolving a conflict about it included: the server would refuse the batch.
        if entity.led_fields().iter().any(|f| changed.contains_key(*f))
            && !crate::sync::leads_teams(self.tx)?
        {
            return Err(CoreError::NotTeamLead);
        }
        let hlc = self.stamp()?;
        // A field's clock is its own row once edited, else the record's creation stamp. That
        // stamp is the record's version until its first edit, so it is saved ("*") only then:
        // creating a record writes no clock rows at all.
        let mut base = Map::new();
        if let Some((_, old_version)) = old {
            let created = match field_clock::get(self.tx, entity, id, field_clock::CREATED)? {
                Some(h) => h,
                None => {
                    field_clock::set(self.tx, entity, id, field_clock::CREATED, old_version)?;
                    old_version.to_owned()
                }
            };
            for name in changed.keys() {
                let seen =
                    field_clock::get(self.tx, entity, id, name)?.unwrap_or_else(|| created.clone());
                base.insert(name.clone(), Value::String(seen));
                field_clock::set(self.tx, entity, id, name, &hlc)?;
            }
        }
        let fields = Value::Object(changed).to_string();
        let base = Value::Object(base).to_string();
        self.queue(entity, id, &hlc, &fields, Some(&base))?;
        Ok(hlc)
    }
}

/// Refuses a record of another user's caseload (a supervisor's imported team data): it is
/// theirs to change, and theirs to add to — a job, a support contact or an employer contact
/// for their client is checked against the client. A record not here passes (callers say
/// whether it must exist).
pub(crate) fn own(conn: &rusqlite::Connection, entity: Entity, id: &RecordId) -> Result<()> {
    // A record kept among another user's records (a supervisor's review of a coach's log) is
    // changed by the user its writer field names, as the server allows.
    if let Some(kept) = entity.kept_for() {
        let Some(stored) = crate::sync::entities::load(conn, entity, id)? else {
            return Ok(());
        };
        let writer = stored.fields.get(kept.writer).and_then(Value::as_str);
        let me = crate::store::tables::meta::user_id(conn)?.map(|u| u.to_string());
        return match writer {
            Some(w) if Some(w) == me.as_deref() => Ok(()),
            _ => Err(CoreError::NotYours {
                entity,
                id: id.to_string(),
                owner: writer.unwrap_or_default().to_owned(),
            }),
        };
    }
    // A record the team shares whole (an employer) is every member's to correct; a store
    // holds only those of its user's teams.
    if entity.team_share() == polku_domain::protocol::TeamShare::Whole {
        return Ok(());
    }
    match crate::sync::entities::owner(conn, entity, id)? {
        Some(Some(owner)) => Err(CoreError::NotYours {
            entity,
            id: id.to_string(),
            owner,
        }),
        _ => Ok(()),
    }
}

/// A record that carries its own version (the clock of its newest change).
pub(crate) trait Versioned: Serialize {
    fn version_mut(&mut self) -> &mut String;
}

macro_rules! versioned {
    ($($t:ty),*) => {$(
        impl Versioned for $t {
            fn version_mut(&mut self) -> &mut String {
                &mut self.version
            }
        }
    )*};
}
versioned!(
    polku_domain::Client,
    polku_domain::Employer,
    polku_domain::Profile,
    polku_domain::LogReview
);

impl Write<'_> {
    /// An edit of a stored record: tracks the fields `new` changes against `old` and writes it
    /// with `save` — or, when nothing changed, writes nothing and returns `old` as it was.
    pub fn edit<T: Versioned>(
        &mut self,
        entity: Entity,
        id: &RecordId,
        mut old: T,
        mut new: T,
        save: impl FnOnce(&rusqlite::Connection, &T) -> rusqlite::Result<()>,
    ) -> Result<T> {
        let old_version = old.version_mut().clone();
        let version = self.track(entity, id, Some((&old, &old_version)), &new)?;
        if version == old_version {
            return Ok(old);
        }
        *new.version_mut() = version;
        save(self.tx, &new)?;
        Ok(new)
    }

    fn queue(
        &self,
        entity: Entity,
        id: &RecordId,
        hlc: &str,
        fields: &str,
        base: Option<&str>,
    ) -> Result<i64> {
        Ok(outbox::append(
            self.tx,
            outbox::NewEntry {
                entity: entity.code(),
                record_id: id.as_str(),
                hlc,
                fields,
                base,
            },
        )?)
    }

    /// A new record: every field is queued, serialised straight to text (the hot path of
    /// imports). Records whose serde form carries bookkeeping keys lose them here.
    fn track_new<T: Serialize>(
        &mut self,
        entity: Entity,
        id: &RecordId,
        new: &T,
    ) -> Result<String> {
        let mut fields = serde_json::to_string(new)?;
        if META_KEYS_JSON.iter().any(|k| fields.contains(k)) {
            fields = Value::Object(to_fields(new)?).to_string();
        }
        let hlc = self.stamp()?;
        self.queue(entity, id, &hlc, &fields, None)?;
        Ok(hlc)
    }
}

fn to_fields<T: Serialize>(v: &T) -> Result<Map<String, Value>> {
    match serde_json::to_value(v)? {
        Value::Object(mut m) => {
            for k in META_KEYS {
                m.remove(k);
            }
            Ok(m)
        }
        other => Ok(Map::from_iter([("value".to_owned(), other)])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tables::meta;
    use polku_domain::UserId;

    /// A migrated database holding one review of `coach`'s week written by `reviewer`, on a
    /// device enrolled as `me`.
    fn store_with_review(
        coach: UserId,
        reviewer: UserId,
        me: UserId,
    ) -> (rusqlite::Connection, RecordId) {
        let mut conn = rusqlite::Connection::open_in_memory().expect("db");
        crate::store::migrations::migrations()
            .to_latest(&mut conn)
            .expect("migrated");
        let id = RecordId::of(uuid::Uuid::now_v7());
        conn.execute(
            "INSERT INTO log_reviews (id, coach_id, week, reviewer_id, reviewer_name, reviewed_on,
                 created_at, updated_at, version, owner_id)
             VALUES (?1, ?2, '2026-11-16', ?3, 'Sari', '2026-11-20', '', '', '', ?2)",
            [id.to_string(), coach.to_string(), reviewer.to_string()],
        )
        .expect("review");
        meta::set(&conn, meta::USER_ID, &me.to_string()).expect("me");
        (conn, id)
    }

    #[test]
    fn a_review_kept_among_a_coachs_records_is_changed_by_its_reviewer_and_no_one_else() {
        let (coach, reviewer) = (UserId::new(), UserId::new());
        let (conn, id) = store_with_review(coach, reviewer, reviewer);
        assert!(own(&conn, Entity::LogReview, &id).is_ok(), "its reviewer");
        for someone in [coach, UserId::new()] {
            let (conn, id) = store_with_review(coach, reviewer, someone);
            assert!(
                matches!(
                    own(&conn, Entity::LogReview, &id),
                    Err(CoreError::NotYours { ref owner, .. }) if *owner == reviewer.to_string()
                ),
                "{someone} is not its reviewer"
            );
        }
        let absent = RecordId::of(uuid::Uuid::now_v7());
        assert!(own(&conn, Entity::LogReview, &absent).is_ok(), "a new one");
    }
}
