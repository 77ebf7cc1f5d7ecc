//! A supervisor's fidelity review of the team: suggestions and evidence from the whole
//! imported team, each coach's beside every suggestion, the team's row on the overview, the
//! subject in exports and in sync; and a coach's device that cannot start one.

use super::whose::{supervise, team, Team};
use super::*;
use polku_domain::fidelity::{Basis, ExportFormat, Review, ReviewInput, Suggestion};
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::{ReviewKind, ReviewSubject, UserId};

fn start(f: &Fixture, subject: ReviewSubject) -> polku_core::Result<Review> {
    f.polku.review_start(ReviewInput {
        scale_id: "ips-25".into(),
        kind: ReviewKind::SelfReview,
        subject,
        period_from: NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"),
        period_to: NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
        raters: "Laura Laine, Pekka Virtanen".into(),
    })
}

/// A supervisor's review of the team, and one of their own work started after it over the
/// same period (newer, yet not the team's).
fn both_reviews() -> (Team, Review, Review) {
    let t = team();
    supervise(&t);
    let team_review = start(&t.f, ReviewSubject::Team).expect("team review");
    let own = start(&t.f, ReviewSubject::Own).expect("own review");
    (t, team_review, own)
}

fn item<'a>(suggestions: &'a [Suggestion], code: &str) -> &'a Suggestion {
    suggestions
        .iter()
        .find(|s| s.item == code)
        .unwrap_or_else(|| panic!("{code} is suggested: {suggestions:?}"))
}

/// A coach beside S1: who, by what name, and their active clients and FTE if suggested.
type CoachCaseload<'a> = (UserId, &'a str, Option<(u32, f64)>);

/// Active clients and FTE of a caseload suggestion (S1).
fn caseload(basis: &Basis) -> (u32, f64) {
    match basis {
        Basis::Caseload {
            active_clients,
            fte,
            ..
        } => (*active_clients, *fte),
        other => panic!("S1 rests on the caseload: {other:?}"),
    }
}

#[test]
fn a_team_review_suggests_from_the_whole_teams_records_with_each_coach_beside_every_item() {
    let t = team();
    supervise(&t);
    let review = start(&t.f, ReviewSubject::Team).expect("a supervisor reviews the team");
    assert_eq!(review.input.subject, ReviewSubject::Team);

    let suggestions =
        t.f.polku
            .review_suggestions(review.id)
            .expect("suggestions");
    let s1 = item(&suggestions, "S1");
    assert_eq!(
        caseload(&s1.suggested.basis),
        (3, 1.5),
        "Sari's two and Timo's one on their 0.5 + 1.0 FTE; the supervisor's own Aino is not the team's"
    );
    let coaches: Vec<CoachCaseload<'_>> = s1
        .by_coach
        .iter()
        .map(|c| {
            (
                c.coach,
                c.name.as_str(),
                c.suggested.as_ref().map(|s| caseload(&s.basis)),
            )
        })
        .collect();
    assert_eq!(
        coaches,
        [
            (t.sari, "Sari Coach", Some((2, 0.5))),
            (t.timo, "", Some((1, 1.0)))
        ],
        "each coach's caseload on their own FTE, by name, the unnamed last"
    );
    // Only Sari's Helmi holds a job: Timo's records give nothing to suggest V10 from.
    let v10 = item(&suggestions, "V10");
    let jobs = |basis: &Basis| match basis {
        Basis::JobShare { jobs, counted, .. } => (*jobs, *counted),
        other => panic!("V10 rests on the jobs held: {other:?}"),
    };
    assert_eq!(
        jobs(&v10.suggested.basis),
        (1, 1),
        "the team's one competitive job"
    );
    let sari = v10.by_coach[0].suggested.as_ref().expect("Sari's V10");
    assert_eq!(jobs(&sari.basis), (1, 1), "Helmi's job is Sari's");
    assert_eq!(v10.by_coach[1].suggested, None);
    assert!(suggestions.len() >= 5, "S1, V4, V8-V10 at least");
    for s in &suggestions {
        assert_eq!(s.by_coach.len(), 2, "{} has both coaches beside it", s.item);
    }

    let evidence = t.f.polku.review_evidence(review.id).expect("evidence");
    assert_eq!(
        (evidence.caseload.active_clients, evidence.fte),
        (3, 1.5),
        "the figures shown beside the items are the team's too"
    );
}

