//! Fidelity evidence and quarterly outcomes from the records of whose they are asked for: the
//! coach's own, or on a supervisor's device one coach's or the whole imported team's.

use super::Polku;
use crate::error::Result;
use crate::store::evidence as q;
use crate::store::owners::Owners;
use crate::store::tables::{log_reviews, profiles};
use chrono::{Duration, NaiveDate};
use polku_domain::{
    weekly_contact_target, CaseloadEvidence, ContactQualityEvidence, EmployerContactEvidence,
    FidelityEvidence, FollowAlongEvidence, JobEvidence, RapidSearchEvidence, ValidationCode,
    ValidationErrors, Whose,
};
use std::collections::HashSet;

impl Polku {
    /// The numbers behind the suggested scores for `from..=to`, over `whose` records.
    pub fn fidelity_evidence(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        whose: &Whose,
    ) -> Result<FidelityEvidence> {
        if to < from {
            let mut e = ValidationErrors::default();
            e.add("to", ValidationCode::EndsBeforeStart);
            return Err(e.into());
        }
        let (fte, coaches) = self.people_of(whose)?;
        self.evidence_of(from, to, whose, fte, coaches)
    }

    /// [`Polku::fidelity_evidence`] with whose people already known: their FTE and how many
    /// coaches they are (a team review reads each coach's beside the team's).
    pub(crate) fn evidence_of(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        whose: &Whose,
        fte: f64,
        coaches: u32,
    ) -> Result<FidelityEvidence> {
        // Nothing after today has happened yet: a period reaching into the future is read up to
        // today, so waiting days and the caseload are not inflated.
        let today = self.today();
        let to = to.min(today).max(from);
        let conn = self.store.read();
        let o = &Owners::resolve(&conn, whose)?;

        let active = q::active_clients(&conn, o, to)?;
        // A team whose coaches have not arrived yet has no FTE: its figures per FTE are 0.
        let per_fte = |x: f64| if fte > 0.0 { x / fte } else { 0.0 };
        let caseload = CaseloadEvidence {
            active_clients: active,
            per_fte: per_fte(f64::from(active)),
        };

        // A client who entered in the period waits until their first face-to-face employer
        // contact, however long after the period's end it came; while there is none, the wait
        // runs to today (the day the review is made), and a discharge before any contact ends it.
        let entries: Vec<q::Entry> = q::entries_and_first_contacts(&conn, o, from, to)?
            .into_iter()
            .map(|(entry, first, discharge)| (entry, first.filter(|f| *f <= today), discharge))
            .collect();
        let days: Vec<i64> = entries
            .iter()
            .map(|(entry, first, discharge)| {
                let until = first.or(discharge.filter(|d| *d <= today)).unwrap_or(today);
                (until - *entry).num_days().max(0)
            })
            .collect();
        let rapid_search = RapidSearchEvidence {
            clients_entered: count(entries.len()),
            with_contact: count(entries.iter().filter(|(_, f, _)| f.is_some()).count()),
            still_waiting: count(entries.iter().filter(|(_, f, _)| f.is_none()).count()),
            mean_days: (!days.is_empty())
                .then(|| days.iter().sum::<i64>() as f64 / days.len() as f64),
        };

        let (visited, repeated, learning, presenting, f2f) = q::visit_quality(&conn, o, from, to)?;
        let face_to_face = f2f;
        // A team's weeks are its coaches' reviewed weeks on average: a team is reviewed weekly
        // when each of its coaches is.
        let (coach_weeks, reviewers) = log_reviews::weeks_between(&conn, o, from, to)?;
        let weeks_reviewed = coach_weeks / coaches.max(1);
        let weeks = ((to - from).num_days() + 1) as f64 / 7.0;
        let job_seekers = q::job_seekers(&conn, o, to)?;
        let employer_contact = EmployerContactEvidence {
            face_to_face,
            weeks,
            per_week_per_fte: per_fte(f64::from(face_to_face) / weeks),
            job_seekers,
            weekly_target: weekly_contact_target(job_seekers),
            weeks_reviewed,
            reviewers,
        };

        let contact_quality = ContactQualityEvidence {
            employers_visited: visited,
            employers_visited_repeatedly: repeated,
            visits_learning_needs: learning,
            visits_presenting_job_seeker: presenting,
            face_to_face: f2f,
        };

        let held = q::jobs_held(&conn, o, from, to)?;
        let jobs = JobEvidence {
            jobs: count(held.len()),
            distinct_job_types: count(
                held.iter()
                    .map(|(t, _, _)| t.trim().to_lowercase())
                    .collect::<HashSet<_>>()
                    .len(),
            ),
            distinct_employers: count(held.iter().map(|(_, e, _)| e).collect::<HashSet<_>>().len()),
            competitive: count(held.iter().filter(|(_, _, c)| *c).count()),
        };

        let starts = q::starts_with_support(&conn, o, from, to)?;
        let mut follow_along = FollowAlongEvidence {
            job_starts: count(starts.len()),
            met_week_before: 0,
            met_within_three_days: 0,
            starts_with_full_first_month: 0,
            weekly_in_first_month: 0,
            on_schedule: 0,
        };
        for (start, met) in &starts {
            let within = |a: i64, b: i64| {
                met.iter()
                    .any(|d| *d >= *start + Duration::days(a) && *d < *start + Duration::days(b))
            };
            let before = within(-7, 0);
            let after = within(0, 4);
            follow_along.met_week_before += u32::from(before);
            follow_along.met_within_three_days += u32::from(after);
            let full_month = *start + Duration::days(28) <= to + Duration::days(1);
            let every_week = full_month && (0..4).all(|w| within(w * 7, w * 7 + 7));
            if full_month {
                follow_along.starts_with_full_first_month += 1;
                follow_along.weekly_in_first_month += u32::from(every_week);
            }
            follow_along.on_schedule += u32::from(before && after && (!full_month || every_week));
        }

        Ok(FidelityEvidence {
            from,
            to,
            fte,
            caseload,
            rapid_search,
            employer_contact,
            contact_quality,
            jobs,
            follow_along,
        })
    }
}

