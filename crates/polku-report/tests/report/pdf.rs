use crate::fixtures;
use polku_domain::Language;
use polku_report::{pdf, ItemRow, ReviewReport};
use std::process::Command;

/// The PDF's text as `pdftotext` extracts it, with runs of whitespace (line breaks from
/// wrapping, table gaps) collapsed to one space; and its page count from `pdfinfo`.
fn read_back(bytes: &[u8]) -> (String, u32) {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).expect("the PDF is written");
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian poppler-utils; `cargo xtask test` installs it)");
    assert!(
        text.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&text.stderr)
    );
    let info = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    assert!(info.status.success(), "pdfinfo failed");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count");
    let text = String::from_utf8(text.stdout).expect("UTF-8 text");
    (text.split_whitespace().collect::<Vec<_>>().join(" "), pages)
}

fn assert_contains(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "{w:?} not in the PDF text:\n{text}");
    }
}

#[test]
fn a_finnish_review_reads_back_with_its_title_total_band_items_evidence_and_action_plan() {
    let report = fixtures::review(Language::Fi);
    let (text, pages) = read_back(&pdf::review(&report).expect("the PDF renders"));
    assert_contains(
        &text,
        &[
            "Menetelmällisen tarkkuuden arviointi – Työpaja Äyräs",
            "Yhteensä: 97 / 125",
            "Taso: Kohtalainen menetelmällinen tarkkuus",
            "Arviointijakso: 1.5.2026 – 31.10.2026",
            "Arvioijat: Päivi Hämäläinen, Jörö Öhman",
            "Arvioitava: Tiimi Työpaja Äyräs",
            "Työpaikkojen kehittäminen: tiheät työnantajakontaktit",
            "Näyttö: Näyttö kohdasta V4: käyntiloki ja esihenkilön merkinnät.",
            "Näyttö puuttuu",
            "Kehittämissuunnitelma",
            "Määräaika",
            "Työnantajakäyntejä kuusi viikossa; esihenkilö käy lokin läpi viikoittain.",
            "22.11.2026",
            "Osa asteikon arvoista on Polkun työversioita",
        ],
    );
    // Every item name with ä or ö, from the shipped scale.
    let names: Vec<String> = fixtures::scale()
        .items
        .iter()
        .map(|i| i.name.fi.clone())
        .filter(|n| n.contains(['ä', 'ö']))
        .collect();
    assert!(names.len() >= 5, "the scale has Finnish names with ä/ö");
    for name in &names {
        assert_contains(&text, &[name]);
    }
    assert!(pages >= 2, "25 items with notes fill more than a page");
    assert_contains(&text, &[&format!("Sivu {pages} / {pages}")]);
}

#[test]
fn a_swedish_review_reads_back_with_its_title_total_band_items_evidence_and_action_plan() {
    let report = fixtures::review(Language::Sv);
    let (text, _) = read_back(&pdf::review(&report).expect("the PDF renders"));
    assert_contains(
        &text,
        &[
            "Bedömning av metodtrohet – Verkstaden Åbo",
            "Totalt: 97 / 125",
            "Nivå: Måttlig metodtrohet",
            "Bedömare: Åsa Lindström",
            "Bedömningen gäller: Teamet Verkstaden Åbo",
            "Belägg: Belägg för V6: besöksloggen och chefens anteckningar.",
            "Belägg saknas",
            "Utvecklingsplan",
            "Senast",
            "Sex arbetsgivarbesök i veckan; chefen går igenom loggen varje vecka.",
            "22.11.2026",
        ],
    );
    let names: Vec<String> = fixtures::scale()
        .items
        .iter()
        .map(|i| i.name.sv.clone())
        .filter(|n| n.contains(['ä', 'ö', 'å']))
        .collect();
    assert!(!names.is_empty(), "the scale has Swedish names with ä/ö/å");
    for name in &names {
        assert_contains(&text, &[name]);
    }
}

#[test]
fn an_english_review_prints_dates_with_the_month_name() {
    let report = fixtures::review(Language::En);
    let (text, _) = read_back(&pdf::review(&report).expect("the PDF renders"));
    assert_contains(
        &text,
        &[
            "Total: 97 / 125",
            "Band: Fair fidelity",
            "Review period: 1 May 2026 – 31 Oct 2026",
            "Review of: Team Äyräs Workshop",
            "Action plan",
            "22 Nov 2026",
        ],
    );
}

#[test]
fn a_long_evidence_note_wraps_onto_a_second_page_without_losing_text() {
    let sentence = "Työnantajakäynnit kirjattiin lokiin ja esihenkilö kävi ne läpi viikoittain. ";
    let mut notes = sentence.repeat(120);
    notes.push_str("Loppu häämöttää.");
    let report = ReviewReport {
        items: vec![ItemRow {
            answer: None,
            code: "V6".to_owned(),
            name: "Työpaikkojen kehittäminen – tiiviit työnantajakontaktit".to_owned(),
            score: Some(5),
            suggested: Some(5),
            evidence_notes: notes,
            evidence_missing: false,
        }],
        sections: Vec::new(),
        actions: Vec::new(),
        ..fixtures::review(Language::Fi)
    };
    let (text, pages) = read_back(&pdf::review(&report).expect("the PDF renders"));
    assert!(pages >= 2, "a long note spills over: {pages} page(s)");
    assert_contains(&text, &["Loppu häämöttää.", "Sivu 2 / "]);
    // A page may break inside a sentence (the next page's header between its words): count
    // words, each printed once on one page.
    for word in [
        "Työnantajakäynnit",
        "kirjattiin",
        "esihenkilö",
        "viikoittain.",
    ] {
        assert_eq!(
            text.matches(word).count(),
            120,
            "every wrapped sentence's {word:?} is printed once"
        );
    }
}

