//! `fidelity_actions`: the action plan of a review.

use super::{date_sql, id_col, opt_date_col};
use polku_domain::fidelity::{ActionDue, ActionInput, ReviewAction};
use polku_domain::{ReviewActionId, ReviewId};
use rusqlite::{params, Connection, OptionalExtension, Row};

fn from_row(r: &Row<'_>) -> rusqlite::Result<(ReviewAction, String)> {
    Ok((
        ReviewAction {
            id: id_col(r, 0)?,
            review_id: id_col(r, 1)?,
            input: ActionInput {
                item: r.get(2)?,
                what: r.get(3)?,
                who: r.get(4)?,
                due: opt_date_col(r, 5)?,
            },
            done: r.get(6)?,
        },
        r.get(7)?,
    ))
}

const SELECT: &str =
    "SELECT id, review_id, item, what, who, due, done, version FROM fidelity_actions";

pub fn for_review(conn: &Connection, id: ReviewId) -> rusqlite::Result<Vec<ReviewAction>> {
    conn.prepare_cached(&format!(
        "{SELECT} WHERE review_id = ?1 ORDER BY coalesce(due, '9999'), created_at"
    ))?
    .query_map([id.to_string()], |r| from_row(r).map(|(a, _)| a))?
    .collect()
}

pub fn get(
    conn: &Connection,
    id: ReviewActionId,
) -> rusqlite::Result<Option<(ReviewAction, String)>> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()
}

pub fn upsert(
    conn: &Connection,
    a: &ReviewAction,
    now: &str,
    version: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO fidelity_actions (id, review_id, item, what, who, due, done, created_at,
            updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET what = excluded.what, who = excluded.who,
             due = excluded.due, done = excluded.done, updated_at = excluded.updated_at,
             version = excluded.version",
    )?
    .execute(params![
        a.id.to_string(),
        a.review_id.to_string(),
        a.input.item,
        a.input.what,
        a.input.who,
        date_sql(a.input.due),
        a.done,
        now,
        version,
    ])?;
    Ok(())
}

/// Open actions due by `until` (or without a due date), soonest first, for the Today view.
pub fn open_until(conn: &Connection, until: &str) -> rusqlite::Result<Vec<ActionDue>> {
    conn.prepare_cached(
        "SELECT id, review_id, item, what, who, due FROM fidelity_actions
         WHERE done = 0 AND (due IS NULL OR due <= ?1)
         ORDER BY coalesce(due, '9999'), created_at",
    )?
    .query_map([until], |r| {
        Ok(ActionDue {
            id: id_col(r, 0)?,
            review_id: id_col(r, 1)?,
            item: r.get(2)?,
            what: r.get(3)?,
            who: r.get(4)?,
            due: opt_date_col(r, 5)?,
        })
    })?
    .collect()
}
