//! Sync between real devices (polku-core on SQLite files) and the real server over loopback
//! HTTP, on SQLite and PostgreSQL: convergence against an independent oracle, idempotent
//! replays, and faults injected into real processes.

mod convergence;
mod devices;
mod faults;
mod handover;
mod http_proxy;
mod idempotency;
mod import;
mod network;
mod owners;
mod proxy;
mod resplit;
mod revoked;
mod schemathesis;
mod shared;
mod shutdown;
