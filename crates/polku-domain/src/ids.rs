//! Newtype ids over UUIDv7, made on the device (records) or the server (users, teams, devices).
//! v7 ids sort by creation time, which keeps SQLite's b-tree inserts append-mostly and lets
//! sync merge records made offline. They read only the one spelling they are written in
//! (lowercase, hyphenated): the same id in another spelling would be another record.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! uuid_id {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
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

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
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
            type Err = BadId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                crate::protocol::canonical_uuid(s)
                    .map(Self)
                    .ok_or_else(|| BadId(s.to_owned()))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&self.0.hyphenated())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )+};
}

/// Text that is not an id: not a UUID, or not in its lowercase hyphenated spelling.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an id (a lowercase hyphenated UUID)")]
pub struct BadId(pub String);

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
    /// A user of the regional server (a coach, supervisor or administrator).
    UserId,
    /// A team on the regional server.
    TeamId,
    /// A supervisor's review of one coach's week of employer contacts.
    LogReviewId,
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
    fn an_id_reads_only_its_lowercase_hyphenated_spelling() {
        let id = ClientId::new();
        let other_spellings = [
            id.0.hyphenated().to_string().to_uppercase(),
            id.0.braced().to_string(),
            id.0.simple().to_string(),
        ];
        for s in other_spellings {
            assert!(s.parse::<ClientId>().is_err(), "{s}");
            let json = serde_json::to_string(&s).expect("json");
            assert!(serde_json::from_str::<ClientId>(&json).is_err(), "{s}");
        }
        assert_eq!(id.to_string().parse::<ClientId>(), Ok(id));
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
