//! A supervisor's import of their team's caseloads: the coaches' records arrive named as
//! theirs, a killed import goes on from its last stored page, and a refresh pulls only what
//! changed.

use crate::devices::{base_time, provisioned_server, Device};
use crate::http_proxy::HttpProxy;
use polku_core::sync::Timing;
use polku_core::{FixedClock, Polku, SyncEngine};
use polku_domain::protocol::{Entity, RecordId};
use polku_domain::sync::{EnrolInput, SyncState};
use polku_server::service::admin;
use polku_server::testing::TestDb;
use std::path::Path;
use std::sync::Arc;

/// Three pages of a thousand (the engine's page size), the last one partial.
const CLIENTS: usize = 2_500;

/// Every client on a device with its owner, sorted: what an import must end with.
fn clients_with_owners(polku: &Polku) -> Vec<(String, String, Option<String>)> {
    let conn = polku.store().read();
    let mut stmt = conn
        .prepare("SELECT id, name FROM clients ORDER BY id")
        .expect("prepare");
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    rows.into_iter()
        .map(|(id, name)| {
            let record = RecordId::parse(&id).expect("record id");
            let owner = polku
                .sync()
                .owner_of(Entity::Client, &record)
                .expect("owner")
                .map(|o| o.to_string());
            (id, name, owner)
        })
        .collect()
}

fn open(path: &Path) -> (Arc<Polku>, Arc<SyncEngine>) {
    let clock = Arc::new(FixedClock::new(base_time()));
    let polku = Arc::new(Polku::open(path, clock).expect("open"));
    let engine = SyncEngine::new(polku.sync(), polku.changed(), Timing::default());
    (polku, engine)
}

