//! Loading the demo caseload: one transaction through the same write paths as the UI, so the
//! demo's records carry clocks and outbox entries like any typed record.

use super::{clients::insert_client, contacts, employers::insert_employer, jobs::insert_job};
use super::{support::insert_support, Polku};
use crate::demo::generate;
use crate::error::{CoreError, Result};
use crate::store::tables::{clients, employer_contacts, employers, jobs, support_contacts};
use polku_domain::{ContactInput, DemoSummary, JobInput, SupportContactInput};

/// Fixed so every demo has the same people and places.
const DEMO_SEED: u64 = 2024_0703;
const DEMO_COACH: &str = "Laura Demo";

impl Polku {
    pub fn demo_load(&self) -> Result<DemoSummary> {
        let demo = generate(self.clock.now_local(), DEMO_SEED);
        self.write(|w| {
            if clients::count(w.tx)? > 0 || employers::count(w.tx)? > 0 {
                return Err(CoreError::NotEmpty);
            }
            let employers = demo
                .employers
                .iter()
                .map(|e| insert_employer(w, e.input.clone()).map(|e| e.id))
                .collect::<Result<Vec<_>>>()?;
            let clients = demo
                .clients
                .iter()
                .map(|c| insert_client(w, c.input.clone()).map(|c| c.id))
                .collect::<Result<Vec<_>>>()?;
            for c in &demo.contacts {
                let input = ContactInput {
                    employer_id: Some(employers[c.employer]),
                    new_employer: None,
                    occurred_at: c.occurred_at,
                    contact_person: c.contact.0.clone(),
                    contact_role: c.contact.1.clone(),
                    mode: c.mode,
                    client_ids: c.clients.iter().map(|i| clients[*i]).collect(),
                    client_present: c.client_present,
                    purposes: c.purposes.clone(),
                    outcome: c.outcome,
                    next_step: c.next_step.clone(),
                    next_step_due: c.next_step_due,
                    notes: String::new(),
                };
                let id = contacts::create_in(w, &input, DEMO_COACH)?;
                if c.next_step_done {
                    contacts::mark_follow_up_done(w, id)?;
                }
            }
            let mut job_ids = Vec::new();
            for j in &demo.jobs {
                job_ids.push(insert_job(
                    w,
                    &JobInput {
                        client_id: clients[j.client],
                        employer_id: employers[j.employer],
                        job_type: j.job_type.clone(),
                        start_date: j.start,
                        end_date: j.end,
                        hours_per_week: j.hours,
                        hourly_wage: Some(j.wage),
                        permanent: j.permanent,
                        competitive: j.competitive,
                        wage_subsidy: j.wage_subsidy,
                        started: true,
                        end_reason: j.end.map(|_| "Määräaikainen työsuhde päättyi".to_owned()),
                    },
                )?);
            }
            for s in &demo.support {
                insert_support(
                    w,
                    SupportContactInput {
                        client_id: clients[s.client],
                        job_id: Some(job_ids[s.job]),
                        occurred_at: s.occurred_at,
                        mode: s.mode,
                        with_employer: s.with_employer,
                        notes: s.notes.clone(),
                    },
                )?;
            }
            // What the store now holds (the database was empty), not what was meant to go in.
            let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
            Ok(DemoSummary {
                clients: count(clients::count(w.tx)?),
                employers: count(employers::count(w.tx)?),
                contacts: count(employer_contacts::count(w.tx)?),
                jobs: count(jobs::count(w.tx)?),
                support_contacts: count(support_contacts::count(w.tx)?),
            })
        })
    }
}
