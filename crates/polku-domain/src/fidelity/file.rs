//! Reading a scale file (`assets/fidelity/*.toml`, format described in
//! `assets/fidelity/README.md`) into a validated [`Scale`].
//!
//! The file is read in two passes. First it is parsed into a plain TOML table, so syntax errors
//! point at a line; then the scale header and each item are deserialized on their own, so a
//! wrong type or a misspelt key is reported against the item it belongs to rather than as a
//! bare line number. Texts are read as optional strings and checked afterwards, because "item
//! V4: name.sv: missing Swedish text" is what an admin needs, not serde's "missing field".

use super::error::{At, ScaleError};
use super::model::{
    Anchor, Band, Component, Item, Scale, ScaleKind, Scoring, Section, SuggestMetric, SuggestRule,
    Texts,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// The file format this code reads. Bump it only for changes old Polku versions cannot read.
pub const FORMAT: u32 = 1;

/// Cut-off lists name the minimum/maximum for scores 5, 4, 3 and 2; below that is 1.
const CUT_OFFS: usize = 4;

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTexts {
    fi: Option<String>,
    sv: Option<String>,
    en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    format: u32,
    id: String,
    version: String,
    kind: ScaleKind,
    name: RawTexts,
    translation_note: RawTexts,
    sections: Vec<RawSection>,
    #[serde(default)]
    bands: Vec<RawBand>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    code: String,
    name: RawTexts,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    code: String,
    min: u16,
    max: u16,
    name: RawTexts,
    #[serde(default = "yes")]
    verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    code: String,
    index: u8,
    section: String,
    name: RawTexts,
    description: RawTexts,
    #[serde(default)]
    anchors: Vec<RawAnchor>,
    scoring: RawScoring,
    #[serde(default = "yes")]
    verified: bool,
    suggest: Option<RawSuggest>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuggest {
    metric: SuggestMetric,
    cut_offs: Vec<f64>,
    #[serde(default)]
    requires_review: bool,
    #[serde(default = "yes")]
    verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnchor {
    score: u8,
    fi: Option<String>,
    sv: Option<String>,
    en: Option<String>,
    #[serde(default = "yes")]
    verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    id: String,
    fi: Option<String>,
    sv: Option<String>,
    en: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum RawScoring {
    Anchored,
    Components {
        components: Vec<RawComponent>,
        score_for_count: Vec<u8>,
        #[serde(default = "yes")]
        verified: bool,
    },
    PercentageBands {
        cut_offs: Vec<f64>,
        #[serde(default = "yes")]
        verified: bool,
    },
    DayBands {
        cut_offs: Vec<u32>,
        #[serde(default = "yes")]
        verified: bool,
    },
    CountBands {
        cut_offs: Vec<f64>,
        unit: RawTexts,
        #[serde(default = "yes")]
        verified: bool,
    },
    YesPartlyNo,
}

impl Scale {
    /// Parses and validates one scale file. `file` is only used in error messages.
    pub fn from_toml(file: &str, text: &str) -> Result<Scale, ScaleError> {
        let at = At::scale(file);
        let mut table: toml::Table = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
                .unwrap_or(1);
            at.err(format!("line {line}"), e.message().trim())
        })?;

        // Items are deserialized one by one (below) so errors can name the item.
        let raw_items = match table.remove("items") {
            Some(toml::Value::Array(items)) if !items.is_empty() => items,
            Some(toml::Value::Array(_)) | None => {
                return Err(at.err("items", "the scale has no items ([[items]])"))
            }
            Some(_) => return Err(at.err("items", "must be a list of [[items]] tables")),
        };
        let header: RawHeader = deserialize(at, toml::Value::Table(table))?;
        if header.format != FORMAT {
            return Err(at.err(
                "format",
                format!(
                    "format {} is not supported (this Polku reads format {FORMAT})",
                    header.format
                ),
            ));
        }
        check_code(at, "id", &header.id)?;
        if header.version.trim().is_empty() {
            return Err(at.err("version", "must not be empty"));
        }

        let mut sections = Vec::new();
        for (i, s) in header.sections.into_iter().enumerate() {
            check_code(at, &format!("sections[{i}].code"), &s.code)?;
            if sections.iter().any(|x: &Section| x.code == s.code) {
                return Err(at.err(
                    format!("sections[{i}].code"),
                    format!("section code {} is used twice", s.code),
                ));
            }
            let name = texts(at, &format!("sections[{i}].name"), s.name)?;
            sections.push(Section { code: s.code, name });
        }
        if sections.is_empty() {
            return Err(at.err("sections", "the scale has no sections ([[sections]])"));
        }

        let mut items: Vec<Item> = Vec::new();
        for (i, value) in raw_items.into_iter().enumerate() {
            // Name the item by its code when it has one, else by its position in the file.
            let label = value
                .get("code")
                .and_then(|c| c.as_str())
                .filter(|c| !c.trim().is_empty())
                .map(str::to_owned)
                .unwrap_or_else(|| format!("#{}", i + 1));
            let item_at = at.item(&label);
            let raw: RawItem = deserialize(item_at, value)?;
            let item = item(item_at, header.kind, raw, &sections)?;
            if items.iter().any(|x| x.code == item.code) {
                return Err(item_at.err("code", format!("item code {} is used twice", item.code)));
            }
            if let Some(other) = items.iter().find(|x| x.index == item.index) {
                return Err(item_at.err(
                    "index",
                    format!("index {} is also used by item {}", item.index, other.code),
                ));
            }
            items.push(item);
        }
        items.sort_by_key(|i| i.index);
        // Indices are the global order 1..n: a gap means an item was lost or misnumbered.
        for (expected, item) in (1u8..).zip(&items) {
            if item.index != expected {
                return Err(at.item(&item.code).err(
                    "index",
                    format!(
                        "indices must run 1..{} without gaps; index {expected} is missing",
                        items.len()
                    ),
                ));
            }
        }

        let bands = bands(at, header.kind, header.bands, items.len())?;
        Ok(Scale {
            id: header.id,
            version: header.version,
            kind: header.kind,
            name: texts(at, "name", header.name)?,
            translation_note: texts(at, "translation_note", header.translation_note)?,
            sections,
            items,
            bands,
        })
    }
}

/// Deserializes a TOML value, turning serde's error into one that names the field path.
fn deserialize<T: DeserializeOwned>(at: At<'_>, value: toml::Value) -> Result<T, ScaleError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        at.err(field, e.inner().message().trim())
    })
}

