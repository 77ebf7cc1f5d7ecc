//! The sync engine: one background loop per app. It runs a round at start-up, a few seconds
//! after local writes, on a timer, and again with exponential backoff and jitter while the
//! server cannot be reached — never waiting for a new local write to retry. Database work runs
//! on tokio's blocking pool, so the UI's commands never wait for the network.

use super::local::PullScope;
use super::SyncStore;
use crate::error::{CoreError, Result};
use polku_domain::protocol::{
    ApiError, EnrolRequest, EnrolResponse, HandoverRequest, HandoverResponse, HeadQuery, PullQuery,
    PullResponse, PushResponse, Role, ScopeHead, StatusResponse, SyncErrorCode, TeamRoster,
    PROTOCOL_HEADER, PROTOCOL_VERSION,
};
use polku_domain::sync::{EnrolInput, ImportProgress, SyncError, SyncState, SyncStatus};
use rand::Rng;
use std::io::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

/// When rounds run. Tests shorten these.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// Wait after a local write before pushing, so a burst of edits goes in one round.
    pub after_write: Duration,
    /// A round at least this often while online (picks up other devices' changes).
    pub interval: Duration,
    /// First retry delay after a failure; doubles up to `max_backoff`.
    pub min_backoff: Duration,
    pub max_backoff: Duration,
    /// While the server cannot be reached, its address is tried this often (a TCP connect,
    /// no request), so a returning network starts a round at once instead of at the next
    /// backoff.
    pub probe: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            after_write: Duration::from_secs(2),
            interval: Duration::from_secs(60),
            min_backoff: Duration::from_secs(1),
            // Capped at a minute; a returning network is noticed sooner by the probe.
            max_backoff: Duration::from_secs(60),
            probe: Duration::from_secs(5),
        }
    }
}

/// Mutations per push: about 600 kB of JSON, 30 kB on the wire; fewer, larger commits (2,000
/// measured no faster: less of the device's reading overlaps the server's storing). A 413
/// halves it.
pub const PUSH_BATCH: u32 = 1000;
const PULL_PAGE: u32 = 1000;
/// How often a coach's device asks which teams its user works in.
const IDENTIFY_EVERY: Duration = Duration::from_secs(600);

/// How a round failed: `offline` rounds are retried with backoff; the others wait for the
/// coach or an administrator.
#[derive(Debug)]
enum Failure {
    Offline(SyncError),
    Refused(SyncError),
    Local(CoreError),
}

impl Failure {
    fn error(&self) -> SyncError {
        match self {
            Failure::Offline(e) | Failure::Refused(e) => e.clone(),
            Failure::Local(e) => SyncError::new(SyncErrorCode::LocalError, e.to_string()),
        }
    }
}

pub struct SyncEngine {
    local: SyncStore,
    /// Signalled after each committed user action.
    changed: Arc<Notify>,
    http: reqwest::Client,
    timing: Timing,
    wake: Notify,
    /// One round at a time (the loop and "sync now" share it).
    round_lock: tokio::sync::Mutex<()>,
    syncing: AtomicBool,
    /// `None` until the first round of this run.
    online: Mutex<Option<bool>>,
    batch: AtomicU32,
    /// A supervisor's import of team caseloads while one runs.
    import: Mutex<Option<ImportRun>>,
    /// When this engine last asked the server who its user is (`GET /v1/sync/status`).
    identified_at: Mutex<Option<std::time::Instant>>,
}

/// The import under way: changes stored of those the server held when it started.
#[derive(Clone, Copy, Debug)]
struct ImportRun {
    done: u64,
    total: u64,
    started: std::time::Instant,
}

impl ImportRun {
    fn progress(&self) -> ImportProgress {
        // Time left at the pace so far; none before the first page gives a pace.
        let elapsed = self.started.elapsed().as_secs_f64();
        let seconds_left = (self.done > 0).then(|| {
            let left = self.total.saturating_sub(self.done) as f64;
            (left * elapsed / self.done as f64).ceil() as u64
        });
        ImportProgress {
            done: self.done,
            total: self.total.max(self.done),
            seconds_left,
        }
    }
}

