//! Wire types of the sync protocol (`docs/SYNC.md`), shared by the app and the regional server.
//! **Changing any type here needs a protocol version bump** (`PROTOCOL_VERSION`): devices in the
//! field run old versions for months.

use crate::hlc::Hlc;
use crate::ids::DeviceId;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Sent as the `Polku-Protocol` header on every request.
pub const PROTOCOL_VERSION: u32 = 1;
pub const PROTOCOL_HEADER: &str = "Polku-Protocol";

/// The record kinds that sync (everything a coach records; drafts and settings stay local).
pub const ENTITIES: &[&str] = &[
    "client",
    "employer",
    "employer_contact",
    "job",
    "support_contact",
    "fidelity_review",
    "fidelity_item_score",
    "fidelity_action",
    // kept losers of concurrent edits, made by the server; devices sync their resolution
    "conflict",
];

/// One outbox entry: the fields one user action changed on one record, all stamped `hlc`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Mutation {
    /// Per-device sequence number, counting up from 1 without gaps.
    pub seq: u64,
    pub entity: String,
    pub record_id: String,
    pub hlc: String,
    #[ts(type = "Record<string, unknown>")]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub fields: Map<String, Value>,
    /// For edits: the clock each field had when the writer saw it. `None` for a new record.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub base: Option<Map<String, Value>>,
}

/// `POST /v1/sync/push`: a batch identified by `(device, from_seq..=to_seq)`. Replaying it
/// changes nothing; the same seq with a different payload is a conflict, never an overwrite.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PushRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub device_id: DeviceId,
    pub from_seq: u64,
    pub to_seq: u64,
    pub mutations: Vec<Mutation>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PushResponse {
    /// Every mutation up to this seq is stored on the server.
    pub applied_to_seq: u64,
    /// The server's change cursor after this batch.
    pub cursor: u64,
}

/// Why a batch is malformed; the server answers 400 naming the seq and changes nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BatchError {
    #[error("the batch is empty")]
    Empty,
    #[error("seq {seq}: expected {expected} (from_seq..=to_seq, in order, without gaps)")]
    OutOfOrder { seq: u64, expected: u64 },
    #[error("to_seq {to_seq} does not match the last mutation")]
    RangeMismatch { to_seq: u64 },
    #[error("seq {seq}: unknown entity {entity:?}")]
    UnknownEntity { seq: u64, entity: String },
    #[error("seq {seq}: record id is not a UUID")]
    BadRecordId { seq: u64 },
    #[error("seq {seq}: clock stamp {hlc:?} is not a valid HLC")]
    BadClock { seq: u64, hlc: String },
    #[error("seq {seq}: a mutation must change at least one field")]
    NoFields { seq: u64 },
}

impl BatchError {
    /// The mutation the error is about, when it is about one.
    pub fn seq(&self) -> Option<u64> {
        match self {
            BatchError::Empty | BatchError::RangeMismatch { .. } => None,
            BatchError::OutOfOrder { seq, .. }
            | BatchError::UnknownEntity { seq, .. }
            | BatchError::BadRecordId { seq }
            | BatchError::BadClock { seq, .. }
            | BatchError::NoFields { seq } => Some(*seq),
        }
    }
}

impl PushRequest {
    /// Checks the batch's shape; merging rules are the server's.
    pub fn validate(&self) -> Result<(), BatchError> {
        if self.mutations.is_empty() {
            return Err(BatchError::Empty);
        }
        for (i, m) in self.mutations.iter().enumerate() {
            // Seqs count from 1; a range running past u64::MAX is out of order, not a panic.
            let expected = match self.from_seq.checked_add(i as u64) {
                Some(e) if e > 0 => e,
                _ => {
                    return Err(BatchError::OutOfOrder {
                        seq: m.seq,
                        expected: 1,
                    })
                }
            };
            if m.seq != expected {
                return Err(BatchError::OutOfOrder {
                    seq: m.seq,
                    expected,
                });
            }
            if !ENTITIES.contains(&m.entity.as_str()) {
                return Err(BatchError::UnknownEntity {
                    seq: m.seq,
                    entity: m.entity.clone(),
                });
            }
            // Item scores are keyed "<review id>:<item code>".
            let id = m.record_id.split(':').next().unwrap_or_default();
            if uuid::Uuid::parse_str(id).is_err() {
                return Err(BatchError::BadRecordId { seq: m.seq });
            }
            if m.hlc.parse::<Hlc>().is_err() {
                return Err(BatchError::BadClock {
                    seq: m.seq,
                    hlc: m.hlc.clone(),
                });
            }
            if m.fields.is_empty() {
                return Err(BatchError::NoFields { seq: m.seq });
            }
        }
        if self.mutations.last().map(|m| m.seq) != Some(self.to_seq) {
            return Err(BatchError::RangeMismatch {
                to_seq: self.to_seq,
            });
        }
        Ok(())
    }
}

/// One accepted mutation, in the server's cursor order: the fields of `record_id` that won the
/// merge, all stamped `hlc`. A device applies each field whose clock is newer than its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub cursor: u64,
    pub entity: String,
    pub record_id: String,
    pub hlc: String,
    #[ts(type = "Record<string, unknown>")]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub fields: Map<String, Value>,
    /// The user whose caseload the record belongs to (what a supervisor's import groups by).
    pub owner: String,
}