#[test]
fn a_supervisors_review_of_their_own_work_stays_their_own_and_the_overview_shows_the_teams() {
    let (t, team_review, own) = both_reviews();
    let suggestions = t.f.polku.review_suggestions(own.id).expect("suggestions");
    let s1 = item(&suggestions, "S1");
    assert_eq!(
        caseload(&s1.suggested.basis),
        (1, 1.0),
        "Aino on the supervisor's FTE"
    );
    assert!(s1.by_coach.is_empty());

    let mut subjects: Vec<_> =
        t.f.polku
            .reviews_list()
            .expect("list")
            .into_iter()
            .map(|r| (r.id, r.subject))
            .collect();
    subjects.sort_by_key(|(id, _)| *id);
    assert_eq!(
        subjects,
        [
            (team_review.id, ReviewSubject::Team),
            (own.id, ReviewSubject::Own)
        ]
    );
    let overview = t.f.polku.team_overview().expect("overview");
    assert_eq!(
        overview.team.latest_review.map(|r| r.id),
        Some(team_review.id),
        "the team's row shows the review of the team"
    );
    assert!(overview
        .coaches
        .iter()
        .all(|c| c.figures.latest_review.is_none()));
}

#[test]
fn a_coachs_device_cannot_start_a_team_review_and_the_refusal_stores_nothing() {
    let local = Fixture::open();
    let enrolled = Fixture::open();
    super::sync::enrol_as(&enrolled, UserId::new());
    for f in [&local, &enrolled] {
        let queued = f.polku.sync().unsent_count().expect("queued");
        let refused = start(f, ReviewSubject::Team);
        assert!(
            matches!(refused, Err(polku_core::CoreError::NotTeamLead)),
            "{refused:?}"
        );
        assert_eq!(f.polku.sync().unsent_count().expect("queued"), queued);
        assert!(f.polku.reviews_list().expect("list").is_empty());
        start(f, ReviewSubject::Own).expect("a review of one's own work starts");
    }
}

#[test]
fn the_subject_syncs_to_the_users_other_device_and_a_review_synced_without_one_is_their_own() {
    let t = team();
    supervise(&t);
    let review = start(&t.f, ReviewSubject::Team).expect("team review");
    let me = t.f.user();
    let mut changes = super::sync::passed_on(&t.f, Entity::FidelityReview, me);
    assert_eq!(changes.len(), 1, "the review is queued");
    assert_eq!(changes[0].fields["subject"], "team");
    // The same review as a build before subjects pushed it, under another id.
    let mut old = changes[0].clone();
    old.fields.remove("subject");
    let old_id = polku_domain::ReviewId::from(uuid::Uuid::now_v7());
    old.record_id = RecordId::of(old_id);
    old.cursor = 2;
    changes.push(old);

    let other = Fixture::open();
    super::sync::enrol_as(&other, me);
    other
        .polku
        .sync()
        .apply(&super::sync::page(changes))
        .expect("pulled");
    let subject = |id| other.polku.review_get(id).expect("review").input.subject;
    assert_eq!(subject(review.id), ReviewSubject::Team);
    assert_eq!(
        subject(old_id),
        ReviewSubject::Own,
        "a review from before subjects scored its rater's own work"
    );
}

#[test]
fn an_exported_team_review_says_it_is_the_teams_and_an_own_one_names_the_user() {
    let (t, team_review, own) = both_reviews();
    let text = |id| {
        let pdf = t.f.polku.review_export(id, ExportFormat::Pdf).expect("pdf");
        let name = pdf
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let text = super::reviews::pdftotext(&pdf)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (name, text)
    };
    let (name, pdf) = text(team_review.id);
    assert!(name.starts_with("ips-25-team-"), "{name}");
    assert!(pdf.contains("Arvioitava: Tiimi IPS Tampere"), "{pdf}");
    let (name, pdf) = text(own.id);
    assert!(!name.contains("team"), "{name}");
    assert!(
        pdf.contains("Arvioitava: Pirjo Supervisor"),
        "the name the server knows the user by: {pdf}"
    );
    let csv =
        t.f.polku
            .review_export(team_review.id, ExportFormat::Csv)
            .expect("csv");
    assert!(csv
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("ips-25-team-") && n.ends_with(".csv")));
}
