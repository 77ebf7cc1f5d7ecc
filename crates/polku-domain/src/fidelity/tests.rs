use super::*;
use std::collections::BTreeMap;

const IPS_25: &str = include_str!("../../../../assets/fidelity/ips-25.toml");
const LAATUKRITEERIT: &str = include_str!("../../../../assets/fidelity/laatukriteerit.toml");

/// A small valid points scale: two items, totals 2–10. Malformed-file tests break one thing.
const MINI: &str = r#"
format = 1
id = "mini"
version = "1"
kind = "points"
name = { fi = "Pieni", sv = "Liten", en = "Mini" }
translation_note = { fi = "Työkäännös", sv = "Arbetsöversättning", en = "Working translation" }

[[sections]]
code = "A"
name = { fi = "Osa", sv = "Del", en = "Part" }

[[bands]]
code = "low"
min = 2
max = 5
name = { fi = "Matala", sv = "Låg", en = "Low" }

[[bands]]
code = "high"
min = 6
max = 10
verified = false
name = { fi = "Korkea", sv = "Hög", en = "High" }

[[items]]
code = "A1"
index = 1
section = "A"
name = { fi = "Yksi", sv = "Ett", en = "One" }
description = { fi = "Kuvaus", sv = "Beskrivning", en = "Description" }
scoring = { kind = "anchored" }
anchors = [
  { score = 5, fi = "v", sv = "f", en = "f" },
  { score = 4, fi = "n", sv = "f", en = "f" },
  { score = 3, fi = "k", sv = "t", en = "t" },
  { score = 2, fi = "k", sv = "t", en = "t" },
  { score = 1, fi = "y", sv = "e", en = "o" },
]

[[items]]
code = "A2"
index = 2
section = "A"
name = { fi = "Kaksi", sv = "Två", en = "Two" }
description = { fi = "Kuvaus", sv = "Beskrivning", en = "Description" }
scoring = { kind = "day_bands", cut_offs = [30, 60, 150, 270] }
"#;

fn ips25() -> Scale {
    Scale::from_toml("ips-25.toml", IPS_25).expect("shipped IPS-25 is valid")
}

fn laatukriteerit() -> Scale {
    Scale::from_toml("laatukriteerit.toml", LAATUKRITEERIT).expect("shipped checklist is valid")
}

fn points(scale: &Scale, code: &str, rating: Rating) -> u8 {
    match scale
        .score_item(code, &rating)
        .expect("rating fits the item")
    {
        ItemScore::Points(p) => p,
        ItemScore::Answer(a) => panic!("expected points, got {a:?}"),
    }
}

fn broken(from: &str, to: &str) -> ScaleError {
    assert!(MINI.contains(from), "fixture contains {from:?}");
    Scale::from_toml("mini.toml", &MINI.replacen(from, to, 1)).expect_err("file is malformed")
}

/// A rating that earns `score` on `item`, built from the item's own cut-offs.
fn rating_for(item: &Item, score: u8) -> Rating {
    let step = usize::from(5 - score.max(2));
    match &item.scoring {
        Scoring::Anchored => Rating::Anchored(score),
        Scoring::Components {
            components,
            score_for_count,
            ..
        } => {
            let n = score_for_count
                .iter()
                .position(|s| *s == score)
                .expect("count table reaches every score");
            Rating::Components(components.iter().take(n).map(|c| c.id.clone()).collect())
        }
        Scoring::PercentageBands { cut_offs, .. } if score == 1 => {
            Rating::Percentage(cut_offs[3] - 1.0)
        }
        Scoring::PercentageBands { cut_offs, .. } => Rating::Percentage(cut_offs[step]),
        Scoring::DayBands { cut_offs, .. } if score == 1 => Rating::Days(cut_offs[3] + 1),
        Scoring::DayBands { cut_offs, .. } => Rating::Days(cut_offs[step]),
        Scoring::CountBands { cut_offs, .. } if score == 1 => Rating::Count(cut_offs[3] + 1.0),
        Scoring::CountBands { cut_offs, .. } => Rating::Count(cut_offs[step]),
        Scoring::YesPartlyNo => panic!("checklist items have no points"),
    }
}

