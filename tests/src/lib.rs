//! Test-only package. The end-to-end tests live in `e2e/`: they drive the built Polku app in a
//! real WebKit window through tauri-driver and WebKitWebDriver (run them with
//! `cargo xtask test`, which builds the app, installs the drivers and provides a display).
//! `sync/` runs real devices against the real server; `src/bin/sync-device.rs` is a device
//! as its own process for the fault tests. This library holds what they share.

use polku_domain::{
    ClientInput, ContactInput, ContactMode, ContactPurpose, EmployerId, EmployerInput, Stage,
};

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

/// A café in Tampere, as a coach types a new employer.
pub fn cafe(name: &str) -> EmployerInput {
    EmployerInput {
        name: name.into(),
        business_id: None,
        sector: "Ravintola".into(),
        location: "Tampere".into(),
    }
}

/// A face-to-face contact with a known employer to learn its needs, on behalf of no client.
pub fn contact_input(
    employer: EmployerId,
    occurred_at: chrono::NaiveDateTime,
    person: &str,
    role: &str,
) -> ContactInput {
    ContactInput {
        employer_id: Some(employer),
        new_employer: None,
        occurred_at,
        contact_person: person.into(),
        contact_role: role.into(),
        mode: ContactMode::FaceToFace,
        client_ids: Vec::new(),
        client_present: false,
        purposes: vec![ContactPurpose::LearnNeeds],
        outcome: None,
        next_step: String::new(),
        next_step_due: None,
        notes: String::new(),
    }
}
