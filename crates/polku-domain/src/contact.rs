//! The employer contact log: the coach's field record, one entry per contact.

use crate::employer::EmployerInput;
use crate::enums::{ContactMode, ContactOutcome, ContactPurpose};
use crate::ids::{ClientId, ContactId, EmployerId};
use crate::validation::{limits, ValidationCode, ValidationErrors};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Local wall time of the coach ("YYYY-MM-DDTHH:MM[:SS]"); a coach works in one time zone.
pub type LocalDateTime = NaiveDateTime;

/// Serde for [`LocalDateTime`] as the UI's `<input type="datetime-local">` speaks it: minutes
/// precision out, seconds optional in.
pub mod local_time {
    use super::LocalDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &LocalDateTime, s: S) -> Result<S::Ok, S::Error> {
        use chrono::{Datelike, Timelike};
        s.serialize_str(&format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute()
        ))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<LocalDateTime, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a local date and time: {text:?}")))
    }

    pub fn parse(text: &str) -> Option<LocalDateTime> {
        [
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M:%S%.f",
        ]
        .iter()
        .find_map(|f| LocalDateTime::parse_from_str(text, f).ok())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactInput {
    /// An existing employer, or `None` when `new_employer` is given.
    pub employer_id: Option<EmployerId>,
    /// Created in the same transaction as the contact (inline "new employer").
    pub new_employer: Option<EmployerInput>,
    #[serde(with = "local_time")]
    #[ts(type = "string")]
    pub occurred_at: LocalDateTime,
    pub contact_person: String,
    pub contact_role: String,
    pub mode: ContactMode,
    /// Empty means general job development, not on behalf of a particular client.
    pub client_ids: Vec<ClientId>,
    pub client_present: bool,
    pub purposes: Vec<ContactPurpose>,
    pub outcome: Option<ContactOutcome>,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
    pub notes: String,
}

impl ContactInput {
    /// A contact is a record of something that happened: at most a day ahead of `now`
    /// (clock skew, late evening entry), and a follow-up no more than two years out.
    pub fn validate(&self, now: LocalDateTime) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        match (&self.employer_id, &self.new_employer) {
            (None, None) => e.add("employerId", ValidationCode::Required),
            (Some(_), Some(_)) => e.add("employerId", ValidationCode::Invalid),
            (None, Some(new)) => {
                if let Err(inner) = new.validate() {
                    for fe in inner.0 {
                        e.add(&format!("newEmployer.{}", fe.field), fe.code);
                    }
                }
            }
            (Some(_), None) => {}
        }
        if self.occurred_at > now + Duration::days(1) {
            e.add("occurredAt", ValidationCode::TooFarInFuture);
        } else if self.occurred_at.date() < crate::client::earliest_date() {
            e.add("occurredAt", ValidationCode::TooFarInPast);
        }
        e.max_len("contactPerson", &self.contact_person, limits::NAME);
        e.max_len("contactRole", &self.contact_role, limits::NAME);
        e.max_len("nextStep", &self.next_step, limits::SHORT_TEXT);
        e.max_len("notes", &self.notes, limits::NOTES);
        if let Some(due) = self.next_step_due {
            if due < self.occurred_at.date() {
                e.add("nextStepDue", ValidationCode::EndsBeforeStart);
            } else if due > now.date() + Duration::days(731) {
                e.add("nextStepDue", ValidationCode::TooFarInFuture);
            }
        }
        if self.client_present && self.client_ids.is_empty() {
            e.add("clientPresent", ValidationCode::Invalid);
        }
        e.into_result()
    }

    /// Duplicated choices collapse, so "present a job seeker" twice is one purpose.
    pub fn normalized(mut self) -> Self {
        let mut seen = Vec::with_capacity(self.purposes.len());
        self.purposes.retain(|p| {
            let new = !seen.contains(p);
            seen.push(*p);
            new
        });
        let mut clients = Vec::with_capacity(self.client_ids.len());
        self.client_ids.retain(|c| {
            let new = !clients.contains(c);
            clients.push(*c);
            new
        });
        self.new_employer = self.new_employer.map(EmployerInput::normalized);
        self
    }
}

