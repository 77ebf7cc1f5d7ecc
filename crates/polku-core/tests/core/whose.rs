//! A supervisor's device holds the imported caseloads of their team beside the supervisor's
//! own records: every list and figure covers whose records it is asked for, and "mine" never
//! mixes them in.

use super::*;
use polku_domain::{CaseloadQuery, JobInput, Quarter, UserId, Whose};

/// Marks a client and everything recorded for them as `coach`'s, as an import stores them.
fn hand_to(f: &Fixture, client: polku_domain::ClientId, coach: UserId) {
    f.polku
        .store()
        .write(|tx| {
            let (client, coach) = (client.to_string(), coach.to_string());
            tx.execute(
                "UPDATE clients SET owner_id = ?2 WHERE id = ?1",
                [&client, &coach],
            )?;
            tx.execute(
                "UPDATE jobs SET owner_id = ?2 WHERE client_id = ?1",
                [&client, &coach],
            )?;
            tx.execute(
                "UPDATE employer_contacts SET owner_id = ?2 WHERE id IN
                   (SELECT contact_id FROM contact_clients WHERE client_id = ?1)",
                [&client, &coach],
            )?;
            Ok(())
        })
        .expect("relabel");
}

pub(super) fn profile(f: &Fixture, coach: UserId, fte: f64) {
    f.polku
        .store()
        .write(|tx| {
            tx.execute(
                "INSERT INTO profiles (id, report_name, fte, created_at, updated_at, version,
                                       owner_id)
                 VALUES (?1, 'Sari', ?2, '', '', '', ?1)",
                rusqlite::params![coach.to_string(), fte],
            )?;
            Ok(())
        })
        .expect("profile");
}

fn names(f: &Fixture, whose: Whose) -> Vec<String> {
    f.polku
        .clients_list(&CaseloadQuery {
            whose,
            ..CaseloadQuery::default()
        })
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect()
}

pub(super) struct Team {
    pub f: Fixture,
    pub sari: UserId,
    pub timo: UserId,
}

/// My client Aino; Sari's Eetu and Helmi (Helmi working); Timo's Juho. Each had one
/// face-to-face visit this week.
pub(super) fn team() -> Team {
    let f = Fixture::open();
    let (sari, timo) = (UserId::new(), UserId::new());
    let kesko = f.employer("Kesko Oy", "Tampere").id;
    let mut ids = Vec::new();
    for name in ["Aino", "Eetu", "Helmi", "Juho"] {
        let id = f.client(name).id;
        f.polku
            .contact_create(ContactInput {
                client_ids: vec![id],
                next_step: "Soita".into(),
                next_step_due: Some(now().date()),
                ..contact(kesko, now() - chrono::Duration::hours(1))
            })
            .expect("visit");
        ids.push(id);
    }
    f.polku
        .job_create(JobInput {
            start_date: NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
            ..super::support::job(ids[2], kesko)
        })
        .expect("job");
    hand_to(&f, ids[1], sari);
    hand_to(&f, ids[2], sari);
    hand_to(&f, ids[3], timo);
    profile(&f, sari, 0.5);
    Team { f, sari, timo }
}

#[test]
fn the_caseload_list_shows_mine_one_coachs_or_the_teams_and_never_mixes_them() {
    let t = team();
    assert_eq!(names(&t.f, Whose::Mine), ["Aino"]);
    assert_eq!(names(&t.f, Whose::Coach { id: t.sari }), ["Eetu", "Helmi"]);
    assert_eq!(names(&t.f, Whose::Coach { id: t.timo }), ["Juho"]);
    assert_eq!(names(&t.f, Whose::Team), ["Eetu", "Helmi", "Juho"]);
    assert!(names(&t.f, Whose::Coach { id: UserId::new() }).is_empty());
}

#[test]
fn today_and_the_recent_contacts_are_the_users_own() {
    let t = team();
    let today = t.f.polku.today_view().expect("today");
    assert_eq!(today.week_face_to_face, 1, "only my visit to Kesko");
    assert_eq!(today.due_today.len(), 1);
    assert_eq!(today.due_today[0].client_names, ["Aino"]);
    let recent = t.f.polku.contacts_recent(10).expect("recent");
    assert_eq!(recent.len(), 1);
}