/// Ids and codes end up in stored reviews, record ids and file names: 1–64 ASCII letters,
/// digits, '-' or '_'.
pub fn is_plain_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn check_code(at: At<'_>, field: &str, code: &str) -> Result<(), ScaleError> {
    if is_plain_code(code) {
        Ok(())
    } else {
        Err(at.err(
            field,
            format!("{code:?} must be 1–64 letters a–z, digits, '-' or '_'"),
        ))
    }
}

fn texts(at: At<'_>, field: &str, raw: RawTexts) -> Result<Texts, ScaleError> {
    texts_of(at, field, raw.fi, raw.sv, raw.en)
}

/// Every text must exist in all three languages: a missing Swedish text would leave a
/// bilingual region's Swedish-speaking coaches with a blank.
fn texts_of(
    at: At<'_>,
    field: &str,
    fi: Option<String>,
    sv: Option<String>,
    en: Option<String>,
) -> Result<Texts, ScaleError> {
    let one = |lang: &str, label: &str, v: Option<String>| match v {
        Some(t) if !t.trim().is_empty() => Ok(t.trim().to_owned()),
        _ => Err(at.err(
            format!("{field}.{lang}"),
            format!("missing {label} ({lang}) text"),
        )),
    };
    Ok(Texts {
        fi: one("fi", "Finnish", fi)?,
        sv: one("sv", "Swedish", sv)?,
        en: one("en", "English", en)?,
    })
}

