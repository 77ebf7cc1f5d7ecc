//! The use cases of the app, one method per user action. Writes validate in the domain first,
//! then run in one transaction through [`Write`](crate::write::Write), which stamps clocks and
//! fills the outbox. Reads never write.

mod clients;
mod conflicts;
mod contacts;
mod demo;
mod drafts;
mod employers;
mod evidence;
mod export;
mod jobs;
mod log_reviews;
mod reviews;
pub(crate) mod settings;
mod support;
mod team;
mod timeline;
mod today;

use crate::clock::Clock;
use crate::error::{CoreError, Result};
use crate::store::tables::meta;
use crate::store::Store;
use crate::sync::SyncStore;
use crate::write::Write;
use polku_domain::fidelity::{Scale, ScaleError};
use polku_domain::DeviceId;
use std::path::Path;
use std::sync::Arc;

pub struct Polku {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    device: DeviceId,
    /// Shipped scales plus the region's own from `<data dir>/fidelity/`.
    scales: Vec<Scale>,
    scale_errors: Vec<ScaleError>,
    /// Signalled after every committed user action; the sync engine pushes soon after.
    changed: Arc<tokio::sync::Notify>,
}

impl std::fmt::Debug for Polku {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Polku")
            .field("store", &self.store)
            .field("device", &self.device)
            .finish()
    }
}

impl Polku {
    /// Opens the database at `path` (creating it if missing) and this device's identity.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Polku> {
        let store = Store::open(path)?;
        let device = store.write(|tx| {
            if let Some(id) = meta::get(tx, meta::DEVICE_ID)? {
                return id.parse().map_err(|_| CoreError::DatabaseCorrupt {
                    path: path.to_owned(),
                    detail: "device id unreadable".into(),
                });
            }
            let id = DeviceId::from(clock.new_uuid());
            meta::set(tx, meta::DEVICE_ID, &id.to_string())?;
            Ok(id)
        })?;
        let (scales, scale_errors) =
            crate::scales::load(path.parent().map(|d| d.join("fidelity")).as_deref());
        for e in &scale_errors {
            tracing::warn!("fidelity scale not loaded: {e}");
        }
        Ok(Polku {
            store: Arc::new(store),
            clock,
            device,
            scales,
            scale_errors,
            changed: Arc::new(tokio::sync::Notify::new()),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn device(&self) -> DeviceId {
        self.device
    }

    /// Runs one user action in one transaction.
    fn write<T>(&self, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        let out = self
            .store
            .write(|tx| f(&mut Write::new(tx, &*self.clock, self.device)))?;
        self.changed.notify_one();
        Ok(out)
    }

    /// Notified after each committed user action (a stored permit if nobody is waiting).
    pub fn changed(&self) -> Arc<tokio::sync::Notify> {
        self.changed.clone()
    }

    fn today(&self) -> chrono::NaiveDate {
        self.clock.now_local().date()
    }

    /// The sync side of this store, for the sync engine (which needs nothing else of the app).
    pub fn sync(&self) -> SyncStore {
        SyncStore::new(self.store.clone(), self.clock.clone(), self.device)
    }
}

fn not_found(entity: &'static str, id: impl ToString) -> CoreError {
    CoreError::NotFound {
        entity,
        id: id.to_string(),
    }
}
