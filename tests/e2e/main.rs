//! End to end in the real app: the built binary (`POLKU_APP`) in a WebKit window under Xvfb,
//! driven through tauri-driver. Every test uses its own data folder and free ports, and stops
//! what it started, so runs can repeat at once.

mod accessibility;
mod coach_day;
mod drafts;
mod fidelity;
mod harness;
#[path = "../sync/http_proxy.rs"]
mod http_proxy;
mod startup;
mod supervisor;
mod sync;
