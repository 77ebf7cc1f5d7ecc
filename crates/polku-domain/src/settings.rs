//! Local settings and read models the UI shows (Today, timeline, drafts).

use crate::contact::LocalDateTime;
use crate::enums::{ContactMode, Language, Milestone, TimelineKind};
use crate::ids::{ContactId, UserId};
use crate::validation::{limits, ValidationCode, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Settings of this installation; local only, never synced. Missing fields take their
/// defaults, so settings saved by an older Polku still load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub language: Language,
    pub coach_name: String,
    /// Full-time equivalent, 0.1–1.0: the weekly face-to-face target scales with it.
    pub fte: f64,
    /// The last screen shown, so the app reopens where the coach left it.
    pub last_view: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::Fi,
            coach_name: String::new(),
            fte: 1.0,
            last_view: "today".into(),
        }
    }
}

impl Settings {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        e.max_len("coachName", &self.coach_name, limits::NAME);
        e.max_len("lastView", &self.last_view, limits::NAME);
        if !(0.1..=1.0).contains(&self.fte) {
            e.add("fte", ValidationCode::OutOfRange);
        }
        e.into_result()
    }

    /// IPS-25 item V6's weekly target for this coach's FTE.
    pub fn weekly_face_to_face_target(&self) -> f64 {
        crate::evidence::weekly_face_to_face_target(self.fte)
    }
}

/// The settings that follow a user to every device they enrol (`Entity::Profile`), keyed by
/// the user's id. Before enrolment the same values live in [`Settings`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: UserId,
    /// The name the user's reports carry.
    pub report_name: String,
    pub fte: f64,
    pub created_at: String,
    pub updated_at: String,
    pub version: String,
}

impl Profile {
    /// The rules [`Settings::validate`] applies to the same values.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        Settings {
            coach_name: self.report_name.clone(),
            fte: self.fte,
            ..Settings::default()
        }
        .validate()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub contact_id: ContactId,
    pub employer_name: String,
    pub next_step: String,
    pub due: NaiveDate,
    pub client_names: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TodayView {
    pub today: NaiveDate,
    pub due_today: Vec<FollowUp>,
    pub overdue: Vec<FollowUp>,
    /// Monday of the current week.
    pub week_start: NaiveDate,
    pub week_face_to_face: u32,
    pub week_target: f64,
    /// Open actions of fidelity reviews due within a week (or undated).
    pub actions: Vec<crate::fidelity::ActionDue>,
    /// The newest supervisor reviews of this coach's contact log, newest week first.
    pub log_reviews: Vec<crate::LogReview>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    /// A date or a local date-time; the list is newest first.
    pub at: String,
    pub kind: TimelineKind,
    pub milestone: Option<Milestone>,
    pub ref_id: Option<String>,
    pub employer_name: Option<String>,
    pub mode: Option<ContactMode>,
    pub detail: String,
}

/// A half-filled form kept so nothing typed is lost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    pub key: String,
    pub form: String,
    pub payload: serde_json::Value,
    pub updated_at: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub clients: u32,
    pub employers: u32,
    pub contacts: u32,
    pub jobs: u32,
    pub support_contacts: u32,
}

/// Used by the timeline for date-time entries.
pub fn format_local(at: LocalDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weekly_target_scales_with_fte() {
        let s = Settings {
            fte: 0.5,
            ..Settings::default()
        };
        assert_eq!(s.weekly_face_to_face_target(), 3.0);
        assert_eq!(Settings::default().weekly_face_to_face_target(), 6.0);
    }

    #[test]
    fn fte_outside_a_tenth_to_one_is_rejected() {
        let s = Settings {
            fte: 0.0,
            ..Settings::default()
        };
        assert!(s
            .validate()
            .expect_err("zero fte")
            .has("fte", ValidationCode::OutOfRange));
    }
}
