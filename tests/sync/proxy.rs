//! A fault-injecting TCP proxy on loopback between the devices and the server. While enabled,
//! each connection may be cut partway through the request, or have its response dropped after
//! the server has answered (so the server committed but the device never hears it). In front of
//! several servers it takes turns: each new connection goes to the next one.

use rand::Rng;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Default)]
pub struct Counts {
    pub connections: AtomicU64,
    /// Connections forwarded to each upstream, in the order they were given.
    pub per_upstream: Vec<AtomicU64>,
    pub cut_requests: AtomicU64,
    pub dropped_responses: AtomicU64,
}

pub struct Proxy {
    pub addr: SocketAddr,
    pub enabled: Arc<AtomicBool>,
    pub counts: Arc<Counts>,
}

impl Proxy {
    /// Forwards each new connection to the next of `upstreams` in turn (devices alternating
    /// between servers); a fault hits each connection with probability `p` when enabled.
    pub async fn start(upstreams: Vec<SocketAddr>, p: f64) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let addr = listener.local_addr().expect("addr");
        let enabled = Arc::new(AtomicBool::new(false));
        let counts = Arc::new(Counts {
            per_upstream: upstreams.iter().map(|_| AtomicU64::new(0)).collect(),
            ..Counts::default()
        });
        let (on, n) = (enabled.clone(), counts.clone());
        tokio::spawn(async move {
            while let Ok((inbound, _)) = listener.accept().await {
                let i = n.connections.fetch_add(1, Ordering::Relaxed);
                let which = usize::try_from(i).unwrap_or(0) % upstreams.len();
                n.per_upstream[which].fetch_add(1, Ordering::Relaxed);
                tokio::spawn(pipe(inbound, upstreams[which], p, on.clone(), n.clone()));
            }
        });
        Proxy {
            addr,
            enabled,
            counts,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn faults(&self) -> u64 {
        self.counts.cut_requests.load(Ordering::Relaxed)
            + self.counts.dropped_responses.load(Ordering::Relaxed)
    }
}

/// Pumps both directions. Connections are reused for many requests, so each chunk read rolls
/// the dice: a request chunk may be cut short, a response chunk thrown away (the server has
/// committed by the time it answers).
async fn pipe(
    mut inbound: TcpStream,
    upstream: SocketAddr,
    p: f64,
    enabled: Arc<AtomicBool>,
    counts: Arc<Counts>,
) {
    let Ok(mut outbound) = TcpStream::connect(upstream).await else {
        return; // the server is down: the device sees a reset connection
    };
    let (mut ri, mut wi) = inbound.split();
    let (mut ro, mut wo) = outbound.split();
    let (mut up, mut down) = (vec![0u8; 16 * 1024], vec![0u8; 16 * 1024]);
    loop {
        let fault = enabled.load(Ordering::Relaxed) && rand::rng().random_bool(p / 2.0);
        tokio::select! {
            r = ri.read(&mut up) => {
                let Ok(n) = r else { return };
                if n == 0 {
                    return;
                }
                if fault {
                    let cut = rand::rng().random_range(0..n);
                    let _ = wo.write_all(&up[..cut]).await;
                    counts.cut_requests.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                if wo.write_all(&up[..n]).await.is_err() {
                    return;
                }
            }
            r = ro.read(&mut down) => {
                let Ok(n) = r else { return };
                if n == 0 {
                    return;
                }
                if fault {
                    counts.dropped_responses.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                if wi.write_all(&down[..n]).await.is_err() {
                    return;
                }
            }
        }
    }
}
