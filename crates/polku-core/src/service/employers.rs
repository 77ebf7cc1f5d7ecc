//! The employer directory. (An employer's contacts are the contact log's: `contacts`.)

use super::{not_found, Polku};
use crate::error::Result;
use crate::store::tables::employers;
use crate::write::Write;
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{Employer, EmployerId, EmployerInput, EmployerSummary};

/// Autocomplete and directory pages show at most this many rows at once.
const LIST_LIMIT: u32 = 200;

impl Polku {
    pub fn employers_list(&self, search: &str) -> Result<Vec<EmployerSummary>> {
        Ok(employers::search(&self.store.read(), search, LIST_LIMIT)?)
    }

    pub fn employer_get(&self, id: EmployerId) -> Result<Employer> {
        employers::get(&self.store.read(), id)?.ok_or_else(|| not_found("employer", id))
    }

    /// Existing employers that look like the one being typed ("Kesko Oy, Tampere already
    /// exists"), so the directory stays clean.
    pub fn employers_similar(&self, name: &str, location: &str) -> Result<Vec<EmployerSummary>> {
        Ok(employers::similar(&self.store.read(), name, location)?)
    }

    pub fn employer_create(&self, input: EmployerInput) -> Result<Employer> {
        let input = input.normalized();
        input.validate()?;
        self.write(|w| insert_employer(w, input))
    }

    pub fn employer_update(&self, id: EmployerId, input: EmployerInput) -> Result<Employer> {
        let input = input.normalized();
        input.validate()?;
        self.write(|w| {
            let old = employers::get(w.tx, id)?.ok_or_else(|| not_found("employer", id))?;
            let e = Employer {
                input,
                updated_at: w.timestamp(),
                ..old.clone()
            };
            w.edit(
                Entity::Employer,
                &RecordId::of(id),
                old,
                e,
                employers::upsert,
            )
        })
    }
}

/// Shared by "new employer" and the inline employer of the quick-add contact dialog.
pub(super) fn insert_employer(w: &mut Write<'_>, input: EmployerInput) -> Result<Employer> {
    let now = w.timestamp();
    let mut e = Employer {
        id: w.new_id(),
        input,
        created_at: now.clone(),
        updated_at: now,
        version: String::new(),
    };
    e.version = w.track(Entity::Employer, &RecordId::of(e.id), None, &e)?;
    employers::insert(w.tx, &e)?;
    Ok(e)
}
