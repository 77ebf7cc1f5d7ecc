//! The kinds of records that sync: everything a coach records, and the user's profile (the
//! settings that follow a user across devices). Drafts and the other settings stay on the
//! device; `conflict` records are made by the server and their resolution syncs back; a
//! `log_review` is a supervisor's record kept among the coach's.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    ts_rs::TS,
    strum::VariantArray,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Client,
    Employer,
    EmployerContact,
    Job,
    SupportContact,
    FidelityReview,
    /// One item of a review, keyed `<review id>:<item code>`.
    FidelityItemScore,
    FidelityAction,
    /// The losing value of a concurrent edit, kept by the server for the coach to resolve.
    Conflict,
    /// The name a user's reports carry and their FTE, keyed by the user's id: only that user
    /// writes it.
    Profile,
    /// A supervisor's review of a coach's week (`crate::LogReview`): kept in the coach's
    /// records, written only by the supervisor who made it.
    LogReview,
}

impl Entity {
    /// The entity's name on the wire and in both databases.
    pub const fn code(self) -> &'static str {
        match self {
            Entity::Client => "client",
            Entity::Employer => "employer",
            Entity::EmployerContact => "employer_contact",
            Entity::Job => "job",
            Entity::SupportContact => "support_contact",
            Entity::FidelityReview => "fidelity_review",
            Entity::FidelityItemScore => "fidelity_item_score",
            Entity::FidelityAction => "fidelity_action",
            Entity::Conflict => "conflict",
            Entity::Profile => "profile",
            Entity::LogReview => "log_review",
        }
    }

    pub fn from_code(code: &str) -> Option<Entity> {
        use strum::VariantArray;
        Entity::VARIANTS.iter().copied().find(|e| e.code() == code)
    }

    /// For a kind kept among one user's records but written by another (a supervisor's review
    /// of a coach's log), the fields that name the two; `None` for every kind its owner
    /// writes. The server files such a record under `owner` and lets only `writer` change it;
    /// a device refuses a change by anyone else the same way.
    pub const fn kept_for(self) -> Option<KeptFor> {
        match self {
            Entity::LogReview => Some(KeptFor {
                owner: "coachId",
                writer: "reviewerId",
            }),
            _ => None,
        }
    }

    /// What a coach sees of a record of this kind kept by a colleague in one of their teams
    /// (`GET /v1/teams/{team}/shared`). Employers belong to the team: IPS coaches coordinate
    /// job development, so each sees, and may correct, the team's directory. Of a colleague's
    /// employer contact only when, how and by whom an employer was last met — never the client,
    /// the person met or the notes. Clients and everything else stay with their coach (and
    /// the team's supervisors, who pull the whole team).
    pub const fn team_share(self) -> TeamShare {
        match self {
            Entity::Employer => TeamShare::Whole,
            Entity::EmployerContact => {
                TeamShare::Only(&["employerId", "occurredAt", "coach", "mode", "removedAt"])
            }
            _ => TeamShare::Nothing,
        }
    }

    /// Fields of a record the team shares that only a supervisor (or administrator) of its
    /// team writes: merging a duplicate employer into another. A coach's write of one is
    /// refused on the device and by the server.
    pub const fn led_fields(self) -> &'static [&'static str] {
        match self {
            Entity::Employer => &[EMPLOYER_MERGED_INTO],
            _ => &[],
        }
    }

    /// The kinds a team shares at all ([`Entity::team_share`] is not `Nothing`).
    pub fn shared_with_team() -> impl Iterator<Item = Entity> {
        use strum::VariantArray;
        Entity::VARIANTS
            .iter()
            .copied()
            .filter(|e| e.team_share() != TeamShare::Nothing)
    }

    /// The field naming the client a record of this kind belongs to, for kinds that move with
    /// their client in a handover (a job, a support contact). The client itself is
    /// [`Entity::Client`]; an employer contact is the coach's own work and stays with them.
    pub const fn client_field(self) -> Option<&'static str> {
        match self {
            Entity::Job | Entity::SupportContact => Some("clientId"),
            _ => None,
        }
    }

    /// The client a record of this kind belongs to: a client is its own; a job or a support
    /// contact names theirs in [`Entity::client_field`]; `None` for every other kind.
    pub fn client_of<'a>(
        self,
        record_id: &'a str,
        fields: &'a serde_json::Map<String, serde_json::Value>,
    ) -> Option<&'a str> {
        match self {
            Entity::Client => Some(record_id),
            _ => fields.get(self.client_field()?)?.as_str(),
        }
    }

    /// Whether this kind's records are keyed `<review id>:<item code>` instead of by a UUID.
    pub const fn keyed_by_item(self) -> bool {
        matches!(self, Entity::FidelityItemScore)
    }
}

/// The fields of a record kept among another user's records: whose records keep it, and who
/// writes it (each a user id). See [`Entity::kept_for`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeptFor {
    pub owner: &'static str,
    pub writer: &'static str,
}

/// The field of an employer naming the employer a supervisor merged it into (a duplicate).
pub const EMPLOYER_MERGED_INTO: &str = "mergedInto";

/// How much of a colleague's record a team's coaches see. See [`Entity::team_share`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamShare {
    Nothing,
    /// The whole record, which every member of its team may also change.
    Whole,
    /// These fields only, read-only.
    Only(&'static [&'static str]),
}

impl TeamShare {
    /// Whether a colleague sees `field` of such a record.
    pub fn shows(self, field: &str) -> bool {
        match self {
            TeamShare::Nothing => false,
            TeamShare::Whole => true,
            TeamShare::Only(fields) => fields.contains(&field),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an entity that syncs")]
pub struct UnknownEntity(pub String);

impl std::str::FromStr for Entity {
    type Err = UnknownEntity;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Entity::from_code(s).ok_or_else(|| UnknownEntity(s.to_owned()))
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn a_colleague_sees_the_teams_employers_and_of_a_contact_never_its_client_or_notes() {
        assert!(Entity::Employer.team_share().shows("name"));
        let contact = Entity::EmployerContact.team_share();
        assert!(contact.shows("employerId") && contact.shows("occurredAt"));
        for private in [
            "clientIds",
            "notes",
            "contactPerson",
            "contactRole",
            "nextStep",
        ] {
            assert!(!contact.shows(private), "{private} stays with the coach");
        }
        for e in [
            Entity::Client,
            Entity::Job,
            Entity::SupportContact,
            Entity::LogReview,
        ] {
            assert_eq!(e.team_share(), TeamShare::Nothing, "{e}");
        }
    }

    #[test]
    fn every_entity_travels_under_its_code_and_is_read_back_from_it() {
        for e in Entity::VARIANTS {
            let json = serde_json::to_value(e).expect("json");
            assert_eq!(json, e.code());
            assert_eq!(Entity::from_code(e.code()), Some(*e));
        }
        assert!(serde_json::from_str::<Entity>("\"drafts\"").is_err());
        assert_eq!(Entity::from_code("settings"), None);
    }
}
