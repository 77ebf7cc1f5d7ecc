//! A complete 25-item review on the real IPS-25 scale, in any language.

use chrono::NaiveDate;
use polku_domain::fidelity::Scale;
use polku_domain::Language;
use polku_report::{ActionRow, ItemRow, OutcomeReport, OutcomeRow, ReviewReport, SectionRow};

const IPS_25: &str = include_str!("../../../../assets/fidelity/ips-25.toml");

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

pub fn scale() -> Scale {
    Scale::from_toml("ips-25.toml", IPS_25).expect("the shipped IPS-25 scale loads")
}

pub fn evidence_note(language: Language, code: &str) -> String {
    match language {
        Language::Fi => format!("Näyttö kohdasta {code}: käyntiloki ja esihenkilön merkinnät."),
        Language::Sv => format!("Belägg för {code}: besöksloggen och chefens anteckningar."),
        Language::En => format!("Evidence for {code}: visit log and supervisor's notes."),
    }
}

pub fn title(language: Language) -> &'static str {
    match language {
        Language::Fi => "Menetelmällisen tarkkuuden arviointi – Työpaja Äyräs",
        Language::Sv => "Bedömning av metodtrohet – Verkstaden Åbo",
        Language::En => "Fidelity review – Äyräs workshop",
    }
}

/// Every item scored 4 except three at 3 (total 97: fair), suggestions on the items Polku can
/// evidence, notes on every item but V13 (marked missing), and two actions.
pub fn review(language: Language) -> ReviewReport {
    let scale = scale();
    let items: Vec<ItemRow> = scale
        .items
        .iter()
        .map(|item| {
            let score = if ["O2", "V6", "V13"].contains(&item.code.as_str()) {
                3
            } else {
                4
            };
            let missing = item.code == "V13";
            ItemRow {
                answer: None,
                code: item.code.clone(),
                name: item.name.get(language).to_owned(),
                score: Some(score),
                suggested: ["S1", "V4", "V6", "V8", "V9", "V10"]
                    .contains(&item.code.as_str())
                    .then_some(4),
                evidence_notes: if missing {
                    String::new()
                } else {
                    evidence_note(language, &item.code)
                },
                evidence_missing: missing,
            }
        })
        .collect();
    let total: u32 = items.iter().filter_map(|i| i.score).map(u32::from).sum();
    let sections = scale
        .sections
        .iter()
        .map(|s| {
            let in_section: Vec<&ItemRow> = items
                .iter()
                .filter(|i| scale.item(&i.code).is_some_and(|it| it.section == s.code))
                .collect();
            SectionRow {
                code: s.code.clone(),
                name: s.name.get(language).to_owned(),
                subtotal: in_section
                    .iter()
                    .filter_map(|i| i.score)
                    .map(u32::from)
                    .sum(),
                max: 5 * in_section.len() as u32,
            }
        })
        .collect();
    let band = scale
        .band_for(u16::try_from(total).expect("a small total"))
        .map(|b| b.name.get(language).to_owned());
    let (kind, raters, actions) = match language {
        Language::Fi => (
            "Itsearviointi",
            vec!["Päivi Hämäläinen".to_owned(), "Jörö Öhman".to_owned()],
            vec![
                (
                    "V6",
                    "Työnantajakäyntejä kuusi viikossa; esihenkilö käy lokin läpi viikoittain.",
                    "Päivi Hämäläinen",
                ),
                (
                    "V13",
                    "Kirjataan työaika kentällä, jotta näyttö löytyy seuraavalla kerralla.",
                    "Tiimi",
                ),
            ],
        ),
        Language::Sv => (
            "Självvärdering",
            vec!["Åsa Lindström".to_owned()],
            vec![
                (
                    "V6",
                    "Sex arbetsgivarbesök i veckan; chefen går igenom loggen varje vecka.",
                    "Åsa Lindström",
                ),
                (
                    "V13",
                    "Tiden i fält registreras så att belägg finns nästa gång.",
                    "Teamet",
                ),
            ],
        ),
        Language::En => (
            "Self-assessment",
            vec!["Pat Jones".to_owned()],
            vec![
                (
                    "V6",
                    "Six employer visits a week; supervisor reviews the log weekly.",
                    "Pat Jones",
                ),
                (
                    "V13",
                    "Log time in the field so the evidence is there next time.",
                    "Team",
                ),
            ],
        ),
    };
    ReviewReport {
        title: title(language).to_owned(),
        scale_name: scale.name.get(language).to_owned(),
        scale_version: scale.version.clone(),
        kind: kind.to_owned(),
        period_from: date(2026, 5, 1),
        period_to: date(2026, 10, 31),
        raters,
        subject: match language {
            Language::Fi => "Tiimi Työpaja Äyräs",
            Language::Sv => "Teamet Verkstaden Åbo",
            Language::En => "Team Äyräs Workshop",
        }
        .to_owned(),
        language,
        total: Some(total),
        max_total: 125,
        band_name: band,
        sections,
        items,
        actions: actions
            .into_iter()
            .map(|(item, what, who)| ActionRow {
                item: item.to_owned(),
                what: what.to_owned(),
                who: who.to_owned(),
                due: Some(date(2026, 11, 22)),
            })
            .collect(),
        unverified_note: true,
    }
}

pub fn outcomes(language: Language) -> OutcomeReport {
    let rows = match language {
        Language::Fi => [
            ("Palvelussa neljänneksen aikana", "24", None),
            ("Työssä avoimilla työmarkkinoilla", "10", None),
            ("Työllistymisaste", "42 %", Some("41 % (keskitaso)")),
            (
                "Työsuhteet, jotka kestivät yli 13 viikkoa",
                "70 %",
                Some("≥ 65 %"),
            ),
        ],
        Language::Sv => [
            ("Klienter under kvartalet", "24", None),
            ("I arbete på öppna arbetsmarknaden", "10", None),
            ("Sysselsättningsgrad", "42 %", Some("41 % (medel)")),
            ("Anställningar längre än 13 veckor", "70 %", Some("≥ 65 %")),
        ],
        Language::En => [
            ("Served in quarter", "24", None),
            ("Working competitively", "10", None),
            ("Employment rate", "42%", Some("41% (average)")),
            ("Jobs kept over 13 weeks", "70%", Some("≥ 65%")),
        ],
    };
    OutcomeReport {
        coach: match language {
            Language::Sv => "Åsa Lindström".to_owned(),
            _ => "Päivi Hämäläinen".to_owned(),
        },
        quarter: "2026 Q4".to_owned(),
        language,
        rows: rows
            .into_iter()
            .map(|(label, value, benchmark)| OutcomeRow {
                label: label.to_owned(),
                value: value.to_owned(),
                benchmark: benchmark.map(str::to_owned),
            })
            .collect(),
    }
}