fn item(
    at: At<'_>,
    kind: ScaleKind,
    raw: RawItem,
    sections: &[Section],
) -> Result<Item, ScaleError> {
    check_code(at, "code", &raw.code)?;
    if raw.index == 0 {
        return Err(at.err("index", "must be 1 or more"));
    }
    if !sections.iter().any(|s| s.code == raw.section) {
        return Err(at.err(
            "section",
            format!("section {:?} is not listed in [[sections]]", raw.section),
        ));
    }
    let name = texts(at, "name", raw.name)?;
    let description = texts(at, "description", raw.description)?;
    let scoring = scoring(at, raw.scoring)?;

    match (kind, &scoring) {
        (ScaleKind::Checklist, Scoring::YesPartlyNo) => {}
        (ScaleKind::Checklist, other) => {
            return Err(at.err(
                "scoring.kind",
                format!(
                    "a checklist scale takes yes_partly_no items, not {}",
                    other.code()
                ),
            ))
        }
        (ScaleKind::Points, Scoring::YesPartlyNo) => {
            return Err(at.err(
                "scoring.kind",
                "yes_partly_no items belong in a checklist scale (kind = \"checklist\")",
            ))
        }
        (ScaleKind::Points, _) => {}
    }

    let mut anchors = Vec::new();
    for (i, a) in raw.anchors.into_iter().enumerate() {
        let field = format!("anchors[{i}]");
        if !(1..=5).contains(&a.score) {
            return Err(at.err(format!("{field}.score"), "must be 1–5"));
        }
        if anchors.iter().any(|x: &Anchor| x.score == a.score) {
            return Err(at.err(
                format!("{field}.score"),
                format!("anchor {} is given twice", a.score),
            ));
        }
        let text = texts_of(at, &field, a.fi, a.sv, a.en)?;
        anchors.push(Anchor {
            score: a.score,
            text,
            verified: a.verified,
        });
    }
    anchors.sort_by_key(|a| std::cmp::Reverse(a.score));
    match scoring {
        Scoring::YesPartlyNo if !anchors.is_empty() => {
            return Err(at.err("anchors", "checklist items have no anchors"));
        }
        Scoring::YesPartlyNo => {}
        // The rater picks by the anchors, so all five must be there; for computed kinds the
        // anchors are optional help, but a partial set would show the rater a hole.
        Scoring::Anchored if anchors.len() != 5 => {
            return Err(at.err(
                "anchors",
                "anchored items need anchors for 1, 2, 3, 4 and 5",
            ));
        }
        _ if !anchors.is_empty() && anchors.len() != 5 => {
            return Err(at.err(
                "anchors",
                "give anchors for all of 1, 2, 3, 4 and 5, or none",
            ));
        }
        _ => {}
    }

    let suggest = match raw.suggest {
        None => None,
        Some(_) if !matches!(scoring, Scoring::Anchored) => {
            return Err(at.err("suggest", "only anchored items take a suggestion rule"));
        }
        Some(s) => {
            let descending = s.cut_offs.windows(2).all(|w| w[0] > w[1]);
            if s.cut_offs.len() != 4 || !descending || s.cut_offs.iter().any(|c| !c.is_finite()) {
                return Err(at.err(
                    "suggest.cut_offs",
                    "give four descending minimums, for 5, 4, 3 and 2",
                ));
            }
            Some(SuggestRule {
                metric: s.metric,
                cut_offs: s.cut_offs,
                requires_review: s.requires_review,
                verified: s.verified,
            })
        }
    };

    Ok(Item {
        code: raw.code,
        index: raw.index,
        section: raw.section,
        name,
        description,
        anchors,
        scoring,
        verified: raw.verified,
        suggest,
    })
}

