//! Newtype ids over UUIDv7, made on the device. v7 ids sort by creation time, which keeps
//! SQLite's b-tree inserts append-mostly and lets sync merge records made offline.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! uuid_id {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
        #[serde(transparent)]
        #[ts(type = "string")]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )+};
}

uuid_id!(
    /// A client (job seeker) in a coach's caseload.
    ClientId,
    /// An employer in the directory.
    EmployerId,
    /// One entry of the employer contact log.
    ContactId,
    /// A job a client holds or held.
    JobId,
    /// One in-work support contact.
    SupportContactId,
    /// The device (installation) that wrote a change; part of every clock stamp.
    DeviceId,
    /// One fidelity self-assessment (or peer / external review).
    ReviewId,
    /// One action of a review's action plan.
    ReviewActionId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialize_as_plain_uuid_strings() {
        let id = ClientId::new();
        let json = serde_json::to_string(&id).expect("serialize");
        assert_eq!(json, format!("\"{id}\""));
        let back: ClientId = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, id);
    }

    #[test]
    fn later_ids_sort_after_earlier_ones() {
        let a = ContactId::new();
        let b = ContactId::new();
        assert!(
            a < b,
            "UUIDv7 must sort by creation time for append-mostly inserts"
        );
    }
}