impl std::fmt::Debug for SyncEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncEngine").finish_non_exhaustive()
    }
}

/// The "a round is under way" flag, set while this lives: cleared however the round ends,
/// also by a panic.
struct Syncing<'a>(&'a AtomicBool);

impl<'a> Syncing<'a> {
    fn start(flag: &'a AtomicBool) -> Syncing<'a> {
        flag.store(true, Ordering::Relaxed);
        Syncing(flag)
    }
}

impl Drop for Syncing<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        // 15 s without a byte — a connection gone quiet (a mobile network that drops it
        // without a word, a proxy that lost its other side), or a server that has not begun
        // to answer — is a failed round, retried with backoff; a batch sent again is
        // recognised by the server. A large page that keeps moving still has the minute.
        .read_timeout(Duration::from_secs(15))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("polku/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default()
}

fn offline(e: &reqwest::Error) -> Failure {
    // reqwest's own text says only "error sending request"; its causes say what happened
    // (refused, reset, timed out), which is what a support person asks for.
    let mut message = format!("the server could not be reached: {e}");
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        message.push_str(&format!(": {c}"));
        cause = c.source();
    }
    Failure::Offline(SyncError::new(SyncErrorCode::Offline, message))
}

impl SyncEngine {
    /// The engine over `local`, woken by `changed` (the app's [`crate::Polku::changed`]).
    pub fn new(local: SyncStore, changed: Arc<Notify>, timing: Timing) -> Arc<SyncEngine> {
        Arc::new(SyncEngine {
            local,
            changed,
            http: http_client(),
            timing,
            wake: Notify::new(),
            round_lock: tokio::sync::Mutex::new(()),
            syncing: AtomicBool::new(false),
            online: Mutex::new(None),
            batch: AtomicU32::new(PUSH_BATCH),
            import: Mutex::new(None),
            identified_at: Mutex::new(None),
        })
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&SyncStore) -> Result<T> + Send + 'static,
    ) -> std::result::Result<T, Failure> {
        let local = self.local.clone();
        tokio::task::spawn_blocking(move || f(&local))
            .await
            .map_err(|e| Failure::Local(CoreError::Decode(e.to_string())))?
            .map_err(Failure::Local)
    }

    /// The sync side of the store this engine works on (the UI's markers and conflicts).
    pub fn local(&self) -> &SyncStore {
        &self.local
    }

    /// The status bar's view: state, waiting records, last sync, last error.
    pub fn status(&self) -> Result<SyncStatus> {
        let r = self.local.record()?;
        let online = *self.online.lock().unwrap_or_else(|e| e.into_inner());
        let state = match &r.config {
            None => SyncState::NotEnrolled,
            Some(c) if c.revoked => SyncState::Revoked,
            Some(_) if self.syncing.load(Ordering::Relaxed) => SyncState::Syncing,
            Some(_) => match (online, &r.last_error) {
                (Some(false), _) => SyncState::Offline,
                (_, Some(e)) if e.code != SyncErrorCode::Offline => SyncState::Stuck,
                (None, Some(_)) => SyncState::Offline,
                _ => SyncState::Online,
            },
        };
        Ok(SyncStatus {
            state,
            server_url: r.config.as_ref().map(|c| c.server_url.clone()),
            user_name: r.config.as_ref().map(|c| c.user_name.clone()),
            pending: r.pending,
            last_sync_at: r.last_ok,
            last_error: r.last_error,
            conflicts: r.conflicts,
            quarantined: r.quarantined,
            pull_cursor: r.pull_cursor,
            leads_team: r.config.as_ref().is_some_and(|c| c.role != Role::Coach),
            import: self
                .import
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .map(|run| run.progress()),
        })
    }

    /// Connects this device to a server with a one-time code, then syncs.
    pub async fn enrol(&self, input: EnrolInput) -> Result<SyncStatus> {
        let url = input.server_url.trim().trim_end_matches('/').to_owned();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            let mut e = polku_domain::ValidationErrors::default();
            e.add("serverUrl", polku_domain::ValidationCode::Invalid);
            return Err(e.into());
        }
        let body = EnrolRequest {
            code: input.code.trim().to_owned(),
            device_name: input.device_name.trim().to_owned(),
        };
        let resp = self
            .http
            .post(format!("{url}/v1/enrol"))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .json(&body)
            .send()
            .await
            .map_err(|e| CoreError::Sync {
                code: SyncErrorCode::Offline,
                message: format!("the server could not be reached: {e}"),
            })?;
        if !resp.status().is_success() {
            let e = api_error(resp).await;
            return Err(CoreError::Sync {
                code: e.code,
                message: e.message,
            });
        }
        let enrolled: EnrolResponse = resp.json().await.map_err(|e| CoreError::Sync {
            code: SyncErrorCode::BadResponse,
            message: e.to_string(),
        })?;
        // Not while a round runs: its late acknowledgement would move the reset outbox on.
        let _one = self.round_lock.lock().await;
        let local = self.local.clone();
        tokio::task::spawn_blocking(move || local.enrolled(&url, &enrolled))
            .await
            .map_err(|e| CoreError::Decode(e.to_string()))??;
        *self.online.lock().unwrap_or_else(|e| e.into_inner()) = Some(true);
        self.nudge();
        self.status()
    }

    /// Moves a coach's client, with all their records, to another coach: a supervisor's
    /// request the server decides (it needs the server; offline it is `offline` and nothing
    /// changes). A round follows, so this device's records show the client where it is now
    /// — unless a round is already running (an import of a region can take a minute): it is
    /// asked for then, and the screen is answered at once.
    pub async fn hand_over(
        &self,
        client: polku_domain::ClientId,
        to: polku_domain::UserId,
    ) -> Result<HandoverResponse> {
        let local = self.local.clone();
        let config = tokio::task::spawn_blocking(move || local.config())
            .await
            .map_err(|e| CoreError::Decode(e.to_string()))??
            .filter(|c| c.role != Role::Coach);
        let Some(config) = config else {
            return Err(CoreError::Sync {
                code: SyncErrorCode::Forbidden,
                message: "only a supervisor's enrolled device hands a client over".into(),
            });
        };
        let body = HandoverRequest {
            client_id: client,
            to_user_id: to,
        };
        let failed = |f: Failure| {
            let e = f.error();
            CoreError::Sync {
                code: e.code,
                message: e.message,
            }
        };
        let resp = self
            .request(
                reqwest::Method::POST,
                &config.server_url,
                "/v1/handovers",
                &config.token,
            )
            .json(&body)
            .send()
            .await
            .map_err(|e| failed(offline(&e)))?;
        if !resp.status().is_success() {
            return Err(failed(refused(resp).await));
        }
        let body = resp.bytes().await.map_err(|e| failed(offline(&e)))?;
        let done: HandoverResponse = decode(&body, "the handover's answer").map_err(failed)?;
        // The move reaches this device's lists with a round now — or, when one is running
        // (a supervisor's import can take minutes), with the next, without waiting for it.
        match self.round_lock.try_lock() {
            Ok(_one) => {
                let _ = self.round_locked().await;
            }
            Err(_) => self.nudge(),
        }
        Ok(done)
    }

    /// Asks for a round now (after a local write, a "sync now" click, the network returning).
    pub fn nudge(&self) {
        self.wake.notify_one();
    }

    /// Runs one round now and reports the status after it: read before the background loop
    /// can start its next round, so it never says "syncing" about a round that has ended.
    pub async fn sync_now(&self) -> Result<SyncStatus> {
        let _one = self.round_lock.lock().await;
        let _ = self.round_locked().await;
        self.status()
    }

    /// Push everything unsent, then pull to the end. Records the outcome.
    async fn round(&self) -> std::result::Result<(), SyncError> {
        let _one = self.round_lock.lock().await;
        self.round_locked().await
    }

    /// [`SyncEngine::round`], for a caller holding the round lock.
    async fn round_locked(&self) -> std::result::Result<(), SyncError> {
        let Ok(Some(config)) = self.blocking(|l| l.config()).await else {
            return Ok(());
        };
        if config.revoked {
            return Err(SyncError::new(
                SyncErrorCode::DeviceRevoked,
                "this device was revoked",
            ));
        }
        let syncing = Syncing::start(&self.syncing);
        let mut result = self.push_and_pull(&config).await;
        if matches!(result, Err(Failure::Offline(_))) {
            // Once more at once: after a network change or a server restart the first request
            // often goes out on a pooled connection the other end has already closed.
            result = self.push_and_pull(&config).await;
        }
        drop(syncing);
        let online = !matches!(result, Err(Failure::Offline(_)));
        *self.online.lock().unwrap_or_else(|e| e.into_inner()) = Some(online);
        let outcome = result.as_ref().map(|_| ()).map_err(Failure::error);
        let record = outcome.clone();
        let _ = self
            .blocking(move |l| l.finished(record.as_ref().map(|_| ())))
            .await;
        if let Err(e) = &outcome {
            tracing::info!(code = %e.code, "sync round failed: {}", e.message);
        }
        outcome
    }

    async fn push_and_pull(&self, config: &crate::SyncConfig) -> std::result::Result<(), Failure> {
        let base = &config.server_url;
        // Push until the outbox is empty. While a batch travels, the one after it is read (the
        // outbox only grows at its end) and the answer to the one before is recorded, so the
        // device's work overlaps the server's. A crash before that record resends a stored
        // batch, which the server recognises. A rewind (server restored) or a smaller batch
        // (413) reads again from what the server acknowledged; the bound stops a server that
        // keeps asking from looping forever.
        let mut retries = 0;
        let max = self.batch.load(Ordering::Relaxed);
        let mut next = self.read_batch(None, max).await?;
        let mut unrecorded: Option<u64> = None;
        while let Some(batch) = next.take() {
            let (to, max) = (batch.to_seq, self.batch.load(Ordering::Relaxed));
            let previous = unrecorded.take();
            let (recorded, sent, following) = tokio::join!(
                self.acknowledge(previous),
                self.push(base, &config.token, batch.body),
                self.read_batch(Some(to), max),
            );
            recorded?;
            match sent? {
                Ok(resp) if resp.applied_to_seq == to => {
                    unrecorded = Some(to);
                    retries = 0;
                    next = following?;
                }
                Ok(resp) => {
                    // Not the range sent (a server that had more, from an earlier larger
                    // batch): go on from its answer — counted, so a server answering less
                    // forever cannot loop us.
                    retries += 1;
                    if retries > 8 {
                        return Err(Failure::Refused(SyncError::new(
                            SyncErrorCode::BadResponse,
                            format!(
                                "the server keeps answering seq {} to a batch ending at {to}",
                                resp.applied_to_seq
                            ),
                        )));
                    }
                    self.acknowledge(Some(resp.applied_to_seq)).await?;
                    next = self.read_batch(None, max).await?;
                }
                Err((status, e)) => {
                    retries += 1;
                    if retries > 8 {
                        return Err(Failure::Refused(SyncError::new(e.code, e.message)));
                    }
                    match (status, e.code) {
                        (409, SyncErrorCode::SeqGap) => {
                            let to = e.expected_seq.unwrap_or(1).saturating_sub(1);
                            self.blocking(move |l| l.rewind(to)).await?;
                        }
                        (413, _) => {
                            self.batch.store((max / 2).max(1), Ordering::Relaxed);
                        }
                        _ => return Err(Failure::Refused(SyncError::new(e.code, e.message))),
                    }
                    let max = self.batch.load(Ordering::Relaxed);
                    next = self.read_batch(None, max).await?;
                }
            }
        }
        self.acknowledge(unrecorded).await?;
        // Who this user is now: a supervisor's teams every round (one added to a team imports
        // it, one taken out stops asking for it instead of being refused round after round); a
        // coach's teams, whose colleagues' employers they see, every ten minutes (and after a
        // team's shared pull is refused): not a request more in every round.
        let due = match *self.identified_at.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(at) => config.role != Role::Coach || at.elapsed() >= IDENTIFY_EVERY,
            None => true,
        };
        let config = if due || config.user_id.is_none() {
            self.identify(base, &config.token).await?;
            *self.identified_at.lock().unwrap_or_else(|e| e.into_inner()) =
                Some(std::time::Instant::now());
            // The role may have changed with it.
            self.blocking(|l| l.config())
                .await?
                .unwrap_or_else(|| config.clone())
        } else {
            config.clone()
        };
        let leads = config.role != Role::Coach;
        let teams = self.blocking(|l| l.teams()).await?;
        if !leads {
            // A coach sees the team's employers and when colleagues last met them (a
            // supervisor's import holds all of that already) — pulled before the coach's own
            // records, which may name those employers: a contact at a colleague's employer
            // must find it here (a new device of the coach's, a job handed over).
            for team in &teams {
                match self
                    .pull_scope(base, &config.token, &PullScope::Shared(team.id))
                    .await
                {
                    // Taken out of the team since this device last asked: it asks again next
                    // round, and this round goes on.
                    Err(Failure::Refused(e)) if e.code == SyncErrorCode::Forbidden => {
                        *self.identified_at.lock().unwrap_or_else(|e| e.into_inner()) = None;
                    }
                    other => other?,
                }
            }
        }
        self.pull_scope(base, &config.token, &PullScope::Own)
            .await?;
        // A supervisor (or an administrator) also imports the caseloads of their teams.
        if leads {
            let result = self.import_teams(base, &config.token, &teams).await;
            *self.import.lock().unwrap_or_else(|e| e.into_inner()) = None;
            result?;
            for team in teams {
                let path = format!("/v1/teams/{}/roster", team.id);
                let roster: TeamRoster = self
                    .get_json(base, &path, &config.token, &(), "the team's roster")
                    .await?;
                self.blocking(move |l| l.keep_roster(roster)).await?;
            }
        }
        Ok(())
    }

    /// Pulls each team's changes after its stored cursor, counting them for the progress bar:
    /// how many the server holds is asked first, so the import knows its total.
    async fn import_teams(
        &self,
        base: &str,
        token: &str,
        teams: &[polku_domain::protocol::Team],
    ) -> std::result::Result<(), Failure> {
        let mut scopes = Vec::new();
        let mut total = 0;
        for team in teams {
            let scope = PullScope::Team(team.id);
            let after = {
                let scope = scope.clone();
                self.blocking(move |l| l.cursor_of(&scope)).await?
            };
            let path = format!("/v1/teams/{}/head", team.id);
            let query = HeadQuery { after: Some(after) };
            let head: ScopeHead = self
                .get_json(base, &path, token, &query, "the server's team head")
                .await?;
            if head.remaining > 0 {
                total += head.remaining;
                scopes.push(scope);
            }
        }
        if scopes.is_empty() {
            return Ok(());
        }
        *self.import.lock().unwrap_or_else(|e| e.into_inner()) = Some(ImportRun {
            done: 0,
            total,
            started: std::time::Instant::now(),
        });
        for scope in scopes {
            self.pull_scope(base, token, &scope).await?;
        }
        Ok(())
    }

    /// Pulls `scope` to the end from its stored cursor: a first pull pages through all
    /// history. A page with nothing to apply (only this device's own changes, which the server
    /// leaves out) just moves the cursor, which is stored with the next page that has
    /// something, or the last one: a push of 10,000 is not followed by ten transactions that
    /// only store a cursor.
    async fn pull_scope(
        &self,
        base: &str,
        token: &str,
        scope: &PullScope,
    ) -> std::result::Result<(), Failure> {
        let path = match scope {
            PullScope::Own => "/v1/sync/pull".to_owned(),
            PullScope::Team(team) => format!("/v1/teams/{team}/pull"),
            PullScope::Shared(team) => format!("/v1/teams/{team}/shared"),
        };
        let mut after = {
            let scope = scope.clone();
            self.blocking(move |l| l.cursor_of(&scope)).await?
        };
        // The round's own pull tells the server how much is still waiting here, so the
        // supervisor's roster can say how fresh this coach's figures are.
        let mut waiting = match scope {
            PullScope::Own => Some(self.blocking(|l| l.unsent_count()).await?),
            PullScope::Team(_) | PullScope::Shared(_) => None,
        };
        loop {
            let query = PullQuery {
                after: Some(after),
                limit: Some(PULL_PAGE),
                waiting: waiting.take().map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
            };
            let resp = self.get(base, &path, token, &query).await?;
            let body = resp.bytes().await.map_err(|e| offline(&e))?;
            // Reading a page of a thousand changes is work: it is done off the async runtime.
            let page =
                tokio::task::spawn_blocking(move || decode::<PullResponse>(&body, "a pulled page"))
                    .await
                    .map_err(|e| Failure::Local(CoreError::Decode(e.to_string())))??;
            let has_more = page.has_more;
            if has_more && page.next_cursor <= after {
                return Err(Failure::Refused(SyncError::new(
                    SyncErrorCode::BadResponse,
                    format!("the server's next page starts again at {after}"),
                )));
            }
            after = page.next_cursor;
            if page.changes.is_empty() && has_more {
                continue;
            }
            let count = page.changes.len() as u64;
            let to = scope.clone();
            self.blocking(move |l| l.apply_to(&to, &page)).await?;
            if let Some(run) = self
                .import
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .as_mut()
            {
                run.done += count;
            }
            if !has_more {
                return Ok(());
            }
        }
    }

    /// Returns once the server's address accepts a TCP connection, trying every `probe`;
    /// never, if there is no server address to try.
    async fn reachable_again(&self) {
        let address = self
            .blocking(|l| l.config())
            .await
            .ok()
            .flatten()
            .and_then(|c| reqwest::Url::parse(&c.server_url).ok())
            .and_then(|u| Some(format!("{}:{}", u.host_str()?, u.port_or_known_default()?)));
        let Some(address) = address else {
            return std::future::pending().await;
        };
        loop {
            tokio::time::sleep(self.timing.probe).await;
            let connect = tokio::net::TcpStream::connect(address.as_str());
            if let Ok(Ok(_)) = tokio::time::timeout(Duration::from_secs(3), connect).await {
                return;
            }
        }
    }

    /// The next push batch after `after` (`None`: after what the server acknowledged), gzipped
    /// for the wire, on a blocking thread.
    async fn read_batch(
        &self,
        after: Option<u64>,
        max: u32,
    ) -> std::result::Result<Option<Ready>, Failure> {
        self.blocking(move |l| {
            let Some(batch) = l.outbox_batch(after, max)? else {
                return Ok(None);
            };
            let body = gzip(&batch.json).map_err(|e| CoreError::Decode(e.to_string()))?;
            Ok(Some(Ready {
                to_seq: batch.to_seq,
                body,
            }))
        })
        .await
    }

    /// Records that the server stored everything up to `seq`, if there is such an answer.
    async fn acknowledge(&self, seq: Option<u64>) -> std::result::Result<(), Failure> {
        match seq {
            Some(seq) => self.blocking(move |l| l.acknowledge(seq)).await,
            None => Ok(()),
        }
    }

    /// Asks the server who this device is and keeps the answer (a device enrolled before
    /// owners were kept must know its user before it stores pulled records' owners).
    async fn identify(&self, base: &str, token: &str) -> std::result::Result<(), Failure> {
        let who: StatusResponse = self
            .get_json(base, "/v1/sync/status", token, &(), "the server's status")
            .await?;
        self.blocking(move |l| l.identified(&who)).await
    }

    /// A GET of the API: a successful answer, or the failure it amounts to.
    async fn get(
        &self,
        base: &str,
        path: &str,
        token: &str,
        query: &(impl serde::Serialize + ?Sized),
    ) -> std::result::Result<reqwest::Response, Failure> {
        let resp = self
            .request(reqwest::Method::GET, base, path, token)
            .query(query)
            .send()
            .await
            .map_err(|e| offline(&e))?;
        if !resp.status().is_success() {
            return Err(refused(resp).await);
        }
        Ok(resp)
    }

    /// [`SyncEngine::get`] of a small answer, read as `T` (`what` names it in an error).
    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        base: &str,
        path: &str,
        token: &str,
        query: &(impl serde::Serialize + ?Sized),
        what: &str,
    ) -> std::result::Result<T, Failure> {
        let resp = self.get(base, path, token, query).await?;
        let body = resp.bytes().await.map_err(|e| offline(&e))?;
        decode(&body, what)
    }

    fn request(
        &self,
        method: reqwest::Method,
        base: &str,
        path: &str,
        token: &str,
    ) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{base}{path}"))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .bearer_auth(token)
    }

    /// One push. `Ok(Err(..))` is a refusal the caller may act on.
    async fn push(
        &self,
        base: &str,
        token: &str,
        body: Vec<u8>,
    ) -> std::result::Result<std::result::Result<PushResponse, (u16, ApiError)>, Failure> {
        let resp = self
            .request(reqwest::Method::POST, base, "/v1/sync/push", token)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::CONTENT_ENCODING, "gzip")
            .body(body)
            .send()
            .await
            .map_err(|e| offline(&e))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(Ok(resp.json().await.map_err(|e| offline(&e))?));
        }
        if status.is_server_error() {
            return Err(refused(resp).await);
        }
        Ok(Err((status.as_u16(), api_error(resp).await)))
    }

    /// The background loop; returns never. Spawn it once at start-up.
    pub async fn run(self: Arc<Self>) {
        let changed = self.changed.clone();
        let mut backoff = self.timing.min_backoff;
        loop {
            // Each round runs as a task of its own: should anything in it panic, the round
            // fails like any other and the loop goes on (a panic here used to end the loop
            // silently, the device saying "syncing" forever with its queue growing).
            let spawned = tokio::spawn({
                let engine = self.clone();
                async move { engine.round().await }
            });
            let round = match spawned.await {
                Ok(outcome) => outcome,
                Err(e) => {
                    tracing::error!("sync round panicked: {e}");
                    let failed = SyncError::new(SyncErrorCode::Unknown, "the sync round failed");
                    let record = failed.clone();
                    let _ = self.blocking(move |l| l.finished(Err(&record))).await;
                    Err(failed)
                }
            };
            // Every failure is retried with backoff, refusals too: a refusal that a restored
            // or fixed server no longer makes must not leave the queue waiting for a new write.
            // A revoked device's round sends nothing, so retrying it costs no request.
            let (wait, offline) = match round {
                Ok(()) => {
                    backoff = self.timing.min_backoff;
                    (self.timing.interval, false)
                }
                Err(e) => {
                    let delay = jitter(backoff);
                    backoff = (backoff * 2).min(self.timing.max_backoff);
                    (delay, e.code == SyncErrorCode::Offline)
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.reachable_again(), if offline => {}
                _ = self.wake.notified() => {}
                _ = changed.notified() => {
                    // Let a burst of edits settle into one round.
                    tokio::time::sleep(self.timing.after_write).await;
                }
            }
        }
    }
}

