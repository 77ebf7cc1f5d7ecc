//! What a coach's own records say about the IPS-25 items they can evidence
//! (`shared/domain/ips-fidelity.md` §2: S1, V4, V6, V7, V8, V9, V10, V12). These are the
//! numbers behind a suggested score; turning them into a score uses the cut-offs in the scale
//! file, so the figures here never embed an anchor.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Evidence for one review period (both ends inclusive).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FidelityEvidence {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub fte: f64,
    pub caseload: CaseloadEvidence,
    pub rapid_search: RapidSearchEvidence,
    pub employer_contact: EmployerContactEvidence,
    pub contact_quality: ContactQualityEvidence,
    pub jobs: JobEvidence,
    pub follow_along: FollowAlongEvidence,
}

/// S1: clients open at the end of the period, per full-time coach.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseloadEvidence {
    pub active_clients: u32,
    pub per_fte: f64,
}

/// V4: days from entry to the first face-to-face employer contact on the client's behalf,
/// for clients who entered during the period. A client still waiting counts with the days
/// waited so far, so a slow start is never hidden by leaving it out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RapidSearchEvidence {
    pub clients_entered: u32,
    pub with_contact: u32,
    pub still_waiting: u32,
    pub mean_days: Option<f64>,
}

/// V6: face-to-face employer contacts per week per full-time coach, the target (6, or
/// 2 × job seekers when fewer than 3 are seeking), and whether the supervisor reviewed the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EmployerContactEvidence {
    pub face_to_face: u32,
    pub weeks: f64,
    pub per_week_per_fte: f64,
    pub job_seekers: u32,
    pub weekly_target: f64,
    /// Weeks of the period whose log a supervisor reviewed (a [`crate::LogReview`]). The
    /// review dates coaches once stamped on contacts themselves are not counted.
    pub weeks_reviewed: u32,
    /// Who reviewed those weeks, by name.
    pub reviewers: Vec<String>,
}

/// V7: repeated visits and their purposes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactQualityEvidence {
    pub employers_visited: u32,
    pub employers_visited_repeatedly: u32,
    pub visits_learning_needs: u32,
    pub visits_presenting_job_seeker: u32,
    pub face_to_face: u32,
}

/// V8–V10: the jobs held at any time during the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct JobEvidence {
    pub jobs: u32,
    pub distinct_job_types: u32,
    pub distinct_employers: u32,
    pub competitive: u32,
}

/// V12: support around job starts in the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowAlongEvidence {
    pub job_starts: u32,
    /// Face-to-face support within the week before the start.
    pub met_week_before: u32,
    /// Face-to-face support within three days after the start.
    pub met_within_three_days: u32,
    /// Starts at least four weeks before the period's end, so month one can be judged.
    pub starts_with_full_first_month: u32,
    /// Of those, starts with support in each of the first four weeks.
    pub weekly_in_first_month: u32,
    /// Starts that met the whole schedule the records can show: the week before, within three
    /// days after, and — when the period covers it — every week of the first month.
    pub on_schedule: u32,
}

impl JobEvidence {
    /// Share of jobs that are of a different type (V8), 0–100; `None` without jobs.
    pub fn job_type_diversity(&self) -> Option<f64> {
        percent(self.distinct_job_types, self.jobs)
    }

    /// Share of jobs with a different employer (V9).
    pub fn employer_diversity(&self) -> Option<f64> {
        percent(self.distinct_employers, self.jobs)
    }

    /// Share of competitive jobs (V10).
    pub fn competitive_share(&self) -> Option<f64> {
        percent(self.competitive, self.jobs)
    }
}

pub fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// IPS-25 item V6: six face-to-face employer contacts a week per full-time coach, to one
/// decimal (a coach's Today, a team's overview).
pub fn weekly_face_to_face_target(fte: f64) -> f64 {
    (6.0 * fte * 10.0).round() / 10.0
}

/// IPS-25 V6: six face-to-face contacts a week, or twice the job seekers when fewer than three
/// are seeking.
pub fn weekly_contact_target(job_seekers: u32) -> f64 {
    if job_seekers < 3 {
        f64::from(2 * job_seekers)
    } else {
        6.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weekly_target_drops_to_twice_the_job_seekers_below_three() {
        assert_eq!(weekly_contact_target(0), 0.0);
        assert_eq!(weekly_contact_target(2), 4.0);
        assert_eq!(weekly_contact_target(3), 6.0);
        assert_eq!(weekly_contact_target(14), 6.0);
    }

    #[test]
    fn diversity_is_a_share_of_jobs_and_absent_without_jobs() {
        let j = JobEvidence {
            jobs: 4,
            distinct_job_types: 3,
            distinct_employers: 4,
            competitive: 3,
        };
        assert_eq!(j.job_type_diversity(), Some(75.0));
        assert_eq!(j.employer_diversity(), Some(100.0));
        assert_eq!(j.competitive_share(), Some(75.0));
        let none = JobEvidence {
            jobs: 0,
            distinct_job_types: 0,
            distinct_employers: 0,
            competitive: 0,
        };
        assert_eq!(none.competitive_share(), None);
    }
}
