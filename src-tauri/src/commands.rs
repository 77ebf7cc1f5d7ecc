//! Tauri commands: each calls one core service. Argument names become camelCase in the UI.

use crate::args::{parse, parse_or_default};
use crate::error::{ErrorCode, IpcError};
use crate::state::{AppState, AppStatus};
use polku_core::Polku;
use polku_domain::fidelity::{Review, ReviewRow, ScaleError, ScaleInfo, Suggestion};
use polku_domain::protocol::{HandoverResponse, RecordId};
use polku_domain::sync::{ConflictView, SyncStatus};
use polku_domain::team::TeamOverview;
use polku_domain::*;
use serde_json::Value;
use tauri::State;

type Res<T> = Result<T, IpcError>;

/// Runs `f` on the blocking pool. Every command that touches the database runs this way: a
/// read or write may wait for it (a sync page being written), and a command waiting there
/// must not hold one of the async runtime's few threads — the next command, and the sync
/// engine itself, would wait behind it.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Res<T> + Send + 'static) -> Res<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| IpcError::new(ErrorCode::Unavailable, e.to_string()))?
}

/// One core service, on the blocking pool (see [`blocking`]).
async fn run<T: Send + 'static>(
    s: &AppState,
    f: impl FnOnce(&Polku) -> Res<T> + Send + 'static,
) -> Res<T> {
    let polku = s.polku()?.clone();
    blocking(move || f(&polku)).await
}

/// Every command, for `tauri::Builder::invoke_handler` (the app's runtime, or the mock runtime
/// the UI's fixtures are recorded with).
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        app_status,
        ui_ready,
        sync_status,
        sync_enrol,
        sync_now,
        sync_pending_ids,
        conflicts_list,
        conflict_resolve,
        settings_get,
        settings_update,
        clients_list,
        client_get,
        client_create,
        client_update,
        client_close,
        client_timeline,
        employers_list,
        employer_get,
        employer_create,
        employer_update,
        employers_merge,
        employers_similar,
        employer_contacts,
        contact_create,
        contact_update,
        contact_follow_up_done,
        contacts_recent,
        next_visit_number,
        jobs_for_client,
        job_create,
        job_update,
        support_for_client,
        support_create,
        today,
        drafts_list,
        draft_save,
        draft_discard,
        demo_load,
        scales_list,
        scale_errors,
        reviews_list,
        review_start,
        review_get,
        review_rate,
        review_note,
        review_action_add,
        review_action_done,
        review_suggestions,
        review_evidence,
        quarterly_outcomes,
        review_export,
        outcomes_export,
        team_overview,
        coach_week,
        log_review_save,
        team_coaches,
        team_outcomes_export,
        client_hand_over,
    ]
}

#[tauri::command]
fn app_status(s: State<'_, AppState>) -> AppStatus {
    s.status()
}

/// The UI calls this once its first screen is on display; start-up benchmarks read the line.
#[tauri::command]
fn ui_ready() {
    let ms = crate::STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    tracing::info!(target: "polku::startup", "ui ready {ms} ms after process start");
}

#[tauri::command]
async fn settings_get(s: State<'_, AppState>) -> Res<Settings> {
    run(&s, move |p| Ok(p.settings_get()?)).await
}

#[tauri::command]
async fn settings_update(s: State<'_, AppState>, settings: Value) -> Res<Settings> {
    run(&s, move |p| Ok(p.settings_update(parse(settings)?)?)).await
}

#[tauri::command]
async fn clients_list(s: State<'_, AppState>, query: Value) -> Res<Vec<ClientSummary>> {
    run(&s, move |p| Ok(p.clients_list(&parse(query)?)?)).await
}

#[tauri::command]
async fn client_get(s: State<'_, AppState>, id: ClientId) -> Res<Client> {
    run(&s, move |p| Ok(p.client_get(id)?)).await
}

#[tauri::command]
async fn client_create(s: State<'_, AppState>, input: Value) -> Res<Client> {
    run(&s, move |p| Ok(p.client_create(parse(input)?)?)).await
}

#[tauri::command]
async fn client_update(s: State<'_, AppState>, id: ClientId, input: Value) -> Res<Client> {
    run(&s, move |p| Ok(p.client_update(id, parse(input)?)?)).await
}

#[tauri::command]
async fn client_close(s: State<'_, AppState>, id: ClientId, input: Value) -> Res<Client> {
    run(&s, move |p| Ok(p.client_close(id, parse(input)?)?)).await
}

#[tauri::command]
async fn client_timeline(s: State<'_, AppState>, id: ClientId) -> Res<Vec<TimelineEntry>> {
    run(&s, move |p| Ok(p.client_timeline(id)?)).await
}

#[tauri::command]
async fn employers_list(s: State<'_, AppState>, search: String) -> Res<Vec<EmployerSummary>> {
    run(&s, move |p| Ok(p.employers_list(&search)?)).await
}

#[tauri::command]
async fn employer_get(s: State<'_, AppState>, id: EmployerId) -> Res<Employer> {
    run(&s, move |p| Ok(p.employer_get(id)?)).await
}

