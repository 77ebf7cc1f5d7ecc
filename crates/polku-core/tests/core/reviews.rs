//! Fidelity reviews stored in the real database.

use super::*;
use polku_domain::fidelity::{ActionInput, ItemScore, NoteInput, RateInput, Rating, ReviewInput};
use polku_domain::{ReviewKind, ReviewSubject};

/// Rates one item, expecting the rating to be accepted.
fn rate(
    f: &Fixture,
    id: polku_domain::ReviewId,
    item: &str,
    rating: Rating,
    suggested: Option<Rating>,
) {
    f.polku
        .review_rate(
            id,
            RateInput {
                item: item.into(),
                rating: Some(rating),
                suggested,
            },
        )
        .expect("rate");
}

pub fn start(f: &Fixture) -> polku_domain::fidelity::Review {
    f.polku
        .review_start(ReviewInput {
            scale_id: "ips-25".into(),
            kind: ReviewKind::SelfReview,
            subject: ReviewSubject::Own,
            period_from: NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"),
            period_to: NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
            raters: "Laura Laine".into(),
        })
        .expect("start")
}

#[test]
fn a_new_review_lists_every_item_of_the_scale_unrated() {
    let f = Fixture::open();
    let r = start(&f);
    assert_eq!(r.items.len(), 25);
    assert_eq!(r.summary.rated, 0);
    assert_eq!(r.summary.band, None, "no band until every item is rated");
}

#[test]
fn a_review_in_progress_survives_a_restart_with_its_ratings_notes_and_suggestion() {
    let f = Fixture::open();
    let r = start(&f);
    rate(
        &f,
        r.id,
        "S1",
        Rating::Count(22.0),
        Some(Rating::Count(14.0)),
    );
    f.polku
        .review_note(
            r.id,
            NoteInput {
                item: "V6".into(),
                notes: "Lokikirja tarkistettu viikoittain".into(),
                evidence_missing: true,
            },
        )
        .expect("note");
    let f = f.reopen();
    let again = f.polku.review_get(r.id).expect("get");
    let s1 = again.items.iter().find(|i| i.item == "S1").expect("S1");
    assert_eq!(
        s1.rating,
        Some(Rating::Count(22.0)),
        "the rater's override is kept"
    );
    assert_eq!(
        s1.suggested,
        Some(Rating::Count(14.0)),
        "beside the suggestion"
    );
    assert_eq!(again.summary.scores.get("S1"), Some(&ItemScore::Points(4)));
    let v6 = again.items.iter().find(|i| i.item == "V6").expect("V6");
    assert!(v6.evidence_missing);
    assert_eq!(again.summary.total, 4);
}

#[test]
fn a_rating_that_does_not_fit_the_item_is_rejected_and_nothing_changes() {
    let f = Fixture::open();
    let r = start(&f);
    let before = f.polku.sync().unsent_count().expect("outbox");
    let err = f
        .polku
        .review_rate(
            r.id,
            RateInput {
                item: "S1".into(),
                rating: Some(Rating::Anchored(9)),
                suggested: None,
            },
        )
        .expect_err("wrong kind");
    assert!(matches!(err, polku_core::CoreError::Validation(_)), "{err}");
    assert_eq!(f.polku.sync().unsent_count().expect("outbox"), before);
    assert_eq!(f.polku.review_get(r.id).expect("get").summary.rated, 0);
}

#[test]
fn actions_appear_in_today_until_done() {
    let f = Fixture::open();
    let r = start(&f);
    let r = f
        .polku
        .review_action_add(
            r.id,
            ActionInput {
                item: "V6".into(),
                what: "Sovi viikoittainen lokikatselmointi esihenkilön kanssa".into(),
                who: "Laura".into(),
                due: Some(now().date() + chrono::Duration::days(3)),
            },
        )
        .expect("action");
    let today = f.polku.today_view().expect("today");
    assert_eq!(today.actions.len(), 1);
    f.polku.review_action_done(r.actions[0].id).expect("done");
    assert!(f.polku.today_view().expect("today").actions.is_empty());
}