/// Ratings for every IPS-25 item adding up to `total` (25–125).
fn ips25_ratings_totalling(scale: &Scale, total: u16) -> BTreeMap<String, Rating> {
    let mut extra = total - 25;
    scale
        .items
        .iter()
        .map(|item| {
            let add = extra.min(4);
            extra -= add;
            (item.code.clone(), rating_for(item, 1 + add as u8))
        })
        .collect()
}

// --- shipped files ------------------------------------------------------------------------

#[test]
fn shipped_ips25_loads_with_25_items_in_three_sections() {
    let s = ips25();
    assert_eq!(s.id, "ips-25");
    assert_eq!(s.kind, ScaleKind::Points);
    assert_eq!(s.items.len(), 25);
    assert_eq!(s.total_range(), (25, 125));
    let codes: Vec<&str> = s.items.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes[..3], ["S1", "S2", "S3"]);
    assert_eq!(
        codes[3..11],
        ["O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8"]
    );
    assert_eq!(codes[11], "V1");
    assert_eq!(codes[24], "V14");
    let indices: Vec<u8> = s.items.iter().map(|i| i.index).collect();
    assert_eq!(indices, (1..=25).collect::<Vec<u8>>());
    let sections: Vec<&str> = s.sections.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(sections, ["S", "O", "V"]);
}

#[test]
fn shipped_ips25_gives_every_item_anchors_for_all_five_scores() {
    for item in ips25().items {
        let scores: Vec<u8> = item.anchors.iter().map(|a| a.score).collect();
        assert_eq!(scores, [5, 4, 3, 2, 1], "item {}", item.code);
    }
}

#[test]
fn shipped_ips25_uses_the_cut_offs_from_the_domain_notes() {
    let s = ips25();
    let scoring = |code: &str| s.item(code).expect("item exists").scoring.clone();
    assert!(
        matches!(scoring("S1"), Scoring::CountBands { cut_offs, verified: true, .. } if cut_offs == [20.0, 25.0, 30.0, 40.0])
    );
    assert!(
        matches!(scoring("S2"), Scoring::PercentageBands { cut_offs, verified: true } if cut_offs == [96.0, 90.0, 75.0, 60.0])
    );
    assert!(
        matches!(scoring("V4"), Scoring::DayBands { cut_offs, verified: false } if cut_offs == [30, 60, 150, 270])
    );
    assert!(
        matches!(scoring("V10"), Scoring::PercentageBands { cut_offs, .. } if cut_offs == [95.0, 85.0, 75.0, 65.0])
    );
    assert!(matches!(scoring("V6"), Scoring::Anchored));
    assert!(
        matches!(scoring("O2"), Scoring::Components { components, .. } if components.len() == 5)
    );
}

#[test]
fn shipped_ips25_lists_the_unconfirmed_115_and_check_tagged_values_for_admins() {
    let s = ips25();
    let exemplary = s
        .bands
        .iter()
        .find(|b| b.code == "exemplary")
        .expect("band");
    assert_eq!(
        (exemplary.min, exemplary.max, exemplary.verified),
        (115, 125, false)
    );
    let good = s.bands.iter().find(|b| b.code == "good").expect("band");
    assert!(good.verified);

    let unverified = s.unverified();
    let has = |item: Option<&str>, field: &str| {
        unverified
            .iter()
            .any(|u| u.item.as_deref() == item && u.field == field)
    };
    assert!(has(None, "bands.exemplary"));
    assert!(!has(None, "bands.good"));
    assert!(
        has(Some("V4"), "scoring"),
        "only V4's 30-day target is sourced"
    );
    assert!(!has(Some("V4"), "anchors.5"));
    assert!(has(Some("V4"), "anchors.4"));
    assert!(has(Some("O2"), "definition"));
    assert!(!has(Some("S1"), "scoring"));
}

