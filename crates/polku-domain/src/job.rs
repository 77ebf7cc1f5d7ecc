//! Jobs a client holds or held.

use crate::ids::{ClientId, EmployerId, JobId};
use crate::validation::{limits, ValidationCode, ValidationErrors};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct JobInput {
    pub client_id: ClientId,
    pub employer_id: EmployerId,
    pub job_type: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub hours_per_week: f64,
    /// Euros per hour; `None` when not known.
    pub hourly_wage: Option<f64>,
    pub permanent: bool,
    /// Open-market, at least normal wage, not reserved for disabled people (IPS item V10).
    pub competitive: bool,
    /// Palkkatuki.
    pub wage_subsidy: bool,
    /// Has worked at least 4 paid hours: only then does the job count as a start, or the
    /// client as working (`ips-fidelity.md` §3). A job agreed but not begun is not yet a start.
    #[serde(default = "started_by_default")]
    pub started: bool,
    pub end_reason: Option<String>,
}

fn started_by_default() -> bool {
    true
}

impl JobInput {
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        e.required_text("jobType", &self.job_type, limits::NAME);
        if !self.hours_per_week.is_finite() || self.hours_per_week < 0.0 {
            e.add("hoursPerWeek", ValidationCode::Negative);
        } else if self.hours_per_week > 80.0 {
            e.add("hoursPerWeek", ValidationCode::OutOfRange);
        }
        if let Some(w) = self.hourly_wage {
            if !w.is_finite() || w < 0.0 {
                e.add("hourlyWage", ValidationCode::Negative);
            } else if w > 1_000.0 {
                e.add("hourlyWage", ValidationCode::OutOfRange);
            }
        }
        // A start agreed for the coming months is normal; years ahead is a typo.
        if self.start_date > today + Duration::days(366) {
            e.add("startDate", ValidationCode::TooFarInFuture);
        } else if self.start_date < crate::client::earliest_date() {
            e.add("startDate", ValidationCode::TooFarInPast);
        }
        if let Some(end) = self.end_date {
            if end < self.start_date {
                e.add("endDate", ValidationCode::EndsBeforeStart);
            }
        }
        if let Some(reason) = &self.end_reason {
            e.max_len("endReason", reason, limits::SHORT_TEXT);
        }
        e.into_result()
    }

    /// Holding the job on `day`: begun (4 paid hours), started by then and not yet ended.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.started && self.start_date <= day && self.end_date.is_none_or(|end| end >= day)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub id: JobId,
    #[serde(flatten)]
    #[ts(flatten)]
    pub input: JobInput,
    pub employer_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
    }

    fn input() -> JobInput {
        JobInput {
            client_id: ClientId::new(),
            employer_id: EmployerId::new(),
            job_type: "Varastotyöntekijä".into(),
            start_date: today(),
            end_date: None,
            hours_per_week: 20.0,
            hourly_wage: Some(12.5),
            permanent: false,
            competitive: true,
            wage_subsidy: false,
            end_reason: None,
            started: true,
        }
    }

    #[test]
    fn a_part_time_competitive_job_is_valid() {
        assert_eq!(input().validate(today()), Ok(()));
    }

    #[test]
    fn negative_hours_and_wages_are_rejected() {
        let j = JobInput {
            hours_per_week: -1.0,
            hourly_wage: Some(-3.0),
            ..input()
        };
        let err = j.validate(today()).expect_err("negative");
        assert!(err.has("hoursPerWeek", ValidationCode::Negative));
        assert!(err.has("hourlyWage", ValidationCode::Negative));
    }

    #[test]
    fn a_job_cannot_end_before_it_starts() {
        let j = JobInput {
            end_date: today().pred_opt(),
            ..input()
        };
        assert!(j
            .validate(today())
            .expect_err("end before start")
            .has("endDate", ValidationCode::EndsBeforeStart));
    }

    #[test]
    fn not_a_number_hours_are_rejected() {
        let j = JobInput {
            hours_per_week: f64::NAN,
            ..input()
        };
        assert!(j.validate(today()).is_err());
    }

    #[test]
    fn a_job_is_active_from_its_start_through_its_end_day() {
        let j = JobInput {
            end_date: today().succ_opt(),
            ..input()
        };
        assert!(j.is_active_on(today()));
        assert!(!j.is_active_on(today().pred_opt().expect("date")));
        assert!(!j.is_active_on(today() + Duration::days(2)));
    }
}
