//! `serve --tls-cert/--tls-key`: the API over HTTPS with rustls.

use polku_server::serve::{serve, Options};
use std::time::Duration;

#[tokio::test]
async fn the_server_speaks_https_with_the_given_certificate() {
    let dir = tempfile::tempdir().expect("dir");
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).expect("cert");
    let (cert_pem, key_pem) = (cert.cert.pem(), cert.signing_key.serialize_pem());
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, &cert_pem).expect("write cert");
    std::fs::write(&key_path, &key_pem).expect("write key");
    let listen = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port");
    let options = Options {
        database: format!("sqlite://{}", dir.path().join("s.db").display()),
        listen,
        tls: Some((cert_path, key_path)),
        max_body: polku_server::api::DEFAULT_MAX_BODY,
    };
    let server = tokio::spawn(serve(options));

    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(cert_pem.as_bytes()).expect("pem"))
        .resolve("localhost", listen)
        .build()
        .expect("client");
    let url = format!("https://localhost:{}/v1/openapi.json", listen.port());
    let mut last = None;
    for _ in 0..50 {
        match client.get(&url).send().await {
            Ok(r) => {
                last = Some(r.status().as_u16());
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    assert_eq!(last, Some(200), "the OpenAPI document over HTTPS");
    // Plain HTTP to the TLS port is not served.
    let plain = reqwest::get(format!(
        "http://127.0.0.1:{}/v1/openapi.json",
        listen.port()
    ))
    .await;
    assert!(plain.map_or(true, |r| !r.status().is_success()));
    server.abort();
}