/// `GET /v1/sync/pull?after=<cursor>&limit=N`. The device applies a page and stores
/// `next_cursor` in the same transaction; it keeps asking while `has_more`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PullResponse {
    pub changes: Vec<Change>,
    pub next_cursor: u64,
    pub has_more: bool,
}

/// A user's role on the regional server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Coach,
    Supervisor,
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Coach => "coach",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(s: &str) -> Option<Role> {
        [Role::Coach, Role::Supervisor, Role::Admin]
            .into_iter()
            .find(|r| r.code() == s)
    }
}

/// `POST /v1/enrol`: a one-time code from the administrator, exchanged for a device token.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct EnrolRequest {
    pub code: String,
    /// Shown to administrators when they list or revoke devices.
    pub device_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Team {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct EnrolResponse {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub device_id: DeviceId,
    /// Sent as `Authorization: Bearer <token>`; the server keeps only its hash.
    pub token: String,
    pub user_id: String,
    pub user_name: String,
    pub role: Role,
    pub teams: Vec<Team>,
}

/// `GET /v1/sync/status`: who this device is and what the server holds of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StatusResponse {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub device_id: DeviceId,
    pub user_id: String,
    pub user_name: String,
    pub role: Role,
    pub teams: Vec<Team>,
    /// The device's mutations up to this seq are stored.
    pub applied_to_seq: u64,
    /// The newest cursor in this device's scope.
    pub cursor: u64,
}

/// Every error the server answers: a stable `code` the app translates, and an English
/// `message` for logs and third-party clients. `seq`/`record_id` name the offending mutation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// For `seq_gap`: the seq the server expects next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_seq: Option<u64>,
}

/// What a merge does with one incoming field write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldMerge {
    /// The incoming value replaces the stored one (a plain successor, or the newer of two
    /// concurrent writes: then `conflict` is true and the stored value is kept as the loser).
    Take { conflict: bool },
    /// The stored value stays (the incoming write is the same write, or older; when it was a
    /// concurrent edit `conflict` is true and the incoming value is kept as the loser).
    Keep { conflict: bool },
}

/// The server's per-field merge. `stored` is the field's clock on the server, `base` the clock
/// the writer saw before its edit (`None` for a new record). Last writer wins by clock; an edit
/// whose base is not the stored clock was concurrent with another device's, so the loser is
/// kept as a conflict instead of vanishing. Clocks compare as text (their encoding sorts).
pub fn merge_field(stored: Option<&str>, incoming: &str, base: Option<&str>) -> FieldMerge {
    let Some(stored) = stored else {
        return FieldMerge::Take { conflict: false };
    };
    if incoming == stored {
        return FieldMerge::Keep { conflict: false };
    }
    let successor = base == Some(stored);
    if incoming > stored {
        FieldMerge::Take {
            conflict: !successor,
        }
    } else {
        // An older write arriving late: it lost to a write its author had not seen.
        FieldMerge::Keep { conflict: true }
    }
}

/// The id of the conflict record kept for a losing write: the same on every replica and on
/// every replay, so a conflict is recorded once.
pub fn conflict_id(entity: &str, record_id: &str, field: &str, loser_hlc: &str) -> String {
    let name = format!("{entity}/{record_id}/{field}/{loser_hlc}");
    uuid::Uuid::new_v5(&CONFLICT_NAMESPACE, name.as_bytes()).to_string()
}

const CONFLICT_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x6f1c_2d7e_8a4b_4c1d_9e3f_5a6b_7c8d_9e0f);

/// The fields of a `conflict` record (entity `"conflict"`), made by the server when two devices
/// edited one field concurrently. The coach resolves it by writing the field and `resolvedAt`.
pub mod conflict_fields {
    pub const ENTITY: &str = "entity";
    pub const RECORD_ID: &str = "recordId";
    pub const FIELD: &str = "field";
    pub const KEPT_VALUE: &str = "keptValue";
    pub const KEPT_HLC: &str = "keptHlc";
    pub const LOST_VALUE: &str = "lostValue";
    pub const LOST_HLC: &str = "lostHlc";
    pub const RESOLVED_AT: &str = "resolvedAt";
}

/// The app's sync state at a glance (the status bar and Settings show it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// No server set up: everything stays on this device.
    NotEnrolled,
    Syncing,
    /// The last round reached the server.
    Online,
    /// The server could not be reached; retrying with backoff.
    Offline,
    /// The server refused this device's batches; `last_error` says why.
    Stuck,
    /// An administrator revoked this device: sync stopped, local data kept.
    Revoked,
}