#[tauri::command]
async fn employer_create(s: State<'_, AppState>, input: Value) -> Res<Employer> {
    run(&s, move |p| Ok(p.employer_create(parse(input)?)?)).await
}

#[tauri::command]
async fn employer_update(s: State<'_, AppState>, id: EmployerId, input: Value) -> Res<Employer> {
    run(&s, move |p| Ok(p.employer_update(id, parse(input)?)?)).await
}

#[tauri::command]
async fn employers_merge(s: State<'_, AppState>, merge: Value) -> Res<Employer> {
    run(&s, move |p| Ok(p.employers_merge(parse(merge)?)?)).await
}

#[tauri::command]
async fn employers_similar(
    s: State<'_, AppState>,
    name: String,
    location: String,
) -> Res<Vec<EmployerSummary>> {
    run(&s, move |p| Ok(p.employers_similar(&name, &location)?)).await
}

#[tauri::command]
async fn employer_contacts(
    s: State<'_, AppState>,
    employer_id: EmployerId,
) -> Res<Vec<ContactView>> {
    run(&s, move |p| Ok(p.employer_contacts(employer_id)?)).await
}

#[tauri::command]
async fn contact_create(s: State<'_, AppState>, input: Value) -> Res<ContactView> {
    run(&s, move |p| Ok(p.contact_create(parse(input)?)?)).await
}

#[tauri::command]
async fn contact_update(s: State<'_, AppState>, id: ContactId, input: Value) -> Res<ContactView> {
    run(&s, move |p| Ok(p.contact_update(id, parse(input)?)?)).await
}

#[tauri::command]
async fn contact_follow_up_done(s: State<'_, AppState>, id: ContactId) -> Res<ContactView> {
    run(&s, move |p| Ok(p.contact_follow_up_done(id)?)).await
}

#[tauri::command]
async fn contacts_recent(s: State<'_, AppState>, limit: u32) -> Res<Vec<ContactView>> {
    run(&s, move |p| Ok(p.contacts_recent(limit)?)).await
}

#[tauri::command]
async fn next_visit_number(s: State<'_, AppState>, employer_id: EmployerId) -> Res<u32> {
    run(&s, move |p| Ok(p.next_visit_number(employer_id)?)).await
}

#[tauri::command]
async fn jobs_for_client(s: State<'_, AppState>, client_id: ClientId) -> Res<Vec<Job>> {
    run(&s, move |p| Ok(p.jobs_for_client(client_id)?)).await
}

#[tauri::command]
async fn job_create(s: State<'_, AppState>, input: Value) -> Res<Job> {
    run(&s, move |p| Ok(p.job_create(parse(input)?)?)).await
}

#[tauri::command]
async fn job_update(s: State<'_, AppState>, id: JobId, input: Value) -> Res<Job> {
    run(&s, move |p| Ok(p.job_update(id, parse(input)?)?)).await
}

#[tauri::command]
async fn support_for_client(
    s: State<'_, AppState>,
    client_id: ClientId,
) -> Res<Vec<SupportContact>> {
    run(&s, move |p| Ok(p.support_for_client(client_id)?)).await
}

#[tauri::command]
async fn support_create(s: State<'_, AppState>, input: Value) -> Res<SupportContact> {
    run(&s, move |p| Ok(p.support_create(parse(input)?)?)).await
}

#[tauri::command]
async fn today(s: State<'_, AppState>) -> Res<TodayView> {
    run(&s, move |p| Ok(p.today_view()?)).await
}

#[tauri::command]
async fn drafts_list(s: State<'_, AppState>) -> Res<Vec<Draft>> {
    run(&s, move |p| Ok(p.drafts_list()?)).await
}

#[tauri::command]
async fn draft_save(
    s: State<'_, AppState>,
    key: String,
    form: String,
    payload: serde_json::Value,
) -> Res<()> {
    run(&s, move |p| Ok(p.draft_save(&key, &form, payload)?)).await
}

#[tauri::command]
async fn draft_discard(s: State<'_, AppState>, key: String) -> Res<()> {
    run(&s, move |p| Ok(p.draft_discard(&key)?)).await
}

#[tauri::command]
async fn demo_load(s: State<'_, AppState>) -> Res<DemoSummary> {
    run(&s, move |p| Ok(p.demo_load()?)).await
}

#[tauri::command]
async fn scales_list(s: State<'_, AppState>) -> Res<Vec<ScaleInfo>> {
    run(&s, move |p| Ok(p.scales_info())).await
}

#[tauri::command]
async fn scale_errors(s: State<'_, AppState>) -> Res<Vec<ScaleError>> {
    run(&s, move |p| Ok(p.scale_errors().to_vec())).await
}

#[tauri::command]
async fn reviews_list(s: State<'_, AppState>) -> Res<Vec<ReviewRow>> {
    run(&s, move |p| Ok(p.reviews_list()?)).await
}

#[tauri::command]
async fn review_start(s: State<'_, AppState>, input: Value) -> Res<Review> {
    run(&s, move |p| Ok(p.review_start(parse(input)?)?)).await
}

