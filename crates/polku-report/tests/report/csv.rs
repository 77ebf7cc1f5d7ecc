use crate::fixtures;
use polku_domain::Language;
use polku_report::csv;

/// Parses an export as a spreadsheet would: the BOM stripped, the language's delimiter.
fn parse(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let body = text
        .strip_prefix('\u{feff}')
        .expect("the export starts with a BOM");
    ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| {
            r.expect("a well-formed record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn a_finnish_review_is_semicolon_separated_utf8_with_a_bom_and_one_row_per_item() {
    let report = fixtures::review(Language::Fi);
    let text = csv::review(&report);
    assert!(text.starts_with('\u{feff}'));
    assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
    let rows = parse(&text, b';');
    // Header, 25 items, the action plan's header and its 2 actions.
    assert_eq!(rows.len(), 1 + 25 + 1 + 2);
    assert!(rows.iter().all(|r| r.len() == 6), "one table of 6 columns");
    assert_eq!(
        rows[0],
        [
            "Kohta",
            "Nimi",
            "Pisteet",
            "Ehdotus",
            "Näyttö puuttuu",
            "Näyttö"
        ]
    );
    let v4 = rows.iter().find(|r| r[0] == "V4").expect("a V4 row");
    assert_eq!(v4[2], "4");
    assert_eq!(v4[3], "4");
    assert_eq!(v4[4], "ei");
    assert_eq!(v4[5], fixtures::evidence_note(Language::Fi, "V4"));
    let v13 = rows.iter().find(|r| r[0] == "V13").expect("a V13 row");
    assert_eq!((v13[3].as_str(), v13[4].as_str()), ("", "kyllä"));
    assert_eq!(
        rows[26][..4],
        ["Kohta", "Kehittämissuunnitelma", "Kuka", "Määräaika"]
    );
    assert_eq!(rows[27][0], "V6");
    assert_eq!(rows[27][2], "Päivi Hämäläinen");
    assert_eq!(rows[27][3], "22.11.2026");
    // Read with the wrong delimiter, a row is one field: the delimiter really is `;`.
    assert_eq!(parse(&text, b',')[0].len(), 1);
}

#[test]
fn a_swedish_review_is_semicolon_separated_with_swedish_headings() {
    let text = csv::review(&fixtures::review(Language::Sv));
    let rows = parse(&text, b';');
    assert_eq!(rows.len(), 29);
    assert_eq!(
        rows[0],
        [
            "Punkt",
            "Namn",
            "Poäng",
            "Förslag",
            "Belägg saknas",
            "Belägg"
        ]
    );
    assert_eq!(rows[26][..4], ["Punkt", "Utvecklingsplan", "Vem", "Senast"]);
    assert!(rows.iter().any(|r| r[1] == "Klientantal"));
}

#[test]
fn an_english_review_is_comma_separated() {
    let text = csv::review(&fixtures::review(Language::En));
    assert!(text.starts_with('\u{feff}'));
    let rows = parse(&text, b',');
    assert_eq!(rows.len(), 29);
    assert!(rows.iter().all(|r| r.len() == 6));
    assert_eq!(rows[0][0], "Item");
    assert_eq!(rows[27][3], "22 Nov 2026");
}

#[test]
fn a_field_holding_the_delimiter_quotes_and_a_line_break_round_trips() {
    for (language, delimiter) in [(Language::Fi, b';'), (Language::En, b',')] {
        let mut report = fixtures::review(language);
        let tricky = "Käynnit; 6/vko, \"hyvä\" taso\nToinen rivi";
        report.items[0].evidence_notes = tricky.to_owned();
        report.actions[0].what = "Sovitaan; \"kuka\", mitä".to_owned();
        let rows = parse(&csv::review(&report), delimiter);
        assert_eq!(rows.len(), 29);
        assert_eq!(rows[1][5], tricky);
        assert_eq!(rows[27][1], "Sovitaan; \"kuka\", mitä");
    }
}

#[test]
fn outcomes_are_a_header_and_one_row_per_measure() {
    let text = csv::outcomes(&fixtures::outcomes(Language::Fi));
    let rows = parse(&text, b';');
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0], ["Mittari", "Arvo", "Vertailuarvo"]);
    assert_eq!(rows[3], ["Työllistymisaste", "42 %", "41 % (keskitaso)"]);
    assert_eq!(rows[1][2], "", "no benchmark is an empty cell");
    let en = parse(&csv::outcomes(&fixtures::outcomes(Language::En)), b',');
    assert_eq!(en[3], ["Employment rate", "42%", "41% (average)"]);
}

#[test]
fn a_team_report_has_a_row_per_coach_the_teams_and_the_rate_by_quarter_with_decimal_commas() {
    let report = crate::pdf::team_report(Language::Fi, &["Äinö Valmentaja"]);
    let rows = parse(&csv::team_outcomes(&report), b';');
    assert_eq!(
        rows[0],
        [
            "Työhönvalmentaja",
            "Asiakkaita",
            "Töissä",
            "Työllistymisaste",
            "Aloitukset",
            "Yli 13 vk",
            "Kasvokkaiset"
        ]
    );
    assert_eq!(rows[1][0], "Äinö Valmentaja");
    assert_eq!(rows[2][..3], ["Tiimi", "40", "13"]);
    let trend: Vec<(&str, &str)> = rows[3..]
        .iter()
        .map(|r| (r[0].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        trend,
        [
            ("Työllistymisaste 2026 Q1", "24,0"),
            ("Työllistymisaste 2026 Q2", ""),
            ("Työllistymisaste 2026 Q3", "35,5"),
            ("Työllistymisaste 2026 Q4", "32,5"),
        ]
    );
}
