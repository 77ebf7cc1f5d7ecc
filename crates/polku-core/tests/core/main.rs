//! Integration tests for polku-core, on real SQLite files in temporary directories.

mod caseload;
mod contacts;
mod employers;
mod evidence;
mod log_reviews;
mod reviews;
mod store;
mod support;
mod sync;
mod team_reviews;
mod whose;

use chrono::{NaiveDate, NaiveDateTime};
use polku_core::{FixedClock, Polku};
use polku_domain::{ClientInput, ContactInput, ContactMode, ContactPurpose, EmployerInput, Stage};
use std::sync::Arc;
use tempfile::TempDir;

/// Sunday 22 November 2026, 10:00 — a fixed "now" for every test.
pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid time")
}

pub struct Fixture {
    pub dir: TempDir,
    pub clock: Arc<FixedClock>,
    pub polku: Polku,
}

impl Fixture {
    pub fn open() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(FixedClock::new(now()));
        let polku = Polku::open(&dir.path().join("polku.db"), clock.clone()).expect("open");
        Fixture { dir, clock, polku }
    }

    pub fn db_path(&self) -> std::path::PathBuf {
        self.dir.path().join("polku.db")
    }

    /// A stored client with the test defaults.
    pub fn client(&self, name: &str) -> polku_domain::Client {
        self.polku.client_create(client(name)).expect("client")
    }

    /// A stored employer.
    pub fn employer(&self, name: &str, location: &str) -> polku_domain::Employer {
        self.polku
            .employer_create(employer(name, location))
            .expect("employer")
    }

    /// The next push batch, read back as the server would.
    pub fn pushed(&self) -> polku_domain::protocol::PushRequest {
        let batch = self
            .polku
            .sync()
            .outbox_batch(None, 100)
            .expect("batch")
            .expect("something queued");
        serde_json::from_slice(&batch.json).expect("a push request")
    }

    /// The user this installation is enrolled as.
    pub fn user(&self) -> polku_domain::UserId {
        self.polku
            .sync()
            .config()
            .expect("config")
            .and_then(|c| c.user_id)
            .expect("enrolled")
    }

    pub fn reopen(self) -> Fixture {
        let Fixture { dir, clock, polku } = self;
        drop(polku);
        let polku = Polku::open(&dir.path().join("polku.db"), clock.clone()).expect("reopen");
        Fixture { dir, clock, polku }
    }
}

pub fn client(name: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        responsible_professional: "Hanna Lehtonen".into(),
        stage: Stage::RapidJobSearch,
        referral_date: NaiveDate::from_ymd_opt(2026, 9, 1),
        entry_date: NaiveDate::from_ymd_opt(2026, 9, 8),
        profile_started_date: None,
        benefits_planning_date: None,
        disclosure_discussed_date: None,
        employed_at_entry: false,
        preferences: "Varastotyö".into(),
        notes: String::new(),
    }
}

pub fn employer(name: &str, location: &str) -> EmployerInput {
    EmployerInput {
        name: name.into(),
        business_id: None,
        sector: "Kauppa".into(),
        location: location.into(),
    }
}

pub fn contact(employer: polku_domain::EmployerId, at: NaiveDateTime) -> ContactInput {
    ContactInput {
        employer_id: Some(employer),
        new_employer: None,
        occurred_at: at,
        contact_person: "Maija Laine".into(),
        contact_role: "myymäläpäällikkö".into(),
        mode: ContactMode::FaceToFace,
        client_ids: vec![],
        client_present: false,
        purposes: vec![ContactPurpose::LearnNeeds],
        outcome: None,
        next_step: String::new(),
        next_step_due: None,
        notes: String::new(),
    }
}
