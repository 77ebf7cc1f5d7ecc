//! The supervisor's weekly review of a coach's employer-contact log (IPS-25 V6: "the
//! supervisor reviews the log weekly"). A review is the supervisor's record about the coach's
//! week: it is kept in the coach's records (the coach's devices receive it and show it on
//! Today), written only by the supervisor who made it.

use crate::contact::ContactView;
use crate::validation::{limits, ValidationCode, ValidationErrors};
use crate::{LogReviewId, UserId};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// One supervisor's review of one coach's week. There is one per (coach, week, reviewer):
/// reviewing the same week again changes its comment and date (see [`log_review_id`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LogReview {
    pub id: LogReviewId,
    /// Whose log: the coach the review is about, and whose records keep it.
    pub coach_id: UserId,
    /// Monday of the reviewed week.
    pub week: NaiveDate,
    pub reviewer_id: UserId,
    /// The reviewer's name as the server knows it, so the coach's devices can name them.
    pub reviewer_name: String,
    pub reviewed_on: NaiveDate,
    pub comment: String,
    pub created_at: String,
    pub updated_at: String,
    pub version: String,
}

/// What the supervisor fills in: whose week, and an optional comment. The reviewer and the
/// date are theirs and today's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LogReviewInput {
    pub coach_id: UserId,
    /// Monday of the week.
    pub week: NaiveDate,
    #[serde(default)]
    pub comment: String,
}

impl LogReviewInput {
    pub fn normalized(mut self) -> Self {
        self.comment = self.comment.trim().to_owned();
        self
    }

    /// A week is named by its Monday and can be reviewed once it has begun.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        check_week(&mut e, self.week, today);
        e.max_len("comment", &self.comment, limits::NOTES);
        e.into_result()
    }
}

impl LogReview {
    /// The checks a synced review passes before it is stored (the reviewer's device made it
    /// with [`LogReviewInput::validate`]; a future week is not judged here, the clocks of two
    /// devices may differ).
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.week.weekday() != Weekday::Mon {
            e.add("week", ValidationCode::Invalid);
        }
        e.max_len("comment", &self.comment, limits::NOTES);
        e.max_len("reviewerName", &self.reviewer_name, limits::NAME);
        e.into_result()
    }
}

fn check_week(e: &mut ValidationErrors, week: NaiveDate, today: NaiveDate) {
    if week.weekday() != Weekday::Mon {
        e.add("week", ValidationCode::Invalid);
    } else if week > today {
        e.add("week", ValidationCode::TooFarInFuture);
    }
}

/// The id of `reviewer`'s review of `coach`'s `week`: the same on every device, so marking a
/// week reviewed twice (or on two devices offline) is one record, not two.
pub fn log_review_id(coach: UserId, week: NaiveDate, reviewer: UserId) -> LogReviewId {
    let name = format!("log_review/{coach}/{week}/{reviewer}");
    LogReviewId(uuid::Uuid::new_v5(&LOG_REVIEW_NAMESPACE, name.as_bytes()))
}

const LOG_REVIEW_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x2b7e_41c9_d05a_4f3e_8c61_9a0b_1d2e_3f4a);

/// Monday of the week `day` falls in.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// A coach's week as the supervisor reads it: every contact, the face-to-face count against
/// the coach's target, and the reviews made of it so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CoachWeek {
    pub coach_id: UserId,
    pub coach_name: String,
    /// Monday of the week.
    pub week: NaiveDate,
    pub previous_week: NaiveDate,
    /// The next week, once it has begun.
    pub next_week: Option<NaiveDate>,
    /// Oldest first, as the week was lived.
    pub contacts: Vec<ContactView>,
    pub face_to_face: u32,
    pub target: f64,
    /// Every review of the week, in the order they were made.
    pub reviews: Vec<LogReview>,
    /// This user's own review of it, which saving again changes.
    pub mine: Option<LogReview>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn a_week_is_named_by_its_monday_and_is_reviewed_once_it_has_begun() {
        let today = day("2026-11-26"); // a Thursday
        let input = |week: &str| LogReviewInput {
            coach_id: UserId::new(),
            week: day(week),
            comment: String::new(),
        };
        assert!(input("2026-11-23").validate(today).is_ok());
        assert!(input("2026-11-16").validate(today).is_ok());
        let codes = |week: &str| {
            input(week)
                .validate(today)
                .expect_err("refused")
                .0
                .into_iter()
                .map(|f| (f.field, f.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes("2026-11-24"),
            [("week".to_owned(), ValidationCode::Invalid)]
        );
        assert_eq!(
            codes("2026-11-30"),
            [("week".to_owned(), ValidationCode::TooFarInFuture)]
        );
    }

    #[test]
    fn the_same_reviewer_of_the_same_week_names_the_same_record() {
        let (coach, reviewer) = (UserId::new(), UserId::new());
        let week = day("2026-11-16");
        assert_eq!(
            log_review_id(coach, week, reviewer),
            log_review_id(coach, week, reviewer)
        );
        assert_ne!(
            log_review_id(coach, week, reviewer),
            log_review_id(coach, day("2026-11-23"), reviewer)
        );
        assert_ne!(
            log_review_id(coach, week, reviewer),
            log_review_id(coach, week, UserId::new())
        );
    }

    #[test]
    fn the_fields_the_server_reads_are_the_ones_a_review_syncs_with() {
        let id = UserId::new();
        let review = LogReview {
            id: log_review_id(id, day("2026-11-16"), id),
            coach_id: id,
            week: day("2026-11-16"),
            reviewer_id: id,
            reviewer_name: "Sari".into(),
            reviewed_on: day("2026-11-20"),
            comment: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
            version: String::new(),
        };
        let json = serde_json::to_value(&review).expect("json");
        let kept = crate::protocol::Entity::LogReview
            .kept_for()
            .expect("a review is kept among the coach's records");
        assert_eq!(json[kept.owner], id.to_string());
        assert_eq!(json[kept.writer], id.to_string());
    }

    #[test]
    fn monday_of_any_day_is_the_monday_on_or_before_it() {
        assert_eq!(monday_of(day("2026-11-26")), day("2026-11-23"));
        assert_eq!(monday_of(day("2026-11-23")), day("2026-11-23"));
        assert_eq!(monday_of(day("2026-11-29")), day("2026-11-23"));
    }
}
