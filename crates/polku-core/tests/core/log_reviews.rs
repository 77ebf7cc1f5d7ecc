//! A supervisor reads a coach's week of employer contacts and marks it reviewed (IPS-25 V6);
//! the review reaches the coach's Today, and V6 counts the weeks a supervisor reviewed with
//! the reviewer named — not the dates coaches once stamped on contacts themselves.

use super::whose::{supervise, team, Team};
use super::*;
use polku_domain::protocol::Entity;
use polku_domain::{LogReviewInput, UserId, ValidationCode, Whose};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn review(coach: UserId, week: &str, comment: &str) -> LogReviewInput {
    LogReviewInput {
        coach_id: coach,
        week: day(week),
        comment: comment.into(),
    }
}

fn count(f: &Fixture, sql: &str) -> i64 {
    f.polku
        .store()
        .read()
        .query_row(sql, [], |r| r.get(0))
        .expect("count")
}

/// What a refused review must leave alone: the reviews and the outbox.
fn stored(f: &Fixture) -> (i64, i64) {
    (
        count(f, "SELECT count(*) FROM log_reviews"),
        count(f, "SELECT count(*) FROM outbox"),
    )
}

#[test]
fn a_supervisor_reads_a_coachs_week_and_marks_it_reviewed_once_however_often_it_is_saved() {
    let t = team();
    supervise(&t);
    let week =
        t.f.polku
            .coach_week(t.sari, day("2026-11-19"))
            .expect("week");
    assert_eq!(week.week, day("2026-11-16"), "any day names its week");
    assert_eq!(week.coach_name, "Sari Coach");
    let clients: Vec<_> = week
        .contacts
        .iter()
        .map(|c| c.client_names.clone())
        .collect();
    assert_eq!(
        clients,
        [["Eetu"], ["Helmi"]],
        "Sari's, not my Aino's or Timo's"
    );
    assert_eq!(
        (week.face_to_face, week.target),
        (2, 3.0),
        "Sari works half time"
    );
    assert!(week.reviews.is_empty() && week.mine.is_none());
    assert_eq!(
        (week.previous_week, week.next_week),
        (day("2026-11-09"), None),
        "next week has not begun"
    );

    let first =
        t.f.polku
            .log_review_save(review(t.sari, "2026-11-16", "  Hyvä viikko "))
            .expect("reviewed");
    assert_eq!(
        (
            first.reviewer_name.as_str(),
            first.reviewed_on,
            first.comment.as_str()
        ),
        ("Pirjo Supervisor", now().date(), "Hyvä viikko")
    );
    assert_eq!(first.reviewer_id, t.f.user());
    let again =
        t.f.polku
            .log_review_save(review(t.sari, "2026-11-16", "Hyvä viikko, kiitos"))
            .expect("reviewed again");
    assert_eq!(again.id, first.id, "the same review, its comment changed");
    let week =
        t.f.polku
            .coach_week(t.sari, day("2026-11-16"))
            .expect("week");
    assert_eq!(week.reviews.len(), 1);
    assert_eq!(week.reviews[0].comment, "Hyvä viikko, kiitos");
    assert_eq!(week.mine.as_ref(), Some(&week.reviews[0]));
    assert_eq!(
        t.f.polku
            .sync()
            .owner_of(
                polku_domain::protocol::Entity::LogReview,
                &polku_domain::protocol::RecordId::of(first.id)
            )
            .expect("owner"),
        Some(t.sari),
        "kept among Sari's records, as the server keeps it"
    );
    assert_eq!(
        count(
            &t.f,
            "SELECT count(*) FROM outbox WHERE entity = 'log_review'"
        ),
        2,
        "the review and its changed comment are on their way to Sari"
    );
}

#[test]
fn a_week_without_contacts_can_be_read_and_reviewed() {
    let t = team();
    supervise(&t);
    let week =
        t.f.polku
            .coach_week(t.sari, day("2026-11-09"))
            .expect("week");
    assert!(week.contacts.is_empty());
    assert_eq!(week.face_to_face, 0);
    assert_eq!(week.next_week, Some(day("2026-11-16")));
    t.f.polku
        .log_review_save(review(t.sari, "2026-11-09", "Ei käyntejä: sairausloma"))
        .expect("reviewed");
    let week =
        t.f.polku
            .coach_week(t.sari, day("2026-11-09"))
            .expect("week");
    assert_eq!(week.reviews.len(), 1);
}

#[test]
fn only_a_supervisor_of_the_coachs_team_reviews_their_log_and_a_refusal_stores_nothing() {
    let t = team();
    let before = stored(&t.f);
    let refused = |input: LogReviewInput| t.f.polku.log_review_save(input).expect_err("refused");
    assert!(
        matches!(
            refused(review(t.sari, "2026-11-16", "")),
            polku_core::CoreError::NotSupervisor { .. }
        ),
        "a device not enrolled as a supervisor"
    );
    assert!(matches!(
        t.f.polku.coach_week(t.sari, day("2026-11-16")),
        Err(polku_core::CoreError::NotSupervisor { .. })
    ));
    supervise(&t);
    let before_enrolled = stored(&t.f);
    assert_eq!(before_enrolled.0, before.0);
    for coach in [UserId::new(), t.f.user()] {
        assert!(
            matches!(
                refused(review(coach, "2026-11-16", "")),
                polku_core::CoreError::NotSupervisor { .. }
            ),
            "not a coach of the team: {coach}"
        );
    }
    let field = |e: polku_core::CoreError| -> Vec<(String, ValidationCode)> {
        match e {
            polku_core::CoreError::Validation(v) => {
                v.0.into_iter().map(|f| (f.field, f.code)).collect()
            }
            other => panic!("not a validation error: {other}"),
        }
    };
    assert_eq!(
        field(refused(review(t.sari, "2026-11-17", ""))),
        [("week".to_owned(), ValidationCode::Invalid)],
        "a week is named by its Monday"
    );
    assert_eq!(
        field(refused(review(t.sari, "2026-11-23", ""))),
        [("week".to_owned(), ValidationCode::TooFarInFuture)]
    );
    assert_eq!(
        field(refused(review(t.sari, "2026-11-16", &"x".repeat(10_001)))),
        [("comment".to_owned(), ValidationCode::TooLong)]
    );
    assert_eq!(
        stored(&t.f),
        before_enrolled,
        "nothing stored, nothing queued"
    );
}

