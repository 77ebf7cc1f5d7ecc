//! Caseload: create, edit, close and list clients.

use super::{not_found, Polku};
use crate::error::Result;
use crate::store::tables::clients;
use crate::write::Write;
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{CaseloadQuery, Client, ClientId, ClientInput, ClientSummary, CloseClientInput};

impl Polku {
    pub fn clients_list(&self, q: &CaseloadQuery) -> Result<Vec<ClientSummary>> {
        let today = self.today().format("%Y-%m-%d").to_string();
        Ok(clients::summaries(&self.store.read(), q, &today)?)
    }

    pub fn client_get(&self, id: ClientId) -> Result<Client> {
        clients::get(&self.store.read(), id)?.ok_or_else(|| not_found("client", id))
    }

    pub fn client_create(&self, input: ClientInput) -> Result<Client> {
        input.validate(self.today())?;
        self.write(|w| insert_client(w, input))
    }

    pub fn client_update(&self, id: ClientId, input: ClientInput) -> Result<Client> {
        input.validate(self.today())?;
        self.write(|w| {
            let old = clients::get(w.tx, id)?.ok_or_else(|| not_found("client", id))?;
            let c = Client {
                input: trimmed(input),
                updated_at: w.timestamp(),
                ..old.clone()
            };
            w.edit(Entity::Client, &RecordId::of(id), old, c, clients::upsert)
        })
    }

    /// Closing keeps the record: the service relationship ends, the data stays for its
    /// retention period.
    pub fn client_close(&self, id: ClientId, input: CloseClientInput) -> Result<Client> {
        input.validate(self.today())?;
        self.write(|w| {
            let old = clients::get(w.tx, id)?.ok_or_else(|| not_found("client", id))?;
            let started = [old.input.referral_date, old.input.entry_date];
            if started.iter().flatten().any(|d| input.discharge_date < *d) {
                let mut e = polku_domain::ValidationErrors::default();
                e.add(
                    "dischargeDate",
                    polku_domain::ValidationCode::EndsBeforeStart,
                );
                return Err(e.into());
            }
            let c = Client {
                discharge_date: Some(input.discharge_date),
                discharge_reason: Some(input.discharge_reason.trim().to_owned()),
                updated_at: w.timestamp(),
                ..old.clone()
            };
            w.edit(Entity::Client, &RecordId::of(id), old, c, clients::upsert)
        })
    }
}

pub(super) fn insert_client(w: &mut Write<'_>, input: ClientInput) -> Result<Client> {
    let now = w.timestamp();
    let mut c = Client {
        id: w.new_id(),
        input: trimmed(input),
        discharge_date: None,
        discharge_reason: None,
        created_at: now.clone(),
        updated_at: now,
        version: String::new(),
    };
    c.version = w.track(Entity::Client, &RecordId::of(c.id), None, &c)?;
    clients::insert(w.tx, &c)?;
    Ok(c)
}

fn trimmed(mut i: ClientInput) -> ClientInput {
    i.name = i.name.trim().to_owned();
    i.responsible_professional = i.responsible_professional.trim().to_owned();
    i
}
