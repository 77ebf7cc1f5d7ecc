//! Fidelity reviews: start one, rate items (keeping the suggestion beside the choice), note
//! evidence, plan actions. A review in progress is simply stored; nothing is lost on restart.

use super::{not_found, Polku};
use crate::error::{CoreError, Result};
use crate::store::tables::fidelity_reviews::ReviewRowData;
use crate::store::tables::{fidelity_actions, fidelity_item_scores, fidelity_reviews};
use crate::sync::entities::ReviewFields;
use crate::write::Write;
use polku_domain::fidelity::{
    ActionDue, ActionInput, NoteInput, RateInput, Rating, Review, ReviewAction, ReviewInput,
    ReviewItem, ReviewRow, Scale, ScaleError, Suggestion,
};
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{
    ReviewActionId, ReviewId, ReviewSubject, ValidationCode, ValidationErrors, Whose,
};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeMap;

/// What syncs for one item of a review (the row's key is `review_id:item`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SyncedItem<'a> {
    review_id: ReviewId,
    #[serde(flatten)]
    item: &'a ReviewItem,
}

fn invalid(field: &str, code: ValidationCode) -> crate::error::CoreError {
    let mut e = ValidationErrors::default();
    e.add(field, code);
    e.into()
}

impl Polku {
    pub fn scales(&self) -> &[Scale] {
        &self.scales
    }

    pub fn scales_info(&self) -> Vec<polku_domain::fidelity::ScaleInfo> {
        self.scales
            .iter()
            .map(|s| polku_domain::fidelity::ScaleInfo {
                scale: s.clone(),
                unverified: s.unverified(),
            })
            .collect()
    }

    /// The figures behind the suggestions, for the review's period.
    pub fn review_evidence(&self, id: ReviewId) -> Result<polku_domain::FidelityEvidence> {
        let row = fidelity_reviews::get(&self.store.read(), id)?
            .ok_or_else(|| not_found("review", id))?;
        self.fidelity_evidence(row.period_from, row.period_to, &whose_of(&row))
    }

    /// Scale files that could not be loaded, for the admin view.
    pub fn scale_errors(&self) -> &[ScaleError] {
        &self.scale_errors
    }

    fn scale(&self, id: &str, version: Option<&str>) -> Result<&Scale> {
        self.scales
            .iter()
            .filter(|s| s.id == id && version.is_none_or(|v| s.version == v))
            .max_by(|a, b| a.version.cmp(&b.version))
            .ok_or_else(|| not_found("scale", id))
    }

    /// Starts a review. Only a team's supervisor reviews a team: its suggestions read the
    /// team's imported records, which a coach's device does not hold.
    pub fn review_start(&self, input: ReviewInput) -> Result<Review> {
        input.validate(self.today())?;
        let scale = self
            .scale(&input.scale_id, None)
            .map_err(|_| invalid("scaleId", ValidationCode::Invalid))?;
        let id = ReviewId::from(self.clock.new_uuid());
        let version = scale.version.clone();
        self.write(|w| {
            if input.subject == ReviewSubject::Team && !crate::sync::leads_teams(w.tx)? {
                return Err(CoreError::NotTeamLead);
            }
            let now = w.timestamp();
            let mut row = ReviewRowData {
                id,
                scale_id: input.scale_id.clone(),
                scale_version: version,
                kind: input.kind,
                subject: input.subject,
                period_from: input.period_from,
                period_to: input.period_to,
                raters: input.raters.trim().to_owned(),
                created_at: now.clone(),
                updated_at: now,
                version: String::new(),
            };
            row.version = w.track(
                Entity::FidelityReview,
                &RecordId::of(id),
                None,
                &ReviewFields::from(&row),
            )?;
            fidelity_reviews::upsert(w.tx, &row)?;
            Ok(())
        })?;
        self.review_get(id)
    }

    pub fn review_get(&self, id: ReviewId) -> Result<Review> {
        let conn = self.store.read();
        self.assemble(&conn, id)
    }

    /// The user's own reviews, newest period first (a supervisor's imported team's stay out).
    pub fn reviews_list(&self) -> Result<Vec<ReviewRow>> {
        let conn = self.store.read();
        let mut out = Vec::new();
        for r in fidelity_reviews::list_own(&conn)? {
            out.extend(self.review_row(&conn, r)?);
        }
        Ok(out)
    }

