//! `fidelity_item_scores`: the rating, suggestion and evidence of one item of one review.

use polku_domain::fidelity::{Rating, ReviewItem};
use polku_domain::ReviewId;
use rusqlite::{params, Connection, OptionalExtension, Row};

fn json_col(r: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Rating>> {
    let s: Option<String> = r.get(idx)?;
    s.map(|s| {
        serde_json::from_str(&s).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

const SELECT: &str = "SELECT item, rating, suggested, notes, evidence_missing, version
    FROM fidelity_item_scores";

fn from_row(r: &Row<'_>) -> rusqlite::Result<(ReviewItem, String)> {
    Ok((
        ReviewItem {
            item: r.get(0)?,
            rating: json_col(r, 1)?,
            suggested: json_col(r, 2)?,
            notes: r.get(3)?,
            evidence_missing: r.get(4)?,
        },
        r.get(5)?,
    ))
}

/// The items of a review that have been touched, with their stored version.
pub fn for_review(conn: &Connection, id: ReviewId) -> rusqlite::Result<Vec<(ReviewItem, String)>> {
    conn.prepare_cached(&format!("{SELECT} WHERE review_id = ?1"))?
        .query_map([id.to_string()], from_row)?
        .collect()
}

/// One item of a review, if it has been touched.
pub fn get(
    conn: &Connection,
    id: ReviewId,
    item: &str,
) -> rusqlite::Result<Option<(ReviewItem, String)>> {
    conn.prepare_cached(&format!("{SELECT} WHERE review_id = ?1 AND item = ?2"))?
        .query_row(params![id.to_string(), item], from_row)
        .optional()
}

fn to_json(r: &Option<Rating>) -> Option<String> {
    r.as_ref().and_then(|r| serde_json::to_string(r).ok())
}

pub fn upsert(
    conn: &Connection,
    review: ReviewId,
    i: &ReviewItem,
    updated_at: &str,
    version: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO fidelity_item_scores
            (review_id, item, rating, suggested, notes, evidence_missing, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (review_id, item) DO UPDATE SET rating = excluded.rating,
             suggested = excluded.suggested, notes = excluded.notes,
             evidence_missing = excluded.evidence_missing, updated_at = excluded.updated_at,
             version = excluded.version",
    )?
    .execute(params![
        review.to_string(),
        i.item,
        to_json(&i.rating),
        to_json(&i.suggested),
        i.notes,
        i.evidence_missing,
        updated_at,
        version,
    ])?;
    Ok(())
}
