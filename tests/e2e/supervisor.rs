//! A supervisor's week in two real app windows and the real server process: the coach logs a
//! contact offline and syncs; the supervisor imports the team with the progress bar, reads the
//! coach's figures with how fresh they are, opens the coach's week and marks it reviewed; the
//! coach syncs and finds the review on Today, and V6's evidence names the reviewer; the
//! supervisor's app, restarted with the server down, still shows the team. axe checks the team
//! overview and the coach's week.

use crate::accessibility::{axe_source, violations};
use crate::harness::{key, App};
use crate::http_proxy::HttpProxy;
use crate::sync::{admin, feed, page_text, submit_enrolment, sync_now, wait_synced, Server};

/// A team with a coach and their supervisor: `(team id, coach codes, supervisor code)`.
fn team(database: &str, coach_codes: usize) -> (String, Vec<String>, String) {
    let org = admin(database, &["org-create", "Testialue"]);
    let team = admin(database, &["team-create", "--org", &org, "IPS Tampere"]);
    let user = |role: &str, name: &str| {
        let args = [
            "user-create",
            "--org",
            &org,
            "--role",
            role,
            "--team",
            &team,
            name,
        ];
        admin(database, &args)
    };
    let (coach, supervisor) = (
        user("coach", "Aino Valmentaja"),
        user("supervisor", "Sari Esihenkilö"),
    );
    let code = |user: &str| admin(database, &["code", "--org", &org, "--user", user]);
    (
        team.clone(),
        (0..coach_codes).map(|_| code(&coach)).collect(),
        code(&supervisor),
    )
}

/// Invokes a command from the page, as the UI does, and answers its result.
async fn invoke(app: &App, cmd: &str, args: serde_json::Value) -> serde_json::Value {
    let answer = app
        .client
        .execute_async(
            "const [cmd, args, done] = arguments; \
             window.__TAURI_INTERNALS__.invoke(cmd, args).then( \
               (ok) => done({ok}), (e) => done({error: e}));",
            vec![serde_json::Value::from(cmd), args],
        )
        .await
        .expect("invoke ran");
    assert!(answer["error"].is_null(), "{cmd} failed: {answer}");
    answer["ok"].clone()
}

