//! The employer directory. (An employer's contacts are the contact log's: `contacts`.)

use super::{not_found, Polku};
use crate::error::Result;
use crate::store::tables::employers;
use crate::write::Write;
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{
    Employer, EmployerId, EmployerInput, EmployerMerge, EmployerSummary, ValidationCode,
    ValidationErrors,
};

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

    /// A supervisor merges `duplicate` into `keep`: the duplicate leaves the directory and
    /// its contacts and jobs count as `keep`'s, on every device once it syncs. One local
    /// transaction, so one push batch (the server applies a batch whole); employers merged
    /// into the duplicate earlier are re-pointed to `keep` in the same write (one hop).
    /// On a device not enrolled as a supervisor the write refuses it (`NotTeamLead`, see
    /// `Write::track`), as the server would.
    pub fn employers_merge(&self, merge: EmployerMerge) -> Result<Employer> {
        let EmployerMerge { keep, duplicate } = merge;
        self.write(|w| {
            let kept = employers::get(w.tx, keep)?.ok_or_else(|| not_found("employer", keep))?;
            let merged =
                employers::get(w.tx, duplicate)?.ok_or_else(|| not_found("employer", duplicate))?;
            let mut invalid = ValidationErrors::default();
            if keep == duplicate || merged.merged_into.is_some() {
                invalid.add("duplicate", ValidationCode::Invalid);
            }
            if kept.merged_into.is_some() {
                invalid.add("keep", ValidationCode::Invalid);
            }
            invalid.into_result()?;
            let mut moved = employers::merged_into(w.tx, duplicate)?;
            moved.push(merged);
            for old in moved {
                let e = Employer {
                    merged_into: Some(keep),
                    updated_at: w.timestamp(),
                    ..old.clone()
                };
                let id = RecordId::of(old.id);
                w.edit(Entity::Employer, &id, old, e, employers::upsert)?;
            }
            Ok(kept)
        })
    }
}

/// Shared by "new employer" and the inline employer of the quick-add contact dialog.
pub(super) fn insert_employer(w: &mut Write<'_>, input: EmployerInput) -> Result<Employer> {
    let now = w.timestamp();
    let mut e = Employer {
        id: w.new_id(),
        input,
        merged_into: None,
        created_at: now.clone(),
        updated_at: now,
        version: String::new(),
    };
    e.version = w.track(Entity::Employer, &RecordId::of(e.id), None, &e)?;
    employers::insert(w.tx, &e)?;
    Ok(e)
}
