//! The supervisor's team overview, from the imported caseloads and the rosters the last sync
//! fetched: works the same offline.

use super::Polku;
use crate::error::Result;
use crate::store::team as q;
use chrono::{Datelike, Duration};
use polku_domain::protocol::Role;
use polku_domain::team::{
    CoachOverview, DeviceFreshness, Figures, Rates, TeamOverview, TREND_WEEKS,
};
use polku_domain::{Quarter, ReviewId, UserId, KEPT_DAYS};
use rusqlite::Connection;

impl Polku {
    /// Per coach and for the whole team: caseload, weekly face-to-face contacts against the
    /// target, starts, working, 13-week retention, leavers, jobs ended and the latest review,
    /// with each coach's devices' last syncs.
    pub fn team_overview(&self) -> Result<TeamOverview> {
        let today = self.today();
        let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let weeks: Vec<_> = (0..TREND_WEEKS as i64)
            .rev()
            .map(|n| this_monday - Duration::weeks(n))
            .collect();
        let month_start = today.with_day(1).unwrap_or(today);
        let quarter_start = Quarter::containing(today)
            .bounds()
            .map_or(today, |(from, _)| from);
        let rosters = self.sync().rosters()?;

        let conn = self.store.read();
        let caseloads = q::active_and_working(&conn, today)?;
        let contacts = q::face_to_face_by_week(&conn, weeks[0], TREND_WEEKS)?;
        let jobs = q::jobs(&conn, month_start, quarter_start, today, KEPT_DAYS)?;
        let left = q::left_between(&conn, quarter_start, today)?;
        let reviews = q::latest_reviews(&conn)?;

        // The roster names the team's coaches; a coach whose records are here but who is no
        // longer on it (moved team, left) still shows, by the name on their reports.
        let mut coaches: Vec<CoachOverview> = Vec::new();
        let members = rosters
            .iter()
            .flat_map(|r| &r.roster.members)
            .filter(|m| m.role == Role::Coach);
        for m in members {
            if coaches.iter().all(|c| c.id != m.id) {
                coaches.push(coach(m.id, m.name.clone(), freshness(&m.devices)));
            }
        }
        let mut fte = std::collections::HashMap::new();
        for (id, report_name, coach_fte) in q::coaches(&conn)? {
            let Ok(user) = id.parse::<UserId>() else {
                continue;
            };
            fte.insert(id, coach_fte);
            if coaches.iter().all(|c| c.id != user) {
                coaches.push(coach(user, report_name.unwrap_or_default(), Vec::new()));
            }
        }

        let mut team = Figures::default();
        for c in &mut coaches {
            let id = c.id.to_string();
            let (active, working) = caseloads.get(&id).copied().unwrap_or_default();
            let j = jobs.get(&id).copied().unwrap_or_default();
            c.figures = Figures {
                fte: fte.get(&id).copied().unwrap_or(1.0),
                active,
                working,
                face_to_face: contacts
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| vec![0; TREND_WEEKS]),
                starts_month: j.starts_month,
                starts_quarter: j.starts_quarter,
                reached_13_weeks: j.reached_13_weeks,
                kept_13_weeks: j.kept_13_weeks,
                left_quarter: left.get(&id).copied().unwrap_or(0),
                jobs_ended_quarter: j.ended_quarter,
                latest_review: self.latest_review(&conn, reviews.get(&Some(id)))?,
            };
            c.rates = Rates::from(&c.figures);
            team.add(&c.figures);
        }
        // By name; a coach no one has named yet comes last.
        coaches.sort_by_cached_key(|c| (c.name.is_empty(), c.name.to_lowercase()));
        team.face_to_face.resize(TREND_WEEKS, 0);
        // The team's own review is the one its supervisor leads, kept as the supervisor's.
        team.latest_review = self.latest_review(&conn, reviews.get(&None))?;
        Ok(TeamOverview {
            today,
            weeks,
            month_start,
            quarter_start,
            coaches,
            team_rates: Rates::from(&team),
            team,
            roster_fetched_at: rosters.iter().map(|r| r.fetched_at.clone()).min(),
        })
    }

    fn latest_review(
        &self,
        conn: &Connection,
        id: Option<&String>,
    ) -> Result<Option<polku_domain::fidelity::ReviewRow>> {
        let Some(id) = id.and_then(|id| id.parse::<ReviewId>().ok()) else {
            return Ok(None);
        };
        match crate::store::tables::fidelity_reviews::get(conn, id)? {
            Some(row) => self.review_row(conn, row),
            None => Ok(None),
        }
    }
}

fn coach(id: UserId, name: String, devices: Vec<DeviceFreshness>) -> CoachOverview {
    CoachOverview {
        id,
        name,
        devices,
        figures: Figures::default(),
        rates: Rates::from(&Figures::default()),
    }
}

fn freshness(devices: &[polku_domain::protocol::RosterDevice]) -> Vec<DeviceFreshness> {
    devices
        .iter()
        .map(|d| DeviceFreshness {
            id: d.id,
            name: d.name.clone(),
            last_sync: d.last_sync.clone(),
            waiting: d.waiting,
        })
        .collect()
}
