//! An empty Tauri window showing an empty HTML page, built with the same crates as Polku: the
//! memory and start-up baseline for `cargo xtask bench startup`. (about:blank would not start
//! WebKit's web process at all, which would flatter the baseline.)

const EMPTY_PAGE: &str = "<!doctype html><title>empty</title><body></body>";

fn main() {
    let mut context = tauri::generate_context!();
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        .register_uri_scheme_protocol("empty", |_ctx, _request| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html")
                .body(EMPTY_PAGE.as_bytes().to_vec())
                .unwrap_or_default()
        })
        .setup(|app| {
            let url = tauri::WebviewUrl::External("empty://localhost/".parse()?);
            tauri::WebviewWindowBuilder::new(app, "empty", url)
                .title("empty")
                .inner_size(1200.0, 800.0)
                .build()?;
            eprintln!("empty window ready");
            Ok(())
        })
        .run(context);
    if let Err(e) = result {
        eprintln!("empty window failed: {e}");
        std::process::exit(1);
    }
}