#[test]
fn the_history_lists_reviews_with_their_running_totals() {
    let f = Fixture::open();
    let r = start(&f);
    rate(&f, r.id, "S3", Rating::Anchored(5), None);
    let list = f.polku.reviews_list().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].total, list[0].rated, list[0].items), (5, 1, 25));
}

pub(super) fn pdftotext(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) is installed by cargo xtask test");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_exported_review_pdf_reads_back_in_the_chosen_language_with_scores_and_actions() {
    let f = Fixture::open();
    f.polku
        .settings_update(polku_domain::Settings {
            language: polku_domain::Language::Sv,
            ..Default::default()
        })
        .expect("swedish");
    let r = start(&f);
    rate(
        &f,
        r.id,
        "S1",
        Rating::Count(14.0),
        Some(Rating::Count(14.0)),
    );
    f.polku
        .review_action_add(
            r.id,
            ActionInput {
                item: "V6".into(),
                what: "Veckovis granskning av kontaktloggen".into(),
                who: "Laura".into(),
                due: None,
            },
        )
        .expect("action");
    let pdf = f
        .polku
        .review_export(r.id, polku_domain::fidelity::ExportFormat::Pdf)
        .expect("pdf");
    assert!(pdf.starts_with(f.dir.path().join("exports")));
    let text = pdftotext(&pdf);
    assert!(text.contains("Kvalitetsbedömning"), "{text}");
    assert!(text.contains("Veckovis granskning av kontaktloggen"));
    assert!(text.contains("Klientantal"), "Swedish item name of S1");
    let csv = f
        .polku
        .review_export(r.id, polku_domain::fidelity::ExportFormat::Csv)
        .expect("csv");
    let csv = std::fs::read_to_string(csv).expect("read");
    assert!(csv.starts_with('\u{feff}'), "a BOM for spreadsheets");
    assert_eq!(csv.lines().filter(|l| l.starts_with("S1;")).count(), 1);
}

#[test]
fn two_reviews_of_one_scale_and_period_export_to_files_of_their_own() {
    let f = Fixture::open();
    let (a, b) = (start(&f), start(&f));
    let csv = polku_domain::fidelity::ExportFormat::Csv;
    let first = f.polku.review_export(a.id, csv).expect("first");
    let second = f.polku.review_export(b.id, csv).expect("second");
    assert_ne!(
        first, second,
        "the second export must not overwrite the first"
    );
    assert!(first.exists() && second.exists());
}

#[test]
fn a_quarterly_outcome_report_exports_as_pdf_with_the_benchmarks() {
    let f = Fixture::open();
    f.polku.demo_load().expect("demo");
    let q = polku_domain::Quarter {
        year: 2026,
        quarter: 3,
    };
    let pdf = f
        .polku
        .outcomes_export(q, polku_domain::fidelity::ExportFormat::Pdf)
        .expect("pdf");
    let text = pdftotext(&pdf);
    assert!(text.contains("Työllistymisaste"), "{text}");
    assert!(text.contains("31 / 41 / 50 %"));
}

#[test]
fn a_checklist_review_exports_its_answers_in_the_chosen_language() {
    let f = Fixture::open();
    let r = f
        .polku
        .review_start(ReviewInput {
            scale_id: "laatukriteerit".into(),
            kind: ReviewKind::Peer,
            subject: ReviewSubject::Own,
            period_from: NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"),
            period_to: NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
            raters: String::new(),
        })
        .expect("start");
    let first = r.items[0].item.clone();
    f.polku
        .review_rate(
            r.id,
            RateInput {
                item: first.clone(),
                rating: Some(Rating::Checklist(
                    polku_domain::fidelity::YesPartlyNo::Partly,
                )),
                suggested: None,
            },
        )
        .expect("answer");
    let csv = f
        .polku
        .review_export(r.id, polku_domain::fidelity::ExportFormat::Csv)
        .expect("csv");
    let csv = std::fs::read_to_string(csv).expect("read");
    let row = csv
        .lines()
        .find(|l| l.starts_with(&format!("{first};")))
        .expect("the answered item's row");
    assert!(row.contains(";Osittain;"), "{row}");
}