/// The `after` of every team pull the proxy saw, in order.
fn team_pulls(proxy: &HttpProxy) -> Vec<u64> {
    proxy
        .requests()
        .iter()
        .filter(|r| r.contains("/pull") && r.contains("/teams/"))
        .map(|r| {
            r.split(['?', '&'])
                .find_map(|kv| kv.strip_prefix("after="))
                .and_then(|v| v.parse().ok())
                .expect("a team pull names its cursor")
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_killed_half_way_goes_on_from_its_last_stored_page_and_ends_as_an_uninterrupted_one(
) {
    let test_db = TestDb::sqlite();
    let (server, org) = provisioned_server(&test_db).await;
    let coach = Device::enrol(&server, &org, &org.coach, "laptop", 0).await;
    for i in 0..CLIENTS {
        coach
            .polku
            .client_create(polku_tests::client_input(format!("Asiakas {i}")))
            .expect("client");
    }
    assert_eq!(coach.sync().await, SyncState::Online);
    let elsewhere = Device::enrol(&server, &org, &org.other_coach, "laptop", 0).await;
    elsewhere
        .polku
        .client_create(polku_tests::client_input("Another team's client".into()))
        .expect("client");
    assert_eq!(elsewhere.sync().await, SyncState::Online);

    // The reference: an import that nothing interrupts.
    let uninterrupted = Device::enrol(&server, &org, &org.supervisor, "desk", 0).await;
    assert_eq!(uninterrupted.sync().await, SyncState::Online);
    let expected = clients_with_owners(&uninterrupted.polku);
    assert_eq!(
        expected.len(),
        CLIENTS,
        "the team's clients, not another team's"
    );
    assert!(
        expected
            .iter()
            .all(|(_, _, o)| *o == Some(org.coach.clone())),
        "every imported client names its coach"
    );

    // The same import through a network that stalls on the second page: the app is killed
    // while that request is in flight.
    let proxy = HttpProxy::start(&server.url()).await;
    proxy.hold("/teams/", 3); // head, first page, then the second page is held
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("polku.db");
    let (polku, engine) = open(&path);
    let code = admin::issue_code(&server.db, &org.org, &org.supervisor, 1)
        .await
        .expect("code");
    engine
        .enrol(EnrolInput {
            server_url: proxy.url(),
            code,
            device_name: "laptop".into(),
        })
        .await
        .expect("enrol");
    let round = tokio::spawn({
        let engine = engine.clone();
        async move { engine.sync_now().await }
    });
    proxy.until_held().await;
    let progress = engine
        .status()
        .expect("status")
        .import
        .expect("an import is under way");
    assert_eq!((progress.done, progress.total), (1000, CLIENTS as u64));
    assert!(progress.seconds_left.is_some(), "a pace after one page");
    round.abort();
    let _ = round.await;
    drop((engine, polku));
    proxy.release();

    // Started again: it goes on from the stored page and ends with the same data.
    let (polku, engine) = open(&path);
    assert_eq!(
        engine.sync_now().await.expect("status").state,
        SyncState::Online
    );
    assert_eq!(clients_with_owners(&polku), expected);
    assert_eq!(engine.status().expect("status").import, None, "done");
    let pulls = team_pulls(&proxy);
    assert_eq!(
        pulls.len(),
        4,
        "first page, the held one, then it again and the last: {pulls:?}"
    );
    assert_eq!(pulls[0], 0);
    assert_eq!(
        pulls[1], pulls[2],
        "only the page in flight is fetched twice: {pulls:?}"
    );
    assert!(pulls[3] > pulls[2]);

    // A refresh pulls only what changed since.
    coach
        .polku
        .client_create(polku_tests::client_input("Uusi asiakas".into()))
        .expect("client");
    assert_eq!(coach.sync().await, SyncState::Online);
    let before = proxy.requests().len();
    assert_eq!(
        engine.sync_now().await.expect("status").state,
        SyncState::Online
    );
    assert_eq!(clients_with_owners(&polku).len(), CLIENTS + 1);
    let refresh = &proxy.requests()[before..];
    assert_eq!(
        refresh
            .iter()
            .filter(|r| r.contains("/teams/") && r.contains("/pull"))
            .count(),
        1,
        "one page for one new client: {refresh:?}"
    );
    server.stop().await;
    test_db.drop_db().await;
}

/// The names of the clients a device holds, sorted.
fn client_names(polku: &Polku) -> Vec<String> {
    let mut names: Vec<String> = clients_with_owners(polku)
        .into_iter()
        .map(|(_, name, _)| name)
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_put_in_a_team_imports_it_and_one_taken_out_of_a_team_stops_asking_for_it() {
    let test_db = TestDb::sqlite();
    let (server, org) = provisioned_server(&test_db).await;
    for (coach, name) in [(&org.coach, "Aino K."), (&org.other_coach, "Olli O.")] {
        let laptop = Device::enrol(&server, &org, coach, "laptop", 0).await;
        laptop
            .polku
            .client_create(polku_tests::client_input(name.into()))
            .expect("client");
        assert_eq!(laptop.sync().await, SyncState::Online);
    }
    let desk = Device::enrol(&server, &org, &org.supervisor, "desk", 1).await;
    assert_eq!(desk.sync().await, SyncState::Online);
    assert_eq!(
        client_names(&desk.polku),
        ["Aino K."],
        "only the team supervised"
    );

    admin::join_team(&server.db, &org.org, &org.supervisor, &org.other_team)
        .await
        .expect("join");
    assert_eq!(desk.sync().await, SyncState::Online);
    assert_eq!(
        client_names(&desk.polku),
        ["Aino K.", "Olli O."],
        "the next round imports the team added"
    );

    admin::leave_team(&server.db, &org.org, &org.supervisor, &org.team)
        .await
        .expect("leave");
    assert_eq!(
        desk.sync().await,
        SyncState::Online,
        "not refused round after round for a team no longer theirs"
    );
    let teams: Vec<String> = desk
        .polku
        .sync()
        .teams()
        .expect("teams")
        .into_iter()
        .map(|t| t.id.to_string())
        .collect();
    assert_eq!(teams, std::slice::from_ref(&org.other_team));
    let rosters: Vec<String> = desk
        .polku
        .sync()
        .rosters()
        .expect("rosters")
        .into_iter()
        .map(|r| r.roster.team.id.to_string())
        .collect();
    assert_eq!(
        rosters,
        std::slice::from_ref(&org.other_team),
        "the overview's roster too"
    );
    server.stop().await;
    test_db.drop_db().await;
}
