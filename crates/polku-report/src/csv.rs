//! CSV exports for spreadsheets.
//!
//! Two choices follow what a coach's spreadsheet expects:
//! - **UTF-8 with a byte-order mark.** Excel opens a `.csv` in the system's legacy code page
//!   (Windows-1252 in Finland) unless the file starts with a BOM; without it "Näyttö" turns
//!   into "NÃ¤yttÃ¶". LibreOffice and parsers that know about the BOM skip it.
//! - **`;` between fields in Finnish and Swedish, `,` in English.** Finnish and Swedish use the
//!   comma as the decimal separator (`2,5`), so spreadsheets in those locales use `;` as the
//!   list separator and split a double-clicked CSV on `;`; a comma-separated file would land
//!   in one column. English-locale spreadsheets expect the comma.
//!
//! Fields holding the delimiter, quotes or line breaks are quoted by the `csv` crate (RFC 4180),
//! so evidence notes round-trip exactly.

use crate::labels::{format_date, Labels};
use crate::model::{OutcomeReport, ReviewReport, TeamOutcomeReport, TeamOutcomeRow};
use polku_domain::Language;

/// The UTF-8 byte-order mark every export starts with.
pub const BOM: &str = "\u{feff}";

/// The field delimiter spreadsheets in the language's locale expect.
pub fn delimiter(language: Language) -> u8 {
    match language {
        Language::Fi | Language::Sv => b';',
        Language::En => b',',
    }
}

/// A review: a header row, one row per item (code, name, score, suggested, evidence missing,
/// evidence notes), then the action plan under its own header row (item, action, who, due).
/// Every row has the same number of columns so the file reads as one table.
pub fn review(report: &ReviewReport) -> String {
    let l = Labels::for_language(report.language);
    let mut rows: Vec<[String; 6]> =
        Vec::with_capacity(report.items.len() + report.actions.len() + 2);
    rows.push(
        [
            l.item,
            l.name,
            l.score,
            l.suggested,
            l.evidence_missing,
            l.evidence,
        ]
        .map(str::to_owned),
    );
    for item in &report.items {
        rows.push([
            item.code.clone(),
            item.name.clone(),
            item.answer
                .clone()
                .or_else(|| item.score.map(|s| s.to_string()))
                .unwrap_or_default(),
            item.suggested.map(|s| s.to_string()).unwrap_or_default(),
            if item.evidence_missing { l.yes } else { l.no }.to_owned(),
            item.evidence_notes.clone(),
        ]);
    }
    if !report.actions.is_empty() {
        rows.push([l.item, l.action_plan, l.who, l.due, "", ""].map(str::to_owned));
        for action in &report.actions {
            rows.push([
                action.item.clone(),
                action.what.clone(),
                action.who.clone(),
                action
                    .due
                    .map(|d| format_date(d, report.language))
                    .unwrap_or_default(),
                String::new(),
                String::new(),
            ]);
        }
    }
    write(report.language, &rows)
}

/// Outcomes: a header row (measure, value, benchmark), then one row per measure.
pub fn outcomes(report: &OutcomeReport) -> String {
    let l = Labels::for_language(report.language);
    let mut rows: Vec<[String; 3]> = Vec::with_capacity(report.rows.len() + 1);
    rows.push([l.measure, l.value, l.benchmark].map(str::to_owned));
    for row in &report.rows {
        rows.push([
            row.label.clone(),
            row.value.clone(),
            row.benchmark.clone().unwrap_or_default(),
        ]);
    }
    write(report.language, &rows)
}

/// A team's quarter: a row per coach and the team's, then the team's rate by quarter.
pub fn team_outcomes(report: &TeamOutcomeReport) -> String {
    let l = Labels::for_language(report.language);
    let mut rows: Vec<[String; 7]> = vec![l.team_columns().map(str::to_owned)];
    rows.extend(report.coaches.iter().map(TeamOutcomeRow::cells));
    rows.push(report.total.cells());
    for (quarter, rate) in &report.trend {
        let mut row: [String; 7] = Default::default();
        row[0] = format!("{} {quarter}", l.employment_rate);
        row[3] = rate
            .map(|r| decimal(report.language, r))
            .unwrap_or_default();
        rows.push(row);
    }
    write(report.language, &rows)
}

/// One decimal, with the comma Finnish and Swedish spreadsheets read as a decimal point.
fn decimal(language: Language, value: f64) -> String {
    let text = format!("{value:.1}");
    match language {
        Language::En => text,
        _ => text.replace('.', ","),
    }
}

fn write<const N: usize>(language: Language, rows: &[[String; N]]) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(delimiter(language))
        // Spreadsheets on every platform read CRLF; Excel on Windows expects it.
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    for row in rows {
        // Writing to a Vec cannot fail, and all rows have N fields, so the csv crate's only
        // errors (I/O, unequal lengths) cannot happen here.
        writer
            .write_record(row)
            .expect("a CSV record written to memory");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing a CSV writer into memory");
    // Every field was a `String`, so the bytes are UTF-8.
    String::from_utf8_lossy(&bytes).into_owned()
}
