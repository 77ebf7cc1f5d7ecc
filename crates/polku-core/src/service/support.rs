//! In-work support contacts.

use super::Polku;
use crate::error::Result;
use crate::store::tables::{clients, jobs, support_contacts};
use crate::write::Write;
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{
    ClientId, SupportContact, SupportContactInput, ValidationCode, ValidationErrors,
};

impl Polku {
    pub fn support_for_client(&self, client: ClientId) -> Result<Vec<SupportContact>> {
        Ok(support_contacts::for_client(&self.store.read(), client)?)
    }

    pub fn support_create(&self, input: SupportContactInput) -> Result<SupportContact> {
        input.validate(self.clock.now_local())?;
        self.write(|w| insert_support(w, input))
    }
}

pub(super) fn insert_support(
    w: &mut Write<'_>,
    input: SupportContactInput,
) -> Result<SupportContact> {
    let mut e = ValidationErrors::default();
    if !clients::exists(w.tx, input.client_id)? {
        e.add("clientId", ValidationCode::UnknownClient);
    }
    if let Some(job) = input.job_id {
        // The job must exist and be this client's.
        if jobs::get(w.tx, job)?.is_none_or(|(j, _)| j.input.client_id != input.client_id) {
            e.add("jobId", ValidationCode::Invalid);
        }
    }
    e.into_result()?;
    crate::write::own(w.tx, Entity::Client, &RecordId::of(input.client_id))?;
    let s = SupportContact {
        id: w.new_id(),
        input,
    };
    let version = w.track(Entity::SupportContact, &RecordId::of(s.id), None, &s)?;
    support_contacts::insert(w.tx, &s, &w.timestamp(), &version)?;
    Ok(s)
}
