//! An HTTP proxy on loopback that logs every request it forwards (path and query) and can hold
//! the n-th request matching a pattern unanswered, as a network that stalls mid-transfer: a test
//! kills the app while that request is in flight, then counts what was fetched.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

#[derive(Default)]
struct Shared {
    upstream: String,
    log: Mutex<Vec<String>>,
    /// Hold the n-th request whose path contains the text (1-based).
    hold: Mutex<Option<(String, usize)>>,
    held: Notify,
    release: Notify,
}

pub struct HttpProxy {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl HttpProxy {
    pub async fn start(upstream: &str) -> HttpProxy {
        let shared = Arc::new(Shared {
            upstream: upstream.trim_end_matches('/').to_owned(),
            ..Shared::default()
        });
        let app = axum::Router::new()
            .fallback(forward)
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind proxy");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, app).await });
        HttpProxy { addr, shared }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Holds the `nth` request whose path contains `pattern` until [`HttpProxy::release`].
    pub fn hold(&self, pattern: &str, nth: usize) {
        *self.shared.hold.lock().expect("hold") = Some((pattern.to_owned(), nth));
    }

    /// Returns once the held request has arrived.
    pub async fn until_held(&self) {
        self.shared.held.notified().await;
    }

    /// Lets a held request go on (it is answered 503: its client is gone by then).
    pub fn release(&self) {
        *self.shared.hold.lock().expect("hold") = None;
        self.shared.release.notify_waiters();
    }

    /// Every request forwarded or held so far, as path and query.
    pub fn requests(&self) -> Vec<String> {
        self.shared.log.lock().expect("log").clone()
    }
}

async fn forward(State(p): State<Arc<Shared>>, req: Request) -> Response {
    let target = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_owned(), ToString::to_string);
    let held = {
        let mut log = p.log.lock().expect("log");
        log.push(target.clone());
        let hold = p.hold.lock().expect("hold");
        hold.as_ref().is_some_and(|(pattern, nth)| {
            log.iter().filter(|l| l.contains(pattern.as_str())).count() == *nth
                && target.contains(pattern.as_str())
        })
    };
    if held {
        // Registered before telling the test, so a release right after is not missed.
        let released = p.release.notified();
        p.held.notify_one();
        released.await;
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let (parts, body) = req.into_parts();
    let body: Bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    };
    let mut headers = parts.headers.clone();
    headers.remove(axum::http::header::HOST);
    headers.remove(axum::http::header::CONTENT_LENGTH);
    let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes()).expect("method");
    let sent = reqwest::Client::new()
        .request(method, format!("{}{target}", p.upstream))
        .headers(to_reqwest(&headers))
        .body(body)
        .send()
        .await;
    let Ok(resp) = sent else {
        return StatusCode::BAD_GATEWAY.into_response();
    };
    let status = StatusCode::from_u16(resp.status().as_u16()).expect("status");
    let mut out = Response::builder().status(status);
    for (k, v) in resp.headers() {
        if k.as_str() != "content-length" && k.as_str() != "transfer-encoding" {
            out = out.header(k.as_str(), v.as_bytes());
        }
    }
    let bytes = resp.bytes().await.unwrap_or_default();
    out.body(Body::from(bytes)).expect("response")
}

fn to_reqwest(h: &HeaderMap) -> reqwest::header::HeaderMap {
    let mut out = reqwest::header::HeaderMap::new();
    for (k, v) in h {
        if let (Ok(k), Ok(v)) = (
            reqwest::header::HeaderName::from_bytes(k.as_str().as_bytes()),
            reqwest::header::HeaderValue::from_bytes(v.as_bytes()),
        ) {
            out.append(k, v);
        }
    }
    out
}
