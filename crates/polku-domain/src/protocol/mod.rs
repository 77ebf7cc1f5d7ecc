//! The sync protocol between the app and the regional server (`docs/SYNC.md`): every type
//! that crosses the wire, the rules both sides apply alike (the per-field merge, the ids of
//! conflict records) and the limits the server enforces. The device sends and reads these very
//! types; the server parses requests into them, so a request that is not well formed is
//! refused at the door, before anything is stored.
//!
//! **Changing anything here needs a protocol version bump** ([`PROTOCOL_VERSION`]): devices in
//! the field run old versions for months. The one change that needs none is a new *optional*
//! field in an answer (old readers ignore fields they do not know). A new [`Entity`], a new
//! [`SyncErrorCode`] the app must act on, a renamed or retyped field, or a tighter rule on what
//! a request may hold all do: a device of the old version could not read or send them.
//!
//! What only the app's screens see of sync (its state, conflicts as the coach reads them)
//! is [`crate::sync`], not here.

mod enrol;
mod entity;
mod error;
mod handover;
mod merge;
mod pull;
mod push;
mod record_id;
mod roster;

pub use enrol::{EnrolRequest, EnrolResponse, Role, StatusResponse, Team};
pub use entity::{Entity, KeptFor, TeamShare, UnknownEntity, EMPLOYER_MERGED_INTO};
pub use error::{ApiError, SyncErrorCode};
pub use handover::{HandoverRequest, HandoverResponse};
pub use merge::{conflict_fields, conflict_id, merge_field, FieldMerge};
pub use pull::{Change, HeadQuery, PullQuery, PullResponse, ScopeHead, DEFAULT_PAGE, MAX_PAGE};
pub use push::{BatchError, Clocks, Fields, Mutation, PushRequest, PushResponse, MAX_BATCH};
pub use record_id::{BadRecordId, RecordId};
pub use roster::{RosterDevice, RosterMember, TeamRoster};

/// Sent as the `Polku-Protocol` header on every request.
pub const PROTOCOL_VERSION: u32 = 1;
pub const PROTOCOL_HEADER: &str = "Polku-Protocol";

/// A UUID in the one spelling the protocol accepts: lowercase and hyphenated, as every id is
/// written. `{braced}`, unhyphenated or UPPER-case spellings of the same id are refused, so
/// one id can never become several records.
pub(crate) fn canonical_uuid(s: &str) -> Option<uuid::Uuid> {
    let canonical = s.len() == 36 && !s.bytes().any(|b| b.is_ascii_uppercase());
    canonical.then(|| uuid::Uuid::try_parse(s).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::canonical_uuid;

    #[test]
    fn only_the_lowercase_hyphenated_spelling_of_a_uuid_is_accepted() {
        let id = "0197a0c0-1234-7abc-8def-000000000001";
        assert!(canonical_uuid(id).is_some());
        for other in [
            "0197A0C0-1234-7ABC-8DEF-000000000001",
            "{0197a0c0-1234-7abc-8def-000000000001}",
            "0197a0c012347abc8def000000000001",
            "urn:uuid:0197a0c0-1234-7abc-8def-000000000001",
            "0197a0c0-1234-7abc-8def-00000000000g",
        ] {
            assert!(canonical_uuid(other).is_none(), "{other} must be refused");
        }
    }
}
