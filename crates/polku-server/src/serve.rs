//! Running the server: bind, optional TLS (rustls), and a graceful shutdown that lets
//! in-flight batches commit before the process exits.

use crate::api::{self, AppState};
use crate::Db;
use axum_server::tls_rustls::RustlsConfig;
use axum_server::Handle;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Options {
    pub database: String,
    pub listen: SocketAddr,
    pub tls: Option<(PathBuf, PathBuf)>,
    pub max_body: usize,
}

/// A server running in this process (tests, benchmarks) — stopped by [`Running::stop`].
#[derive(Debug)]
pub struct Running {
    pub addr: SocketAddr,
    pub db: Arc<Db>,
    handle: Handle,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets in-flight requests finish, and closes the database.
    pub async fn stop(self) {
        self.handle.graceful_shutdown(Some(Duration::from_secs(30)));
        let _ = self.task.await;
        self.db.close().await;
    }
}

/// Starts serving `db` on `listen` (port 0 picks a free one) without TLS.
pub async fn start(db: Arc<Db>, listen: SocketAddr, max_body: usize) -> std::io::Result<Running> {
    let listener = std::net::TcpListener::bind(listen)?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let handle = Handle::new();
    let app = api::router(AppState::new(db.clone(), max_body));
    let server = axum_server::from_tcp(listener).handle(handle.clone());
    let task = tokio::spawn(server.serve(app.into_make_service()));
    Ok(Running {
        addr,
        db,
        handle,
        task,
    })
}

/// `polku-server serve`: runs until SIGTERM or Ctrl+C, then shuts down gracefully.
pub async fn serve(opts: Options) -> anyhow::Result<()> {
    let db = Arc::new(Db::open(&opts.database).await?);
    let listener = std::net::TcpListener::bind(opts.listen)?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let handle = Handle::new();
    tokio::spawn(shutdown_on_signal(handle.clone()));
    let app = api::router(AppState::new(db.clone(), opts.max_body)).into_make_service();
    let scheme = if opts.tls.is_some() { "https" } else { "http" };
    // Tests and scripts read the actual address from this line (`--listen 127.0.0.1:0`).
    println!("polku-server listening on {scheme}://{addr}");
    tracing::info!(%addr, backend = ?db.backend, "listening");
    match &opts.tls {
        Some((cert, key)) => {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let config = RustlsConfig::from_pem_file(cert, key).await?;
            axum_server::from_tcp_rustls(listener, config)
                .handle(handle)
                .serve(app)
                .await?;
        }
        None => {
            axum_server::from_tcp(listener)
                .handle(handle)
                .serve(app)
                .await?;
        }
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_on_signal(handle: Handle) {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down: finishing in-flight requests");
    handle.graceful_shutdown(Some(Duration::from_secs(30)));
}
