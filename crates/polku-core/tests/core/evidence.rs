//! Fidelity evidence on a small caseload built by hand, each number checked.

use super::*;
use polku_domain::{CloseClientInput, JobInput, Settings, SupportContactInput, Whose};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

fn at(m: u32, day: u32) -> NaiveDateTime {
    d(m, day).and_hms_opt(10, 0, 0).expect("time")
}

fn entered(f: &Fixture, name: &str, entry: NaiveDate) -> polku_domain::ClientId {
    f.polku
        .client_create(ClientInput {
            referral_date: Some(entry),
            entry_date: Some(entry),
            ..client(name)
        })
        .expect("client")
        .id
}

fn job_at(
    client: polku_domain::ClientId,
    employer: polku_domain::EmployerId,
    job_type: &str,
    start: NaiveDate,
    competitive: bool,
) -> JobInput {
    JobInput {
        client_id: client,
        employer_id: employer,
        job_type: job_type.into(),
        start_date: start,
        end_date: None,
        hours_per_week: 20.0,
        hourly_wage: None,
        permanent: false,
        competitive,
        wage_subsidy: false,
        started: true,
        end_reason: None,
    }
}

#[test]
fn evidence_counts_what_the_records_show_for_the_period() {
    let f = Fixture::open();
    f.polku
        .settings_update(Settings {
            fte: 0.5,
            ..Settings::default()
        })
        .expect("fte");
    let a = entered(&f, "Aino", d(11, 3));
    entered(&f, "Eetu", d(11, 5)); // entered, still waiting for a first visit
    let c = entered(&f, "Helmi", d(10, 1));
    let gone = entered(&f, "Juho", d(9, 1));
    f.polku
        .client_close(
            gone,
            CloseClientInput {
                discharge_date: d(10, 15),
                discharge_reason: "Muutti".into(),
            },
        )
        .expect("close");

    let e1 = f.employer("Kesko Oy", "Tampere").id;
    let e2 = f.employer("Lidl", "Nokia").id;
    let visit = |employer, when, clients: Vec<_>, purpose, mode| {
        f.polku
            .contact_create(ContactInput {
                client_ids: clients,
                purposes: vec![purpose],
                mode,
                ..contact(employer, when)
            })
            .expect("contact")
            .id
    };
    use polku_domain::ContactMode::{FaceToFace, Phone};
    use polku_domain::ContactPurpose::{LearnNeeds, PresentJobSeeker};
    let first = visit(e1, at(11, 10), vec![a], PresentJobSeeker, FaceToFace);
    let second = visit(e1, at(11, 12), vec![], LearnNeeds, FaceToFace);
    visit(e2, at(11, 17), vec![], LearnNeeds, FaceToFace);
    visit(e2, at(11, 18), vec![], LearnNeeds, Phone);
    // A supervisor reviewed the log of the week of 9 November (the review came with a sync),
    // and the coach once stamped two contacts "reviewed" themselves, which V6 no longer counts.
    f.polku
        .store()
        .write(|tx| {
            tx.execute(
                "UPDATE employer_contacts SET reviewed_at = '2026-11-20' WHERE id IN (?1, ?2)",
                [first.to_string(), second.to_string()],
            )?;
            tx.execute(
                "INSERT INTO log_reviews (id, coach_id, week, reviewer_id, reviewer_name,
                     reviewed_on, comment, created_at, updated_at, version)
                 VALUES (?1, ?2, '2026-11-09', ?3, 'Sari Supervisor', '2026-11-13', '', '', '', '')",
                [
                    polku_domain::LogReviewId::new().to_string(),
                    polku_domain::UserId::new().to_string(),
                    polku_domain::UserId::new().to_string(),
                ],
            )?;
            Ok(())
        })
        .expect("review");

    f.polku
        .job_create(job_at(c, e1, "Myyjä", d(10, 20), true))
        .expect("job");
    let a_job = f
        .polku
        .job_create(job_at(a, e2, " myyjä ", d(11, 16), false))
        .expect("job");
    for day in [12, 18] {
        f.polku
            .support_create(SupportContactInput {
                client_id: a,
                job_id: Some(a_job.id),
                occurred_at: at(11, day),
                mode: FaceToFace,
                with_employer: false,
                notes: String::new(),
            })
            .expect("support");
    }

    let ev = f
        .polku
        .fidelity_evidence(d(11, 2), d(11, 22), &Whose::Mine)
        .expect("evidence");
    assert_eq!(
        ev.caseload.active_clients, 3,
        "Aino, Eetu, Helmi; Juho is closed"
    );
    assert_eq!(ev.caseload.per_fte, 6.0);
    assert_eq!(ev.rapid_search.clients_entered, 2);
    assert_eq!(ev.rapid_search.with_contact, 1);
    assert_eq!(ev.rapid_search.still_waiting, 1);
    assert_eq!(
        ev.rapid_search.mean_days,
        Some(12.0),
        "(7 + 17 still waiting) / 2"
    );
    assert_eq!(
        ev.employer_contact.face_to_face, 3,
        "the phone call does not count"
    );
    assert_eq!(ev.employer_contact.weeks, 3.0);
    assert_eq!(
        ev.employer_contact.per_week_per_fte, 2.0,
        "3 in 3 weeks on 0.5 FTE"
    );
    assert_eq!(
        ev.employer_contact.job_seekers, 1,
        "only Eetu is not working"
    );
    assert_eq!(
        ev.employer_contact.weekly_target, 2.0,
        "2 × job seekers below three"
    );
    assert_eq!(
        ev.employer_contact.weeks_reviewed, 1,
        "the supervisor's review; not the coach's own stamps"
    );
    assert_eq!(ev.employer_contact.reviewers, ["Sari Supervisor"]);
    assert_eq!(ev.contact_quality.employers_visited, 2);
    assert_eq!(ev.contact_quality.employers_visited_repeatedly, 1);
    assert_eq!(ev.contact_quality.visits_learning_needs, 2);
    assert_eq!(ev.contact_quality.visits_presenting_job_seeker, 1);
    assert_eq!(ev.jobs.jobs, 2);
    assert_eq!(
        ev.jobs.distinct_job_types, 1,
        "type compared without case or spaces"
    );
    assert_eq!(ev.jobs.distinct_employers, 2);
    assert_eq!(ev.jobs.competitive_share(), Some(50.0));
    assert_eq!(ev.follow_along.job_starts, 1);
    assert_eq!(ev.follow_along.met_week_before, 1);
    assert_eq!(ev.follow_along.met_within_three_days, 1);
    assert_eq!(ev.follow_along.on_schedule, 1, "the same start met both");
    assert_eq!(
        ev.follow_along.starts_with_full_first_month, 0,
        "a start on 16 November cannot show its first month by the 22nd"
    );
}