fn scoring(at: At<'_>, raw: RawScoring) -> Result<Scoring, ScaleError> {
    Ok(match raw {
        RawScoring::Anchored => Scoring::Anchored,
        RawScoring::YesPartlyNo => Scoring::YesPartlyNo,
        RawScoring::Components {
            components: raw_components,
            score_for_count,
            verified,
        } => {
            if raw_components.is_empty() {
                return Err(at.err("scoring.components", "components needs at least one"));
            }
            let mut components: Vec<Component> = Vec::new();
            for (i, c) in raw_components.into_iter().enumerate() {
                let field = format!("scoring.components[{i}]");
                check_code(at, &format!("{field}.id"), &c.id)?;
                if components.iter().any(|x| x.id == c.id) {
                    return Err(at.err(
                        format!("{field}.id"),
                        format!("component id {} is used twice", c.id),
                    ));
                }
                let name = texts_of(at, &field, c.fi, c.sv, c.en)?;
                components.push(Component { id: c.id, name });
            }
            let n = components.len();
            if score_for_count.len() != n + 1 {
                return Err(at.err(
                    "scoring.score_for_count",
                    format!(
                        "components must give {} scores (for 0..{n} ticked), found {}",
                        n + 1,
                        score_for_count.len()
                    ),
                ));
            }
            if score_for_count.iter().any(|s| !(1..=5).contains(s))
                || score_for_count.windows(2).any(|w| w[0] > w[1])
            {
                return Err(at.err(
                    "scoring.score_for_count",
                    "components scores must be 1–5 and never fall as more are ticked",
                ));
            }
            Scoring::Components {
                components,
                score_for_count,
                verified,
            }
        }
        RawScoring::PercentageBands { cut_offs, verified } => {
            let ok = cut_offs.len() == CUT_OFFS
                && cut_offs.iter().all(|c| (0.0..=100.0).contains(c))
                && cut_offs.windows(2).all(|w| w[0] > w[1]);
            if !ok {
                return Err(at.err(
                    "scoring.cut_offs",
                    "percentage_bands must have 4 descending cut-offs within 0–100 \
                     (minimum % for 5, 4, 3, 2)",
                ));
            }
            Scoring::PercentageBands { cut_offs, verified }
        }
        RawScoring::DayBands { cut_offs, verified } => {
            if cut_offs.len() != CUT_OFFS || cut_offs.windows(2).any(|w| w[0] >= w[1]) {
                return Err(at.err(
                    "scoring.cut_offs",
                    "day_bands must have 4 ascending cut-offs (maximum days for 5, 4, 3, 2)",
                ));
            }
            Scoring::DayBands { cut_offs, verified }
        }
        RawScoring::CountBands {
            cut_offs,
            unit,
            verified,
        } => {
            let ok = cut_offs.len() == CUT_OFFS
                && cut_offs.iter().all(|c| c.is_finite() && *c >= 0.0)
                && cut_offs.windows(2).all(|w| w[0] < w[1]);
            if !ok {
                return Err(at.err(
                    "scoring.cut_offs",
                    "count_bands must have 4 ascending cut-offs of 0 or more \
                     (maximum for 5, 4, 3, 2)",
                ));
            }
            Scoring::CountBands {
                cut_offs,
                unit: texts(at, "scoring.unit", unit)?,
                verified,
            }
        }
    })
}

/// Bands must tile the possible totals exactly: a gap would leave some total without a band,
/// an overlap would give it two.
fn bands(
    at: At<'_>,
    kind: ScaleKind,
    raw: Vec<RawBand>,
    item_count: usize,
) -> Result<Vec<Band>, ScaleError> {
    if kind == ScaleKind::Checklist {
        if raw.is_empty() {
            return Ok(Vec::new());
        }
        return Err(at.err("bands", "a checklist scale has no points and so no bands"));
    }
    let lowest = u16::try_from(item_count).unwrap_or(u16::MAX);
    let highest = lowest.saturating_mul(5);
    let mut bands = Vec::new();
    for b in raw {
        let field = format!("bands.{}", b.code);
        check_code(at, &format!("{field}.code"), &b.code)?;
        if bands.iter().any(|x: &Band| x.code == b.code) {
            return Err(at.err(
                format!("{field}.code"),
                format!("band code {} is used twice", b.code),
            ));
        }
        if b.min > b.max {
            return Err(at.err(
                format!("{field}.min"),
                format!("min {} is above max {}", b.min, b.max),
            ));
        }
        let name = texts(at, &format!("{field}.name"), b.name)?;
        bands.push(Band {
            code: b.code,
            min: b.min,
            max: b.max,
            name,
            verified: b.verified,
        });
    }
    if bands.is_empty() {
        return Err(at.err("bands", "a points scale needs total bands ([[bands]])"));
    }
    bands.sort_by_key(|b| b.min);
    let mut next = lowest;
    for b in &bands {
        let field = format!("bands.{}.min", b.code);
        if b.min != next {
            let what = if b.min > next { "a gap" } else { "an overlap" };
            return Err(at.err(
                field,
                format!(
                    "bands must cover totals {lowest}–{highest} without gaps or overlaps: \
                     {what} before {} (expected min {next})",
                    b.min
                ),
            ));
        }
        next = b.max.saturating_add(1);
    }
    if next != highest.saturating_add(1) {
        let last = bands.last().map(|b| b.code.as_str()).unwrap_or_default();
        return Err(at.err(
            format!("bands.{last}.max"),
            format!("bands must reach the highest total {highest}"),
        ));
    }
    Ok(bands)
}
