//! The data a report shows. Every text is already in the report's language except the fixed
//! labels the renderers add (see [`crate::Labels`]).

use chrono::NaiveDate;
use polku_domain::Language;

/// One fidelity review, ready to print.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewReport {
    pub title: String,
    pub scale_name: String,
    pub scale_version: String,
    /// Self-assessment, peer or external review, as text in the report's language.
    pub kind: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub raters: Vec<String>,
    /// Whose work is scored: the coach's name, or the team and its name, in the report's
    /// language.
    pub subject: String,
    pub language: Language,
    /// `None` while some item is unrated: no total, and so no band, is shown.
    pub total: Option<u32>,
    pub max_total: u32,
    pub band_name: Option<String>,
    pub sections: Vec<SectionRow>,
    pub items: Vec<ItemRow>,
    pub actions: Vec<ActionRow>,
    /// Print the note that some of the scale's values are not yet checked against the
    /// official text (the scale file's `verified = false`).
    pub unverified_note: bool,
}

/// A section's subtotal, e.g. "O Organisaatio 31 / 40".
#[derive(Clone, Debug, PartialEq)]
pub struct SectionRow {
    pub code: String,
    pub name: String,
    pub subtotal: u32,
    pub max: u32,
}

/// One item of the review.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRow {
    pub code: String,
    pub name: String,
    /// The rater's score; `None` if not rated (or on a checklist, see `answer`).
    pub score: Option<u8>,
    /// A checklist item's answer (yes / partly / no), already in the report's language.
    pub answer: Option<String>,
    /// The score Polku suggested from the coach's own records, if it could.
    pub suggested: Option<u8>,
    /// What the score rests on, as the rater wrote it. May be long and hold line breaks.
    pub evidence_notes: String,
    pub evidence_missing: bool,
}

/// One step of the action plan.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionRow {
    /// The item code the action improves, e.g. "V6".
    pub item: String,
    pub what: String,
    pub who: String,
    pub due: Option<NaiveDate>,
}

/// A coach's (or team's) outcomes for one quarter.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeReport {
    pub coach: String,
    /// As the caller prints it, e.g. "2026 Q4".
    pub quarter: String,
    pub language: Language,
    pub rows: Vec<OutcomeRow>,
}

/// One measure, e.g. "Työllistymisaste" / "42 %" / "41 % (keskitaso)".
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeRow {
    pub label: String,
    pub value: String,
    pub benchmark: Option<String>,
}

/// A team's outcomes for one quarter, per coach and for the team, for leadership.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamOutcomeReport {
    pub team: String,
    /// As the caller prints it, e.g. "2026 Q4".
    pub quarter: String,
    pub language: Language,
    /// One row per coach.
    pub coaches: Vec<TeamOutcomeRow>,
    /// The whole team's row.
    pub total: TeamOutcomeRow,
    /// The team's employment rate in each of the last quarters, oldest first: the chart.
    pub trend: Vec<(String, Option<f64>)>,
    /// The benchmarks the rates are read against, in percent (31 / 41 / 50).
    pub benchmarks: [f64; 3],
}

/// One coach's (or the team's) figures of the quarter, as the caller formats them.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamOutcomeRow {
    pub name: String,
    pub served: String,
    pub worked: String,
    pub employment_rate: String,
    pub starts: String,
    pub kept: String,
    pub face_to_face: String,
}

impl TeamOutcomeRow {
    pub(crate) fn cells(&self) -> [String; 7] {
        [
            self.name.clone(),
            self.served.clone(),
            self.worked.clone(),
            self.employment_rate.clone(),
            self.starts.clone(),
            self.kept.clone(),
            self.face_to_face.clone(),
        ]
    }
}
