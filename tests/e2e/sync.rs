//! Two real app instances and the real server process: both enrolled through Settings, a
//! client written while the server is down that reaches the other device once it is back, and
//! the same field edited on both devices offline, resolved by keyboard in the conflicts view
//! until both devices show the same value.

use crate::harness::{app_path, key, App};
use fantoccini::Locator;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The server binary: `POLKU_SERVER_BIN`, else the one built next to the app.
pub(crate) fn server_bin() -> PathBuf {
    let bin = std::env::var_os("POLKU_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| app_path().with_file_name("polku-server"));
    assert!(
        bin.exists(),
        "{} is not built: cargo build -p polku-server",
        bin.display()
    );
    bin
}

/// `polku-server --database … admin …`; answers what it prints (an id or a code).
pub(crate) fn admin(database: &str, args: &[&str]) -> String {
    let out = Command::new(server_bin())
        .args(["--database", database, "admin"])
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .expect("run polku-server admin");
    assert!(out.status.success(), "polku-server admin {args:?} failed");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

/// A coach in a team of a new organisation on `database`, with `codes` one-time enrolment
/// codes for their devices, made with the server's own admin commands.
fn coach_with_codes(database: &str, name: &str, codes: usize) -> Vec<String> {
    let org = admin(database, &["org-create", "Testialue"]);
    let team = admin(database, &["team-create", "--org", &org, "Tiimi 1"]);
    let coach = admin(
        database,
        &[
            "user-create",
            "--org",
            &org,
            "--role",
            "coach",
            "--team",
            &team,
            name,
        ],
    );
    (0..codes)
        .map(|_| admin(database, &["code", "--org", &org, "--user", &coach]))
        .collect()
}

/// The server process on one SQLite file and one port; a failing assertion unwinds past
/// `kill()`, so `Drop` stops it too.
pub(crate) struct Server {
    pub(crate) database: String,
    addr: SocketAddr,
    log: PathBuf,
    child: Option<Child>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

impl Server {
    pub(crate) fn new(dir: &Path) -> Server {
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port");
        Server {
            database: format!("sqlite://{}", dir.join("server.db").display()),
            addr,
            log: dir.join("server.log"),
            child: None,
        }
    }

    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Starts `serve` and waits until it says it listens.
    pub(crate) fn start(&mut self) {
        assert!(self.child.is_none(), "the server is already running");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("server log");
        let mut child = Command::new(server_bin())
            .args(["--database", &self.database, "serve", "--listen"])
            .arg(self.addr.to_string())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("start polku-server");
        let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        let _ = std::io::BufRead::read_line(&mut out, &mut line);
        self.child = Some(child);
        assert!(
            line.contains(&format!("listening on {}", self.url())),
            "the server said {line:?}; its log: {}",
            std::fs::read_to_string(&self.log).unwrap_or_default()
        );
    }

    /// SIGKILL, as a crash or a pulled plug would.
    pub(crate) fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The indicator's state (`online`, `offline`, `syncing`, …), or "" before it shows.
pub(crate) async fn sync_state(app: &App) -> String {
    app.js("return document.querySelector(\"[data-testid='sync-status']\")?.dataset.state ?? ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The indicator's "waiting to be sent" count, in whatever language the window uses.
pub(crate) async fn pending(app: &App) -> Option<u64> {
    let text = app.text_of("sync-pending").await;
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The indicator's open conflicts (no link means none).
async fn conflicts(app: &App) -> u64 {
    let text = app.text_of("sync-conflicts").await;
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

/// Whether the caseload row of `name` has the "not yet on the server" marker; `None` while
/// no row shows that name.
async fn marked_unsent(app: &App, name: &str) -> Option<bool> {
    let script = format!(
        "const row = [...document.querySelectorAll(\"[data-testid='client-row']\")] \
             .find((r) => r.querySelector('a')?.innerText.trim() === {name:?}); \
         return row ? !!row.querySelector(\"[data-testid='pending-marker']\") : null;"
    );
    app.js(&script).await.as_bool()
}

pub(crate) async fn page_text(app: &App) -> String {
    app.js("return document.querySelector('main')?.innerText ?? ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Waits until the indicator is online with nothing waiting to be sent.
pub(crate) async fn wait_synced(app: &App, what: &str) {
    app.eventually(what, || async {
        sync_state(app).await == "online" && pending(app).await == Some(0)
    })
    .await;
}

/// "Sync now", then waits until the round has sent everything.
pub(crate) async fn sync_now(app: &App, what: &str) {
    app.click("sync-now").await;
    wait_synced(app, what).await;
}

/// Connects the device in Settings with the server address and a one-time code.
pub(crate) async fn enrol(app: &App, server: &str, code: &str, device: &str) {
    submit_enrolment(app, server, code, device).await;
    app.eventually("the device is connected", || async {
        !app.text_of("sync-server").await.is_empty()
    })
    .await;
    wait_synced(app, "the new device is online with nothing waiting").await;
    app.eventually("the indicator shows when it last synced", || async {
        app.text_of("sync-last")
            .await
            .chars()
            .any(|c| c.is_ascii_digit())
    })
    .await;
}

/// Types the server address, the code and the device's name in Settings and presses Enter.
pub(crate) async fn submit_enrolment(app: &App, server: &str, code: &str, device: &str) {
    app.click("nav-settings").await;
    app.find("sync-server-url")
        .await
        .send_keys(server)
        .await
        .expect("type the server address");
    app.find("sync-code")
        .await
        .send_keys(code)
        .await
        .expect("type the code");
    let name = app.find("sync-device-name").await;
    name.clear().await.expect("clear the device name");
    // Enter in the last field submits the form, as a keyboard user connects.
    name.send_keys(&format!("{device}{}", key::ENTER))
        .await
        .expect("type the device name");
}

/// Opens the client's page from the caseload.
async fn open_client(app: &App, name: &str) {
    app.click("nav-caseload").await;
    let link = app
        .client
        .wait()
        .at_most(crate::harness::WAIT)
        .for_element(Locator::LinkText(name))
        .await
        .unwrap_or_else(|e| panic!("no link to {name} in the caseload: {e}"));
    let arg = serde_json::to_value(&link).expect("element reference");
    app.client
        .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
        .await
        .expect("scroll to the client");
    link.click().await.expect("open the client");
    app.find("client-edit").await;
}

/// Replaces the client's notes through the edit form.
async fn edit_notes(app: &App, name: &str, notes: &str) {
    open_client(app, name).await;
    app.click("client-edit").await;
    let field = app.find("client-notes").await;
    field.clear().await.expect("clear the notes");
    field.send_keys(notes).await.expect("type the notes");
    app.click("client-save").await;
    app.eventually("the saved notes show on the client's page", || async {
        page_text(app).await.contains(notes) && !app.text_of("client-edit").await.is_empty()
    })
    .await;
}

#[tokio::test]
async fn a_client_written_offline_reaches_the_other_device_and_a_conflicting_edit_is_resolved_by_keyboard_on_both(
) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Server::new(dir.path());
    let [code_a, code_b] =
        <[String; 2]>::try_from(coach_with_codes(&server.database, "Hanna Lehtonen", 2))
            .expect("two codes");
    server.start();

    // Two devices of the same coach, each with its own data folder and a quick sync timer.
    let env = [("POLKU_SYNC_INTERVAL_MS", "500")];
    let (dir_a, dir_b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&dir_a).expect("dir a");
    std::fs::create_dir_all(&dir_b).expect("dir b");
    let a = App::start_with_env(&dir_a, &env).await;
    let b = App::start_with_env(&dir_b, &env).await;
    enrol(&a, &server.url(), &code_a, "Kannettava").await;
    enrol(&b, &server.url(), &code_b, "Tabletti").await;

    // Offline: A writes a client while the server is down; it waits on A, marked.
    server.kill();
    let name = "Eero Esimerkki";
    a.start_new_client(name).await;
    a.click("client-save").await;
    a.find("client-edit").await;
    a.click("nav-caseload").await;
    a.eventually("the client is marked as not yet on the server", || async {
        marked_unsent(&a, name).await == Some(true)
    })
    .await;
    a.eventually("A shows it is offline with a record waiting", || async {
        sync_state(&a).await == "offline" && pending(&a).await.is_some_and(|n| n >= 1)
    })
    .await;

    // Online again: A sends it on its own, and B has it after "Sync now".
    server.start();
    wait_synced(&a, "A sends the waiting client once the server is back").await;
    a.eventually("the marker is gone", || async {
        marked_unsent(&a, name).await == Some(false)
    })
    .await;
    b.click("nav-caseload").await;
    b.click("sync-now").await;
    b.eventually("the client from A is in B's caseload", || async {
        marked_unsent(&b, name).await == Some(false)
    })
    .await;

    // Conflict: the same field edited on both devices while the server is down.
    server.kill();
    let (notes_a, notes_b) = (
        "Aamuvuorot sopivat parhaiten.",
        "Iltavuorot sopivat paremmin.",
    );
    edit_notes(&a, name, notes_a).await;
    // B's edit is the later one, so it is the one in the record once both are sent.
    edit_notes(&b, name, notes_b).await;
    a.eventually("A has the edit waiting", || async {
        pending(&a).await.is_some_and(|n| n >= 1)
    })
    .await;
    b.eventually("B has the edit waiting", || async {
        pending(&b).await.is_some_and(|n| n >= 1)
    })
    .await;
    server.start();
    sync_now(&a, "A sends its edit").await;
    sync_now(&b, "B sends its edit").await;
    a.click("sync-now").await;
    a.eventually("A shows one conflict", || async {
        conflicts(&a).await == 1
    })
    .await;

    // A resolves it by keyboard: both values are shown, and A takes its own back.
    a.find("sync-conflicts")
        .await
        .send_keys(key::ENTER)
        .await
        .expect("follow the conflicts link");
    let kept = a.find("conflict-kept").await.text().await.expect("kept");
    let lost = a.find("conflict-lost").await.text().await.expect("lost");
    assert!(kept.contains(notes_b), "the record holds B's value: {kept}");
    assert!(lost.contains(notes_a), "A's value is the other one: {lost}");
    a.find("conflict-use-other")
        .await
        .send_keys(key::ENTER)
        .await
        .expect("use the other value");
    a.find("conflicts-empty").await;

    // Both devices agree, and neither has a conflict left.
    sync_now(&a, "A sends the resolution").await;
    sync_now(&b, "B takes the resolution").await;
    for (app, device) in [(&a, "A"), (&b, "B")] {
        app.eventually(&format!("{device} has no conflict left"), || async {
            app.text_of("sync-conflicts").await.is_empty()
        })
        .await;
        open_client(app, name).await;
        app.eventually(&format!("{device} shows the chosen notes"), || async {
            let text = page_text(app).await;
            text.contains(notes_a) && !text.contains(notes_b)
        })
        .await;
        app.click("nav-settings").await;
        app.click("settings-conflicts").await;
        app.find("conflicts-empty").await;
    }

    a.stop().await;
    b.stop().await;
    server.kill();
}

/// A device of the coach's in this process that records `n` employer contacts and pushes
/// them, so the server holds `n` changes for the coach's other devices to pull.
pub(crate) async fn feed(server: &str, code: &str, n: usize) {
    use polku_core::sync::Timing;
    use polku_core::{Polku, SyncEngine, SystemClock};
    use polku_domain::EmployerInput;
    let dir = tempfile::tempdir().expect("feeder dir");
    let polku = Polku::open(
        &dir.path().join("polku.db"),
        std::sync::Arc::new(SystemClock),
    )
    .expect("feeder store");
    let employer = polku
        .employer_create(EmployerInput {
            name: "Kesko Oy".into(),
            business_id: None,
            sector: "Kauppa".into(),
            location: "Tampere".into(),
        })
        .expect("employer");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    let contacts = (0..n)
        .map(|i| {
            let at = day.and_hms_opt(9, 0, 0).expect("time") + chrono::Duration::minutes(i as i64);
            polku_tests::contact_input(employer.id, at, &format!("Yhteyshenkilö {i}"), "esimies")
        })
        .collect();
    polku.contacts_import(contacts).expect("contacts");
    let engine = SyncEngine::new(polku.sync(), polku.changed(), Timing::default());
    engine
        .enrol(polku_domain::sync::EnrolInput {
            server_url: server.to_owned(),
            code: code.to_owned(),
            device_name: "Syöttäjä".into(),
        })
        .await
        .expect("feeder enrolled");
    let status = engine.sync_now().await.expect("pushed");
    assert_eq!(status.pending, 0, "the feeder sent everything: {status:?}");
}

/// One round trip of a command from the page: how long it took, and its answer.
async fn invoke_from_page(app: &App, cmd: &str) -> (f64, serde_json::Value) {
    let answer = app
        .client
        .execute_async(
            "const [cmd, done] = arguments; \
             const t0 = performance.now(); \
             window.__TAURI_INTERNALS__.invoke(cmd).then( \
               (answer) => done({ms: performance.now() - t0, answer}), \
               (e) => done({error: String(e)}));",
            vec![serde_json::Value::from(cmd)],
        )
        .await
        .unwrap_or_else(|e| panic!("{cmd} from the page: {e}"));
    assert!(answer["error"].is_null(), "{cmd} failed: {answer}");
    (answer["ms"].as_f64().expect("ms"), answer["answer"].clone())
}

/// How long a real click (WebDriver, the window, the page) takes to reach the page's handler.
async fn click_latency(app: &App, test_id: &str) -> f64 {
    let armed = app
        .js(&format!(
            "window.__clicked = null; \
             document.querySelector(\"[data-testid='{test_id}']\").addEventListener('click', \
               () => {{ window.__clicked = performance.now(); }}, {{once: true}}); \
             return performance.now();"
        ))
        .await
        .as_f64()
        .expect("armed");
    app.click(test_id).await;
    let handled = app.js("return window.__clicked").await;
    handled.as_f64().expect("the click reached the page") - armed
}

fn slowest(v: &[f64]) -> f64 {
    v.iter().copied().fold(0.0_f64, f64::max)
}

/// What used to freeze the window: a command waiting on the main thread for the database
/// while a sync page was written. Now, while a 10,000-change pull is applied, the window's
/// main thread answers (`app_status` runs there) and a store read answers (`sync_status`,
/// which the indicator polls), each within 100 ms; and a real click is handled within 100 ms
/// of the slowest click on the idle window after the pull (WebDriver's own round trip, up to
/// ~100 ms here, is in both).
#[tokio::test]
async fn the_window_answers_clicks_and_reads_at_once_while_a_10000_change_pull_is_applied() {
    const CHANGES: u64 = 10_000;
    const ANSWER_MS: f64 = 100.0;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Server::new(dir.path());
    let [feeder, laptop] =
        <[String; 2]>::try_from(coach_with_codes(&server.database, "Hanna L.", 2))
            .expect("two codes");
    server.start();
    feed(&server.url(), &feeder, CHANGES as usize).await;

    // A new device of the coach enrols through Settings and starts pulling everything.
    let app_dir = dir.path().join("app");
    std::fs::create_dir_all(&app_dir).expect("app dir");
    let app = App::start(&app_dir).await;
    app.click("nav-settings").await;
    app.find("sync-server-url")
        .await
        .send_keys(&server.url())
        .await
        .expect("type the server address");
    app.find("sync-code")
        .await
        .send_keys(&format!("{laptop}{}", key::ENTER))
        .await
        .expect("type the code and connect");

    let (mut main_thread, mut reads, mut clicks, mut cursors) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let (ms, status) = invoke_from_page(&app, "sync_status").await;
        let cursor = status["pullCursor"].as_u64().expect("cursor");
        if status["state"] == "syncing" {
            reads.push(ms);
            cursors.push(cursor);
            main_thread.push(invoke_from_page(&app, "app_status").await.0);
            clicks.push(click_latency(&app, "sync-status").await);
        } else if cursor >= CHANGES {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the pull did not finish: {status}"
        );
    }
    let moved = cursors
        .first()
        .zip(cursors.last())
        .is_some_and(|(a, b)| b > a);
    assert!(
        reads.len() >= 3 && moved,
        "the measurements overlap pages being written: {} samples at cursors {cursors:?}",
        reads.len()
    );
    let mut idle = Vec::new();
    for _ in 0..reads.len().max(10) {
        idle.push(click_latency(&app, "sync-status").await);
    }
    eprintln!(
        "during the pull ({} samples, cursor {:?}…{:?}): slowest main-thread command {:.0} ms, read {:.0} ms, click {:.0} ms (idle window: {:.0} ms)",
        reads.len(),
        cursors.first(),
        cursors.last(),
        slowest(&main_thread),
        slowest(&reads),
        slowest(&clicks),
        slowest(&idle)
    );
    assert!(
        slowest(&main_thread) < ANSWER_MS,
        "the window's main thread waited: {main_thread:?} ms"
    );
    assert!(
        slowest(&reads) < ANSWER_MS,
        "a read waited behind the pull: {reads:?} ms"
    );
    assert!(
        slowest(&clicks) < slowest(&idle) + ANSWER_MS,
        "a click waited behind the pull: {clicks:?} ms (idle {idle:?})"
    );
    app.stop().await;
    server.kill();
}
