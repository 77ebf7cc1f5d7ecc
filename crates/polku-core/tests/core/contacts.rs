use super::*;
use chrono::Duration;
use polku_core::CoreError;
use polku_domain::{ContactId, ValidationCode};

#[test]
fn a_contact_with_a_new_employer_creates_both_in_one_save() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let view = f
        .polku
        .contact_create(ContactInput {
            employer_id: None,
            new_employer: Some(employer("Kesko Oy", "Tampere")),
            client_ids: vec![c.id],
            client_present: true,
            ..contact(polku_domain::EmployerId::new(), now())
        })
        .expect("save");
    assert_eq!(view.employer_name, "Kesko Oy");
    assert_eq!(view.visit_number, 1);
    assert_eq!(view.client_names, vec!["Aino K."]);
    assert_eq!(f.polku.employers_list("").expect("directory").len(), 1);
}

#[test]
fn a_rejected_contact_leaves_no_orphan_employer() {
    let f = Fixture::open();
    let err = f
        .polku
        .contact_create(ContactInput {
            employer_id: None,
            new_employer: Some(employer("Kesko Oy", "Tampere")),
            client_ids: vec![polku_domain::ClientId::new()],
            ..contact(polku_domain::EmployerId::new(), now())
        })
        .expect_err("unknown client");
    let CoreError::Validation(v) = err else {
        panic!("{err}")
    };
    assert!(v.has("clientIds", ValidationCode::UnknownClient));
    assert!(
        f.polku.employers_list("").expect("list").is_empty(),
        "rolled back"
    );
    assert_eq!(f.polku.sync().unsent_count().expect("outbox"), 0);
}

#[test]
fn visit_numbers_count_earlier_contacts_with_the_same_employer_even_when_back_dated() {
    let f = Fixture::open();
    let e = f.employer("Kesko Oy", "Tampere");
    let other = f.employer("Lidl", "Nokia");
    let second = f.polku.contact_create(contact(e.id, now())).expect("c");
    f.polku.contact_create(contact(other.id, now())).expect("c");
    let first = f
        .polku
        .contact_create(contact(e.id, now() - Duration::days(7)))
        .expect("back-dated");
    assert_eq!(first.visit_number, 1);
    assert_eq!(
        f.polku.contact_view(second.id).expect("view").visit_number,
        2
    );
    assert_eq!(f.polku.next_visit_number(e.id).expect("next"), 3);
}

#[test]
fn the_week_count_includes_only_this_weeks_face_to_face_contacts() {
    let f = Fixture::open();
    let e = f.employer("Kesko Oy", "Tampere");
    // now() is Sunday 22.11.2026: the week began Monday 16.11.
    let monday = now() - Duration::days(6);
    f.polku
        .contact_create(contact(e.id, monday))
        .expect("monday");
    f.polku
        .contact_create(contact(e.id, now()))
        .expect("sunday");
    f.polku
        .contact_create(contact(
            e.id,
            monday.date().and_hms_opt(0, 0, 0).expect("midnight") - Duration::minutes(1),
        ))
        .expect("last week");
    f.polku
        .contact_create(ContactInput {
            mode: polku_domain::ContactMode::Phone,
            ..contact(e.id, now())
        })
        .expect("phone");
    let today = f.polku.today_view().expect("today");
    assert_eq!(today.week_face_to_face, 2);
    assert_eq!(today.week_target, 6.0);
    assert_eq!(today.week_start.to_string(), "2026-11-16");
}

#[test]
fn follow_ups_are_split_into_due_today_and_overdue_and_leave_when_done() {
    let f = Fixture::open();
    let e = f.employer("Kesko Oy", "Tampere");
    let with_due = |days_ago: i64| ContactInput {
        next_step: "Soita".into(),
        next_step_due: Some(now().date() - Duration::days(days_ago)),
        ..contact(e.id, now() - Duration::days(10))
    };
    let overdue = f.polku.contact_create(with_due(3)).expect("overdue");
    f.polku.contact_create(with_due(0)).expect("today");
    f.polku.contact_create(with_due(-2)).expect("future");
    let t = f.polku.today_view().expect("today");
    assert_eq!((t.overdue.len(), t.due_today.len()), (1, 1));
    assert_eq!(t.overdue[0].contact_id, overdue.id);
    f.polku.contact_follow_up_done(overdue.id).expect("done");
    assert!(f.polku.today_view().expect("today").overdue.is_empty());
}