#[test]
fn shipped_laatukriteerit_loads_as_a_seven_item_checklist_without_bands() {
    let s = laatukriteerit();
    assert_eq!(s.kind, ScaleKind::Checklist);
    assert_eq!(s.items.len(), 7);
    assert!(s.bands.is_empty());
    assert!(s
        .items
        .iter()
        .all(|i| i.scoring == Scoring::YesPartlyNo && i.anchors.is_empty()));
    assert_eq!(s.name.fi, "Tuloksellisen työhönvalmennuksen laatukriteerit");
}

#[test]
fn shipped_scales_have_texts_in_finnish_swedish_and_english() {
    for s in [ips25(), laatukriteerit()] {
        for lang in crate::enums::Language::ALL {
            assert!(!s.translation_note.get(*lang).is_empty());
            for item in &s.items {
                assert!(!item.name.get(*lang).is_empty(), "{} {}", s.id, item.code);
            }
        }
    }
}

// --- scoring kinds ------------------------------------------------------------------------

#[test]
fn anchored_item_scores_the_chosen_anchor() {
    let s = ips25();
    for n in 1..=5 {
        assert_eq!(points(&s, "S3", Rating::Anchored(n)), n);
    }
}

#[test]
fn anchored_rating_outside_one_to_five_is_rejected() {
    let s = ips25();
    for n in [0, 6] {
        let err = s
            .score_item("S3", &Rating::Anchored(n))
            .expect_err("out of range");
        assert!(matches!(err, RatingError::OutOfRange { ref item, .. } if item == "S3"));
    }
}

#[test]
fn components_item_scores_by_the_count_table_in_the_file() {
    let s = ips25();
    let ids: Vec<String> = match &s.item("O2").expect("O2").scoring {
        Scoring::Components { components, .. } => components.iter().map(|c| c.id.clone()).collect(),
        other => panic!("O2 is {other:?}"),
    };
    // score_for_count = [1, 1, 2, 3, 4, 5]
    let expected = [1, 1, 2, 3, 4, 5];
    for (n, want) in expected.into_iter().enumerate() {
        let ticked = ids.iter().take(n).cloned().collect();
        assert_eq!(
            points(&s, "O2", Rating::Components(ticked)),
            want,
            "{n} ticked"
        );
    }
}

#[test]
fn components_ticked_twice_count_once() {
    let s = ips25();
    let twice = Rating::Components(vec!["weekly_team_meetings".into(); 2]);
    assert_eq!(points(&s, "O2", twice), 1);
    let two = Rating::Components(vec!["weekly_team_meetings".into(), "shared_record".into()]);
    assert_eq!(points(&s, "O2", two), 2);
}

#[test]
fn an_unknown_component_is_rejected() {
    let err = ips25()
        .score_item("O2", &Rating::Components(vec!["coffee".into()]))
        .expect_err("unknown component");
    assert_eq!(
        err,
        RatingError::UnknownComponent {
            item: "O2".into(),
            component: "coffee".into()
        }
    );
}

#[test]
fn percentage_bands_score_each_cut_off_as_the_higher_score() {
    let s = ips25();
    // S2: >= 96 / 90 / 75 / 60
    let cases = [
        (100.0, 5),
        (96.0, 5),
        (95.9, 4),
        (90.0, 4),
        (89.0, 3),
        (75.0, 3),
        (74.9, 2),
        (60.0, 2),
        (59.9, 1),
        (0.0, 1),
    ];
    for (pct, want) in cases {
        assert_eq!(points(&s, "S2", Rating::Percentage(pct)), want, "{pct} %");
    }
}

