//! Quarterly outcomes per coach (`shared/domain/ips-fidelity.md` §3): who was served, who
//! worked competitively, job starts, first jobs, jobs kept past 13 weeks and active clients,
//! with the employment rate against the published benchmarks.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A job counts as kept once it has lasted 13 weeks (91 days): the quarterly outcomes and the
/// team overview judge it alike.
pub const KEPT_DAYS: i64 = 91;

/// Employment-rate benchmarks (13-state learning collaborative): minimal, average, excellent.
pub const BENCHMARKS: [f64; 3] = [31.0, 41.0, 50.0];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Quarter {
    pub year: i32,
    /// 1–4.
    pub quarter: u8,
}

impl Quarter {
    pub fn containing(day: NaiveDate) -> Quarter {
        Quarter {
            year: day.year(),
            quarter: u8::try_from(day.month0() / 3 + 1).unwrap_or(1),
        }
    }

    /// First and last day, or `None` for a quarter outside 1–4.
    pub fn bounds(self) -> Option<(NaiveDate, NaiveDate)> {
        if !(1..=4).contains(&self.quarter) {
            return None;
        }
        let first_month = u32::from(self.quarter - 1) * 3 + 1;
        let from = NaiveDate::from_ymd_opt(self.year, first_month, 1)?;
        let next = if self.quarter == 4 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(self.year, first_month + 3, 1)?
        };
        Some((from, next.pred_opt()?))
    }

    pub fn previous(self) -> Quarter {
        if self.quarter <= 1 {
            Quarter {
                year: self.year - 1,
                quarter: 4,
            }
        } else {
            Quarter {
                year: self.year,
                quarter: self.quarter - 1,
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct QuarterOutcomes {
    pub quarter: Quarter,
    /// Clients open at any time during the quarter.
    pub served: u32,
    /// Of them, clients who held a competitive job at some time in the quarter.
    pub worked_competitively: u32,
    /// worked ÷ served, in percent; `None` when nobody was served.
    pub employment_rate: Option<f64>,
    /// The same over clients who were out of work at entry (UK practice since 2024).
    pub served_out_of_work_at_entry: u32,
    pub worked_out_of_work_at_entry: u32,
    pub employment_rate_out_of_work_at_entry: Option<f64>,
    /// Jobs that started in the quarter.
    pub new_job_starts: u32,
    /// Clients whose first job (as recorded) started in the quarter.
    pub into_first_job: u32,
    /// Jobs that started at least 13 weeks before the quarter's end, and of them the ones that
    /// lasted past 13 weeks (target ≥ 65 %).
    pub jobs_old_enough: u32,
    pub jobs_kept_13_weeks: u32,
    /// Clients with a contact (on their behalf, or in-work support) in the quarter's last 4 weeks.
    pub active_clients: u32,
}

pub fn rate(part: u32, whole: u32) -> Option<f64> {
    crate::evidence::percent(part, whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_cover_the_calendar_without_gaps() {
        let q4 = Quarter {
            year: 2026,
            quarter: 4,
        };
        let (from, to) = q4.bounds().expect("bounds");
        assert_eq!(
            (from.to_string(), to.to_string()),
            ("2026-10-01".into(), "2026-12-31".into())
        );
        let (_, q3_end) = q4.previous().bounds().expect("q3");
        assert_eq!(q3_end.succ_opt(), Some(from));
        assert_eq!(Quarter::containing(from), q4);
        assert!(Quarter {
            year: 2026,
            quarter: 5
        }
        .bounds()
        .is_none());
    }
}
