//! A synced record's id as it travels and is stored on both sides.

use super::{canonical_uuid, Entity};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use uuid::Uuid;

/// The lowercase hyphenated form of a UUID, or for a review's item score
/// `<review UUID>:<item code>`. Any other text is refused when read: one UUID spelled four
/// ways would otherwise be four records, and `<uuid>:../../x` a client.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
#[ts(type = "string")]
pub struct RecordId(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a record id (a lowercase hyphenated UUID, or <UUID>:<item code>)")]
pub struct BadRecordId(pub String);

impl RecordId {
    pub fn parse(text: &str) -> Result<RecordId, BadRecordId> {
        let bad = || BadRecordId(text.to_owned());
        let (uuid, item) = match text.split_once(':') {
            Some((uuid, item)) => (uuid, Some(item)),
            None => (text, None),
        };
        canonical_uuid(uuid).ok_or_else(bad)?;
        if item.is_some_and(|i| !crate::fidelity::is_plain_code(i)) {
            return Err(bad());
        }
        Ok(RecordId(text.to_owned()))
    }

    /// The id of a record keyed by a UUID (every entity but item scores).
    pub fn of(id: impl Into<Uuid>) -> RecordId {
        RecordId(id.into().to_string())
    }

    /// An item score's id: its review and the item's code (a plain code, as scale files hold).
    pub fn item_score(review: impl Into<Uuid>, item: &str) -> Result<RecordId, BadRecordId> {
        RecordId::parse(&format!("{}:{item}", review.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The UUID the id starts with (for an item score, its review's).
    pub fn uuid(&self) -> Uuid {
        let head = self.0.split_once(':').map_or(self.0.as_str(), |(u, _)| u);
        // Checked when the id was made.
        Uuid::try_parse(head).unwrap_or_default()
    }

    /// The item code of an item score's id.
    pub fn item(&self) -> Option<&str> {
        self.0.split_once(':').map(|(_, item)| item)
    }

    /// Whether the id has the form `entity`'s records are keyed by.
    pub fn fits(&self, entity: Entity) -> bool {
        self.item().is_some() == entity.keyed_by_item()
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for RecordId {
    type Err = BadRecordId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RecordId::parse(s)
    }
}

impl Serialize for RecordId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RecordId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        RecordId::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for RecordId {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(
                "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(:[A-Za-z0-9_-]{1,64})?$",
            ))
            .description(Some(
                "A lowercase hyphenated UUID; an item score's is <review UUID>:<item code>",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for RecordId {}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0197a0c0-1234-7abc-8def-000000000001";

    #[test]
    fn a_uuid_and_an_item_score_key_are_record_ids_of_their_own_entities() {
        let client = RecordId::parse(ID).expect("uuid");
        assert!(client.fits(Entity::Client) && !client.fits(Entity::FidelityItemScore));
        let item = RecordId::parse(&format!("{ID}:V12")).expect("item score");
        assert!(item.fits(Entity::FidelityItemScore) && !item.fits(Entity::Client));
        assert_eq!(item.item(), Some("V12"));
        assert_eq!(item.uuid().to_string(), ID);
    }

    #[test]
    fn other_spellings_and_paths_are_not_record_ids() {
        for bad in [
            ID.to_uppercase(),
            format!("{{{ID}}}"),
            ID.replace('-', ""),
            format!("{ID}:../../x"),
            format!("{ID}:"),
            format!("{ID}:V1:V2"),
            String::new(),
        ] {
            assert!(RecordId::parse(&bad).is_err(), "{bad:?} must be refused");
            let json = serde_json::to_string(&bad).expect("json");
            assert!(serde_json::from_str::<RecordId>(&json).is_err());
        }
    }
}
