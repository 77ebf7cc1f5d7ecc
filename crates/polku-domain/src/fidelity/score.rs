//! Turning a rater's answers into item scores, section subtotals, a total and a band.
//!
//! The rater always decides: a rating is what the rater entered (an anchor, ticked components,
//! a percentage, a number of days, a count, or a checklist answer), and the score follows from
//! the cut-offs in the scale file. Nothing here guesses a rating from the caseload; that is
//! the suggestions step, which will produce the same [`Rating`] values for the rater to accept.

use super::model::{Item, Scale, ScaleKind, Scoring};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum YesPartlyNo {
    Yes,
    Partly,
    No,
}

/// What the rater entered for one item; the variant must match the item's scoring kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Rating {
    /// The chosen anchor, 1–5.
    Anchored(u8),
    /// The ids of the ticked components.
    Components(Vec<String>),
    /// A percentage, 0–100.
    Percentage(f64),
    Days(u32),
    /// A count where fewer is better, e.g. active clients per full-time coach.
    Count(f64),
    Checklist(YesPartlyNo),
}

impl Rating {
    fn code(&self) -> &'static str {
        match self {
            Rating::Anchored(_) => "anchored",
            Rating::Components(_) => "components",
            Rating::Percentage(_) => "percentage",
            Rating::Days(_) => "days",
            Rating::Count(_) => "count",
            Rating::Checklist(_) => "checklist",
        }
    }
}

/// The result for one item: points on a points scale, the answer on a checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ItemScore {
    Points(u8),
    Answer(YesPartlyNo),
}

/// A rating that does not fit its item. The UI prevents these; they mean a bug or a review
/// saved against another version of the scale.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize, ts_rs::TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum RatingError {
    #[error("item {item} is not in this scale")]
    UnknownItem { item: String },
    #[error("item {item} is scored by {expected}, not by a {given} rating")]
    WrongKind {
        item: String,
        expected: String,
        given: String,
    },
    #[error("item {item}: {value} is outside {range}")]
    OutOfRange {
        item: String,
        value: String,
        range: String,
    },
    #[error("item {item}: component {component} is not one of its components")]
    UnknownComponent { item: String, component: String },
}

impl Item {
    /// The score a rating earns on this item.
    pub fn score(&self, rating: &Rating) -> Result<ItemScore, RatingError> {
        let out_of_range = |value: String, range: &str| RatingError::OutOfRange {
            item: self.code.clone(),
            value,
            range: range.to_owned(),
        };
        let points = match (&self.scoring, rating) {
            (Scoring::Anchored, Rating::Anchored(n)) => {
                if !(1..=5).contains(n) {
                    return Err(out_of_range(n.to_string(), "1–5"));
                }
                *n
            }
            (
                Scoring::Components {
                    components,
                    score_for_count,
                    ..
                },
                Rating::Components(ticked),
            ) => {
                if let Some(unknown) = ticked
                    .iter()
                    .find(|t| !components.iter().any(|c| &c.id == *t))
                {
                    return Err(RatingError::UnknownComponent {
                        item: self.code.clone(),
                        component: unknown.clone(),
                    });
                }
                // A component ticked twice (a double click saved twice) still counts once.
                let count = components.iter().filter(|c| ticked.contains(&c.id)).count();
                // Validation guarantees one score per possible count.
                score_for_count.get(count).copied().unwrap_or(1)
            }
            (Scoring::PercentageBands { cut_offs, .. }, Rating::Percentage(p)) => {
                if !p.is_finite() || !(0.0..=100.0).contains(p) {
                    return Err(out_of_range(p.to_string(), "0–100 %"));
                }
                from_cut_offs(cut_offs, |min| *p >= min)
            }
            (Scoring::DayBands { cut_offs, .. }, Rating::Days(d)) => {
                from_cut_offs(cut_offs, |max| *d <= max)
            }
            (Scoring::CountBands { cut_offs, .. }, Rating::Count(c)) => {
                if !c.is_finite() || *c < 0.0 {
                    return Err(out_of_range(c.to_string(), "0 or more"));
                }
                from_cut_offs(cut_offs, |max| *c <= max)
            }
            (Scoring::YesPartlyNo, Rating::Checklist(answer)) => {
                return Ok(ItemScore::Answer(*answer))
            }
            (scoring, rating) => {
                return Err(RatingError::WrongKind {
                    item: self.code.clone(),
                    expected: scoring.code().to_owned(),
                    given: rating.code().to_owned(),
                })
            }
        };
        Ok(ItemScore::Points(points))
    }
}