#[test]
fn a_duplicate_employer_is_found_whatever_its_case_and_company_form() {
    let f = Fixture::open();
    let e = f.employer("Kesko Oy", "Tampere");
    f.employer("Lidl", "Tampere");
    let similar = f
        .polku
        .employers_similar("KESKO", "tampere")
        .expect("similar");
    assert_eq!(similar.iter().map(|s| s.id).collect::<Vec<_>>(), vec![e.id]);
    assert!(f
        .polku
        .employers_similar("Fazer", "")
        .expect("none")
        .is_empty());
}

#[test]
fn editing_a_contact_keeps_its_review_mark_and_reopens_a_changed_follow_up() {
    let f = Fixture::open();
    let e = f.employer("Kesko Oy", "Tampere");
    let input = ContactInput {
        next_step: "Soita".into(),
        next_step_due: Some(now().date()),
        ..contact(e.id, now())
    };
    let c = f.polku.contact_create(input.clone()).expect("c");
    f.polku.contact_follow_up_done(c.id).expect("done");
    let same_step = f
        .polku
        .contact_update(
            c.id,
            ContactInput {
                notes: "lisätieto".into(),
                ..input.clone()
            },
        )
        .expect("edit notes");
    assert!(
        same_step.next_step_done,
        "unrelated edits keep the follow-up done"
    );
    let new_step = f
        .polku
        .contact_update(
            c.id,
            ContactInput {
                next_step: "Vie CV".into(),
                ..input
            },
        )
        .expect("edit step");
    assert!(!new_step.next_step_done, "a new next step is open again");
}

#[test]
fn an_unknown_contact_is_reported_as_not_found() {
    let f = Fixture::open();
    let err = f
        .polku
        .contact_follow_up_done(ContactId::new())
        .expect_err("missing");
    assert!(matches!(
        err,
        CoreError::NotFound {
            entity: "contact",
            ..
        }
    ));
}

#[test]
fn a_bulk_import_is_all_or_nothing() {
    let f = Fixture::open();
    let e = f.employer("Kesko Oy", "Tampere");
    let bad = ContactInput {
        occurred_at: now() + Duration::days(365),
        ..contact(e.id, now())
    };
    assert!(f
        .polku
        .contacts_import(vec![contact(e.id, now()), bad])
        .is_err());
    assert!(f.polku.contacts_recent(10).expect("recent").is_empty());
    assert_eq!(
        f.polku
            .contacts_import(vec![contact(e.id, now()), contact(e.id, now())])
            .expect("import"),
        2
    );
    assert_eq!(f.polku.employer_contacts(e.id).expect("history").len(), 2);
}

#[test]
fn re_saving_a_contact_with_its_clients_in_another_order_queues_nothing() {
    let f = Fixture::open();
    let a = f.client("Aino K.");
    let b = f.client("Eetu L.");
    let e = f.employer("Kesko Oy", "Tampere");
    let input = ContactInput {
        client_ids: vec![b.id, a.id],
        ..contact(e.id, now())
    };
    let c = f.polku.contact_create(input.clone()).expect("c");
    let before = f.polku.sync().unsent_count().expect("outbox");
    f.polku
        .contact_update(
            c.id,
            ContactInput {
                client_ids: vec![a.id, b.id],
                ..input
            },
        )
        .expect("same contact");
    assert_eq!(f.polku.sync().unsent_count().expect("outbox"), before);
}

#[test]
fn a_contact_records_the_coach_from_the_profile() {
    let f = Fixture::open();
    f.polku
        .settings_update(polku_domain::Settings {
            coach_name: "Laura Laine".into(),
            ..Default::default()
        })
        .expect("profile");
    let e = f.employer("Kesko Oy", "Tampere");
    let c = f.polku.contact_create(contact(e.id, now())).expect("c");
    assert_eq!(c.coach, "Laura Laine");
}
