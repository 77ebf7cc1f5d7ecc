//! Test-only package. The end-to-end tests live in `e2e/`: they drive the built Polku app in a
//! real WebKit window through tauri-driver and WebKitWebDriver (run them with
//! `cargo xtask test`, which builds the app, installs the drivers and provides a display).
//! `sync/` runs real devices against the real server; `src/bin/sync-device.rs` is a device
//! as its own process for the fault tests. This library holds what they share.

use polku_domain::{ClientInput, Stage};

/// A client as a coach first records them: a name and the coach responsible, nothing else.
pub fn client_input(name: String) -> ClientInput {
    ClientInput {
        name,
        responsible_professional: "Hanna Lehtonen".into(),
        stage: Stage::Engagement,
        referral_date: None,
        entry_date: None,
        profile_started_date: None,
        benefits_planning_date: None,
        disclosure_discussed_date: None,
        employed_at_entry: false,
        preferences: String::new(),
        notes: String::new(),
    }
}
