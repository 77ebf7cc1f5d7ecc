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
];

/// One outbox entry: the fields one user action changed on one record, all stamped `hlc`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Mutation {
    /// Per-device sequence number, counting up from 1 without gaps.
    pub seq: u64,
    pub entity: String,
    pub record_id: String,
    pub hlc: String,
    #[ts(type = "Record<string, unknown>")]
    pub fields: Map<String, Value>,
    /// For edits: the clock each field had when the writer saw it. `None` for a new record.
    pub base: Option<Map<String, Value>>,
}

/// `POST /v1/sync/push`: a batch identified by `(device, from_seq..=to_seq)`. Replaying it
/// changes nothing; the same seq with a different payload is a conflict, never an overwrite.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PushRequest {
    pub device_id: DeviceId,
    pub from_seq: u64,
    pub to_seq: u64,
    pub mutations: Vec<Mutation>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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

impl PushRequest {
    /// Checks the batch's shape; merging rules are the server's.
    pub fn validate(&self) -> Result<(), BatchError> {
        if self.mutations.is_empty() {
            return Err(BatchError::Empty);
        }
        for (i, m) in self.mutations.iter().enumerate() {
            let expected = self.from_seq + i as u64;
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

/// One accepted field change, in the server's cursor order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub cursor: u64,
    pub entity: String,
    pub record_id: String,
    pub field: String,
    #[ts(type = "unknown")]
    pub value: Value,
    pub hlc: String,
}

/// `GET /v1/sync/pull?after=<cursor>&limit=N`. The device applies a page and stores
/// `next_cursor` in the same transaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PullResponse {
    pub changes: Vec<Change>,
    pub next_cursor: u64,
    pub has_more: bool,
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

    #[test]
    fn a_batch_round_trips_through_json() {
        let b = batch(&[1, 2]);
        let json = serde_json::to_string(&b).expect("json");
        assert!(json.contains("\"fromSeq\":1"));
        assert_eq!(serde_json::from_str::<PushRequest>(&json).expect("back"), b);
    }
}
