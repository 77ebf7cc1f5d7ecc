//! The employer contact log: the coach's field record.

use super::{employers::insert_employer, not_found, Polku};
use crate::error::Result;
use crate::store::owners::Owners;
use crate::store::tables::employer_contacts::{self, ContactListed, ContactRow};
use crate::store::tables::{clients, contact_clients, employers};
use crate::write::Write;
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{
    ClientId, ContactId, ContactInput, ContactView, EmployerId, ValidationCode, ValidationErrors,
};
use rusqlite::Connection;
use serde::Serialize;

/// What syncs for one contact: the row and the clients it was for.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Synced<'a> {
    #[serde(flatten)]
    row: &'a ContactRow,
    client_ids: &'a [ClientId],
}

impl Polku {
    /// Records a contact; an inline new employer is created in the same transaction, so a
    /// failed save leaves no orphan employer behind.
    pub fn contact_create(&self, input: ContactInput) -> Result<ContactView> {
        let input = input.normalized();
        input.validate(self.clock.now_local())?;
        let coach = self.settings_get()?.coach_name;
        let id = self.write(|w| create_in(w, &input, &coach))?;
        self.contact_view(id)
    }

    /// Records many contacts in one transaction (imports, the demo, benchmarks); all or none.
    pub fn contacts_import(&self, inputs: Vec<ContactInput>) -> Result<usize> {
        let now = self.clock.now_local();
        let coach = self.settings_get()?.coach_name;
        let inputs: Vec<ContactInput> = inputs.into_iter().map(ContactInput::normalized).collect();
        for i in &inputs {
            i.validate(now)?;
        }
        self.write(|w| {
            for i in &inputs {
                create_in(w, i, &coach)?;
            }
            Ok(inputs.len())
        })
    }

    pub fn contact_update(&self, id: ContactId, input: ContactInput) -> Result<ContactView> {
        let input = input.normalized();
        input.validate(self.clock.now_local())?;
        self.write(|w| {
            let old = employer_contacts::get(w.tx, id)?.ok_or_else(|| not_found("contact", id))?;
            let employer_id = resolve_employer(w, &input)?;
            let row = row_from(id, employer_id, &input, &w.timestamp(), Some(&old.row));
            save(w, Some(&old.row), row, &input.client_ids)
        })?;
        self.contact_view(id)
    }

    /// Marks the contact's next step done so it leaves the Today view.
    pub fn contact_follow_up_done(&self, id: ContactId) -> Result<ContactView> {
        self.write(|w| mark_follow_up_done(w, id))?;
        self.contact_view(id)
    }

    /// An employer's contacts, newest first.
    pub fn employer_contacts(&self, id: EmployerId) -> Result<Vec<ContactView>> {
        let conn = self.store.read();
        employer_contacts::for_employer(&conn, id)?
            .into_iter()
            .map(|c| view(&conn, c))
            .collect()
    }

    /// The user's own newest contacts (a supervisor's imported team stays out).
    pub fn contacts_recent(&self, limit: u32) -> Result<Vec<ContactView>> {
        let conn = self.store.read();
        let mine = Owners::resolve(&conn, &polku_domain::Whose::Mine)?;
        employer_contacts::recent(&conn, &mine, limit.min(500))?
            .into_iter()
            .map(|c| view(&conn, c))
            .collect()
    }

    /// The visit number the next contact with this employer gets.
    pub fn next_visit_number(&self, employer: EmployerId) -> Result<u32> {
        Ok(employer_contacts::visits_with(&self.store.read(), employer)? + 1)
    }

    pub fn contact_view(&self, id: ContactId) -> Result<ContactView> {
        let conn = self.store.read();
        let listed = employer_contacts::get(&conn, id)?.ok_or_else(|| not_found("contact", id))?;
        view(&conn, listed)
    }
}

pub(super) fn create_in(w: &mut Write<'_>, input: &ContactInput, coach: &str) -> Result<ContactId> {
    let employer_id = resolve_employer(w, input)?;
    let now = w.timestamp();
    let mut row = row_from(w.new_id(), employer_id, input, &now, None);
    row.coach = coach.to_owned();
    save(w, None, row, &input.client_ids)
}

pub(super) fn mark_follow_up_done(w: &mut Write<'_>, id: ContactId) -> Result<ContactId> {
    let old = employer_contacts::get(w.tx, id)?.ok_or_else(|| not_found("contact", id))?;
    let clients: Vec<ClientId> = contact_clients::of_contact(w.tx, id)?
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    let row = ContactRow {
        next_step_done: true,
        updated_at: w.timestamp(),
        ..old.row.clone()
    };
    save(w, Some(&old.row), row, &clients)
}

