//! A validated fidelity scale as the rest of Polku sees it. These types are only ever built by
//! [`Scale::from_toml`](crate::fidelity::Scale::from_toml), which checks every invariant the
//! scoring relies on (anchors 1–5, monotonic cut-offs, bands covering the total range), so the
//! scoring code can trust them without re-checking.

use crate::enums::Language;
use serde::{Deserialize, Serialize};

/// One text in the three languages Polku ships. Swedish and English wordings are Polku's own
/// working translations until official ones exist; they live in the scale file, not in code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Texts {
    pub fi: String,
    pub sv: String,
    pub en: String,
}

impl Texts {
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Fi => &self.fi,
            Language::Sv => &self.sv,
            Language::En => &self.en,
        }
    }
}

/// Whether items earn points (IPS-25: 1–5 each, a total and bands) or are a checklist answered
/// yes / partly / no with no points (the Finnish quality criteria).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind {
    Points,
    Checklist,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Scale {
    /// Stable id, e.g. `ips-25`; a stored review refers to a scale by id and version.
    pub id: String,
    /// Content version; a changed wording or cut-off gets a new version so old reviews keep
    /// the scale they were scored against.
    pub version: String,
    pub kind: ScaleKind,
    pub name: Texts,
    /// Says that the wordings are Polku's working translations, shown next to the scale.
    pub translation_note: Texts,
    pub sections: Vec<Section>,
    /// Sorted by global index.
    pub items: Vec<Item>,
    /// Total-score bands, lowest first; empty for checklists.
    pub bands: Vec<Band>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// Short code, e.g. `S` (staffing); items refer to it.
    pub code: String,
    pub name: Texts,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Code within its section, e.g. `V4`.
    pub code: String,
    /// 1-based position across the whole scale.
    pub index: u8,
    pub section: String,
    pub name: Texts,
    pub description: Texts,
    /// Anchor texts, score 5 first; required for anchored items, optional otherwise, empty for
    /// checklist items.
    pub anchors: Vec<Anchor>,
    pub scoring: Scoring,
    /// `false` when the item's definition is not confirmed against the official text.
    pub verified: bool,
    /// How the coach's records suggest an anchor for an anchored item (V6, V7, V12).
    pub suggest: Option<SuggestRule>,
}

/// A figure from the records and the minimum values that suggest 5, 4, 3 and 2 (descending);
/// below the last, 1. Kept in the scale file so a region can change them without code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SuggestRule {
    pub metric: SuggestMetric,
    pub cut_offs: Vec<f64>,
    /// Without any supervisor review date in the period the suggestion is at most 2 (V6:
    /// "2 or untracked").
    pub requires_review: bool,
    pub verified: bool,
}

/// The figures a suggestion rule can use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SuggestMetric {
    /// Face-to-face employer contacts per week per FTE, against six — or, with fewer than
    /// three job seekers, scaled so that 2 × job seekers counts as six.
    FaceToFacePerWeek,
    /// Share (%) of employers visited face to face who were visited more than once.
    RepeatVisitShare,
    /// Share (%) of job starts with face-to-face support within the week before and within
    /// three days after.
    FollowAlongShare,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Anchor {
    pub score: u8,
    pub text: Texts,
    pub verified: bool,
}

/// How a rating becomes an item score. Cut-offs are always listed for scores 5, 4, 3, 2;
/// anything beyond the last cut-off scores 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scoring {
    /// The rater picks 1–5 by the anchor texts.
    Anchored,
    /// The rater ticks components; `scoreForCount[n]` is the score with n ticked.
    Components {
        components: Vec<Component>,
        #[serde(rename = "scoreForCount")]
        score_for_count: Vec<u8>,
        verified: bool,
    },
    /// A percentage; `cutOffs` are the minimum percentages for 5, 4, 3 and 2 (descending).
    PercentageBands {
        #[serde(rename = "cutOffs")]
        cut_offs: Vec<f64>,
        verified: bool,
    },
    /// Days; `cutOffs` are the maximum days for 5, 4, 3 and 2 (ascending).
    DayBands {
        #[serde(rename = "cutOffs")]
        cut_offs: Vec<u32>,
        verified: bool,
    },
    /// A count where fewer is better, possibly per FTE (caseload size); `cutOffs` are the
    /// maximum values for 5, 4, 3 and 2 (ascending).
    CountBands {
        #[serde(rename = "cutOffs")]
        cut_offs: Vec<f64>,
        /// What is counted, e.g. "active clients per full-time coach".
        unit: Texts,
        verified: bool,
    },
    /// Checklist criterion: yes / partly / no, no points.
    YesPartlyNo,
}

impl Scoring {
    /// The code used in scale files and in messages.
    pub fn code(&self) -> &'static str {
        match self {
            Scoring::Anchored => "anchored",
            Scoring::Components { .. } => "components",
            Scoring::PercentageBands { .. } => "percentage_bands",
            Scoring::DayBands { .. } => "day_bands",
            Scoring::CountBands { .. } => "count_bands",
            Scoring::YesPartlyNo => "yes_partly_no",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Component {
    /// Stable id stored in a review, e.g. `weekly_team_meetings`.
    pub id: String,
    pub name: Texts,
}

/// A total-score band, e.g. good fidelity 100–114 (both ends inclusive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    pub code: String,
    pub min: u16,
    pub max: u16,
    pub name: Texts,
    /// `false` when the cut-off is not confirmed against the official text (e.g. the 115).
    pub verified: bool,
}

/// One value the scale file marks `verified = false`, for the admin's "to check against the
/// official text" list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Unverified {
    /// The item code, or `None` for a scale-level value such as a band.
    pub item: Option<String>,
    /// Which value, in the file's terms: `definition`, `anchors.3`, `scoring`, `bands.exemplary`.
    pub field: String,
}

impl Scale {
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.code == code)
    }

    /// Lowest and highest possible total; `(0, 0)` for checklists.
    pub fn total_range(&self) -> (u16, u16) {
        match self.kind {
            ScaleKind::Points => {
                let n = self.items.len() as u16;
                (n, n * 5)
            }
            ScaleKind::Checklist => (0, 0),
        }
    }

    /// The band a total falls in; `None` for checklists or a total outside the range.
    pub fn band_for(&self, total: u16) -> Option<&Band> {
        self.bands.iter().find(|b| b.min <= total && total <= b.max)
    }

    /// Every value the file marks unconfirmed, in file order.
    pub fn unverified(&self) -> Vec<Unverified> {
        let mut out = Vec::new();
        for band in &self.bands {
            if !band.verified {
                out.push(Unverified {
                    item: None,
                    field: format!("bands.{}", band.code),
                });
            }
        }
        for item in &self.items {
            let mut push = |field: String| {
                out.push(Unverified {
                    item: Some(item.code.clone()),
                    field,
                })
            };
            if !item.verified {
                push("definition".into());
            }
            let scoring_verified = match &item.scoring {
                Scoring::Components { verified, .. }
                | Scoring::PercentageBands { verified, .. }
                | Scoring::DayBands { verified, .. }
                | Scoring::CountBands { verified, .. } => *verified,
                Scoring::Anchored | Scoring::YesPartlyNo => true,
            };
            if !scoring_verified {
                push("scoring".into());
            }
            if item.suggest.as_ref().is_some_and(|s| !s.verified) {
                push("suggest".into());
            }
            for anchor in item.anchors.iter().filter(|a| !a.verified) {
                push(format!("anchors.{}", anchor.score));
            }
        }
        out
    }
}
