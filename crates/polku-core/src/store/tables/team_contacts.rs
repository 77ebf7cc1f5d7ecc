//! `team_contacts`: the part of colleagues' employer contacts a team shares (see migration
//! 0010). Written only by a pull.

use polku_domain::protocol::RecordId;
use polku_domain::UserId;
use rusqlite::{params_from_iter, types::Value as Sql, Connection};
use serde_json::{Map, Value};

/// Each field a team shares of an employer contact (`Entity::team_share`) and its column.
const COLUMNS: [(&str, &str); 5] = [
    ("employerId", "employer_id"),
    ("occurredAt", "occurred_at"),
    ("coach", "coach"),
    ("mode", "mode"),
    ("removedAt", "removed_at"),
];

/// One statement for every change: each column is bound (`?3`…) with a flag (`?8`…) saying
/// whether the change carries it; a column it does not carry keeps what it holds.
static UPSERT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let n = COLUMNS.len();
    let names: Vec<&str> = COLUMNS.iter().map(|(_, column)| *column).collect();
    let slots: Vec<String> = (0..n).map(|i| format!("?{}", i + 3)).collect();
    let sets: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = iif(?{}, excluded.{c}, {c})", i + 3 + n))
        .collect();
    format!(
        "INSERT INTO team_contacts (id, owner_id, {}) VALUES (?1, ?2, {})
         ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, {}",
        names.join(", "),
        slots.join(", "),
        sets.join(", ")
    )
});

/// Takes the fields of one pulled change of a colleague's contact: a change carries only what
/// it changed, and changes arrive in the server's order, so each field present replaces the
/// one kept.
pub fn apply(
    conn: &Connection,
    id: &RecordId,
    owner: UserId,
    fields: &Map<String, Value>,
) -> rusqlite::Result<()> {
    let given: Vec<Option<Sql>> = COLUMNS
        .iter()
        .map(|(field, _)| {
            Some(match fields.get(*field)? {
                Value::Null => Sql::Null,
                Value::String(s) => Sql::Text(s.clone()),
                other => Sql::Text(other.to_string()),
            })
        })
        .collect();
    let flags: Vec<Sql> = given
        .iter()
        .map(|v| Sql::Integer(i64::from(v.is_some())))
        .collect();
    let values = [
        Sql::Text(id.as_str().to_owned()),
        Sql::Text(owner.to_string()),
    ]
    .into_iter()
    .chain(given.into_iter().map(|v| v.unwrap_or(Sql::Null)))
    .chain(flags);
    conn.prepare_cached(&UPSERT)?
        .execute(params_from_iter(values))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use polku_domain::protocol::{Entity, TeamShare};

    #[test]
    fn every_field_a_team_shares_of_a_contact_has_a_column_and_no_other() {
        let TeamShare::Only(shared) = Entity::EmployerContact.team_share() else {
            panic!("a contact is shared in part");
        };
        let mut kept: Vec<&str> = COLUMNS.iter().map(|(field, _)| *field).collect();
        let mut shared = shared.to_vec();
        kept.sort_unstable();
        shared.sort_unstable();
        assert_eq!(kept, shared);
    }

    #[test]
    fn a_change_replaces_the_fields_it_carries_and_keeps_the_others() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = crate::store::Store::open(&dir.path().join("polku.db")).expect("store");
        let id = RecordId::of(uuid::Uuid::now_v7());
        let owner = UserId::new();
        let fields = |v: Value| match v {
            Value::Object(m) => m,
            _ => panic!("fields"),
        };
        let row = || -> (Option<String>, Option<String>, Option<String>, Option<String>) {
            store
                .read()
                .query_row(
                    "SELECT occurred_at, coach, mode, removed_at FROM team_contacts WHERE id = ?1",
                    [id.as_str()],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .expect("row")
        };
        store
            .write(|tx| {
                apply(
                    tx,
                    &id,
                    owner,
                    &fields(serde_json::json!({"occurredAt": "2026-11-20T10:00",
                        "coach": "Aino Coach", "mode": "face_to_face"})),
                )?;
                Ok(())
            })
            .expect("first");
        store
            .write(|tx| {
                let change = serde_json::json!({"removedAt": "2026-11-21", "mode": null});
                apply(tx, &id, owner, &fields(change))?;
                Ok(())
            })
            .expect("second");
        assert_eq!(
            row(),
            (
                Some("2026-11-20T10:00".into()),
                Some("Aino Coach".into()),
                None,
                Some("2026-11-21".into())
            )
        );
    }
}