fn resolve_employer(w: &mut Write<'_>, input: &ContactInput) -> Result<EmployerId> {
    match (&input.employer_id, &input.new_employer) {
        // A duplicate a supervisor merged: the contact names the employer kept.
        (Some(id), _) => match employers::kept(w.tx, *id)? {
            Some(kept) => Ok(kept),
            None => {
                let mut e = ValidationErrors::default();
                e.add("employerId", ValidationCode::UnknownEmployer);
                Err(e.into())
            }
        },
        (None, Some(new)) => Ok(insert_employer(w, new.clone())?.id),
        // validate() has already rejected this combination.
        (None, None) => {
            let mut e = ValidationErrors::default();
            e.add("employerId", ValidationCode::Required);
            Err(e.into())
        }
    }
}

fn row_from(
    id: ContactId,
    employer_id: EmployerId,
    i: &ContactInput,
    now: &str,
    old: Option<&ContactRow>,
) -> ContactRow {
    ContactRow {
        id,
        employer_id,
        occurred_at: i.occurred_at,
        coach: old.map(|o| o.coach.clone()).unwrap_or_default(),
        contact_person: i.contact_person.trim().to_owned(),
        contact_role: i.contact_role.trim().to_owned(),
        mode: i.mode,
        client_present: i.client_present,
        purposes: i.purposes.clone(),
        outcome: i.outcome,
        next_step: i.next_step.trim().to_owned(),
        next_step_due: i.next_step_due,
        // Editing the next step reopens it; keeping it otherwise.
        next_step_done: old.is_some_and(|o| {
            o.next_step_done
                && o.next_step == i.next_step.trim()
                && o.next_step_due == i.next_step_due
        }),
        notes: i.notes.clone(),
        reviewed_at: old.and_then(|o| o.reviewed_at),
        removed_at: old.and_then(|o| o.removed_at.clone()),
        created_at: old.map_or_else(|| now.to_owned(), |o| o.created_at.clone()),
        updated_at: now.to_owned(),
        version: String::new(),
    }
}

fn save(
    w: &mut Write<'_>,
    old: Option<&ContactRow>,
    mut row: ContactRow,
    client_ids: &[ClientId],
) -> Result<ContactId> {
    let mut unknown = ValidationErrors::default();
    for c in client_ids {
        if !clients::exists(w.tx, *c)? {
            unknown.add("clientIds", ValidationCode::UnknownClient);
            return Err(unknown.into());
        }
    }
    // The set of clients is what matters, not the order they were picked in.
    let mut client_ids = client_ids.to_vec();
    client_ids.sort();
    let mut old_clients: Vec<ClientId> = match old {
        Some(o) => contact_clients::of_contact(w.tx, o.id)?
            .into_iter()
            .map(|(c, _)| c)
            .collect(),
        None => Vec::new(),
    };
    old_clients.sort();
    // A client newly named must be this user's. One named before may have been handed over
    // to another coach since: the contact is still the coach's own work, and stays editable.
    for c in client_ids
        .iter()
        .filter(|c| old_clients.binary_search(c).is_err())
    {
        crate::write::own(w.tx, Entity::Client, &RecordId::of(*c))?;
    }
    let new_synced = Synced {
        row: &row,
        client_ids: &client_ids,
    };
    let old_synced = old.map(|o| Synced {
        row: o,
        client_ids: &old_clients,
    });
    row.version = w.track(
        Entity::EmployerContact,
        &RecordId::of(row.id),
        old_synced.as_ref().zip(old.map(|o| o.version.as_str())),
        &new_synced,
    )?;
    if old.is_some_and(|o| o.version == row.version) {
        return Ok(row.id); // nothing changed: leave the stored row as it is
    }
    match old {
        None => employer_contacts::insert(w.tx, &row)?,
        Some(_) => employer_contacts::upsert(w.tx, &row)?,
    }
    contact_clients::set(w.tx, row.id, row.occurred_at, &client_ids, old.is_none())?;
    Ok(row.id)
}

pub(super) fn view(conn: &Connection, c: ContactListed) -> Result<ContactView> {
    let clients = contact_clients::of_contact(conn, c.row.id)?;
    let r = c.row;
    Ok(ContactView {
        id: r.id,
        employer_id: r.employer_id,
        employer_name: c.employer_name,
        occurred_at: r.occurred_at,
        coach: r.coach,
        contact_person: r.contact_person,
        contact_role: r.contact_role,
        mode: r.mode,
        client_ids: clients.iter().map(|(id, _)| *id).collect(),
        client_names: clients.into_iter().map(|(_, n)| n).collect(),
        client_present: r.client_present,
        visit_number: c.visit_number,
        purposes: r.purposes,
        outcome: r.outcome,
        next_step: r.next_step,
        next_step_due: r.next_step_due,
        next_step_done: r.next_step_done,
        notes: r.notes,
        reviewed_at: r.reviewed_at,
    })
}
