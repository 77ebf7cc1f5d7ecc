//! Push: a batch of a device's outbox, identified by `(device, from_seq..=to_seq)`. Replaying
//! it changes nothing; the same seq with a different payload is refused, never an overwrite.

use super::{Entity, RecordId};
use crate::hlc::Hlc;
use crate::ids::DeviceId;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The most mutations one push may carry.
pub const MAX_BATCH: usize = 1000;

/// A mutation's fields as the server reads them.
pub type Fields = Map<String, Value>;
/// For each edited field, the clock the writer saw before its edit.
pub type Clocks = BTreeMap<String, Hlc>;

/// One outbox entry: the fields one user action changed on one record, all stamped `hlc`.
/// `F` and `B` are how the fields and base travel: parsed on the server ([`Fields`],
/// [`Clocks`]); on the device the outbox's stored JSON text, sent without parsing it again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(bound = ""))]
#[serde(rename_all = "camelCase")]
pub struct Mutation<F = Fields, B = Clocks> {
    /// Per-device sequence number, counting up from 1 without gaps.
    pub seq: u64,
    pub entity: Entity,
    pub record_id: RecordId,
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^\d{15}-\d{10}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"))]
    pub hlc: Hlc,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub fields: F,
    /// For edits: the clock each field had when the writer saw it. `None` for a new record.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub base: Option<B>,
}

/// `POST /v1/sync/push`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(bound = ""))]
#[serde(rename_all = "camelCase")]
pub struct PushRequest<F = Fields, B = Clocks> {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub device_id: DeviceId,
    pub from_seq: u64,
    pub to_seq: u64,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Mutation>, max_items = 1000))]
    pub mutations: Vec<Mutation<F, B>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PushResponse {
    /// Every mutation up to this seq is stored on the server.
    pub applied_to_seq: u64,
    /// The server's change cursor after this batch.
    pub cursor: u64,
}

/// Why a batch is malformed; the server answers 400 `bad_batch` naming the mutation and
/// stores nothing of the batch.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BatchError {
    #[error("the batch is empty")]
    Empty,
    #[error("the batch has {count} mutations; at most {MAX_BATCH} are accepted")]
    TooMany { count: usize },
    /// A mutation that could not be read: an unknown entity, a clock or record id not in the
    /// protocol's form, a field of the wrong type. `seq` is its seq when that much was read.
    #[error("mutation {index}{}: {detail}", .seq.map(|s| format!(" (seq {s})")).unwrap_or_default())]
    Unreadable {
        index: usize,
        seq: Option<u64>,
        detail: String,
    },
    #[error("seq {seq}: expected {expected} (from_seq..=to_seq, in order, without gaps)")]
    OutOfOrder { seq: u64, expected: u64 },
    #[error("to_seq {to_seq} does not match the last mutation")]
    RangeMismatch { to_seq: u64 },
    #[error("seq {seq}: a {entity} is not keyed by a record id like {record_id}")]
    BadRecordId {
        seq: u64,
        entity: Entity,
        record_id: RecordId,
    },
    #[error("seq {seq}: a mutation must change at least one field")]
    NoFields { seq: u64 },
    #[error("seq {seq}: {field:?} is not a field name")]
    BadField { seq: u64, field: String },
}

impl BatchError {
    /// The mutation the error is about, when it is about one.
    pub fn seq(&self) -> Option<u64> {
        match self {
            BatchError::Empty | BatchError::TooMany { .. } | BatchError::RangeMismatch { .. } => {
                None
            }
            BatchError::Unreadable { seq, .. } => *seq,
            BatchError::OutOfOrder { seq, .. }
            | BatchError::BadRecordId { seq, .. }
            | BatchError::NoFields { seq }
            | BatchError::BadField { seq, .. } => Some(*seq),
        }
    }
}

/// A field name as records have them: a camelCase identifier. Anything else (`*`, which the
/// stores use for a record's creation clock, or text with dots and slashes) is refused.
fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && name.len() <= 64
}

