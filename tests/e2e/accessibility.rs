//! axe-core's WCAG 2.1 AA rules on the main screens of the real app, with the demo caseload.

use crate::harness::{key, App};
use std::path::PathBuf;

pub(crate) fn axe_source() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} (run npm ci in ui/): {e}", path.display()))
}

pub(crate) async fn violations(app: &App, axe: &str) -> Vec<String> {
    let loaded = app.js(&format!("{axe}\n;return typeof window.axe;")).await;
    assert_eq!(
        loaded.as_str(),
        Some("object"),
        "axe-core loaded into the page"
    );
    let result = app
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, { runOnly: { type: 'tag',
                   values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                 .then(r => done(r.violations.map(v => v.id + ': ' +
                     v.nodes.map(n => n.target.join(' ')).join(', '))))
                 .catch(e => done(['axe failed: ' + e]));"#,
            vec![],
        )
        .await
        .expect("axe ran");
    serde_json::from_value(result).expect("a list of violations")
}

#[tokio::test]
async fn every_main_screen_passes_axe_wcag_21_aa_in_the_real_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::start(dir.path()).await;
    app.click("nav-settings").await;
    app.click("demo-load").await;
    let axe = axe_source();
    let mut found = Vec::new();
    // Each screen is checked once it shows its data: the element named beside it is there
    // only then.
    for (screen, ready) in [
        ("nav-today", "today-week-count"),
        ("nav-caseload", "client-row"),
        ("nav-employers", "employer-row"),
        ("nav-settings", "settings-scales"),
    ] {
        app.open_screen(screen, ready).await;
        for v in violations(&app, &axe).await {
            found.push(format!("{screen}: {v}"));
        }
    }
    app.click("nav-caseload").await;
    app.find("client-row").await;
    // The link may sit below the fold of the scrolling main area; a click from script is
    // enough here, the keyboard paths are covered by the other tests.
    app.js("document.querySelector(\"[data-testid='client-row'] a\").click(); return true;")
        .await;
    app.find("client-edit").await;
    for v in violations(&app, &axe).await {
        found.push(format!("client: {v}"));
    }
    app.keys(&format!("{}k", key::CONTROL)).await;
    app.find("contact-employer").await;
    for v in violations(&app, &axe).await {
        found.push(format!("quick-add: {v}"));
    }
    app.stop().await;
    assert!(
        found.is_empty(),
        "accessibility violations:\n{}",
        found.join("\n")
    );
}
