//! A fidelity review as the coach (or a peer or external rater) fills it in: a rating, the
//! suggestion it was compared with, evidence notes and an "evidence missing" flag per item,
//! and an action plan for the items that score low.

use super::{Rating, Summary};
use crate::enums::{ReviewKind, ReviewSubject};
use crate::ids::{ReviewActionId, ReviewId};
use crate::validation::{limits, ValidationCode, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Items scoring below this invite an action (issue: "items below 4 invite an action").
pub const ACTION_THRESHOLD: u8 = 4;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewInput {
    pub scale_id: String,
    pub kind: ReviewKind,
    /// The rater's own work, or (a supervisor's) the team's: whose records suggest the scores.
    pub subject: ReviewSubject,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// Who scored, free text ("Laura Laine, Pekka Virtanen").
    pub raters: String,
}

impl ReviewInput {
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        e.required_text("scaleId", &self.scale_id, limits::NAME);
        e.max_len("raters", &self.raters, limits::SHORT_TEXT);
        if self.period_to < self.period_from {
            e.add("periodTo", ValidationCode::EndsBeforeStart);
        }
        if self.period_from > today {
            e.add("periodFrom", ValidationCode::TooFarInFuture);
        }
        e.into_result()
    }
}

/// One item of a review as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    pub item: String,
    /// What the rater chose; `None` until rated.
    pub rating: Option<Rating>,
    /// The suggestion from the records shown when rating, kept beside the choice.
    pub suggested: Option<Rating>,
    pub notes: String,
    pub evidence_missing: bool,
}

/// Rating one item (or clearing it with `rating: None`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RateInput {
    pub item: String,
    pub rating: Option<Rating>,
    pub suggested: Option<Rating>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteInput {
    pub item: String,
    pub notes: String,
    pub evidence_missing: bool,
}

impl NoteInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        e.max_len("notes", &self.notes, limits::NOTES);
        e.into_result()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionInput {
    pub item: String,
    pub what: String,
    pub who: String,
    pub due: Option<NaiveDate>,
}

impl ActionInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        e.required_text("what", &self.what, limits::SHORT_TEXT);
        e.max_len("who", &self.who, limits::NAME);
        e.into_result()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewAction {
    pub id: ReviewActionId,
    pub review_id: ReviewId,
    #[serde(flatten)]
    #[ts(flatten)]
    pub input: ActionInput,
    pub done: bool,
}

/// A review with its items (every item of the scale, rated or not), actions and live summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub id: ReviewId,
    #[serde(flatten)]
    #[ts(flatten)]
    pub input: ReviewInput,
    pub scale_version: String,
    pub items: Vec<ReviewItem>,
    pub actions: Vec<ReviewAction>,
    pub summary: Summary,
    pub created_at: String,
    pub updated_at: String,
}

/// A row of the review history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewRow {
    pub id: ReviewId,
    pub scale_id: String,
    pub scale_version: String,
    pub kind: ReviewKind,
    pub subject: ReviewSubject,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub total: u16,
    pub max_total: u16,
    pub rated: u16,
    pub items: u16,
    pub band: Option<String>,
    pub updated_at: String,
}

/// The file formats a review or outcome report exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Pdf,
    Csv,
}

/// An open action for the Today view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionDue {
    pub id: ReviewActionId,
    pub review_id: ReviewId,
    pub item: String,
    pub what: String,
    pub who: String,
    pub due: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    #[test]
    fn a_review_period_cannot_end_before_it_starts() {
        let r = ReviewInput {
            scale_id: "ips-25".into(),
            kind: ReviewKind::SelfReview,
            subject: ReviewSubject::Own,
            period_from: day(20),
            period_to: day(10),
            raters: String::new(),
        };
        assert!(r
            .validate(day(22))
            .expect_err("backwards")
            .has("periodTo", ValidationCode::EndsBeforeStart));
    }

    #[test]
    fn an_action_needs_to_say_what_is_done() {
        let a = ActionInput {
            item: "V6".into(),
            what: " ".into(),
            who: "Laura".into(),
            due: None,
        };
        assert!(a
            .validate()
            .expect_err("empty")
            .has("what", ValidationCode::Required));
    }

    #[test]
    fn the_review_kind_travels_as_self_peer_or_external() {
        assert_eq!(
            serde_json::to_value(ReviewKind::SelfReview).expect("json"),
            "self"
        );
    }
}
