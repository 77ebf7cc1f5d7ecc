//! A third-party client fuzzes the API: schemathesis (from PyPI; `cargo xtask test` installs it
//! and sets `POLKU_SCHEMATHESIS`) reads `/v1/openapi.json` and sends hundreds of generated
//! requests with a valid device token. No response may be a 5xx or break the documented schema.

use crate::devices::{enrol_over_http, provisioned_server};
use polku_server::service::admin;
use polku_server::testing::TestDb;
use std::process::Command;

async fn fuzz(st: &str, test_db: TestDb) {
    let (server, org) = provisioned_server(&test_db).await;
    let code = admin::issue_code(&server.db, &org.org, &org.coach, 1)
        .await
        .expect("code");
    let enrolled = enrol_over_http(&server.url(), &code, "schemathesis").await;
    let url = format!("{}/v1/openapi.json", server.url());
    let token = format!("Authorization: Bearer {}", enrolled.token);
    let st = st.to_owned();
    // Fixed seed: the same cases every run, so a red CI is a real regression, not luck.
    let out = tokio::task::spawn_blocking(move || {
        Command::new(st)
            .args(["run", &url, "-H", &token, "-H", "Polku-Protocol: 1"])
            .args(["--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"])
            .args(["--max-examples", "40", "--workers", "1", "--seed", "20261122"])
            .env("NO_COLOR", "1")
            .output()
            .expect("run schemathesis")
    })
    .await
    .expect("join");
    let report = String::from_utf8_lossy(&out.stdout);
    let summary: Vec<&str> = report
        .lines()
        .filter(|l| l.contains("generated") || l.contains("passed") || l.contains("failed"))
        .collect();
    println!(
        "schemathesis on {}: {}",
        test_db.backend,
        summary.join(" | ")
    );
    assert!(
        out.status.success(),
        "schemathesis found problems on {}:\n{report}",
        test_db.backend
    );
    server.stop().await;
    test_db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_server_error_and_no_response_off_the_schema() {
    let Some(st) = polku_server::testing::tool("POLKU_SCHEMATHESIS", "schemathesis") else {
        return;
    };
    for db in TestDb::all().await {
        fuzz(&st, db).await;
    }
}