impl PushRequest<Fields, Clocks> {
    /// Checks what typing cannot: the batch's size and sequence, that each record id has its
    /// entity's form, and that fields are named like fields. Merging rules are the server's.
    pub fn validate(&self) -> Result<(), BatchError> {
        if self.mutations.is_empty() {
            return Err(BatchError::Empty);
        }
        if self.mutations.len() > MAX_BATCH {
            return Err(BatchError::TooMany {
                count: self.mutations.len(),
            });
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
            if !m.record_id.fits(m.entity) {
                return Err(BatchError::BadRecordId {
                    seq: m.seq,
                    entity: m.entity,
                    record_id: m.record_id.clone(),
                });
            }
            if m.fields.is_empty() {
                return Err(BatchError::NoFields { seq: m.seq });
            }
            let names = m.fields.keys().chain(m.base.iter().flat_map(|b| b.keys()));
            if let Some(field) = names.into_iter().find(|f| !is_field_name(f)) {
                return Err(BatchError::BadField {
                    seq: m.seq,
                    field: field.clone(),
                });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn mutation(seq: u64) -> Mutation {
        let mut fields = Map::new();
        fields.insert("name".into(), Value::from("Aino K."));
        Mutation {
            seq,
            entity: Entity::Client,
            record_id: RecordId::of(uuid::Uuid::now_v7()),
            hlc: Hlc::next(None, 1_700_000_000_000, DeviceId::new()),
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
    fn a_batch_over_the_limit_is_refused_whole() {
        let seqs: Vec<u64> = (1..=(MAX_BATCH as u64 + 1)).collect();
        assert_eq!(
            batch(&seqs).validate(),
            Err(BatchError::TooMany {
                count: MAX_BATCH + 1
            })
        );
        assert_eq!(batch(&seqs[..MAX_BATCH]).validate(), Ok(()));
    }

    #[test]
    fn an_item_score_key_for_a_client_and_a_uuid_for_an_item_score_are_refused() {
        let mut b = batch(&[1]);
        b.mutations[0].record_id =
            RecordId::parse("0197a0c0-1234-7abc-8def-000000000001:V4").expect("id");
        assert!(matches!(
            b.validate(),
            Err(BatchError::BadRecordId { seq: 1, .. })
        ));
        let mut b = batch(&[1]);
        b.mutations[0].entity = Entity::FidelityItemScore;
        assert!(matches!(
            b.validate(),
            Err(BatchError::BadRecordId { seq: 1, .. })
        ));
    }

    #[test]
    fn a_field_named_like_the_creation_clock_or_a_path_is_refused() {
        for name in ["*", "a.b", "../x", "", "1st"] {
            let mut b = batch(&[1]);
            b.mutations[0].fields.insert(name.into(), Value::Null);
            assert_eq!(
                b.validate(),
                Err(BatchError::BadField {
                    seq: 1,
                    field: name.into()
                })
            );
        }
    }

    #[test]
    fn a_batch_round_trips_through_json_with_its_clock_and_ids_as_text() {
        let b = batch(&[1, 2]);
        let json = serde_json::to_value(&b).expect("json");
        assert_eq!(json["fromSeq"], 1);
        assert_eq!(json["mutations"][0]["entity"], "client");
        assert_eq!(json["mutations"][0]["hlc"], b.mutations[0].hlc.to_string());
        assert_eq!(
            serde_json::from_value::<PushRequest>(json).expect("back"),
            b
        );
    }

    #[test]
    fn a_clock_not_in_the_zero_padded_form_is_not_read() {
        let mut json = serde_json::to_value(batch(&[1])).expect("json");
        let device = DeviceId::new();
        json["mutations"][0]["hlc"] = Value::from(format!("9-0-{device}"));
        assert!(serde_json::from_value::<PushRequest>(json).is_err());
    }
}
