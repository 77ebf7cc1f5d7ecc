use super::*;
use chrono::Duration;
use polku_core::CoreError;
use polku_domain::{JobInput, SupportContactInput, TimelineKind, ValidationCode, Whose};

pub fn job(client: polku_domain::ClientId, employer: polku_domain::EmployerId) -> JobInput {
    JobInput {
        client_id: client,
        employer_id: employer,
        job_type: "Myyjä".into(),
        start_date: now().date() - Duration::days(30),
        end_date: None,
        hours_per_week: 20.0,
        hourly_wage: Some(12.4),
        permanent: false,
        competitive: true,
        wage_subsidy: false,
        started: true,
        end_reason: None,
    }
}

#[test]
fn a_running_job_marks_the_client_as_working() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let e = f.employer("Kesko Oy", "Tampere");
    let j = f.polku.job_create(job(c.id, e.id)).expect("job");
    assert_eq!(j.employer_name, "Kesko Oy");
    let list = f.polku.clients_list(&Default::default()).expect("list");
    assert!(list[0].working);
    f.polku
        .job_update(
            j.id,
            JobInput {
                end_date: Some(now().date() - Duration::days(1)),
                end_reason: Some("Määräaikainen päättyi".into()),
                ..job(c.id, e.id)
            },
        )
        .expect("end");
    assert!(!f.polku.clients_list(&Default::default()).expect("list")[0].working);
}

#[test]
fn a_job_ending_before_it_starts_is_rejected_and_nothing_is_stored() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let e = f.employer("Kesko Oy", "Tampere");
    let err = f
        .polku
        .job_create(JobInput {
            end_date: Some(now().date() - Duration::days(40)),
            hours_per_week: -5.0,
            ..job(c.id, e.id)
        })
        .expect_err("invalid");
    let CoreError::Validation(v) = err else {
        panic!("{err}")
    };
    assert!(v.has("endDate", ValidationCode::EndsBeforeStart));
    assert!(v.has("hoursPerWeek", ValidationCode::Negative));
    assert!(f.polku.jobs_for_client(c.id).expect("jobs").is_empty());
}

#[test]
fn the_timeline_puts_milestones_contacts_jobs_and_support_in_one_newest_first_list() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let e = f.employer("Kesko Oy", "Tampere");
    f.polku
        .contact_create(ContactInput {
            client_ids: vec![c.id],
            ..contact(e.id, now() - Duration::days(40))
        })
        .expect("contact");
    let j = f.polku.job_create(job(c.id, e.id)).expect("job");
    f.polku
        .support_create(SupportContactInput {
            client_id: c.id,
            job_id: Some(j.id),
            occurred_at: now() - Duration::days(2),
            mode: polku_domain::ContactMode::FaceToFace,
            with_employer: true,
            notes: "Kuulumiset".into(),
        })
        .expect("support");
    let t = f.polku.client_timeline(c.id).expect("timeline");
    let kinds: Vec<TimelineKind> = t.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            TimelineKind::SupportContact,
            TimelineKind::JobStart,
            TimelineKind::EmployerContact,
            TimelineKind::Milestone,
            TimelineKind::Milestone
        ]
    );
    assert!(t.windows(2).all(|w| w[0].at >= w[1].at), "newest first");
}

#[test]
fn support_for_an_unknown_client_is_rejected() {
    let f = Fixture::open();
    let err = f
        .polku
        .support_create(SupportContactInput {
            client_id: polku_domain::ClientId::new(),
            job_id: None,
            occurred_at: now(),
            mode: polku_domain::ContactMode::Phone,
            with_employer: false,
            notes: String::new(),
        })
        .expect_err("unknown");
    assert!(matches!(err, CoreError::Validation(_)));
}

#[test]
fn support_under_another_clients_job_is_rejected() {
    let f = Fixture::open();
    let a = f.client("Aino K.");
    let b = f.client("Eetu L.");
    let e = f.employer("Kesko Oy", "Tampere");
    let j = f.polku.job_create(job(a.id, e.id)).expect("job");
    let err = f
        .polku
        .support_create(SupportContactInput {
            client_id: b.id,
            job_id: Some(j.id),
            occurred_at: now(),
            mode: polku_domain::ContactMode::Phone,
            with_employer: false,
            notes: String::new(),
        })
        .expect_err("another client's job");
    let CoreError::Validation(v) = err else {
        panic!("{err}")
    };
    assert!(v.has("jobId", ValidationCode::Invalid));
    assert!(f.polku.support_for_client(b.id).expect("list").is_empty());
}

#[test]
fn a_job_agreed_but_not_yet_four_paid_hours_in_is_neither_a_start_nor_work() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let e = f.employer("Kesko Oy", "Tampere");
    f.polku
        .job_create(JobInput {
            started: false,
            ..job(c.id, e.id)
        })
        .expect("agreed job");
    assert!(!f.polku.clients_list(&Default::default()).expect("list")[0].working);
    let q = polku_domain::Quarter::containing(now().date() - Duration::days(30));
    let o = f
        .polku
        .quarterly_outcomes(q, &Whose::Mine)
        .expect("outcomes");
    assert_eq!(
        (o.new_job_starts, o.into_first_job, o.worked_competitively),
        (0, 0, 0)
    );
}
