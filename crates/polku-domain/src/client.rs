//! Clients (job seekers) and the rules for their records.

use crate::enums::Stage;
use crate::ids::ClientId;
use crate::validation::{limits, ValidationCode, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the coach fills in on the client form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ClientInput {
    pub name: String,
    pub responsible_professional: String,
    pub stage: Stage,
    pub referral_date: Option<NaiveDate>,
    pub entry_date: Option<NaiveDate>,
    pub profile_started_date: Option<NaiveDate>,
    pub benefits_planning_date: Option<NaiveDate>,
    pub disclosure_discussed_date: Option<NaiveDate>,
    pub employed_at_entry: bool,
    pub preferences: String,
    pub notes: String,
}

impl ClientInput {
    /// Checks the input against `today` (milestones are facts, so not in the future).
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        e.required_text("name", &self.name, limits::NAME);
        e.max_len(
            "responsibleProfessional",
            &self.responsible_professional,
            limits::NAME,
        );
        e.max_len("preferences", &self.preferences, limits::NOTES);
        e.max_len("notes", &self.notes, limits::NOTES);
        for (field, date) in [
            ("referralDate", self.referral_date),
            ("entryDate", self.entry_date),
            ("profileStartedDate", self.profile_started_date),
            ("benefitsPlanningDate", self.benefits_planning_date),
            ("disclosureDiscussedDate", self.disclosure_discussed_date),
        ] {
            check_milestone(&mut e, field, date, today);
        }
        if let (Some(referral), Some(entry)) = (self.referral_date, self.entry_date) {
            if entry < referral {
                e.add("entryDate", ValidationCode::EndsBeforeStart);
            }
        }
        e.into_result()
    }
}

/// Milestones record what happened: not after today, not before 1990.
pub(crate) fn check_milestone(
    e: &mut ValidationErrors,
    field: &str,
    date: Option<NaiveDate>,
    today: NaiveDate,
) {
    let Some(date) = date else { return };
    if date > today {
        e.add(field, ValidationCode::TooFarInFuture);
    } else if date < earliest_date() {
        e.add(field, ValidationCode::TooFarInPast);
    }
}

pub(crate) fn earliest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// A client record as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Client {
    pub id: ClientId,
    #[serde(flatten)]
    #[ts(flatten)]
    pub input: ClientInput,
    pub discharge_date: Option<NaiveDate>,
    pub discharge_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Clock stamp of the last write; sync uses it.
    pub version: String,
}

impl Client {
    pub fn is_closed(&self) -> bool {
        self.discharge_date.is_some()
    }
}

/// A row of the caseload list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ClientSummary {
    pub id: ClientId,
    pub name: String,
    pub stage: Stage,
    pub responsible_professional: String,
    pub closed: bool,
    pub last_contact_date: Option<NaiveDate>,
    /// Holds a job that has started and not ended.
    pub working: bool,
    /// Whose client: `None` for this user's own, else the coach's (a supervisor's import).
    pub owner: Option<crate::UserId>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseloadQuery {
    pub search: String,
    pub stage: Option<Stage>,
    pub include_closed: bool,
    /// Left out (a coach's screens never set it): the user's own caseload.
    #[serde(default)]
    #[ts(as = "Option<crate::Whose>", optional)]
    pub whose: crate::Whose,
}

/// Closing ends the service relationship; the record stays (retention duty, 703/2023).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CloseClientInput {
    pub discharge_date: NaiveDate,
    pub discharge_reason: String,
}

impl CloseClientInput {
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        check_milestone(&mut e, "dischargeDate", Some(self.discharge_date), today);
        e.required_text(
            "dischargeReason",
            &self.discharge_reason,
            limits::SHORT_TEXT,
        );
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
    }

    fn input() -> ClientInput {
        ClientInput {
            name: "Aino K.".into(),
            responsible_professional: "Pekka Virtanen".into(),
            stage: Stage::Engagement,
            referral_date: Some(today()),
            entry_date: None,
            profile_started_date: None,
            benefits_planning_date: None,
            disclosure_discussed_date: None,
            employed_at_entry: false,
            preferences: String::new(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_plain_client_is_valid() {
        assert_eq!(input().validate(today()), Ok(()));
    }

    #[test]
    fn a_blank_name_is_required() {
        let c = ClientInput {
            name: "   ".into(),
            ..input()
        };
        let err = c.validate(today()).expect_err("blank name");
        assert!(err.has("name", ValidationCode::Required));
    }

    #[test]
    fn milestones_cannot_be_in_the_future() {
        let c = ClientInput {
            entry_date: today().succ_opt(),
            ..input()
        };
        let err = c.validate(today()).expect_err("future entry");
        assert!(err.has("entryDate", ValidationCode::TooFarInFuture));
    }

    #[test]
    fn entry_before_referral_is_rejected_and_all_problems_are_reported_together() {
        let c = ClientInput {
            name: String::new(),
            entry_date: today().pred_opt(),
            ..input()
        };
        let err = c.validate(today()).expect_err("two problems");
        assert!(err.has("entryDate", ValidationCode::EndsBeforeStart));
        assert!(err.has("name", ValidationCode::Required));
    }

    #[test]
    fn closing_needs_a_reason() {
        let close = CloseClientInput {
            discharge_date: today(),
            discharge_reason: String::new(),
        };
        let err = close.validate(today()).expect_err("no reason");
        assert!(err.has("dischargeReason", ValidationCode::Required));
    }
}
