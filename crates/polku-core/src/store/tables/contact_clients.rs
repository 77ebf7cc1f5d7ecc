//! `contact_clients`: which clients an employer contact was on behalf of.

use super::{datetime_sql, id_col};
use polku_domain::{ClientId, ContactId, LocalDateTime};
use rusqlite::{params, Connection};

/// Replaces the set of clients of one contact.
pub fn set(
    conn: &Connection,
    contact: ContactId,
    occurred_at: LocalDateTime,
    clients: &[ClientId],
    new_contact: bool,
) -> rusqlite::Result<()> {
    if !new_contact {
        conn.prepare_cached("DELETE FROM contact_clients WHERE contact_id = ?1")?
            .execute([contact.to_string()])?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO contact_clients (contact_id, client_id, occurred_at) VALUES (?1, ?2, ?3)",
    )?;
    let at = datetime_sql(occurred_at);
    for client in clients {
        insert.execute(params![contact.to_string(), client.to_string(), at])?;
    }
    Ok(())
}

/// The clients of one contact, with their names, in name order.
pub fn of_contact(
    conn: &Connection,
    contact: ContactId,
) -> rusqlite::Result<Vec<(ClientId, String)>> {
    conn.prepare_cached(
        "SELECT cl.id, cl.name FROM contact_clients cc JOIN clients cl ON cl.id = cc.client_id
         WHERE cc.contact_id = ?1 ORDER BY cl.name COLLATE NOCASE",
    )?
    .query_map([contact.to_string()], |r| Ok((id_col(r, 0)?, r.get(1)?)))?
    .collect()
}