#[test]
fn a_percentage_outside_zero_to_hundred_is_rejected() {
    let s = ips25();
    for bad in [-1.0, 100.1, f64::NAN] {
        assert!(
            s.score_item("S2", &Rating::Percentage(bad)).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn day_bands_score_each_cut_off_as_the_higher_score() {
    let s = ips25();
    // V4: <= 30 / 60 / 150 / 270 days
    let cases = [
        (0, 5),
        (30, 5),
        (31, 4),
        (60, 4),
        (61, 3),
        (150, 3),
        (151, 2),
        (270, 2),
        (271, 1),
        (1000, 1),
    ];
    for (days, want) in cases {
        assert_eq!(points(&s, "V4", Rating::Days(days)), want, "{days} days");
    }
}

#[test]
fn count_bands_score_caseload_per_full_time_coach_including_fractions() {
    let s = ips25();
    // S1: <= 20 / 25 / 30 / 40 clients per FTE
    let cases = [
        (14.0, 5),
        (20.0, 5),
        (20.5, 4),
        (25.0, 4),
        (26.0, 3),
        (30.0, 3),
        (31.0, 2),
        (40.0, 2),
        (41.0, 1),
    ];
    for (count, want) in cases {
        assert_eq!(points(&s, "S1", Rating::Count(count)), want, "{count}");
    }
    assert!(s.score_item("S1", &Rating::Count(-1.0)).is_err());
}

#[test]
fn checklist_item_keeps_the_answer_and_earns_no_points() {
    let s = laatukriteerit();
    for answer in [YesPartlyNo::Yes, YesPartlyNo::Partly, YesPartlyNo::No] {
        assert_eq!(
            s.score_item("K3", &Rating::Checklist(answer)),
            Ok(ItemScore::Answer(answer))
        );
    }
}

#[test]
fn a_rating_of_the_wrong_kind_is_rejected() {
    let err = ips25()
        .score_item("V4", &Rating::Percentage(50.0))
        .expect_err("V4 takes days");
    assert_eq!(
        err.to_string(),
        "item V4 is scored by day_bands, not by a percentage rating"
    );
    assert!(laatukriteerit()
        .score_item("K1", &Rating::Anchored(5))
        .is_err());
    assert!(matches!(
        ips25().score_item("X9", &Rating::Anchored(5)),
        Err(RatingError::UnknownItem { .. })
    ));
}

// --- totals and bands ---------------------------------------------------------------------

#[test]
fn total_bands_change_exactly_at_73_74_99_100_114_115() {
    let s = ips25();
    let cases = [
        (25, "not_ips"),
        (73, "not_ips"),
        (74, "fair"),
        (99, "fair"),
        (100, "good"),
        (114, "good"),
        (115, "exemplary"),
        (125, "exemplary"),
    ];
    for (total, band) in cases {
        assert_eq!(
            s.band_for(total).map(|b| b.code.as_str()),
            Some(band),
            "{total}"
        );
    }
    assert_eq!(s.band_for(24), None);
    assert_eq!(s.band_for(126), None);
}

#[test]
fn a_complete_review_at_each_band_edge_gets_that_band() {
    let s = ips25();
    for (total, band) in [
        (73, "not_ips"),
        (74, "fair"),
        (99, "fair"),
        (100, "good"),
        (114, "good"),
        (115, "exemplary"),
    ] {
        let summary = s
            .summarize(&ips25_ratings_totalling(&s, total))
            .expect("ratings fit");
        assert!(summary.complete);
        assert_eq!(summary.total, total);
        assert_eq!(summary.band.as_deref(), Some(band), "total {total}");
    }
}

#[test]
fn a_review_sums_points_per_section() {
    let s = ips25();
    let all_fives: BTreeMap<String, Rating> = s
        .items
        .iter()
        .map(|i| (i.code.clone(), rating_for(i, 5)))
        .collect();
    let summary = s.summarize(&all_fives).expect("ratings fit");
    assert_eq!((summary.total, summary.max_total), (125, 125));
    let subs: Vec<(&str, u16, u16, u16)> = summary
        .sections
        .iter()
        .map(|x| (x.section.as_str(), x.items, x.points, x.max_points))
        .collect();
    assert_eq!(
        subs,
        [("S", 3, 15, 15), ("O", 8, 40, 40), ("V", 14, 70, 70)]
    );
    assert_eq!(summary.scores.get("V4"), Some(&ItemScore::Points(5)));
}

#[test]
fn a_review_in_progress_has_a_running_total_but_no_band_yet() {
    let s = ips25();
    let mut ratings = BTreeMap::new();
    ratings.insert("S1".to_owned(), Rating::Count(14.0));
    ratings.insert("V4".to_owned(), Rating::Days(45));
    let summary = s.summarize(&ratings).expect("ratings fit");
    assert_eq!((summary.rated, summary.items), (2, 25));
    assert!(!summary.complete);
    assert_eq!(summary.total, 9);
    assert_eq!(summary.band, None);
    assert_eq!(summary.sections[0].points, 5);
    assert_eq!(summary.sections[0].rated, 1);
}

#[test]
fn a_checklist_review_counts_answers_overall_and_per_section() {
    let s = laatukriteerit();
    let answers = [
        YesPartlyNo::Yes,
        YesPartlyNo::Yes,
        YesPartlyNo::Partly,
        YesPartlyNo::No,
        YesPartlyNo::Yes,
        YesPartlyNo::Partly,
        YesPartlyNo::Yes,
    ];
    let ratings: BTreeMap<String, Rating> = s
        .items
        .iter()
        .zip(answers)
        .map(|(i, a)| (i.code.clone(), Rating::Checklist(a)))
        .collect();
    let summary = s.summarize(&ratings).expect("ratings fit");
    let counts = AnswerCounts {
        yes: 4,
        partly: 2,
        no: 1,
    };
    assert_eq!(summary.answers, counts);
    assert_eq!(summary.sections[0].answers, counts);
    assert!(summary.complete);
    assert_eq!(
        (summary.total, summary.max_total, summary.band),
        (0, 0, None)
    );
}

#[test]
fn a_summary_with_a_rating_for_an_unknown_item_is_rejected() {
    let mut ratings = BTreeMap::new();
    ratings.insert("V15".to_owned(), Rating::Anchored(3));
    assert!(matches!(
        ips25().summarize(&ratings),
        Err(RatingError::UnknownItem { item }) if item == "V15"
    ));
}

#[test]
fn ratings_cross_ipc_as_tagged_json() {
    let json = serde_json::to_string(&Rating::Checklist(YesPartlyNo::Partly)).expect("json");
    assert_eq!(json, r#"{"kind":"checklist","value":"partly"}"#);
    let back: Rating = serde_json::from_str(r#"{"kind":"days","value":12}"#).expect("parse");
    assert_eq!(back, Rating::Days(12));
    let scoring = serde_json::to_value(&ips25().item("V4").expect("V4").scoring).expect("json");
    assert_eq!(
        scoring,
        serde_json::json!({"kind": "day_bands", "cutOffs": [30, 60, 150, 270], "verified": false})
    );
}

// --- malformed files ----------------------------------------------------------------------

#[test]
fn the_mini_fixture_is_valid() {
    let s = Scale::from_toml("mini.toml", MINI).expect("fixture is valid");
    assert_eq!(s.total_range(), (2, 10));
}

#[test]
fn a_missing_swedish_item_name_names_file_item_and_field() {
    let err = broken(
        r#"name = { fi = "Kaksi", sv = "Två", en = "Two" }"#,
        r#"name = { fi = "Kaksi", en = "Two" }"#,
    );
    assert_eq!(err.file, "mini.toml");
    assert_eq!(err.item.as_deref(), Some("A2"));
    assert_eq!(err.field, "name.sv");
    assert_eq!(
        err.to_string(),
        "mini.toml: item A2: name.sv: missing Swedish (sv) text"
    );
}

#[test]
fn an_empty_english_anchor_text_is_an_error_on_that_anchor() {
    let err = broken(
        r#"{ score = 3, fi = "k", sv = "t", en = "t" }"#,
        r#"{ score = 3, fi = "k", sv = "t", en = " " }"#,
    );
    assert_eq!(err.item.as_deref(), Some("A1"));
    assert_eq!(err.field, "anchors[2].en");
}

#[test]
fn non_ascending_day_cut_offs_are_an_error_on_the_item() {
    let err = broken(
        "cut_offs = [30, 60, 150, 270]",
        "cut_offs = [30, 150, 60, 270]",
    );
    assert_eq!(
        err.to_string(),
        "mini.toml: item A2: scoring.cut_offs: day_bands must have 4 ascending cut-offs \
         (maximum days for 5, 4, 3, 2)"
    );
    let err = broken("cut_offs = [30, 60, 150, 270]", "cut_offs = [30, 60, 150]");
    assert_eq!(err.field, "scoring.cut_offs");
}

#[test]
fn non_descending_percentage_cut_offs_are_an_error() {
    let err = broken(
        r#"kind = "day_bands", cut_offs = [30, 60, 150, 270]"#,
        r#"kind = "percentage_bands", cut_offs = [60, 75, 90, 96]"#,
    );
    assert_eq!(
        (err.item.as_deref(), err.field.as_str()),
        (Some("A2"), "scoring.cut_offs")
    );
    assert!(err.message.contains("descending"));
}

#[test]
fn a_component_count_table_of_the_wrong_length_or_falling_is_an_error() {
    let components = r#"kind = "components", components = [
        { id = "a", fi = "a", sv = "a", en = "a" },
        { id = "b", fi = "b", sv = "b", en = "b" },
    ], score_for_count = SCORES"#;
    for scores in ["[1, 5]", "[1, 5, 3]", "[0, 3, 5]"] {
        let err = broken(
            r#"kind = "day_bands", cut_offs = [30, 60, 150, 270]"#,
            &components.replace("SCORES", scores),
        );
        assert_eq!(err.field, "scoring.score_for_count", "{scores}");
    }
    let ok = MINI.replacen(
        r#"kind = "day_bands", cut_offs = [30, 60, 150, 270]"#,
        &components.replace("SCORES", "[1, 3, 5]"),
        1,
    );
    Scale::from_toml("mini.toml", &ok).expect("valid components item");
}

#[test]
fn a_duplicate_item_code_is_an_error() {
    let err = broken(r#"code = "A2""#, r#"code = "A1""#);
    assert_eq!(
        err.to_string(),
        "mini.toml: item A1: code: item code A1 is used twice"
    );
}

#[test]
fn a_duplicate_or_missing_global_index_is_an_error() {
    let err = broken("index = 2", "index = 1");
    assert_eq!(
        (err.item.as_deref(), err.field.as_str()),
        (Some("A2"), "index")
    );
    let err = broken("index = 2", "index = 3");
    assert_eq!(err.field, "index");
    assert!(err.message.contains("without gaps"), "{err}");
}

#[test]
fn an_anchored_item_without_all_five_anchors_is_an_error() {
    let err = broken(r#"  { score = 1, fi = "y", sv = "e", en = "o" },"#, "");
    assert_eq!(
        (err.item.as_deref(), err.field.as_str()),
        (Some("A1"), "anchors")
    );
    let err = broken(r#"{ score = 1, fi = "y""#, r#"{ score = 5, fi = "y""#);
    assert_eq!(err.field, "anchors[4].score");
    assert!(err.message.contains("twice"));
}

#[test]
fn bands_with_a_gap_or_overlap_or_short_of_the_top_are_an_error() {
    let err = broken("min = 6", "min = 7");
    assert_eq!(err.item, None);
    assert_eq!(err.field, "bands.high.min");
    assert!(err.message.contains("a gap"), "{err}");
    let err = broken("min = 6", "min = 5");
    assert!(err.message.contains("an overlap"), "{err}");
    let err = broken("max = 10", "max = 9");
    assert_eq!(err.field, "bands.high.max");
    let err = broken("min = 2", "min = 1");
    assert_eq!(err.field, "bands.low.min");
}

#[test]
fn an_item_in_an_undeclared_section_is_an_error() {
    let err = broken(
        r#"section = "A"
name = { fi = "Kaksi""#,
        r#"section = "B"
name = { fi = "Kaksi""#,
    );
    assert_eq!(
        (err.item.as_deref(), err.field.as_str()),
        (Some("A2"), "section")
    );
}

#[test]
fn a_misspelt_key_in_an_item_is_reported_against_that_item() {
    let err = broken(r#"index = 2"#, "index = 2\nverifed = false");
    assert_eq!(err.item.as_deref(), Some("A2"));
    assert!(err.message.contains("verifed"), "{err}");
}

#[test]
fn a_wrong_type_names_the_field_path() {
    let err = broken("index = 2", r#"index = "two""#);
    assert_eq!(
        (err.item.as_deref(), err.field.as_str()),
        (Some("A2"), "index")
    );
    let err = broken("max = 5", "max = -5");
    assert_eq!(err.item, None);
    assert_eq!(err.field, "bands[0].max");
}

#[test]
fn a_toml_syntax_error_names_the_line() {
    let err = broken("index = 2", "index = = 2");
    assert_eq!(err.item, None);
    assert!(err.field.starts_with("line "), "{err}");
    let line = MINI.lines().position(|l| l == "index = 2").expect("line") + 1;
    assert_eq!(err.field, format!("line {line}"));
}

#[test]
fn a_points_item_in_a_checklist_and_bands_on_a_checklist_are_errors() {
    let err = Scale::from_toml(
        "laatukriteerit.toml",
        &LAATUKRITEERIT.replacen(r#"kind = "yes_partly_no""#, r#"kind = "anchored""#, 1),
    )
    .expect_err("anchored item in a checklist");
    assert_eq!(
        (err.item.as_deref(), err.field.as_str()),
        (Some("K1"), "scoring.kind")
    );

    let err = broken(r#"kind = "points""#, r#"kind = "checklist""#);
    assert_eq!(err.field, "scoring.kind");

    let with_bands = format!(
        "{LAATUKRITEERIT}\n[[bands]]\ncode = \"all\"\nmin = 0\nmax = 7\n\
         name = {{ fi = \"a\", sv = \"a\", en = \"a\" }}\n"
    );
    let err = Scale::from_toml("laatukriteerit.toml", &with_bands).expect_err("bands");
    assert_eq!((err.item, err.field.as_str()), (None, "bands"));
}

#[test]
fn an_unsupported_format_version_is_an_error() {
    let err = broken("format = 1", "format = 2");
    assert_eq!((err.item, err.field.as_str()), (None, "format"));
}

#[test]
fn a_broken_file_is_reported_while_the_other_scales_still_load() {
    let no_swedish = IPS_25.replacen(
        r#"name = { fi = "Nopea työnhaku", sv = "Snabb arbetssökning", en"#,
        r#"name = { fi = "Nopea työnhaku", en"#,
        1,
    );
    assert_ne!(no_swedish, IPS_25, "the fixture edit applies");
    let (scales, errors) = load_all(&[
        ("ips-25.toml", &no_swedish),
        ("laatukriteerit.toml", LAATUKRITEERIT),
        ("mini.toml", MINI),
    ]);
    let ids: Vec<&str> = scales.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["laatukriteerit", "mini"]);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        "ips-25.toml: item V4: name.sv: missing Swedish (sv) text"
    );
}

#[test]
fn a_second_file_with_the_same_scale_id_and_version_is_reported_and_the_first_kept() {
    let (scales, errors) = load_all(&[("ips-25.toml", IPS_25), ("ips-25-copy.toml", IPS_25)]);
    assert_eq!(scales.len(), 1);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, "ips-25-copy.toml");
    assert_eq!(errors[0].field, "id");
}

#[test]
fn a_regional_variant_is_just_another_file_with_its_own_id() {
    let variant = IPS_25
        .replacen(r#"id = "ips-25""#, r#"id = "ips-25-tyokykyohjelma""#, 1)
        .replacen(
            r#"fi = "Asiakasmäärä""#,
            r#"fi = "Asiakasmäärä (osatyökykyiset)""#,
            1,
        );
    let (scales, errors) = load_all(&[("ips-25.toml", IPS_25), ("variant.toml", &variant)]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(scales[1].id, "ips-25-tyokykyohjelma");
    assert_eq!(
        scales[1].item("S1").expect("S1").name.fi,
        "Asiakasmäärä (osatyökykyiset)"
    );
}
