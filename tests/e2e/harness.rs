//! Starting and stopping the app under tauri-driver, and small helpers for the UI.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(20);

/// Two different free loopback ports. Both listeners are held until both ports are known: a
/// port let go and asked for again can come back the same, and tauri-driver given one port
/// twice never answers.
fn free_ports() -> (u16, u16) {
    let bind = || TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    let (a, b) = (bind(), bind());
    let port = |l: &TcpListener| l.local_addr().expect("its address").port();
    (port(&a), port(&b))
}

pub fn app_path() -> PathBuf {
    let p = std::env::var_os("POLKU_APP")
        .map(PathBuf::from)
        .expect("POLKU_APP must point at the built app (cargo xtask test sets it)");
    assert!(p.exists(), "{} is not built", p.display());
    p
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let cargo_bin = home.join(".cargo/bin/tauri-driver");
    if cargo_bin.exists() {
        cargo_bin
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// One running app: tauri-driver (its own process group) plus a WebDriver session.
pub struct App {
    pub client: Client,
    /// Until it is stopped.
    driver: Option<Child>,
    pub data_dir: PathBuf,
}

/// A failing assertion unwinds past `stop()`: the drivers and the app still go, so the next
/// run finds its ports free and no window left over.
impl Drop for App {
    fn drop(&mut self) {
        self.stop_driver();
    }
}

impl App {
    pub async fn start(data_dir: &Path) -> App {
        App::start_with_env(data_dir, &[]).await
    }

    /// Starts the app with extra environment variables: the app inherits tauri-driver's
    /// environment (through WebKitWebDriver), so they are set on tauri-driver.
    pub async fn start_with_env(data_dir: &Path, env: &[(&str, &str)]) -> App {
        let (driver, url) = spawn_driver(data_dir, env);
        match connect(&url, data_dir).await {
            Ok(client) => App {
                client,
                driver: Some(driver),
                data_dir: data_dir.to_owned(),
            },
            Err(e) => {
                // No App owns the driver yet: stop it here, or it outlives the test.
                stop_group(driver);
                panic!("could not start a WebDriver session: {e}")
            }
        }
    }

    /// Closes the window and stops the drivers.
    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        if let Some(driver) = self.driver.take() {
            stop_group(driver);
        }
    }

    /// SIGKILLs the app process (found by its data folder), as a crash or power cut would.
    pub async fn kill_app_hard(mut self) {
        let pids = app_pids(&self.data_dir);
        assert!(!pids.is_empty(), "the app process was not found");
        for pid in pids {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        // Gone, not just signalled: the next start must find the file as the kill left it.
        let dir = self.data_dir.clone();
        self.eventually("the killed app is gone", || {
            let gone = app_pids(&dir).is_empty();
            async move { gone }
        })
        .await;
        self.stop_driver();
    }

    pub async fn find(&self, test_id: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("[data-testid='{test_id}']")))
            .await
        {
            Ok(el) => el,
            Err(e) => {
                let text = self
                    .client
                    .execute(
                        "return location.hash + '\\n' + document.body.innerText",
                        vec![],
                    )
                    .await
                    .unwrap_or_default();
                panic!("no element with data-testid={test_id}: {e}\npage: {text}")
            }
        }
    }

    /// Opens a screen from the navigation and waits until it shows `ready`, an element that is
    /// there only once the screen's data is on display.
    pub async fn open_screen(&self, nav: &str, ready: &str) {
        self.click(nav).await;
        self.find(ready).await;
    }

    /// Waits until `f` returns true or fails the test with `what`.
    pub async fn eventually<F, Fut>(&self, what: &str, mut f: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let met = poll(Instant::now() + WAIT, || {
            let check = f();
            async move {
                if check.await {
                    Ok(())
                } else {
                    Err(())
                }
            }
        });
        if met.await.is_ok() {
            return;
        }
        let shot = std::env::temp_dir().join("polku-e2e-failure.png");
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(&shot, png);
        }
        let text = self
            .client
            .execute("return document.body.innerText", vec![])
            .await
            .unwrap_or_default();
        panic!(
            "timed out waiting until {what}\nscreenshot: {}\npage text: {text}",
            shot.display()
        );
    }

    /// Clicks an element after scrolling it into view: WebKitWebDriver does not scroll a
    /// scrolling `<main>` by itself and answers "not interactable" instead.
    pub async fn click(&self, test_id: &str) {
        let el = self.find(test_id).await;
        let arg = serde_json::to_value(&el).expect("element reference");
        self.client
            .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
            .await
            .unwrap_or_else(|e| panic!("could not scroll to {test_id}: {e}"));
        el.click()
            .await
            .unwrap_or_else(|e| panic!("could not click {test_id}: {e}"));
    }

    /// Opens the new-client form from the caseload and types a name into it.
    pub async fn start_new_client(&self, name: &str) {
        self.click("nav-caseload").await;
        self.click("client-new").await;
        self.find("client-name")
            .await
            .send_keys(name)
            .await
            .expect("type the name");
    }

    /// The element's text now, or "" when it is not (yet) there: for polling in `eventually`,
    /// where a page mid-update may briefly answer with an error.
    pub async fn text_of(&self, test_id: &str) -> String {
        match self
            .client
            .find(Locator::Css(&format!("[data-testid='{test_id}']")))
            .await
        {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Waits for an element's text to equal `expected`.
    pub async fn wait_text(&self, test_id: &str, expected: &str) {
        let what = format!("{test_id} shows {expected:?}");
        self.eventually(&what, || async {
            self.text_of(test_id).await.trim() == expected
        })
        .await;
    }

    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Types into whatever has focus, as a keyboard would.
    pub async fn keys(&self, keys: &str) {
        let el = self
            .client
            .active_element()
            .await
            .expect("a focused element");
        el.send_keys(keys).await.expect("send keys");
    }
}

/// tauri-driver on two free ports, with the app's environment: the process and its URL.
fn spawn_driver(data_dir: &Path, env: &[(&str, &str)]) -> (Child, String) {
    let (port, native_port) = free_ports();
    let driver = Command::new(tauri_driver())
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("POLKU_DATA_DIR", data_dir)
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // Its own group, so stopping it also stops the WebKitWebDriver it starts.
        .process_group(0)
        .spawn()
        .expect("start tauri-driver");
    (driver, format!("http://127.0.0.1:{port}"))
}

/// A WebDriver session with the app in it, once the driver at `url` answers (or its error).
async fn connect(url: &str, data_dir: &Path) -> Result<Client, String> {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({
            "application": app_path(),
            "args": ["--data-dir", data_dir],
        }),
    );
    poll(Instant::now() + WAIT, || {
        let caps = caps.clone();
        async move {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            ClientBuilder::new(connector)
                .capabilities(caps)
                .connect(url)
                .await
        }
    })
    .await
    .map_err(|e| e.to_string())
}

