//! In-work support contacts (työssä tukeminen).

use crate::contact::LocalDateTime;
use crate::enums::ContactMode;
use crate::ids::{ClientId, JobId, SupportContactId};
use crate::validation::{limits, ValidationCode, ValidationErrors};
use chrono::Duration;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SupportContactInput {
    pub client_id: ClientId,
    pub job_id: Option<JobId>,
    #[serde(with = "crate::contact::local_time")]
    #[ts(type = "string")]
    pub occurred_at: LocalDateTime,
    pub mode: ContactMode,
    pub with_employer: bool,
    pub notes: String,
}

impl SupportContactInput {
    pub fn validate(&self, now: LocalDateTime) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.occurred_at > now + Duration::days(1) {
            e.add("occurredAt", ValidationCode::TooFarInFuture);
        } else if self.occurred_at.date() < crate::client::earliest_date() {
            e.add("occurredAt", ValidationCode::TooFarInPast);
        }
        e.max_len("notes", &self.notes, limits::NOTES);
        e.into_result()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SupportContact {
    pub id: SupportContactId,
    #[serde(flatten)]
    #[ts(flatten)]
    pub input: SupportContactInput,
}
