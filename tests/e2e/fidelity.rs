//! A fidelity self-assessment in the real app: the demo caseload, a review completed by
//! keyboard with suggestions accepted, the total and band, a PDF export and a restart.

use crate::harness::{key, App};

/// What the review page shows for the current item.
async fn current_item(app: &App) -> serde_json::Value {
    app.js(
        r#"const q = (s) => document.querySelector(`[data-testid='${s}']`);
           return {
             title: q('item-title')?.innerText ?? '',
             suggestion: !!q('suggestion-accept') && !q('suggestion-accept').disabled,
             anchored: !!q('rating-1'),
             components: [...document.querySelectorAll("[data-testid^='component-']")]
                 .filter((c) => !c.checked).map((c) => c.dataset.testid),
             number: !!q('rating-value'),
             checklist: !!q('answer-yes'),
           };"#,
    )
    .await
}

#[tokio::test]
async fn a_coach_completes_a_review_by_keyboard_accepting_suggestions_and_exports_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::start(dir.path()).await;
    app.click("nav-settings").await;
    app.click("demo-load").await;
    app.find("toast").await;

    app.click("nav-fidelity").await;
    app.click("review-new").await;
    app.find("review-scale")
        .await
        .select_by_value("ips-25")
        .await
        .expect("IPS-25");
    app.click("review-start").await;
    app.find("item-title").await;

    let band_before = app
        .find("review-band")
        .await
        .text()
        .await
        .expect("the band placeholder");
    let mut accepted = 0;
    for n in 1..=25 {
        let item = current_item(&app).await;
        if item["suggestion"].as_bool() == Some(true) {
            // Enter on the focused button, as a keyboard user accepts it.
            app.find("suggestion-accept")
                .await
                .send_keys(key::ENTER)
                .await
                .expect("accept the suggestion");
            accepted += 1;
        } else if item["anchored"].as_bool() == Some(true) {
            // Number keys choose an anchor when no text field has focus.
            app.js("document.activeElement?.blur(); return true;").await;
            app.keys("4").await;
        } else if let Some(ids) = item["components"].as_array().filter(|c| !c.is_empty()) {
            for id in ids.iter().filter_map(|v| v.as_str()).take(4) {
                app.find(id)
                    .await
                    .send_keys(" ")
                    .await
                    .expect("tick with Space");
            }
        } else if item["number"].as_bool() == Some(true) {
            let field = app.find("rating-value").await;
            field.send_keys("95").await.expect("type a value");
            field.send_keys(key::TAB).await.expect("leave the field");
        } else if item["checklist"].as_bool() == Some(true) {
            app.find("answer-yes")
                .await
                .send_keys(" ")
                .await
                .expect("answer yes");
        }
        let rated = format!(" {n}/25");
        app.eventually(&format!("{n} items are rated"), || async {
            app.text_of("review-rated").await.contains(&rated)
        })
        .await;
        if n < 25 {
            let title = item["title"].as_str().unwrap_or_default().to_owned();
            app.js("document.activeElement?.blur(); return true;").await;
            app.keys(key::PAGE_DOWN).await;
            app.eventually("the next item opens", || async {
                current_item(&app).await["title"].as_str() != Some(title.as_str())
            })
            .await;
        }
    }
    assert!(
        accepted >= 2,
        "the demo evidences at least S1 and the job items; accepted {accepted}"
    );
    let total = app.text_of("review-total").await;
    assert!(total.contains("/ 125"), "a total out of 125: {total}");
    let band = app.text_of("review-band").await;
    assert!(
        !band.trim().is_empty() && band != band_before,
        "a band replaces the 'pending' text once every item is rated: {band:?}"
    );

    // Export: the PDF lands in the data folder and reads back.
    app.client
        .find(fantoccini::Locator::Css(
            "[data-testid='review-export-pdf']",
        ))
        .await
        .expect("export button")
        .click()
        .await
        .expect("export");
    let exports = dir.path().join("exports");
    app.eventually("a PDF is written", || async {
        std::fs::read_dir(&exports)
            .map(|d| {
                d.flatten()
                    .any(|e| e.path().extension().is_some_and(|x| x == "pdf"))
            })
            .unwrap_or(false)
    })
    .await;
    let pdf = std::fs::read_dir(&exports)
        .expect("exports")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("pdf");
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Laatuarviointi"), "{text}");

    // The review is still there after a restart.
    app.stop().await;
    let app = App::start(dir.path()).await;
    app.click("nav-fidelity").await;
    let total = total.trim().to_owned();
    app.eventually(
        "the review is listed, complete, with the same total",
        || async {
            let row = app.text_of("review-row").await;
            row.contains(&total) && row.contains("25/25")
        },
    )
    .await;
    app.stop().await;
}