/// A sync error for the UI: `code` picks the translated message; `message` is for the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncError {
    pub code: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub state: SyncState,
    pub server_url: Option<String>,
    pub user_name: Option<String>,
    /// Records changed here and not yet on the server.
    #[ts(type = "number")]
    pub pending: u64,
    /// RFC 3339 time of the last round that completed.
    pub last_sync_at: Option<String>,
    pub last_error: Option<SyncError>,
    /// Conflicts waiting for the coach.
    #[ts(type = "number")]
    pub conflicts: u64,
    /// Pulled changes this app could not apply (kept aside, reported).
    #[ts(type = "number")]
    pub quarantined: u64,
    /// How far this device has pulled; when it moves, lists on screen may have new records.
    #[ts(type = "number")]
    pub pull_cursor: u64,
}

/// `sync_enrol`: what the coach types to connect this device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EnrolInput {
    pub server_url: String,
    pub code: String,
    pub device_name: String,
}

/// One side of a conflict: the value, when it was written and on which device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictSide {
    #[ts(type = "unknown")]
    pub value: Value,
    /// RFC 3339, from the write's clock.
    pub written_at: String,
    /// Whether this device wrote it.
    pub this_device: bool,
}

/// A conflict as the conflicts view shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    pub id: String,
    pub entity: String,
    pub record_id: String,
    /// The record's name as the coach knows it (client or employer name, contact date…).
    pub record_label: String,
    pub field: String,
    /// The value in the record now (the newer write).
    pub kept: ConflictSide,
    /// The value that lost.
    pub lost: ConflictSide,
}

/// How the coach resolves a conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum ConflictResolution {
    /// Keep the value the record has.
    Kept,
    /// Put the losing value back.
    Lost,
    /// Write a new value (e.g. both notes combined).
    Edited {
        #[ts(type = "unknown")]
        value: Value,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mutation(seq: u64) -> Mutation {
        let mut fields = Map::new();
        fields.insert("name".into(), Value::from("Aino K."));
        Mutation {
            seq,
            entity: "client".into(),
            record_id: uuid::Uuid::now_v7().to_string(),
            hlc: Hlc::next(None, 1_700_000_000_000, DeviceId::new()).to_string(),
            fields,
            base: None,
        }
    }

    fn batch(seqs: &[u64]) -> PushRequest {
        PushRequest {
            device_id: DeviceId::new(),
            from_seq: seqs.first().copied().unwrap_or(1),
            to_seq: seqs.last().copied().unwrap_or(1),
            mutations: seqs.iter().map(|s| mutation(*s)).collect(),
        }
    }

    #[test]
    fn a_contiguous_batch_is_well_formed() {
        assert_eq!(batch(&[3, 4, 5]).validate(), Ok(()));
    }

    #[test]
    fn a_gap_in_the_sequence_is_named_by_its_seq() {
        assert_eq!(
            batch(&[3, 5]).validate(),
            Err(BatchError::OutOfOrder {
                seq: 5,
                expected: 4
            })
        );
    }

    #[test]
    fn an_unknown_entity_and_a_bad_clock_are_rejected() {
        let mut b = batch(&[1]);
        b.mutations[0].entity = "drafts".into();
        assert!(matches!(
            b.validate(),
            Err(BatchError::UnknownEntity { seq: 1, .. })
        ));
        let mut b = batch(&[1]);
        b.mutations[0].hlc = "yesterday".into();
        assert!(matches!(
            b.validate(),
            Err(BatchError::BadClock { seq: 1, .. })
        ));
    }

    const H0: &str = "000000000000001-0000000000-a";
    const H1: &str = "000000000000002-0000000000-a";
    const H2: &str = "000000000000003-0000000000-b";

    #[test]
    fn a_field_the_server_has_never_seen_is_taken() {
        assert_eq!(
            merge_field(None, H1, None),
            FieldMerge::Take { conflict: false }
        );
    }

    #[test]
    fn an_edit_of_what_the_server_holds_is_a_plain_successor() {
        assert_eq!(
            merge_field(Some(H0), H1, Some(H0)),
            FieldMerge::Take { conflict: false }
        );
    }

    #[test]
    fn concurrent_edits_keep_the_newer_and_record_the_loser_whichever_arrives_first() {
        // H2 is stored; H1 was written from base H0 without seeing H2: it loses, kept.
        assert_eq!(
            merge_field(Some(H2), H1, Some(H0)),
            FieldMerge::Keep { conflict: true }
        );
        // H1 is stored; H2 was written from H0 without seeing H1: it wins, H1 kept.
        assert_eq!(
            merge_field(Some(H1), H2, Some(H0)),
            FieldMerge::Take { conflict: true }
        );
    }

    #[test]
    fn the_same_write_arriving_twice_changes_nothing() {
        assert_eq!(
            merge_field(Some(H1), H1, Some(H0)),
            FieldMerge::Keep { conflict: false }
        );
    }

    #[test]
    fn a_conflict_has_the_same_id_everywhere() {
        let a = conflict_id("client", "x", "name", H1);
        assert_eq!(a, conflict_id("client", "x", "name", H1));
        assert_ne!(a, conflict_id("client", "x", "notes", H1));
    }

    #[test]
    fn a_batch_round_trips_through_json() {
        let b = batch(&[1, 2]);
        let json = serde_json::to_string(&b).expect("json");
        assert!(json.contains("\"fromSeq\":1"));
        assert_eq!(serde_json::from_str::<PushRequest>(&json).expect("back"), b);
    }
}