/// One stored contact with the names the UI shows beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactView {
    pub id: ContactId,
    pub employer_id: EmployerId,
    pub employer_name: String,
    #[serde(with = "local_time")]
    #[ts(type = "string")]
    pub occurred_at: LocalDateTime,
    /// The coach who recorded the contact.
    pub coach: String,
    pub contact_person: String,
    pub contact_role: String,
    pub mode: ContactMode,
    pub client_ids: Vec<ClientId>,
    pub client_names: Vec<String>,
    pub client_present: bool,
    /// 1 for the first contact with this employer, counted in time order.
    pub visit_number: u32,
    pub purposes: Vec<ContactPurpose>,
    pub outcome: Option<ContactOutcome>,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
    pub next_step_done: bool,
    pub notes: String,
    /// Date the supervisor reviewed this entry (weekly log review, IPS item V6).
    pub reviewed_at: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> LocalDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("time")
    }

    fn input() -> ContactInput {
        ContactInput {
            employer_id: Some(EmployerId::new()),
            new_employer: None,
            occurred_at: now(),
            contact_person: "Maija Meikäläinen".into(),
            contact_role: "myymäläpäällikkö".into(),
            mode: ContactMode::FaceToFace,
            client_ids: vec![],
            client_present: false,
            purposes: vec![ContactPurpose::LearnNeeds],
            outcome: None,
            next_step: String::new(),
            next_step_due: None,
            notes: String::new(),
        }
    }

    #[test]
    fn times_from_the_ui_are_read_with_or_without_seconds() {
        let minutes = local_time::parse("2026-11-22T10:00").expect("minutes");
        let seconds = local_time::parse("2026-11-22T10:00:00").expect("seconds");
        assert_eq!(minutes, seconds);
        assert!(local_time::parse("22.11.2026 10:00").is_none());
        let json = serde_json::json!({
            "employerId": EmployerId::new(), "newEmployer": null,
            "occurredAt": "2026-11-22T10:00", "contactPerson": "", "contactRole": "",
            "mode": "face_to_face", "clientIds": [], "clientPresent": false, "purposes": [],
            "outcome": null, "nextStep": "", "nextStepDue": null, "notes": ""
        });
        let input: ContactInput = serde_json::from_value(json).expect("UI payload");
        assert_eq!(input.occurred_at, minutes);
    }

    #[test]
    fn a_contact_today_is_valid() {
        assert_eq!(input().validate(now()), Ok(()));
    }

    #[test]
    fn a_contact_far_in_the_future_is_rejected() {
        let c = ContactInput {
            occurred_at: now() + Duration::days(30),
            ..input()
        };
        let err = c.validate(now()).expect_err("future");
        assert!(err.has("occurredAt", ValidationCode::TooFarInFuture));
    }

    #[test]
    fn an_inline_employer_with_an_empty_name_is_rejected_under_its_own_field() {
        let c = ContactInput {
            employer_id: None,
            new_employer: Some(EmployerInput {
                name: "".into(),
                business_id: None,
                sector: String::new(),
                location: String::new(),
            }),
            ..input()
        };
        let err = c.validate(now()).expect_err("empty employer");
        assert!(err.has("newEmployer.name", ValidationCode::Required));
    }

    #[test]
    fn a_contact_needs_an_employer() {
        let c = ContactInput {
            employer_id: None,
            ..input()
        };
        assert!(c
            .validate(now())
            .expect_err("no employer")
            .has("employerId", ValidationCode::Required));
    }

    #[test]
    fn a_follow_up_cannot_be_due_before_the_contact() {
        let c = ContactInput {
            next_step_due: now().date().pred_opt(),
            ..input()
        };
        assert!(c
            .validate(now())
            .expect_err("due before")
            .has("nextStepDue", ValidationCode::EndsBeforeStart));
    }

    #[test]
    fn client_present_without_a_client_is_contradictory() {
        let c = ContactInput {
            client_present: true,
            ..input()
        };
        assert!(c
            .validate(now())
            .expect_err("no client")
            .has("clientPresent", ValidationCode::Invalid));
    }

    #[test]
    fn repeated_purposes_and_clients_collapse() {
        let client = ClientId::new();
        let c = ContactInput {
            purposes: vec![ContactPurpose::LearnNeeds, ContactPurpose::LearnNeeds],
            client_ids: vec![client, client],
            ..input()
        }
        .normalized();
        assert_eq!(c.purposes, vec![ContactPurpose::LearnNeeds]);
        assert_eq!(c.client_ids, vec![client]);
    }
}