/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(100);

/// Tries `attempt` every [`POLL`] until it succeeds, or answers its last error once `deadline`
/// has passed: the one way the harness waits for a condition.
async fn poll<T, E, F, Fut>(deadline: Instant, mut attempt: F) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    let mut every = tokio::time::interval(POLL);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        match attempt().await {
            Ok(v) => return Ok(v),
            Err(e) if Instant::now() >= deadline => return Err(e),
            Err(_) => {}
        }
    }
}

/// Stops a driver and the WebKitWebDriver it started: TERM to its group, and KILL if it has
/// not exited within 5 s. Runs in `Drop` too, so it waits on a thread, not on the runtime.
fn stop_group(mut driver: Child) {
    let group = format!("-{}", driver.id());
    // "--" matters: without it some kill builds read "-<pgid>" as an option, and a
    // negative number can end up meaning "every process".
    let signal = |name: &str| {
        let _ = Command::new("kill")
            .args(["-s", name, "--", &group])
            .status();
    };
    signal("TERM");
    let (exited, exit) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = exited.send(driver.wait());
    });
    if exit.recv_timeout(Duration::from_secs(5)).is_err() {
        signal("KILL");
        let _ = exit.recv();
    }
}

/// Processes running the Polku binary with this data folder.
fn app_pids(data_dir: &Path) -> Vec<u32> {
    let app = app_path().canonicalize().unwrap_or_else(|_| app_path());
    let needle = data_dir.to_string_lossy().into_owned();
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            exe.as_deref() == Some(app.as_path())
                && String::from_utf8_lossy(&cmdline).contains(&needle)
        })
        .collect()
}

/// WebDriver key codes.
pub mod key {
    pub const ENTER: &str = "\u{E007}";
    pub const CONTROL: &str = "\u{E009}";
    pub const TAB: &str = "\u{E004}";
    pub const PAGE_DOWN: &str = "\u{E00F}";
}