/// An answer's JSON as `T`; `what` names it in the error when the server sent something else.
fn decode<T: serde::de::DeserializeOwned>(
    body: &[u8],
    what: &str,
) -> std::result::Result<T, Failure> {
    serde_json::from_slice(body).map_err(|e| {
        Failure::Refused(SyncError::new(
            SyncErrorCode::BadResponse,
            format!("{what} could not be read: {e}"),
        ))
    })
}

/// ±50 % so a region's devices coming back online do not retry in lockstep.
fn jitter(d: Duration) -> Duration {
    let f: f64 = rand::rng().random_range(0.5..1.5);
    d.mul_f64(f)
}

/// A push batch ready to send: gzipped JSON, and the last seq in it.
struct Ready {
    to_seq: u64,
    body: Vec<u8>,
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes)?;
    enc.finish()
}

async fn api_error(resp: reqwest::Response) -> ApiError {
    let status = resp.status();
    let text = resp.text().await.unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_else(|_| ApiError {
        code: if status.is_server_error() {
            SyncErrorCode::ServerError
        } else {
            SyncErrorCode::BadResponse
        },
        message: format!("HTTP {status}: {text:.200}"),
        seq: None,
        record_id: None,
        expected_seq: None,
    })
}

/// A refusal that ends the round: server errors count as offline (retry), the rest stick.
async fn refused(resp: reqwest::Response) -> Failure {
    let server_side = resp.status().is_server_error();
    let e = api_error(resp).await;
    let e = SyncError::new(e.code, e.message);
    if server_side {
        Failure::Offline(SyncError {
            code: SyncErrorCode::Offline,
            ..e
        })
    } else {
        Failure::Refused(e)
    }
}
