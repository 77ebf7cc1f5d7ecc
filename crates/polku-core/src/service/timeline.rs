//! A client's timeline: milestones, employer contacts, jobs and support in one list.

use super::Polku;
use crate::error::Result;
use crate::store::tables::{employer_contacts, jobs, support_contacts};
use polku_domain::{format_local, ClientId, Milestone, TimelineEntry, TimelineKind};

/// The newest entries shown; older contacts stay reachable from the employer's history.
pub const TIMELINE_LIMIT: u32 = 300;

impl Polku {
    pub fn client_timeline(&self, id: ClientId) -> Result<Vec<TimelineEntry>> {
        let client = self.client_get(id)?;
        let conn = self.store.read();
        let mut out = Vec::new();
        let i = &client.input;
        for (m, date) in [
            (Milestone::Referral, i.referral_date),
            (Milestone::Entry, i.entry_date),
            (Milestone::ProfileStarted, i.profile_started_date),
            (Milestone::BenefitsPlanning, i.benefits_planning_date),
            (Milestone::DisclosureDiscussed, i.disclosure_discussed_date),
            (Milestone::Discharge, client.discharge_date),
        ] {
            if let Some(d) = date {
                let detail = match m {
                    Milestone::Discharge => client.discharge_reason.clone().unwrap_or_default(),
                    _ => String::new(),
                };
                out.push(entry(d.to_string(), TimelineKind::Milestone, detail).milestone(m));
            }
        }
        for c in employer_contacts::for_client(&conn, &id.to_string(), TIMELINE_LIMIT)? {
            let detail = if c.next_step.is_empty() {
                excerpt(&c.notes)
            } else {
                c.next_step
            };
            let mut e = entry(
                format_local(c.occurred_at),
                TimelineKind::EmployerContact,
                detail,
            );
            e.ref_id = Some(c.id.to_string());
            e.employer_name = Some(c.employer_name);
            e.mode = Some(c.mode);
            out.push(e);
        }
        for j in jobs::for_client(&conn, id)? {
            let mut start = entry(
                j.input.start_date.to_string(),
                TimelineKind::JobStart,
                j.input.job_type.clone(),
            );
            start.ref_id = Some(j.id.to_string());
            start.employer_name = Some(j.employer_name.clone());
            if let Some(end) = j.input.end_date {
                let mut e = entry(
                    end.to_string(),
                    TimelineKind::JobEnd,
                    j.input.end_reason.clone().unwrap_or_default(),
                );
                e.ref_id = Some(j.id.to_string());
                e.employer_name = Some(j.employer_name.clone());
                out.push(e);
            }
            out.push(start);
        }
        for s in support_contacts::for_client(&conn, id)? {
            let mut e = entry(
                format_local(s.input.occurred_at),
                TimelineKind::SupportContact,
                excerpt(&s.input.notes),
            );
            e.ref_id = Some(s.id.to_string());
            e.mode = Some(s.input.mode);
            out.push(e);
        }
        // Dates sort before times of the same day as text; newest first overall.
        out.sort_by(|a, b| b.at.cmp(&a.at));
        Ok(out)
    }
}

trait WithMilestone {
    fn milestone(self, m: Milestone) -> Self;
}

impl WithMilestone for TimelineEntry {
    fn milestone(mut self, m: Milestone) -> Self {
        self.milestone = Some(m);
        self
    }
}

fn entry(at: String, kind: TimelineKind, detail: String) -> TimelineEntry {
    TimelineEntry {
        at,
        kind,
        milestone: None,
        ref_id: None,
        employer_name: None,
        mode: None,
        detail,
    }
}

fn excerpt(s: &str) -> String {
    const MAX: usize = 120;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}