impl Polku {
    /// The full-time equivalents behind `whose` records: the user's own FTE, a coach's from
    /// their synced profile, or the team's summed over its coaches. A coach whose profile has
    /// not arrived counts as full time, the default every profile starts from.
    pub(crate) fn fte_of(&self, whose: &Whose) -> Result<f64> {
        Ok(self.people_of(whose)?.0)
    }

    /// The FTE behind `whose` records (see [`Polku::fte_of`]) and how many coaches they are.
    fn people_of(&self, whose: &Whose) -> Result<(f64, u32)> {
        Ok(match whose {
            Whose::Mine => (self.settings_get()?.fte, 1),
            Whose::Coach { id } => (
                profiles::get(&self.store.read(), *id)?.map_or(1.0, |p| p.fte),
                1,
            ),
            Whose::Team => {
                let coaches = self.team_coaches(&self.sync().rosters()?)?;
                (coaches.iter().map(|c| c.fte).sum(), count(coaches.len()))
            }
        })
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Polku {
    /// Suggested ratings for `scale` over `from..=to`, each with the figures behind it.
    pub fn fidelity_suggestions(
        &self,
        scale: &polku_domain::fidelity::Scale,
        from: NaiveDate,
        to: NaiveDate,
        whose: &Whose,
    ) -> Result<Vec<polku_domain::fidelity::Suggestion>> {
        Ok(polku_domain::fidelity::suggest(
            scale,
            &self.fidelity_evidence(from, to, whose)?,
        ))
    }
}

impl Polku {
    /// Outcomes for one quarter over `whose` records (as the records stand today).
    pub fn quarterly_outcomes(
        &self,
        quarter: polku_domain::Quarter,
        whose: &Whose,
    ) -> Result<polku_domain::QuarterOutcomes> {
        let Some((from, to)) = quarter.bounds() else {
            let mut e = ValidationErrors::default();
            e.add("quarter", ValidationCode::OutOfRange);
            return Err(e.into());
        };
        let conn = self.store.read();
        let o = &Owners::resolve(&conn, whose)?;
        let served = q::served_in(&conn, o, from, to)?;
        let out_of_work: Vec<_> = served.iter().filter(|(employed, _, _)| !employed).collect();
        let jobs = q::all_jobs(&conn, o)?;
        let mut first_start: std::collections::HashMap<&str, NaiveDate> = Default::default();
        for (client, start, _) in &jobs {
            first_start.entry(client.as_str()).or_insert(*start);
        }
        let thirteen_weeks = Duration::days(polku_domain::KEPT_DAYS);
        // Jobs whose 13-week mark falls in this quarter: each job is judged once, in one quarter.
        let old_enough: Vec<_> = jobs
            .iter()
            .filter(|(_, start, _)| {
                let mark = *start + thirteen_weeks;
                mark >= from && mark <= to
            })
            .collect();
        let worked = count(served.iter().filter(|(_, w, _)| *w).count());
        let worked_oow = count(out_of_work.iter().filter(|(_, w, _)| *w).count());
        Ok(polku_domain::QuarterOutcomes {
            quarter,
            served: count(served.len()),
            worked_competitively: worked,
            employment_rate: polku_domain::rate(worked, count(served.len())),
            served_out_of_work_at_entry: count(out_of_work.len()),
            worked_out_of_work_at_entry: worked_oow,
            employment_rate_out_of_work_at_entry: polku_domain::rate(
                worked_oow,
                count(out_of_work.len()),
            ),
            new_job_starts: count(
                jobs.iter()
                    .filter(|(_, s, _)| *s >= from && *s <= to)
                    .count(),
            ),
            into_first_job: count(
                first_start
                    .values()
                    .filter(|s| **s >= from && **s <= to)
                    .count(),
            ),
            jobs_old_enough: count(old_enough.len()),
            jobs_kept_13_weeks: count(
                old_enough
                    .iter()
                    .filter(|(_, s, end)| end.is_none_or(|e| e >= *s + thirteen_weeks))
                    .count(),
            ),
            active_clients: count(served.iter().filter(|(_, _, a)| *a).count()),
        })
    }
}