#[test]
fn evidence_and_outcomes_count_whose_records_they_are_asked_for() {
    let t = team();
    let (from, to) = (now().date() - chrono::Duration::days(6), now().date());
    let ev = |whose| {
        t.f.polku
            .fidelity_evidence(from, to, &whose)
            .expect("evidence")
    };
    let mine = ev(Whose::Mine);
    assert_eq!(mine.caseload.active_clients, 1);
    assert_eq!(mine.employer_contact.face_to_face, 1);
    let sari = ev(Whose::Coach { id: t.sari });
    assert_eq!(sari.caseload.active_clients, 2);
    assert_eq!(sari.fte, 0.5, "from Sari's synced profile");
    assert_eq!(sari.caseload.per_fte, 4.0);
    assert_eq!(sari.employer_contact.job_seekers, 1, "Helmi is working");
    let team = ev(Whose::Team);
    assert_eq!(team.caseload.active_clients, 3);
    assert_eq!(
        team.fte, 1.5,
        "Sari 0.5 and Timo, whose profile has not come, full time"
    );
    assert_eq!(team.employer_contact.face_to_face, 3);
    assert_eq!(team.jobs.jobs, 1);

    let q = Quarter::containing(now().date());
    let outcomes = |whose| t.f.polku.quarterly_outcomes(q, &whose).expect("outcomes");
    assert_eq!(outcomes(Whose::Mine).served, 1);
    assert_eq!(outcomes(Whose::Mine).worked_competitively, 0);
    assert_eq!(outcomes(Whose::Team).served, 3);
    assert_eq!(outcomes(Whose::Team).worked_competitively, 1);
    assert_eq!(outcomes(Whose::Coach { id: t.timo }).served, 1);
}

#[test]
fn a_coachs_own_device_reads_every_row_as_theirs_without_an_owner_condition() {
    let f = Fixture::open();
    f.client("Aino");
    let conn = f.polku.store().read();
    assert_eq!(
        polku_core::store::owners::Owners::resolve(&conn, &Whose::Mine).expect("resolve"),
        polku_core::store::owners::Owners::Everyone
    );
}

/// Enrols this device as a supervisor of one team and keeps the roster a sync would fetch:
/// Sari with her laptop (synced, 2 waiting), Timo not on it (he left the team), and Kaisa, the
/// team's other supervisor, whose profile came with the team's records.
pub(super) fn supervise(t: &Team) -> polku_domain::DeviceId {
    use polku_domain::protocol::{
        EnrolResponse, Role, RosterDevice, RosterMember, Team as ServerTeam, TeamRoster,
    };
    let team = ServerTeam {
        id: polku_domain::TeamId::new(),
        name: "IPS Tampere".into(),
    };
    let me = UserId::new();
    t.f.polku
        .sync()
        .enrolled(
            "http://server",
            &EnrolResponse {
                device_id: polku_domain::DeviceId::new(),
                token: "token".into(),
                user_id: me,
                user_name: "Pirjo Supervisor".into(),
                role: Role::Supervisor,
                teams: vec![team.clone()],
            },
        )
        .expect("enrol");
    let laptop = polku_domain::DeviceId::new();
    let kaisa = UserId::new();
    profile(&t.f, kaisa, 0.8);
    let member = |id, name: &str, role, devices| RosterMember {
        id,
        name: name.into(),
        role,
        devices,
    };
    t.f.polku
        .sync()
        .keep_roster(TeamRoster {
            team,
            members: vec![
                member(me, "Pirjo Supervisor", Role::Supervisor, vec![]),
                member(kaisa, "Kaisa Supervisor", Role::Supervisor, vec![]),
                member(
                    t.sari,
                    "Sari Coach",
                    Role::Coach,
                    vec![RosterDevice {
                        id: laptop,
                        name: "Sari's laptop".into(),
                        last_sync: Some("2026-11-22T08:00:00.000Z".into()),
                        waiting: Some(2),
                    }],
                ),
            ],
        })
        .expect("roster");
    laptop
}

