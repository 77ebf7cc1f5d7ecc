//! Fidelity scales (`shared/domain/ips-fidelity.md` §2): IPS-25, the Finnish quality criteria
//! for supported employment, and any variant a region adds.
//!
//! Scale content is data, not code. Each scale is a TOML file under `assets/fidelity/` (format
//! in `assets/fidelity/README.md`) holding items, anchors, cut-offs and bands in Finnish,
//! Swedish and English, with `verified = false` on every value not yet confirmed against the
//! official text. This module parses and validates those files and scores ratings against
//! them. It does no I/O: callers read the files and pass their names and contents in.

mod error;
mod file;
mod model;
mod review;
mod score;
mod suggest;

pub use error::ScaleError;
pub use file::{is_plain_code, FORMAT};
pub use model::{
    Anchor, Band, Component, Item, Scale, ScaleKind, Scoring, Section, SuggestMetric, SuggestRule,
    Texts, Unverified,
};
pub use review::{
    ActionDue, ActionInput, ExportFormat, NoteInput, RateInput, Review, ReviewAction, ReviewInput,
    ReviewItem, ReviewRow, ACTION_THRESHOLD,
};
pub use score::{AnswerCounts, ItemScore, Rating, RatingError, Subtotal, Summary, YesPartlyNo};
pub use suggest::{by_coach, suggest, Basis, CoachSuggestion, Suggested, Suggestion};

/// A scale as the UI receives it: the content plus the values still to check against the
/// official text (shown to admins).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ScaleInfo {
    #[serde(flatten)]
    #[ts(flatten)]
    pub scale: Scale,
    pub unverified: Vec<Unverified>,
}

/// Loads every scale file given as `(file name, content)`. A broken file is reported and
/// skipped so that one bad regional variant cannot take IPS-25 away from the coaches; a second
/// file with the same scale id and version is reported too, and the first one wins.
pub fn load_all(files: &[(&str, &str)]) -> (Vec<Scale>, Vec<ScaleError>) {
    let mut scales: Vec<Scale> = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in files {
        match Scale::from_toml(name, text) {
            Ok(scale) => {
                if scales
                    .iter()
                    .any(|s| s.id == scale.id && s.version == scale.version)
                {
                    errors.push(ScaleError {
                        file: (*name).to_owned(),
                        item: None,
                        field: "id".into(),
                        message: format!(
                            "scale {} version {} is already loaded from another file",
                            scale.id, scale.version
                        ),
                    });
                } else {
                    scales.push(scale);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    (scales, errors)
}

#[cfg(test)]
mod tests;
