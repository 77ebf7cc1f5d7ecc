//! An empty Tauri window (about:blank), built with the same crates as Polku: the memory and
//! start-up baseline for `cargo xtask bench startup`.

fn main() {
    let mut context = tauri::generate_context!();
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        .setup(|app| {
            let url = tauri::WebviewUrl::External("about:blank".parse()?);
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