#[test]
fn the_team_overview_counts_each_coach_and_the_team_with_how_fresh_each_device_is() {
    let t = team();
    let laptop = supervise(&t);
    let o = t.f.polku.team_overview().expect("overview");
    assert_eq!(o.weeks.len(), 12);
    assert_eq!(
        o.weeks[11],
        NaiveDate::from_ymd_opt(2026, 11, 16).expect("date"),
        "this Monday"
    );
    let names: Vec<&str> = o.coaches.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Sari Coach", ""],
        "Timo's records are here though he is not on the roster, and no name came for him; \
         Kaisa supervises"
    );
    let sari = &o.coaches[0];
    assert_eq!(sari.devices.len(), 1);
    assert_eq!(
        (sari.devices[0].id, sari.devices[0].waiting),
        (laptop, Some(2))
    );
    assert_eq!((sari.figures.active, sari.figures.working), (2, 1));
    assert_eq!(sari.figures.fte, 0.5);
    assert_eq!(sari.rates.active_per_fte, Some(4.0));
    assert_eq!(sari.rates.working_percent, Some(50.0));
    assert_eq!(sari.rates.weekly_target, 3.0);
    assert_eq!(sari.figures.face_to_face[11], 2, "two visits this week");
    assert_eq!(sari.figures.face_to_face[..11].iter().sum::<u32>(), 0);
    assert_eq!(
        (sari.figures.starts_quarter, sari.figures.starts_month),
        (1, 0),
        "Helmi started on 1 October"
    );
    let timo = &o.coaches[1];
    assert_eq!((timo.figures.active, timo.figures.fte), (1, 1.0));
    assert!(timo.devices.is_empty());
    assert_eq!(o.team.active, 3, "my own Aino is not the team's");
    assert_eq!(o.team.fte, 1.5, "Sari and Timo; not Kaisa");
    let (from, to) = (now().date() - chrono::Duration::days(6), now().date());
    let evidence =
        t.f.polku
            .fidelity_evidence(from, to, &Whose::Team)
            .expect("evidence");
    assert_eq!(
        evidence.fte, 1.5,
        "the team's evidence counts the same coaches"
    );
    assert_eq!(o.team.face_to_face[11], 3);
    assert_eq!(o.team_rates.active_per_fte, Some(2.0));
    assert!(o.roster_fetched_at.is_some());
}

#[test]
fn the_team_overview_of_a_store_without_a_team_is_empty_not_an_error() {
    let f = Fixture::open();
    f.client("Aino");
    let o = f.polku.team_overview().expect("overview");
    assert!(o.coaches.is_empty());
    assert_eq!(o.team.active, 0);
    assert_eq!(o.team_rates.active_per_fte, None);
    assert_eq!(o.team.face_to_face, vec![0; 12]);
    assert_eq!(o.roster_fetched_at, None);
}

#[test]
fn nothing_can_be_added_to_a_coachs_client_here_and_a_refusal_queues_nothing() {
    let t = team();
    let eetu =
        t.f.polku
            .clients_list(&CaseloadQuery {
                whose: Whose::Coach { id: t.sari },
                ..CaseloadQuery::default()
            })
            .expect("list")[0]
            .id;
    let kesko = t.f.polku.employers_list("Kesko").expect("employers")[0].id;
    let waiting = t.f.polku.sync().unsent_count().expect("waiting");
    let jobs = |f: &Fixture| f.polku.jobs_for_client(eetu).expect("jobs").len();
    let before = jobs(&t.f);
    let not_yours = |e: polku_core::CoreError| {
        assert!(
            matches!(e, polku_core::CoreError::NotYours { ref owner, .. } if *owner == t.sari.to_string()),
            "{e:?}"
        );
    };

    not_yours(
        t.f.polku
            .job_create(JobInput {
                start_date: now().date(),
                ..super::support::job(eetu, kesko)
            })
            .expect_err("a job for Sari's client"),
    );
    not_yours(
        t.f.polku
            .support_create(polku_domain::SupportContactInput {
                client_id: eetu,
                job_id: None,
                occurred_at: now() - chrono::Duration::hours(2),
                mode: ContactMode::FaceToFace,
                with_employer: false,
                notes: String::new(),
            })
            .expect_err("support for Sari's client"),
    );
    not_yours(
        t.f.polku
            .contact_create(ContactInput {
                client_ids: vec![eetu],
                ..contact(kesko, now() - chrono::Duration::hours(2))
            })
            .expect_err("a contact for Sari's client"),
    );
    assert_eq!(jobs(&t.f), before);
    assert_eq!(
        t.f.polku.sync().unsent_count().expect("waiting"),
        waiting,
        "nothing queued"
    );
    assert_eq!(
        t.f.polku.today_view().expect("today").week_face_to_face,
        1,
        "no contact stored"
    );
}

