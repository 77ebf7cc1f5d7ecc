//! A device as its own process, for the fault tests: opens a Polku database, enrols if given a
//! code, records `--writes` clients (continuing after a restart), syncing as it goes, then syncs
//! until its queue is empty and exits. The tests SIGKILL it at random moments.

use polku_core::sync::Timing;
use polku_core::{Polku, SyncEngine, SystemClock};
use polku_domain::sync::{EnrolInput, SyncState};
use std::sync::Arc;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let db = arg("--db").ok_or("--db PATH")?;
    let prefix = arg("--prefix").unwrap_or_else(|| "process".into());
    let writes: usize = arg("--writes").and_then(|w| w.parse().ok()).unwrap_or(0);
    let polku = Arc::new(Polku::open(db.as_ref(), Arc::new(SystemClock))?);
    let engine = SyncEngine::new(polku.sync(), polku.changed(), Timing::default());
    if let (Some(server), Some(code)) = (arg("--server"), arg("--code")) {
        if polku.sync().config()?.is_none() {
            engine
                .enrol(EnrolInput {
                    server_url: server,
                    code,
                    device_name: prefix.clone(),
                })
                .await?;
        }
    }
    let done = polku
        .clients_list(&Default::default())?
        .iter()
        .filter(|c| c.name.starts_with(&prefix))
        .count();
    for i in done..writes {
        polku.client_create(polku_tests::client_input(format!("{prefix} {i}")))?;
        if i % 3 == 0 {
            engine.sync_now().await?;
        }
    }
    loop {
        let s = engine.sync_now().await?;
        if s.state == SyncState::Online && s.pending == 0 {
            println!("drained");
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