#[tokio::test]
async fn a_supervisor_imports_the_team_reviews_a_coachs_week_and_the_coach_sees_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Server::new(dir.path());
    let (team_id, coach_codes, supervisor_code) = team(&server.database, 2);
    server.start();
    // The coach's earlier months, from another of their devices: enough for an import that
    // takes a while.
    feed(&server.url(), &coach_codes[1], 10_000).await;

    let env = [("POLKU_SYNC_INTERVAL_MS", "500")];
    let (coach_dir, supervisor_dir) = (dir.path().join("coach"), dir.path().join("supervisor"));
    std::fs::create_dir_all(&coach_dir).expect("coach dir");
    std::fs::create_dir_all(&supervisor_dir).expect("supervisor dir");
    let coach = App::start_with_env(&coach_dir, &env).await;
    crate::sync::enrol(&coach, &server.url(), &coach_codes[0], "Kannettava").await;

    // In the field with no network: a face-to-face visit logged by keyboard, then synced.
    server.kill();
    coach.click("nav-today").await;
    coach.keys(&format!("{}k", key::CONTROL)).await;
    coach
        .find("contact-employer")
        .await
        .send_keys("Testikauppa Oy")
        .await
        .expect("employer");
    coach.keys(key::ENTER).await;
    coach.keys(&format!("{}{}", key::CONTROL, key::ENTER)).await;
    coach.find("toast").await;
    coach.wait_text("today-week-count", "1").await;
    server.start();
    sync_now(&coach, "the coach's visit reaches the server").await;

    // The supervisor enrols and imports the team, watching the progress bar.
    // The supervisor enrols through a proxy that holds the import's second page: the import is
    // half-way, and the progress bar says so, until the network comes back.
    let proxy = HttpProxy::start(&server.url()).await;
    let team_pull = format!("/v1/teams/{team_id}/pull");
    proxy.hold(&team_pull, 2);
    let supervisor = App::start_with_env(&supervisor_dir, &env).await;
    submit_enrolment(&supervisor, &proxy.url(), &supervisor_code, "Työasema").await;
    proxy.until_held().await;
    let progress =
        || async {
            supervisor
            .js("const bar = document.querySelector(\"[data-testid='sync-import'] progress\"); \
                 return bar ? [bar.value, bar.max] : null;")
            .await
        };
    supervisor
        .eventually("the progress bar shows the import under way", || async {
            let bar = progress().await;
            let (done, total) = (
                bar[0].as_f64().unwrap_or(0.0),
                bar[1].as_f64().unwrap_or(0.0),
            );
            total >= 10_000.0 && done > 0.0 && done < total
        })
        .await;
    assert!(
        !supervisor.text_of("sync-import").await.is_empty(),
        "the bar says how far it is in words too"
    );
    proxy.release();
    supervisor
        .eventually("the import is done and its bar gone", || async {
            progress().await.is_null() && crate::sync::sync_state(&supervisor).await == "online"
        })
        .await;
    wait_synced(&supervisor, "the supervisor is online with nothing waiting").await;
    // It went on from the page it had stored: only the held page was asked for twice.
    let mut pages = std::collections::HashMap::<String, usize>::new();
    for r in proxy
        .requests()
        .into_iter()
        .filter(|r| r.contains(&team_pull))
    {
        *pages.entry(r).or_default() += 1;
    }
    let again: Vec<_> = pages.iter().filter(|(_, n)| **n > 1).collect();
    assert_eq!(
        again.len(),
        1,
        "only the page in flight was fetched again: {pages:?}"
    );
    assert!(
        pages.len() >= 10,
        "10,000 changes in pages of 1,000: {pages:?}"
    );

    // The team overview is the supervisor's first item: Aino's figures, as of her laptop's sync.
    supervisor.open_screen("nav-team", "team-coach").await;
    let row = supervisor.text_of("team-coach").await;
    assert!(row.contains("Aino Valmentaja"), "{row}");
    assert!(row.contains("Kannettava"), "her laptop's last sync: {row}");
    supervisor
        .eventually("the team's trend chart is drawn", || async {
            supervisor
                .js(
                    r#"const c = document.querySelector("[data-testid='team-chart']");
                       if (!c || !c.width || !c.height) return false;
                       const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                       for (let i = 3; i < px.length; i += 4) if (px[i]) return true;
                       return false;"#,
                )
                .await
                .as_bool()
                == Some(true)
        })
        .await;
    let axe = axe_source();
    let mut found: Vec<String> = violations(&supervisor, &axe)
        .await
        .into_iter()
        .map(|v| format!("team: {v}"))
        .collect();

    // Her week: the visit, and the review with a comment, by keyboard.
    supervisor.click("team-week").await;
    supervisor.find("week-contact").await;
    assert!(page_text(&supervisor).await.contains("Testikauppa Oy"));
    found.extend(
        violations(&supervisor, &axe)
            .await
            .into_iter()
            .map(|v| format!("week: {v}")),
    );
    supervisor
        .find("review-comment")
        .await
        .send_keys("Hyvä alku viikolle.")
        .await
        .expect("comment");
    supervisor
        .find("week-mark-reviewed")
        .await
        .send_keys(key::ENTER)
        .await
        .expect("mark reviewed");
    supervisor
        .eventually("the review shows with the reviewer", || async {
            supervisor
                .text_of("week-review")
                .await
                .contains("Sari Esihenkilö")
        })
        .await;
    sync_now(&supervisor, "the review reaches the server").await;
    assert!(found.is_empty(), "axe found: {found:#?}");

    // The coach's next sync brings it to Today, and V6's evidence names the reviewer.
    coach.click("nav-today").await;
    sync_now(&coach, "the coach syncs").await;
    coach
        .eventually("Today shows the supervisor's review", || async {
            let text = coach.text_of("log-review").await;
            text.contains("Sari Esihenkilö") && text.contains("Hyvä alku viikolle.")
        })
        .await;
    coach.click("nav-fidelity").await;
    coach.click("review-new").await;
    coach
        .find("review-scale")
        .await
        .select_by_value("ips-25")
        .await
        .expect("IPS-25");
    coach.click("review-start").await;
    coach.find("item-title").await;
    let hash = coach.js("return location.hash").await;
    let review = hash
        .as_str()
        .and_then(|h| h.strip_prefix("#review:"))
        .expect("the review's page")
        .to_owned();
    let evidence = invoke(&coach, "review_evidence", serde_json::json!({"id": review})).await;
    assert_eq!(evidence["employerContact"]["weeksReviewed"], 1);
    assert_eq!(
        evidence["employerContact"]["reviewers"],
        serde_json::json!(["Sari Esihenkilö"])
    );

    // The supervisor's app, restarted with the server down, still shows the team.
    server.kill();
    supervisor.stop().await;
    let supervisor = App::start_with_env(&supervisor_dir, &env).await;
    supervisor.open_screen("nav-team", "team-coach").await;
    assert!(supervisor
        .text_of("team-coach")
        .await
        .contains("Aino Valmentaja"));

    supervisor.stop().await;
    coach.stop().await;
}