/// Cut-offs are listed for scores 5, 4, 3, 2; the first one the value meets gives the score,
/// and a value meeting none scores 1.
fn from_cut_offs<T: Copy>(cut_offs: &[T], meets: impl Fn(T) -> bool) -> u8 {
    [5u8, 4, 3, 2]
        .into_iter()
        .zip(cut_offs.iter().copied())
        .find(|(_, c)| meets(*c))
        .map(|(score, _)| score)
        .unwrap_or(1)
}

/// Counts of checklist answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerCounts {
    pub yes: u16,
    pub partly: u16,
    pub no: u16,
}

impl AnswerCounts {
    fn add(&mut self, answer: YesPartlyNo) {
        match answer {
            YesPartlyNo::Yes => self.yes += 1,
            YesPartlyNo::Partly => self.partly += 1,
            YesPartlyNo::No => self.no += 1,
        }
    }
}

/// One section's part of a review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Subtotal {
    pub section: String,
    pub items: u16,
    pub rated: u16,
    /// Sum of the rated items' points (points scales).
    pub points: u16,
    /// The most the section's items can score (points scales).
    pub max_points: u16,
    /// Checklist answers (checklist scales).
    pub answers: AnswerCounts,
}

/// A review's scores so far: live while the rater works, final once every item is rated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub scale_id: String,
    pub scale_version: String,
    pub items: u16,
    pub rated: u16,
    pub complete: bool,
    /// Points of the rated items.
    pub total: u16,
    pub max_total: u16,
    /// The band code, only once every item is rated: a part-done review's low total would
    /// otherwise read as "not IPS".
    pub band: Option<String>,
    pub sections: Vec<Subtotal>,
    pub answers: AnswerCounts,
    /// Item scores by item code, for the rated items.
    pub scores: BTreeMap<String, ItemScore>,
}

impl Scale {
    /// Scores one item by its code.
    pub fn score_item(&self, code: &str, rating: &Rating) -> Result<ItemScore, RatingError> {
        self.item(code)
            .ok_or_else(|| RatingError::UnknownItem {
                item: code.to_owned(),
            })?
            .score(rating)
    }

    /// Totals, per-section subtotals and the band for the ratings given so far (by item code).
    pub fn summarize(&self, ratings: &BTreeMap<String, Rating>) -> Result<Summary, RatingError> {
        if let Some(code) = ratings.keys().find(|c| self.item(c).is_none()) {
            return Err(RatingError::UnknownItem { item: code.clone() });
        }
        let mut sections: Vec<Subtotal> = self
            .sections
            .iter()
            .map(|s| Subtotal {
                section: s.code.clone(),
                items: 0,
                rated: 0,
                points: 0,
                max_points: 0,
                answers: AnswerCounts::default(),
            })
            .collect();
        let mut scores = BTreeMap::new();
        let mut answers = AnswerCounts::default();
        let mut total = 0u16;
        for item in &self.items {
            // Validation guarantees every item's section exists.
            let Some(sub) = sections.iter_mut().find(|s| s.section == item.section) else {
                continue;
            };
            sub.items += 1;
            if self.kind == ScaleKind::Points {
                sub.max_points += 5;
            }
            let Some(rating) = ratings.get(&item.code) else {
                continue;
            };
            let score = item.score(rating)?;
            sub.rated += 1;
            match score {
                ItemScore::Points(p) => {
                    sub.points += u16::from(p);
                    total += u16::from(p);
                }
                ItemScore::Answer(a) => {
                    sub.answers.add(a);
                    answers.add(a);
                }
            }
            scores.insert(item.code.clone(), score);
        }
        let items = self.items.len() as u16;
        let rated = scores.len() as u16;
        let complete = rated == items;
        let band = if complete {
            self.band_for(total).map(|b| b.code.clone())
        } else {
            None
        };
        Ok(Summary {
            scale_id: self.id.clone(),
            scale_version: self.version.clone(),
            items,
            rated,
            complete,
            total,
            max_total: self.total_range().1,
            band,
            sections,
            answers,
            scores,
        })
    }
}