#[test]
fn a_client_who_entered_late_in_the_period_waits_until_the_first_visit_after_it() {
    let f = Fixture::open();
    // The second quarter, reviewed on 22 November: Aino entered a week before its end and had
    // her first face-to-face employer contact 100 days after entering; Eetu has had none.
    let aino = entered(&f, "Aino", d(6, 23));
    entered(&f, "Eetu", d(6, 28));
    let kesko = f.employer("Kesko Oy", "Tampere").id;
    f.polku
        .contact_create(ContactInput {
            client_ids: vec![aino],
            ..contact(kesko, at(10, 1))
        })
        .expect("first visit");

    let ev = f
        .polku
        .fidelity_evidence(d(4, 1), d(6, 30), &Whose::Mine)
        .expect("evidence");
    assert_eq!(ev.rapid_search.clients_entered, 2);
    assert_eq!(
        ev.rapid_search.with_contact, 1,
        "Aino's visit came after the period"
    );
    assert_eq!(
        ev.rapid_search.still_waiting, 1,
        "Eetu is still waiting today"
    );
    assert_eq!(
        ev.rapid_search.mean_days,
        Some(123.5),
        "(100 days to Aino's visit + 147 days Eetu has waited until today) / 2"
    );
}

#[test]
fn a_period_ending_before_it_starts_is_rejected() {
    let f = Fixture::open();
    assert!(f
        .polku
        .fidelity_evidence(d(11, 22), d(11, 1), &Whose::Mine)
        .is_err());
}

