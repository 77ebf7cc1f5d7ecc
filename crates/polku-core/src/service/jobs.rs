//! Clients' jobs.

use super::{not_found, Polku};
use crate::error::Result;
use crate::store::tables::jobs::{self, JobMeta};
use crate::store::tables::{clients, employers};
use crate::write::Write;
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{ClientId, Job, JobId, JobInput, ValidationCode, ValidationErrors};
use rusqlite::Connection;

impl Polku {
    pub fn jobs_for_client(&self, client: ClientId) -> Result<Vec<Job>> {
        Ok(jobs::for_client(&self.store.read(), client)?)
    }

    pub fn job_create(&self, input: JobInput) -> Result<Job> {
        input.validate(self.today())?;
        let id = self.write(|w| insert_job(w, &input))?;
        self.job_get(id)
    }

    pub fn job_update(&self, id: JobId, input: JobInput) -> Result<Job> {
        input.validate(self.today())?;
        self.write(|w| {
            let input = checked(w.tx, &input)?;
            let (old, old_meta) = jobs::get(w.tx, id)?.ok_or_else(|| not_found("job", id))?;
            let version = w.track(
                Entity::Job,
                &RecordId::of(id),
                Some((&old.input, &old_meta.version)),
                &input,
            )?;
            if version == old_meta.version {
                return Ok(()); // nothing changed
            }
            let meta = JobMeta {
                updated_at: w.timestamp(),
                version,
                ..old_meta
            };
            jobs::upsert(w.tx, id, &input, &meta).map_err(Into::into)
        })?;
        self.job_get(id)
    }

    fn job_get(&self, id: JobId) -> Result<Job> {
        jobs::get(&self.store.read(), id)?
            .map(|(j, _)| j)
            .ok_or_else(|| not_found("job", id))
    }
}

pub(super) fn insert_job(w: &mut Write<'_>, input: &JobInput) -> Result<JobId> {
    let input = &checked(w.tx, input)?;
    let id: JobId = w.new_id();
    let now = w.timestamp();
    let mut meta = JobMeta {
        created_at: now.clone(),
        updated_at: now,
        version: String::new(),
    };
    meta.version = w.track(Entity::Job, &RecordId::of(id), None, input)?;
    jobs::insert(w.tx, id, input, &meta)?;
    Ok(id)
}

/// `input` with the records it names checked: the client must be here and the coach's, the
/// employer here — a duplicate a supervisor merged is replaced by the employer kept, as a
/// contact's is.
fn checked(conn: &Connection, input: &JobInput) -> Result<JobInput> {
    let mut e = ValidationErrors::default();
    if !clients::exists(conn, input.client_id)? {
        e.add("clientId", ValidationCode::UnknownClient);
    }
    let employer = employers::kept(conn, input.employer_id)?;
    if employer.is_none() {
        e.add("employerId", ValidationCode::UnknownEmployer);
    }
    e.into_result()?;
    crate::write::own(conn, Entity::Client, &RecordId::of(input.client_id))?;
    Ok(JobInput {
        employer_id: employer.unwrap_or(input.employer_id),
        ..input.clone()
    })
}
