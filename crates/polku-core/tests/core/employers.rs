//! A supervisor merges duplicate employers: the duplicate leaves the directory and every
//! contact and job naming it counts as the kept employer's; a coach cannot merge, and a
//! refused merge queues nothing.

use super::whose::{supervise, team};
use super::*;
use polku_domain::{EmployerMerge, ValidationCode, Whose};

fn queued(f: &Fixture) -> u64 {
    f.polku.sync().unsent_count().expect("outbox")
}

fn listed(f: &Fixture) -> Vec<(String, u32)> {
    f.polku
        .employers_list("")
        .expect("employers")
        .into_iter()
        .map(|e| (e.name, e.contact_count))
        .collect()
}

#[test]
fn a_supervisor_merges_a_duplicate_employer_and_its_contacts_and_jobs_count_as_the_kept_ones() {
    let t = team();
    let f = &t.f;
    let kesko = f.polku.employers_list("Kesko").expect("list")[0].id;
    let duplicate = f.employer("KESKO OY", "Tampere ");
    let third = f.employer("Kesko Tampere", "Tampere");
    let client = f.client("Mira");
    let visit = f
        .polku
        .contact_create(ContactInput {
            client_ids: vec![client.id],
            ..contact(duplicate.id, now() - chrono::Duration::hours(2))
        })
        .expect("visit");
    f.polku
        .job_create(super::support::job(client.id, duplicate.id))
        .expect("job");
    f.polku
        .job_create(super::support::job(client.id, kesko))
        .expect("a second job, at Kesko");
    // V7 and V9 count employers: my visits and jobs at two of them, before the merge.
    let evidence = || {
        let e = f
            .polku
            .fidelity_evidence(
                now().date() - chrono::Duration::days(60),
                now().date(),
                &Whose::Mine,
            )
            .expect("evidence");
        (
            e.contact_quality.employers_visited,
            e.contact_quality.employers_visited_repeatedly,
            e.jobs.distinct_employers,
        )
    };
    assert_eq!(evidence(), (2, 0, 2));
    assert_eq!(
        listed(f),
        [
            ("Kesko Oy".to_owned(), 4),
            ("KESKO OY".to_owned(), 1),
            ("Kesko Tampere".to_owned(), 0)
        ]
    );

    // A coach's device merges nothing; a refusal queues nothing.
    let before = queued(f);
    let merge = |keep, duplicate| f.polku.employers_merge(EmployerMerge { keep, duplicate });
    assert!(matches!(
        merge(kesko, duplicate.id),
        Err(polku_core::CoreError::NotTeamLead)
    ));
    assert_eq!(queued(f), before);

    supervise(&t);
    let before = queued(f);
    // Merged into the duplicate first, then the duplicate into Kesko: both end at Kesko.
    merge(duplicate.id, third.id).expect("third into the duplicate");
    merge(kesko, duplicate.id).expect("the duplicate into Kesko");
    assert_eq!(listed(f), [("Kesko Oy".to_owned(), 5)]);
    assert_eq!(
        evidence(),
        (1, 1, 1),
        "one employer, visited twice, with both jobs"
    );
    for id in [duplicate.id, third.id] {
        assert_eq!(
            f.polku.employer_get(id).expect("kept").merged_into,
            Some(kesko),
            "one hop, to the employer kept"
        );
    }
    assert_eq!(
        queued(f) - before,
        3,
        "the third merged, then moved on to Kesko, and the duplicate merged: nothing else"
    );
    // The visit reads as Kesko's wherever it is shown, and counts among Kesko's visits.
    let shown = f.polku.contact_view(visit.id).expect("visit");
    assert_eq!(shown.employer_name, "Kesko Oy");
    let kesko_visits: Vec<_> = f
        .polku
        .employer_contacts(kesko)
        .expect("Kesko's contacts")
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert!(kesko_visits.contains(&visit.id), "{kesko_visits:?}");
    assert_eq!(kesko_visits.len(), 5);
    let jobs = f.polku.jobs_for_client(client.id).expect("jobs");
    assert!(
        jobs.iter().all(|j| j.employer_name == "Kesko Oy"),
        "{jobs:?}"
    );
    let similar: Vec<_> = f
        .polku
        .employers_similar("Kesko", "Tampere")
        .expect("similar")
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(similar, [kesko], "the duplicates are no longer offered");
    // A visit logged later at the duplicate (a stale screen) names the employer kept.
    let late = f
        .polku
        .contact_create(contact(duplicate.id, now() - chrono::Duration::minutes(5)))
        .expect("late visit");
    assert_eq!(late.employer_id, kesko);
    // So does a job.
    let job = f
        .polku
        .job_create(super::support::job(client.id, duplicate.id))
        .expect("late job");
    assert_eq!(job.input.employer_id, kesko);

    // Merges that make no sense are refused, naming the field, and queue nothing.
    let before = queued(f);
    let invalid = |keep, duplicate| match merge(keep, duplicate) {
        Err(polku_core::CoreError::Validation(v)) => {
            v.0.into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        }
        other => panic!("not refused: {other:?}"),
    };
    assert_eq!(
        invalid(kesko, kesko),
        [("duplicate".to_owned(), ValidationCode::Invalid)]
    );
    assert_eq!(
        invalid(kesko, duplicate.id),
        [("duplicate".to_owned(), ValidationCode::Invalid)],
        "already merged"
    );
    assert_eq!(
        invalid(duplicate.id, f.employer("Lidl", "Tampere").id),
        [("keep".to_owned(), ValidationCode::Invalid)],
        "not into a merged one"
    );
    assert_eq!(queued(f) - before, 1, "only the new Lidl");
}
