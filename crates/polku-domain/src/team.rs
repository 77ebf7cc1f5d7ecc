//! The supervisor's team overview: per coach and for the team, the figures an IPS supervisor
//! leads by, each with how fresh it is. Counted in `polku-core` from the imported records; the
//! rules that turn counts into rates and targets live here, once.

use crate::fidelity::ReviewRow;
use crate::ids::{DeviceId, UserId};
use crate::outcomes::rate;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Weeks in the face-to-face trend.
pub const TREND_WEEKS: usize = 12;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamOverview {
    pub today: NaiveDate,
    /// The Monday of each week of the trend, oldest first; the last is this week.
    pub weeks: Vec<NaiveDate>,
    pub month_start: NaiveDate,
    pub quarter_start: NaiveDate,
    pub coaches: Vec<CoachOverview>,
    pub team: Figures,
    pub team_rates: Rates,
    /// When the team's roster (names, devices, their last syncs) was last fetched; none before
    /// the first sync that fetched it.
    pub roster_fetched_at: Option<String>,
}

/// A coach of the imported team, for pickers and "whose" labels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CoachName {
    pub id: UserId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CoachOverview {
    pub id: UserId,
    /// The name the server knows the coach by (or the name on their reports when the roster
    /// has not named them yet).
    pub name: String,
    pub devices: Vec<DeviceFreshness>,
    pub figures: Figures,
    pub rates: Rates,
}

/// How fresh a coach's imported records are: as of this device's last sync, with what it
/// still had waiting to send then.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DeviceFreshness {
    pub id: DeviceId,
    pub name: String,
    pub last_sync: Option<String>,
    pub waiting: Option<u32>,
}

/// What the records show, for one coach or the whole team.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    pub fte: f64,
    /// Clients open today.
    pub active: u32,
    /// Active clients holding a job today.
    pub working: u32,
    /// Face-to-face employer contacts in each week of [`TeamOverview::weeks`].
    pub face_to_face: Vec<u32>,
    pub starts_month: u32,
    pub starts_quarter: u32,
    /// Jobs whose 13th week fell in this quarter so far, and of them the ones still held then.
    pub reached_13_weeks: u32,
    pub kept_13_weeks: u32,
    /// Clients whose service ended this quarter.
    pub left_quarter: u32,
    pub jobs_ended_quarter: u32,
    /// The newest fidelity review (by its period's end).
    pub latest_review: Option<ReviewRow>,
}

impl Figures {
    pub fn active_per_fte(&self) -> Option<f64> {
        (self.fte > 0.0).then(|| f64::from(self.active) / self.fte)
    }

    pub fn working_percent(&self) -> Option<f64> {
        rate(self.working, self.active)
    }

    pub fn retention_percent(&self) -> Option<f64> {
        rate(self.kept_13_weeks, self.reached_13_weeks)
    }

    /// IPS-25 V6's weekly face-to-face target for this FTE.
    pub fn weekly_target(&self) -> f64 {
        crate::evidence::weekly_face_to_face_target(self.fte)
    }

    /// Adds another coach's figures into a team's (the latest review is the team's own).
    pub fn add(&mut self, other: &Figures) {
        self.fte += other.fte;
        self.active += other.active;
        self.working += other.working;
        if self.face_to_face.len() < other.face_to_face.len() {
            self.face_to_face.resize(other.face_to_face.len(), 0);
        }
        for (sum, n) in self.face_to_face.iter_mut().zip(&other.face_to_face) {
            *sum += n;
        }
        self.starts_month += other.starts_month;
        self.starts_quarter += other.starts_quarter;
        self.reached_13_weeks += other.reached_13_weeks;
        self.kept_13_weeks += other.kept_13_weeks;
        self.left_quarter += other.left_quarter;
        self.jobs_ended_quarter += other.jobs_ended_quarter;
    }
}

/// The rates the overview shows, computed once here and sent beside the counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Rates {
    pub active_per_fte: Option<f64>,
    pub working_percent: Option<f64>,
    pub retention_percent: Option<f64>,
    pub weekly_target: f64,
}

impl From<&Figures> for Rates {
    fn from(f: &Figures) -> Rates {
        Rates {
            active_per_fte: f.active_per_fte(),
            working_percent: f.working_percent(),
            retention_percent: f.retention_percent(),
            weekly_target: f.weekly_target(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teams_figures_are_the_sum_of_its_coaches_and_its_rates_are_taken_from_the_sums() {
        let a = Figures {
            fte: 1.0,
            active: 20,
            working: 8,
            face_to_face: vec![6, 5],
            reached_13_weeks: 2,
            kept_13_weeks: 1,
            ..Figures::default()
        };
        let b = Figures {
            fte: 0.5,
            active: 10,
            working: 1,
            face_to_face: vec![1, 2],
            reached_13_weeks: 2,
            kept_13_weeks: 2,
            ..Figures::default()
        };
        let mut team = Figures::default();
        team.add(&a);
        team.add(&b);
        assert_eq!(team.face_to_face, [7, 7]);
        assert_eq!(team.active_per_fte(), Some(20.0));
        assert_eq!(team.working_percent(), Some(30.0));
        assert_eq!(team.retention_percent(), Some(75.0));
        assert_eq!(team.weekly_target(), 9.0);
        assert_eq!(
            Figures::default().active_per_fte(),
            None,
            "no FTE, no ratio"
        );
    }
}