#[test]
fn a_review_still_unrated_shows_no_total_or_band() {
    let mut report = fixtures::review(Language::Fi);
    report.total = None;
    report.band_name = None;
    report.items[0].score = None;
    let (text, pages) = read_back(&pdf::review(&report).expect("the PDF renders"));
    assert_contains(&text, &["Yhteensä: – / 125", "Taso: –"]);
    assert!(pages >= 1);
}

#[test]
fn a_finnish_outcome_report_reads_back_with_its_measures_and_benchmarks() {
    let report = fixtures::outcomes(Language::Fi);
    let (text, pages) = read_back(&pdf::outcomes(&report).expect("the PDF renders"));
    assert_eq!(pages, 1);
    assert_contains(
        &text,
        &[
            "Neljännesvuoden tulokset 2026 Q4",
            "Työhönvalmentaja: Päivi Hämäläinen",
            "Mittari",
            "Vertailuarvo",
            "Työllistymisaste",
            "42 %",
            "41 % (keskitaso)",
            "Työsuhteet, jotka kestivät yli 13 viikkoa",
        ],
    );
}

#[test]
fn a_swedish_outcome_report_reads_back_in_swedish() {
    let report = fixtures::outcomes(Language::Sv);
    let (text, _) = read_back(&pdf::outcomes(&report).expect("the PDF renders"));
    assert_contains(
        &text,
        &[
            "Kvartalets resultat 2026 Q4",
            "Arbetscoach: Åsa Lindström",
            "Jämförelsevärde",
            "I arbete på öppna arbetsmarknaden",
        ],
    );
}

pub(crate) fn team_report(
    language: Language,
    coach_names: &[&str],
) -> polku_report::TeamOutcomeReport {
    let row = |name: &str, served: u32, worked: u32| polku_report::TeamOutcomeRow {
        name: name.to_owned(),
        served: served.to_string(),
        worked: worked.to_string(),
        employment_rate: format!("{} %", worked * 100 / served),
        starts: "2".into(),
        kept: "3 / 4".into(),
        face_to_face: "71".into(),
    };
    polku_report::TeamOutcomeReport {
        team: "IPS Tampere".into(),
        quarter: "2026 Q4".into(),
        language,
        coaches: coach_names
            .iter()
            .enumerate()
            .map(|(i, n)| row(n, 20, 6 + i as u32))
            .collect(),
        total: row("Tiimi", 40, 13),
        trend: vec![
            ("2026 Q1".into(), Some(24.0)),
            ("2026 Q2".into(), None),
            ("2026 Q3".into(), Some(35.5)),
            ("2026 Q4".into(), Some(32.5)),
        ],
        benchmarks: [31.0, 41.0, 50.0],
    }
}

#[test]
fn a_team_report_reads_back_with_each_coach_the_team_and_the_trend_against_the_benchmarks() {
    let report = team_report(Language::Fi, &["Äinö Valmentaja", "Sari Öhman"]);
    let (text, pages) = read_back(&pdf::team_outcomes(&report).expect("the PDF renders"));
    assert_eq!(pages, 1);
    assert_contains(
        &text,
        &[
            "Tiimin neljännesvuoden tulokset 2026 Q4",
            "Tiimi: IPS Tampere",
            "Työhönvalmentaja Asiakkaita Töissä",
            "Työllistymisaste",
            "Aloitukset",
            "Yli 13 vk",
            "Kasvokkaiset",
            "Äinö Valmentaja 20 6 30 % 2",
            "Sari Öhman 20 7 35 % 2",
            "Tiimi 40 13 32 % 2",
            "Vertailuarvot 31 / 41 / 50 %",
            "Tiimin työllistymisaste neljänneksittäin",
            "2026 Q1",
            "36 %",
        ],
    );
    // The chart's axis marks the three benchmarks, and a quarter without a rate draws no value.
    for b in ["31 %", "41 %", "50 %"] {
        assert!(text.contains(b), "{b} on the chart: {text}");
    }
    assert!(text.contains("2026 Q2"));
}

#[test]
fn a_coachs_outcome_report_without_a_name_says_so_instead_of_leaving_it_blank() {
    let report = polku_report::OutcomeReport {
        coach: "  ".into(),
        quarter: "2026 Q4".into(),
        language: Language::En,
        rows: Vec::new(),
    };
    let (text, _) = read_back(&pdf::outcomes(&report).expect("the PDF renders"));
    assert_contains(&text, &["Job coach: (no name set)"]);
}