    /// A review as its history row shows it. A review whose scale file is gone (a region
    /// removed its variant) reads as `None` rather than failing every list it is in; it is
    /// still stored.
    pub(crate) fn review_row(
        &self,
        conn: &Connection,
        r: ReviewRowData,
    ) -> Result<Option<ReviewRow>> {
        let review = match self.assemble(conn, r.id) {
            Ok(review) => review,
            Err(CoreError::NotFound {
                entity: "scale", ..
            }) => {
                tracing::warn!(
                    "review {} uses scale {} {} that is not loaded",
                    r.id,
                    r.scale_id,
                    r.scale_version
                );
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        let s = review.summary;
        Ok(Some(ReviewRow {
            id: r.id,
            scale_id: r.scale_id,
            scale_version: r.scale_version,
            kind: r.kind,
            subject: r.subject,
            period_from: r.period_from,
            period_to: r.period_to,
            total: s.total,
            max_total: s.max_total,
            rated: s.rated,
            items: s.items,
            band: s.band,
            updated_at: r.updated_at,
        }))
    }

    /// Rates one item (or clears it); a rating that does not fit the item is rejected.
    pub fn review_rate(&self, id: ReviewId, input: RateInput) -> Result<Review> {
        self.update_item(id, &input.item, |scale, item| {
            for r in [&input.rating, &input.suggested].into_iter().flatten() {
                scale
                    .score_item(&input.item, r)
                    .map_err(|_| invalid("rating", ValidationCode::Invalid))?;
            }
            item.rating = input.rating.clone();
            // A stored suggestion is what the rater compared with: a rating without one (or a
            // cleared rating) keeps it.
            if input.suggested.is_some() {
                item.suggested = input.suggested.clone();
            }
            Ok(())
        })
    }

    pub fn review_note(&self, id: ReviewId, input: NoteInput) -> Result<Review> {
        input.validate()?;
        self.update_item(id, &input.item, |_, item| {
            item.notes = input.notes.clone();
            item.evidence_missing = input.evidence_missing;
            Ok(())
        })
    }

    fn update_item(
        &self,
        id: ReviewId,
        code: &str,
        change: impl FnOnce(&Scale, &mut ReviewItem) -> Result<()>,
    ) -> Result<Review> {
        self.write(|w| {
            let row = fidelity_reviews::get(w.tx, id)?.ok_or_else(|| not_found("review", id))?;
            let scale = self.scale(&row.scale_id, Some(&row.scale_version))?;
            if scale.item(code).is_none() {
                return Err(invalid("item", ValidationCode::Invalid));
            }
            let stored = fidelity_item_scores::get(w.tx, id, code)?;
            let old = stored.clone();
            let mut item = stored.map(|(i, _)| i).unwrap_or_else(|| blank(code));
            change(scale, &mut item)?;
            let key = RecordId::item_score(id, code)
                .map_err(|_| invalid("item", ValidationCode::Invalid))?;
            let new_synced = SyncedItem {
                review_id: id,
                item: &item,
            };
            let version = match &old {
                Some((o, v)) => w.track(
                    Entity::FidelityItemScore,
                    &key,
                    Some((
                        &SyncedItem {
                            review_id: id,
                            item: o,
                        },
                        v.as_str(),
                    )),
                    &new_synced,
                )?,
                None => w.track(Entity::FidelityItemScore, &key, None, &new_synced)?,
            };
            if old.as_ref().is_some_and(|(_, v)| *v == version) {
                return Ok(()); // nothing changed
            }
            fidelity_item_scores::upsert(w.tx, id, &item, &w.timestamp(), &version)?;
            touch(w, &row)
        })?;
        self.review_get(id)
    }

    pub fn review_action_add(&self, id: ReviewId, input: ActionInput) -> Result<Review> {
        input.validate()?;
        self.write(|w| {
            let row = fidelity_reviews::get(w.tx, id)?.ok_or_else(|| not_found("review", id))?;
            let action = ReviewAction {
                id: w.new_id(),
                review_id: id,
                input: ActionInput {
                    what: input.what.trim().to_owned(),
                    who: input.who.trim().to_owned(),
                    ..input
                },
                done: false,
            };
            let version = w.track(
                Entity::FidelityAction,
                &RecordId::of(action.id),
                None,
                &action,
            )?;
            fidelity_actions::upsert(w.tx, &action, &w.timestamp(), &version)?;
            touch(w, &row)
        })?;
        self.review_get(id)
    }

    pub fn review_action_done(&self, action: ReviewActionId) -> Result<Review> {
        let review = self.write(|w| {
            let (old, version) =
                fidelity_actions::get(w.tx, action)?.ok_or_else(|| not_found("action", action))?;
            let done = ReviewAction {
                done: true,
                ..old.clone()
            };
            let v = w.track(
                Entity::FidelityAction,
                &RecordId::of(action),
                Some((&old, &version)),
                &done,
            )?;
            fidelity_actions::upsert(w.tx, &done, &w.timestamp(), &v)?;
            Ok(old.review_id)
        })?;
        self.review_get(review)
    }

    /// Suggestions for the review's scale and period from whose records it scores; a team's
    /// with each coach's beside every item.
    pub fn review_suggestions(&self, id: ReviewId) -> Result<Vec<Suggestion>> {
        let row = fidelity_reviews::get(&self.store.read(), id)?
            .ok_or_else(|| not_found("review", id))?;
        let scale = self.scale(&row.scale_id, Some(&row.scale_version))?;
        let (from, to) = (row.period_from, row.period_to);
        if row.subject == ReviewSubject::Own {
            return self.fidelity_suggestions(scale, from, to, &whose_of(&row));
        }
        // The team's coaches are read once, each with their FTE; then one evidence pass for
        // the team and one per coach (see BENCHMARKS.md: 50 coaches).
        let coaches = self.team_coaches(&self.sync().rosters()?)?;
        let suggest = |whose: &Whose, fte: f64, people: usize| -> Result<Vec<Suggestion>> {
            let people = u32::try_from(people).unwrap_or(u32::MAX);
            let evidence = self.evidence_of(from, to, whose, fte, people)?;
            Ok(polku_domain::fidelity::suggest(scale, &evidence))
        };
        let fte = coaches.iter().map(|c| c.fte).sum();
        let team = suggest(&Whose::Team, fte, coaches.len())?;
        let coaches = coaches
            .into_iter()
            .map(|c| Ok((c.id, c.name, suggest(&Whose::Coach { id: c.id }, c.fte, 1)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(polku_domain::fidelity::by_coach(team, coaches))
    }

    /// Open actions due within a week, for the Today view.
    pub fn actions_due(&self) -> Result<Vec<ActionDue>> {
        let until = (self.today() + chrono::Duration::days(7))
            .format("%Y-%m-%d")
            .to_string();
        Ok(fidelity_actions::open_until(&self.store.read(), &until)?)
    }

    fn assemble(&self, conn: &Connection, id: ReviewId) -> Result<Review> {
        let row = fidelity_reviews::get(conn, id)?.ok_or_else(|| not_found("review", id))?;
        let scale = self.scale(&row.scale_id, Some(&row.scale_version))?;
        let mut stored: BTreeMap<String, ReviewItem> = fidelity_item_scores::for_review(conn, id)?
            .into_iter()
            .map(|(i, _)| (i.item.clone(), i))
            .collect();
        let items: Vec<ReviewItem> = scale
            .items
            .iter()
            .map(|it| stored.remove(&it.code).unwrap_or_else(|| blank(&it.code)))
            .collect();
        let ratings: BTreeMap<String, Rating> = items
            .iter()
            .filter_map(|i| i.rating.clone().map(|r| (i.item.clone(), r)))
            .collect();
        let summary = scale
            .summarize(&ratings)
            .map_err(|e| crate::error::CoreError::Decode(e.to_string()))?;
        Ok(Review {
            id,
            input: ReviewInput {
                scale_id: row.scale_id,
                kind: row.kind,
                subject: row.subject,
                period_from: row.period_from,
                period_to: row.period_to,
                raters: row.raters,
            },
            scale_version: row.scale_version,
            items,
            actions: fidelity_actions::for_review(conn, id)?,
            summary,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

fn blank(code: &str) -> ReviewItem {
    ReviewItem {
        item: code.to_owned(),
        rating: None,
        suggested: None,
        notes: String::new(),
        evidence_missing: false,
    }
}

/// Whose records a review's evidence and suggestions come from.
fn whose_of(row: &ReviewRowData) -> Whose {
    match row.subject {
        ReviewSubject::Own => Whose::Mine,
        ReviewSubject::Team => Whose::Team,
    }
}

/// The review's "last changed" moves with any change to its items or actions.
fn touch(w: &mut Write<'_>, row: &ReviewRowData) -> Result<()> {
    let touched = ReviewRowData {
        updated_at: w.timestamp(),
        ..row.clone()
    };
    fidelity_reviews::upsert(w.tx, &touched)?;
    Ok(())
}