#[test]
fn enrolling_again_drops_the_rosters_an_earlier_enrolment_fetched() {
    let t = team();
    supervise(&t);
    let teams = t.f.polku.sync().teams().expect("teams");
    assert_eq!(t.f.polku.sync().rosters().expect("rosters").len(), 1);
    t.f.polku
        .sync()
        .enrolled(
            "http://server",
            &polku_domain::protocol::EnrolResponse {
                device_id: polku_domain::DeviceId::new(),
                token: "another".into(),
                user_id: UserId::new(),
                user_name: "Pirjo Supervisor".into(),
                role: polku_domain::protocol::Role::Supervisor,
                teams,
            },
        )
        .expect("enrol again");
    assert!(
        t.f.polku.sync().rosters().expect("rosters").is_empty(),
        "the next round fetches the roster afresh"
    );
}

#[test]
fn the_caseload_says_whose_each_client_is_and_the_team_names_its_coaches() {
    let t = team();
    supervise(&t);
    let owners: Vec<(String, Option<UserId>)> =
        t.f.polku
            .clients_list(&CaseloadQuery {
                whose: Whose::Team,
                ..CaseloadQuery::default()
            })
            .expect("list")
            .into_iter()
            .map(|c| (c.name, c.owner))
            .collect();
    assert_eq!(
        owners,
        [
            ("Eetu".to_owned(), Some(t.sari)),
            ("Helmi".to_owned(), Some(t.sari)),
            ("Juho".to_owned(), Some(t.timo)),
        ]
    );
    let mine =
        t.f.polku
            .clients_list(&CaseloadQuery::default())
            .expect("mine");
    assert_eq!(mine[0].owner, None, "the user's own Aino");
    let names: Vec<(UserId, String)> =
        t.f.polku
            .team_coach_names()
            .expect("coaches")
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
    assert_eq!(
        names,
        [(t.sari, "Sari Coach".to_owned()), (t.timo, String::new())],
        "by name, the unnamed last; not the team's supervisors"
    );
}

#[test]
fn the_teams_quarterly_report_has_each_coach_the_team_and_the_trend_in_pdf_and_csv() {
    let t = team();
    supervise(&t);
    let q = Quarter {
        year: 2026,
        quarter: 4,
    };
    let pdf =
        t.f.polku
            .team_outcomes_export(q, polku_domain::fidelity::ExportFormat::Pdf)
            .expect("pdf");
    let text = super::reviews::pdftotext(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for wanted in [
        "Tiimin neljännesvuoden tulokset 2026 Q4",
        "Tiimi: IPS Tampere",
        "Sari Coach 2 1 50,0 %",
        "(nimeä ei ole asetettu) 1 0 0,0 %",
        "Tiimi 3 1 33,3 %",
        "Tiimin työllistymisaste neljänneksittäin",
        "2026 Q1",
    ] {
        assert!(text.contains(wanted), "{wanted:?} not in: {text}");
    }
    let csv =
        t.f.polku
            .team_outcomes_export(q, polku_domain::fidelity::ExportFormat::Csv)
            .expect("csv");
    let csv = std::fs::read_to_string(csv).expect("csv text");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines.len(),
        1 + 2 + 1 + 4,
        "header, two coaches, the team, four quarters"
    );
    assert!(lines[3].starts_with("Tiimi;3;1;"), "{}", lines[3]);
    assert_eq!(lines[7], "Työllistymisaste 2026 Q4;;;33,3;;;");
}