#[test]
fn v6_counts_the_weeks_a_supervisor_reviewed_each_coach_and_names_the_reviewer() {
    let t = team();
    supervise(&t);
    // Sari once stamped her own contacts "reviewed": readable still, but not a review.
    t.f.polku
        .store()
        .write(|tx| {
            tx.execute(
                "UPDATE employer_contacts SET reviewed_at = '2026-11-20' WHERE owner_id = ?1",
                [t.sari.to_string()],
            )?;
            Ok(())
        })
        .expect("stamp");
    let (from, to) = (day("2026-11-02"), day("2026-11-22"));
    let v6 = |whose: Whose| {
        let ev =
            t.f.polku
                .fidelity_evidence(from, to, &whose)
                .expect("evidence");
        (
            ev.employer_contact.weeks_reviewed,
            ev.employer_contact.reviewers,
        )
    };
    assert_eq!(v6(Whose::Coach { id: t.sari }), (0, vec![]));
    for week in ["2026-11-09", "2026-11-16"] {
        t.f.polku
            .log_review_save(review(t.sari, week, ""))
            .expect("reviewed");
    }
    let pirjo = vec!["Pirjo Supervisor".to_owned()];
    assert_eq!(v6(Whose::Coach { id: t.sari }), (2, pirjo.clone()));
    assert_eq!(v6(Whose::Coach { id: t.timo }), (0, vec![]));
    assert_eq!(
        v6(Whose::Team).0,
        1,
        "a team's weeks are its coaches' on average: Sari 2, Timo 0"
    );
    // Timo has left the team (his records stay, he is on no roster): the server would refuse
    // a review of his log and hold up everything queued after it, so it is refused here.
    let queued = t.f.polku.sync().unsent_count().expect("queued");
    let refused = t.f.polku.log_review_save(review(t.timo, "2026-11-16", ""));
    assert!(
        matches!(refused, Err(polku_core::CoreError::NotSupervisor { .. })),
        "{refused:?}"
    );
    assert_eq!(t.f.polku.sync().unsent_count().expect("queued"), queued);
    assert_eq!(v6(Whose::Team), (1, pirjo));
    assert_eq!(
        v6(Whose::Mine).0,
        0,
        "no one reviewed the supervisor's own log"
    );
}

#[test]
fn a_review_pulled_to_the_coachs_device_shows_on_their_today() {
    let t = team();
    supervise(&t);
    t.f.polku
        .log_review_save(review(t.sari, "2026-11-16", "Hyvä viikko"))
        .expect("reviewed");
    let changes = super::sync::passed_on(&t.f, Entity::LogReview, t.sari);

    let sari = Fixture::open();
    super::sync::enrol_as(&sari, t.sari);
    assert!(sari
        .polku
        .today_view()
        .expect("today")
        .log_reviews
        .is_empty());
    sari.polku
        .sync()
        .apply(&super::sync::page(changes))
        .expect("pulled");
    let today = sari.polku.today_view().expect("today");
    assert_eq!(today.log_reviews.len(), 1);
    let r = &today.log_reviews[0];
    assert_eq!(
        (r.week, r.reviewer_name.as_str(), r.comment.as_str()),
        (day("2026-11-16"), "Pirjo Supervisor", "Hyvä viikko")
    );
    let ev = sari
        .polku
        .fidelity_evidence(day("2026-11-16"), day("2026-11-22"), &Whose::Mine)
        .expect("evidence");
    assert_eq!(ev.employer_contact.weeks_reviewed, 1);
    assert_eq!(ev.employer_contact.reviewers, ["Pirjo Supervisor"]);
    assert!(
        matches!(
            sari.polku
                .log_review_save(review(t.sari, "2026-11-16", "Kehun itseäni")),
            Err(polku_core::CoreError::NotSupervisor { .. })
        ),
        "a coach does not review their own log"
    );
}

#[test]
fn a_supervisors_reviews_of_coaches_are_never_their_own_even_before_any_team_record_arrives() {
    // A new team: the roster came, none of the coaches' clients or contacts yet.
    let t = Team {
        f: Fixture::open(),
        sari: UserId::new(),
        timo: UserId::new(),
    };
    supervise(&t);
    t.f.polku
        .log_review_save(review(t.sari, "2026-11-16", "Ei käyntejä"))
        .expect("a week without contacts is reviewed too");
    assert!(
        t.f.polku
            .today_view()
            .expect("today")
            .log_reviews
            .is_empty(),
        "the supervisor's own log was not reviewed"
    );
    let week = day("2026-11-16");
    let mine =
        t.f.polku
            .fidelity_evidence(week, week + chrono::Duration::days(6), &Whose::Mine)
            .expect("evidence");
    assert_eq!(mine.employer_contact.weeks_reviewed, 0);
    let sari =
        t.f.polku
            .fidelity_evidence(
                week,
                week + chrono::Duration::days(6),
                &Whose::Coach { id: t.sari },
            )
            .expect("evidence");
    assert_eq!(sari.employer_contact.weeks_reviewed, 1);
}
