//! The per-field merge both sides apply, and the records it leaves when edits collide.

use super::{Entity, RecordId};

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
/// kept as a conflict instead of vanishing. Clocks compare as text: their one accepted form
/// ([`crate::Hlc`]) sorts as the clocks do.
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
pub fn conflict_id(entity: Entity, record_id: &RecordId, field: &str, loser_hlc: &str) -> RecordId {
    let name = format!("{entity}/{record_id}/{field}/{loser_hlc}");
    RecordId::of(uuid::Uuid::new_v5(&CONFLICT_NAMESPACE, name.as_bytes()))
}

const CONFLICT_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x6f1c_2d7e_8a4b_4c1d_9e3f_5a6b_7c8d_9e0f);

/// The fields of a [`Entity::Conflict`] record, made by the server when two devices edited one
/// field concurrently. The coach resolves it by writing the field and `resolvedAt`.
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let record = RecordId::of(uuid::Uuid::nil());
        let a = conflict_id(Entity::Client, &record, "name", H1);
        assert_eq!(a, conflict_id(Entity::Client, &record, "name", H1));
        assert_ne!(a, conflict_id(Entity::Client, &record, "notes", H1));
        assert!(a.fits(Entity::Conflict));
    }
}
