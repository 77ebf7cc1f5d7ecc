//! The supervisor's team overview, from the imported caseloads and the rosters the last sync
//! fetched: works the same offline.

use super::Polku;
use crate::error::Result;
use crate::store::team as q;
use crate::sync::KeptRoster;
use chrono::{Datelike, Duration};
use polku_domain::protocol::Role;
use polku_domain::team::{
    CoachName, CoachOverview, DeviceFreshness, Figures, Rates, TeamOverview, TREND_WEEKS,
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
        let mut coaches: Vec<CoachOverview> = self
            .team_coaches(&rosters)?
            .into_iter()
            .map(|c| CoachOverview {
                id: c.id,
                name: c.name,
                devices: c.devices,
                figures: Figures {
                    fte: c.fte,
                    ..Figures::default()
                },
                rates: Rates::from(&Figures::default()),
            })
            .collect();

        let conn = self.store.read();
        let caseloads = q::active_and_working(&conn, today)?;
        let contacts = q::face_to_face_by_week(&conn, weeks[0], TREND_WEEKS)?;
        let jobs = q::jobs(&conn, month_start, quarter_start, today, KEPT_DAYS)?;
        let left = q::left_between(&conn, quarter_start, today)?;
        let reviews = q::latest_reviews(&conn)?;

        let mut team = Figures::default();
        for c in &mut coaches {
            let id = c.id.to_string();
            let (active, working) = caseloads.get(&id).copied().unwrap_or_default();
            let j = jobs.get(&id).copied().unwrap_or_default();
            c.figures = Figures {
                fte: c.figures.fte,
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
        team.face_to_face.resize(TREND_WEEKS, 0);
        // The team's review is the one its supervisor made of the team (subject `team`).
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

    /// The coaches of the imported team by name, for the caseload's "whose" picker.
    pub fn team_coach_names(&self) -> Result<Vec<CoachName>> {
        Ok(self
            .team_coaches(&self.sync().rosters()?)?
            .into_iter()
            .map(|c| CoachName {
                id: c.id,
                name: c.name,
            })
            .collect())
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

/// A coach of the imported team, as the roster and the synced profiles name them.
pub(crate) struct TeamCoach {
    pub id: UserId,
    pub name: String,
    pub fte: f64,
    pub devices: Vec<DeviceFreshness>,
}

impl Polku {
    /// The coaches of the imported team: the roster's coaches, and anyone else whose records
    /// or profile are here (moved team, left) by the name on their reports — but not the
    /// team's other supervisors, whose profiles arrive with the team too. Each at their
    /// profile's FTE, or full time while it has not arrived. By name; a coach no one has
    /// named yet comes last.
    pub(crate) fn team_coaches(&self, rosters: &[KeptRoster]) -> Result<Vec<TeamCoach>> {
        let members = || rosters.iter().flat_map(|r| &r.roster.members);
        let mut out: Vec<TeamCoach> = Vec::new();
        for m in members().filter(|m| m.role == Role::Coach) {
            if out.iter().all(|c| c.id != m.id) {
                out.push(TeamCoach {
                    id: m.id,
                    name: m.name.clone(),
                    fte: 1.0,
                    devices: freshness(&m.devices),
                });
            }
        }
        for (id, report_name, fte) in q::coaches(&self.store.read())? {
            let Ok(user) = id.parse::<UserId>() else {
                continue;
            };
            if members().any(|m| m.id == user && m.role != Role::Coach) {
                continue;
            }
            match out.iter_mut().find(|c| c.id == user) {
                Some(c) => c.fte = fte,
                None => out.push(TeamCoach {
                    id: user,
                    name: report_name.unwrap_or_default(),
                    fte,
                    devices: Vec::new(),
                }),
            }
        }
        out.sort_by_cached_key(|c| (c.name.is_empty(), c.name.to_lowercase()));
        Ok(out)
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
