//! Team-shared employers between real devices and the real server: a coach sees the team's
//! employers and when a colleague last met one, the duplicate warning checks them, a
//! correction made by a colleague reaches the employer's coach — and nothing of a colleague's
//! clients or notes reaches anyone but their coach and supervisor.

use crate::devices::{provisioned_server, Device};
use polku_domain::sync::SyncState;
use polku_domain::ContactMode;
use polku_server::testing::TestDb;

async fn team_shares_its_employers(test_db: TestDb) {
    let (server, org) = provisioned_server(&test_db).await;
    let aino = Device::enrol(&server, &org, &org.coach, "aino", 0).await;
    let mira = aino
        .polku
        .client_create(polku_tests::client_input("Mira Muuttaja".into()))
        .expect("client");
    let cafe = aino
        .polku
        .employer_create(polku_tests::cafe("Kahvila Alto"))
        .expect("employer");
    let met = aino.clock_now();
    aino.polku
        .contact_create(polku_domain::ContactInput {
            client_ids: vec![mira.id],
            notes: "Mira esittäytyi".into(),
            ..polku_tests::contact_input(cafe.id, met, "Pirjo", "omistaja")
        })
        .expect("contact");
    assert_eq!(aino.sync().await, SyncState::Online);

    // Eeva, of the same team, sees the employer and Aino's visit: when, how, by whom.
    let eeva = Device::enrol(&server, &org, &org.colleague, "eeva", 1).await;
    assert_eq!(eeva.sync().await, SyncState::Online);
    let listed = eeva.polku.employers_list("").expect("employers");
    let seen = listed
        .iter()
        .find(|e| e.id == cafe.id)
        .expect("the team's employer is listed");
    let colleague = seen.colleague_contact.as_ref().expect("Aino's visit");
    assert_eq!(
        (colleague.on, colleague.coach.as_str(), colleague.mode),
        (met.date(), "Aino Coach", Some(ContactMode::FaceToFace))
    );
    assert_eq!(seen.contact_count, 0, "none of Eeva's own");
    // Nothing of Aino's client or notes, and nothing counts as Eeva's own work.
    assert!(eeva
        .polku
        .clients_list(&Default::default())
        .expect("clients")
        .is_empty());
    assert!(eeva.polku.client_get(mira.id).is_err());
    let today = eeva.polku.today_view().expect("today");
    assert_eq!(today.week_face_to_face, 0, "{today:?}");
    for table in ["employer_contacts", "clients", "contact_clients"] {
        assert_eq!(eeva.count(table), 0, "{table} on Eeva's device");
    }
    // The duplicate warning checks the team's employers.
    let similar = eeva
        .polku
        .employers_similar("KAHVILA ALTO oy", "Tampere")
        .expect("similar");
    assert_eq!(similar.iter().map(|e| e.id).collect::<Vec<_>>(), [cafe.id]);

    // Eeva corrects the name; Aino's device receives it, the employer still Aino's.
    eeva.polku
        .employer_update(cafe.id, polku_tests::cafe("Kahvila Aalto"))
        .expect("a colleague corrects the team's employer");
    assert_eq!(eeva.sync().await, SyncState::Online);
    assert_eq!(aino.sync().await, SyncState::Online);
    assert_eq!(
        aino.polku
            .employer_get(cafe.id)
            .expect("employer")
            .input
            .name,
        "Kahvila Aalto"
    );
    assert!(aino
        .polku
        .sync()
        .conflicts_open()
        .expect("conflicts")
        .is_empty());

    // Eeva visits Aino's employer herself. Her new computer, enrolled next, pulls the visit
    // and the colleague's employer it names, and sets nothing aside.
    eeva.polku
        .contact_create(polku_tests::contact_input(
            cafe.id,
            eeva.clock_now(),
            "Pirjo",
            "omistaja",
        ))
        .expect("Eeva's visit at Aino's employer");
    assert_eq!(eeva.sync().await, SyncState::Online);
    let desk = Device::enrol(&server, &org, &org.colleague, "eeva-desk", 1).await;
    let status = desk.engine.sync_now().await.expect("status");
    assert_eq!((status.state, status.quarantined), (SyncState::Online, 0));
    assert_eq!(
        desk.polku.employer_contacts(cafe.id).expect("visits").len(),
        1
    );

    // Eeva types the employer again and logs a visit there; Aino's laptop, before it hears
    // of the merge, logs one more at the duplicate. Sari, their supervisor, merges it.
    let again = eeva
        .polku
        .employer_create(polku_tests::cafe("KAHVILA AALTO"))
        .expect("a duplicate");
    let visit = |d: &Device, notes: &str| polku_domain::ContactInput {
        notes: notes.into(),
        ..polku_tests::contact_input(again.id, d.clock_now(), "Pirjo", "omistaja")
    };
    eeva.polku
        .contact_create(visit(&eeva, "Eevan käynti"))
        .expect("Eeva's visit");
    assert_eq!(eeva.sync().await, SyncState::Online);
    assert_eq!(aino.sync().await, SyncState::Online);
    let sari = Device::enrol(&server, &org, &org.supervisor, "sari", 3).await;
    assert_eq!(sari.sync().await, SyncState::Online);
    // A day later, before her laptop hears of the merge below.
    aino.clock
        .set(crate::devices::base_time() + chrono::Duration::days(1));
    aino.polku
        .contact_create(visit(&aino, "Ainon käynti ennen yhdistämistä"))
        .expect("Aino's visit, offline, at the duplicate");
    sari.polku
        .employers_merge(polku_domain::EmployerMerge {
            keep: cafe.id,
            duplicate: again.id,
        })
        .expect("merged");
    assert_eq!(sari.sync().await, SyncState::Online);
    // A coach cannot merge (the device says so before the server would).
    assert!(matches!(
        eeva.polku.employers_merge(polku_domain::EmployerMerge {
            keep: again.id,
            duplicate: cafe.id
        }),
        Err(polku_core::CoreError::NotTeamLead)
    ));
    for d in [&aino, &eeva, &sari] {
        assert_eq!(d.sync().await, SyncState::Online, "{}", d.name);
    }
    assert_eq!(aino.sync().await, SyncState::Online);
    // Every device: one Kahvila Aalto, holding every visit made at either.
    let directory = |d: &Device| -> Vec<(String, u32)> {
        d.polku
            .employers_list("kahvila")
            .expect("employers")
            .into_iter()
            .map(|e| (e.name, e.contact_count))
            .collect()
    };
    assert_eq!(
        directory(&aino),
        [("Kahvila Aalto".to_owned(), 2)],
        "her two"
    );
    assert_eq!(
        directory(&eeva),
        [("Kahvila Aalto".to_owned(), 2)],
        "her two"
    );
    assert_eq!(
        directory(&sari),
        [("Kahvila Aalto".to_owned(), 4)],
        "the team's"
    );
    let aino_visits = aino.polku.employer_contacts(cafe.id).expect("visits");
    assert!(aino_visits.iter().any(
        |c| c.notes == "Ainon käynti ennen yhdistämistä" && c.employer_name == "Kahvila Aalto"
    ));
    // Eeva's view of Aino's latest visit, made at the duplicate, is Kahvila Aalto's.
    let eeva_sees = eeva.polku.employers_list("kahvila").expect("employers");
    assert_eq!(
        eeva_sees[0]
            .colleague_contact
            .as_ref()
            .map(|c| (c.coach.as_str(), c.on)),
        Some(("Aino Coach", met.date() + chrono::Duration::days(1))),
        "her visit at the duplicate is her latest at Kahvila Aalto"
    );
    assert_eq!(
        polku_server::testing::duplicate_changes(&server.db).await,
        0
    );

    // A coach of another team sees none of it.
    let olli = Device::enrol(&server, &org, &org.other_coach, "olli", 2).await;
    assert_eq!(olli.sync().await, SyncState::Online);
    assert!(olli.polku.employers_list("").expect("employers").is_empty());
    server.stop().await;
    test_db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_sees_the_teams_employers_and_a_colleagues_last_visit_but_no_client_on_sqlite() {
    team_shares_its_employers(TestDb::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_sees_the_teams_employers_and_a_colleagues_last_visit_but_no_client_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        team_shares_its_employers(db).await;
    }
}
