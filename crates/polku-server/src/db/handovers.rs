//! `handovers`: every move of a client from one coach to another, and who made it.

use sqlx::{AnyConnection, Row};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Debug, PartialEq)]
pub struct Handover {
    pub id: String,
    pub client_id: String,
    pub from_user: String,
    pub to_user: String,
    /// `None`: an administrator at the command line.
    pub by_user: Option<String>,
    pub at: String,
    pub cursor: u64,
}

pub async fn insert(conn: &mut AnyConnection, h: &Handover) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO handovers (id, client_id, from_user, to_user, by_user, at, cursor)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&h.id)
    .bind(&h.client_id)
    .bind(&h.from_user)
    .bind(&h.to_user)
    .bind(&h.by_user)
    .bind(&h.at)
    .bind(super::to_db(h.cursor))
    .execute(conn)
    .await?;
    Ok(())
}

/// The clients each of `users` has handed over (or had handed over from them); users with
/// none are left out. Read on every push: for almost every group it is one index probe per
/// hundreds of users, finding nothing.
pub async fn handed_away(
    conn: &mut AnyConnection,
    users: &[&str],
) -> sqlx::Result<HashMap<String, HashSet<String>>> {
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    for chunk in users.chunks(super::ROWS_PER_STATEMENT) {
        let sql = format!(
            "SELECT from_user, client_id FROM handovers WHERE from_user IN ({})",
            super::in_list(conn, chunk.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for user in chunk {
            q = q.bind(*user);
        }
        for r in q.fetch_all(&mut *conn).await? {
            out.entry(r.try_get(0)?).or_default().insert(r.try_get(1)?);
        }
    }
    Ok(out)
}

/// A client's handovers, oldest first.
pub async fn of_client(conn: &mut AnyConnection, client_id: &str) -> sqlx::Result<Vec<Handover>> {
    sqlx::query(
        "SELECT id, client_id, from_user, to_user, by_user, at, cursor FROM handovers
         WHERE client_id = $1 ORDER BY cursor",
    )
    .bind(client_id)
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| {
        Ok(Handover {
            id: r.try_get(0)?,
            client_id: r.try_get(1)?,
            from_user: r.try_get(2)?,
            to_user: r.try_get(3)?,
            by_user: r.try_get(4)?,
            at: r.try_get(5)?,
            cursor: super::from_db(r.try_get(6)?),
        })
    })
    .collect()
}