#[tauri::command]
async fn review_get(s: State<'_, AppState>, id: ReviewId) -> Res<Review> {
    run(&s, move |p| Ok(p.review_get(id)?)).await
}

#[tauri::command]
async fn review_rate(s: State<'_, AppState>, id: ReviewId, input: Value) -> Res<Review> {
    run(&s, move |p| Ok(p.review_rate(id, parse(input)?)?)).await
}

#[tauri::command]
async fn review_note(s: State<'_, AppState>, id: ReviewId, input: Value) -> Res<Review> {
    run(&s, move |p| Ok(p.review_note(id, parse(input)?)?)).await
}

#[tauri::command]
async fn review_action_add(s: State<'_, AppState>, id: ReviewId, input: Value) -> Res<Review> {
    run(&s, move |p| Ok(p.review_action_add(id, parse(input)?)?)).await
}

#[tauri::command]
async fn review_action_done(s: State<'_, AppState>, action_id: ReviewActionId) -> Res<Review> {
    run(&s, move |p| Ok(p.review_action_done(action_id)?)).await
}

#[tauri::command]
async fn review_suggestions(s: State<'_, AppState>, id: ReviewId) -> Res<Vec<Suggestion>> {
    run(&s, move |p| Ok(p.review_suggestions(id)?)).await
}

#[tauri::command]
async fn review_evidence(s: State<'_, AppState>, id: ReviewId) -> Res<FidelityEvidence> {
    run(&s, move |p| Ok(p.review_evidence(id)?)).await
}

#[tauri::command]
async fn quarterly_outcomes(
    s: State<'_, AppState>,
    quarter: Value,
    whose: Option<Value>,
) -> Res<QuarterOutcomes> {
    run(&s, move |p| {
        Ok(p.quarterly_outcomes(parse(quarter)?, &parse_or_default(whose)?)?)
    })
    .await
}

/// Writes the review as PDF or CSV under the data folder and returns the file's path.
#[tauri::command]
async fn review_export(s: State<'_, AppState>, id: ReviewId, format: Value) -> Res<String> {
    let path = run(&s, move |p| Ok(p.review_export(id, parse(format)?)?)).await?;
    Ok(path.display().to_string())
}

#[tauri::command]
async fn outcomes_export(s: State<'_, AppState>, quarter: Value, format: Value) -> Res<String> {
    let path = run(&s, move |p| {
        Ok(p.outcomes_export(parse(quarter)?, parse(format)?)?)
    })
    .await?;
    Ok(path.display().to_string())
}

#[tauri::command]
async fn team_overview(s: State<'_, AppState>) -> Res<TeamOverview> {
    run(&s, move |p| Ok(p.team_overview()?)).await
}

#[tauri::command]
async fn team_outcomes_export(
    s: State<'_, AppState>,
    quarter: Value,
    format: Value,
) -> Res<String> {
    let path = run(&s, move |p| {
        Ok(p.team_outcomes_export(parse(quarter)?, parse(format)?)?)
    })
    .await?;
    Ok(path.display().to_string())
}

#[tauri::command]
async fn team_coaches(s: State<'_, AppState>) -> Res<Vec<polku_domain::team::CoachName>> {
    run(&s, move |p| Ok(p.team_coach_names()?)).await
}

#[tauri::command]
async fn coach_week(s: State<'_, AppState>, coach: Value, week: Value) -> Res<CoachWeek> {
    run(&s, move |p| Ok(p.coach_week(parse(coach)?, parse(week)?)?)).await
}

#[tauri::command]
async fn log_review_save(s: State<'_, AppState>, input: Value) -> Res<LogReview> {
    run(&s, move |p| Ok(p.log_review_save(parse(input)?)?)).await
}

#[tauri::command]
async fn sync_status(s: State<'_, AppState>) -> Res<SyncStatus> {
    let engine = s.sync()?.clone();
    blocking(move || Ok(engine.status()?)).await
}

#[tauri::command]
async fn sync_enrol(s: State<'_, AppState>, input: Value) -> Res<SyncStatus> {
    Ok(s.sync()?.enrol(parse(input)?).await?)
}

#[tauri::command]
async fn client_hand_over(
    s: State<'_, AppState>,
    client: Value,
    to: Value,
) -> Res<HandoverResponse> {
    Ok(s.sync()?.hand_over(parse(client)?, parse(to)?).await?)
}

#[tauri::command]
async fn sync_now(s: State<'_, AppState>) -> Res<SyncStatus> {
    Ok(s.sync()?.sync_now().await?)
}

#[tauri::command]
async fn sync_pending_ids(s: State<'_, AppState>) -> Res<Vec<String>> {
    run(&s, move |p| Ok(p.sync().pending_ids()?)).await
}

#[tauri::command]
async fn conflicts_list(s: State<'_, AppState>) -> Res<Vec<ConflictView>> {
    run(&s, move |p| Ok(p.sync().conflicts_open()?)).await
}

#[tauri::command]
async fn conflict_resolve(s: State<'_, AppState>, id: RecordId, resolution: Value) -> Res<()> {
    run(
        &s,
        move |p| Ok(p.conflict_resolve(&id, parse(resolution)?)?),
    )
    .await
}
