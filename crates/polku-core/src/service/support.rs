//! In-work support contacts.

use super::Polku;
use crate::error::Result;
use crate::store::tables::{clients, support_contacts};
use crate::write::Write;
use polku_domain::{
    ClientId, SupportContact, SupportContactId, SupportContactInput, ValidationCode,
    ValidationErrors,
};

impl Polku {
    pub fn support_for_client(&self, client: ClientId) -> Result<Vec<SupportContact>> {
        Ok(support_contacts::for_client(&self.store.conn(), client)?)
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
    if !clients::exists(w.tx, input.client_id)? {
        let mut e = ValidationErrors::default();
        e.add("clientId", ValidationCode::UnknownClient);
        return Err(e.into());
    }
    let s = SupportContact {
        id: SupportContactId::new(),
        input,
    };
    let version = w.track("support_contact", &s.id.to_string(), None, &s)?;
    support_contacts::insert(w.tx, &s, &w.timestamp(), &version)?;
    Ok(s)
}