#[test]
fn the_demo_caseload_yields_explained_suggestions_from_the_shipped_ips25() {
    let f = Fixture::open();
    f.polku.demo_load().expect("demo");
    let (scales, errors) = polku_core::scales::load(None);
    assert!(errors.is_empty(), "{errors:?}");
    let ips = scales
        .iter()
        .find(|s| s.id == "ips-25")
        .expect("IPS-25 ships");
    let s = f
        .polku
        .fidelity_suggestions(ips, d(5, 25), d(11, 22), &Whose::Mine)
        .expect("suggestions");
    let s1 = s
        .iter()
        .find(|x| x.item == "S1")
        .expect("caseload size is always evidenced");
    let polku_domain::fidelity::Basis::Caseload { active_clients, .. } = s1.suggested.basis else {
        panic!("S1 carries caseload figures")
    };
    assert_eq!(active_clients, 20, "the demo's 20 open clients");
    assert!(s.iter().any(|x| x.item == "V10"), "the demo has jobs");
}

#[test]
fn a_broken_regional_scale_is_reported_while_the_shipped_ones_still_load() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("alue.toml"), "format = 1\nid = \"alue\"\n").expect("write");
    let (scales, errors) = polku_core::scales::load(Some(dir.path()));
    assert_eq!(scales.len(), 2, "IPS-25 and the quality criteria");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, "alue.toml");
}

#[test]
fn quarterly_outcomes_count_served_working_starts_first_jobs_and_retention() {
    let f = Fixture::open();
    let client_at = |name: &str, entry: NaiveDate, employed: bool| {
        f.polku
            .client_create(ClientInput {
                referral_date: Some(entry),
                entry_date: Some(entry),
                employed_at_entry: employed,
                ..client(name)
            })
            .expect("client")
            .id
    };
    let a = client_at("Aino", d(6, 1), false);
    let b = client_at("Eetu", d(7, 15), true);
    let c = client_at("Helmi", d(3, 1), false);
    let dd = client_at("Juho", d(1, 10), false);
    f.polku
        .client_close(
            c,
            CloseClientInput {
                discharge_date: d(6, 30),
                discharge_reason: "Opiskelemaan".into(),
            },
        )
        .expect("close");
    let e = f.employer("Kesko Oy", "Tampere").id;
    f.polku
        .job_create(job_at(a, e, "Myyjä", d(8, 1), true))
        .expect("a job");
    f.polku
        .job_create(job_at(b, e, "Avustaja", d(9, 1), false))
        .expect("b job");
    f.polku
        .job_create(JobInput {
            end_date: Some(d(6, 15)),
            ..job_at(dd, e, "Varasto", d(5, 1), true)
        })
        .expect("d job");
    f.polku
        .contact_create(ContactInput {
            client_ids: vec![a],
            ..contact(e, at(9, 20))
        })
        .expect("contact");

    let q3 = polku_domain::Quarter {
        year: 2026,
        quarter: 3,
    };
    let o = f
        .polku
        .quarterly_outcomes(q3, &Whose::Mine)
        .expect("outcomes");
    assert_eq!(o.served, 3, "Aino, Eetu, Juho; Helmi closed before July");
    assert_eq!(o.worked_competitively, 1, "Eetu's job is not competitive");
    let rate = o.employment_rate.expect("rate");
    assert!((rate - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(o.served_out_of_work_at_entry, 2);
    assert_eq!(o.employment_rate_out_of_work_at_entry, Some(50.0));
    assert_eq!(o.new_job_starts, 2);
    assert_eq!(o.into_first_job, 2, "Juho's first job was in May");
    assert_eq!(
        o.jobs_old_enough, 1,
        "only Juho's job reaches its 13-week mark (31 July) in the quarter"
    );
    assert_eq!(o.jobs_kept_13_weeks, 0, "it ended after six weeks");
    assert_eq!(
        o.active_clients, 1,
        "only Aino had a contact in September's last four weeks"
    );
}
