//! Tauri commands: each calls one core service. Argument names become camelCase in the UI.

use crate::args::parse;
use crate::error::IpcError;
use crate::state::{AppState, AppStatus};
use polku_domain::fidelity::{Review, ReviewRow, ScaleError, ScaleInfo, Suggestion};
use polku_domain::protocol::RecordId;
use polku_domain::sync::{ConflictView, SyncStatus};
use polku_domain::*;
use serde_json::Value;
use tauri::State;

type Res<T> = Result<T, IpcError>;

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
        employers_similar,
        employer_contacts,
        contact_create,
        contact_update,
        contact_follow_up_done,
        contacts_mark_reviewed,
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

#[tauri::command(async)]
fn settings_get(s: State<'_, AppState>) -> Res<Settings> {
    Ok(s.polku()?.settings_get()?)
}

#[tauri::command(async)]
fn settings_update(s: State<'_, AppState>, settings: Value) -> Res<Settings> {
    Ok(s.polku()?.settings_update(parse(settings)?)?)
}

#[tauri::command(async)]
fn clients_list(s: State<'_, AppState>, query: Value) -> Res<Vec<ClientSummary>> {
    Ok(s.polku()?.clients_list(&parse(query)?)?)
}

#[tauri::command(async)]
fn client_get(s: State<'_, AppState>, id: ClientId) -> Res<Client> {
    Ok(s.polku()?.client_get(id)?)
}

#[tauri::command(async)]
fn client_create(s: State<'_, AppState>, input: Value) -> Res<Client> {
    Ok(s.polku()?.client_create(parse(input)?)?)
}

#[tauri::command(async)]
fn client_update(s: State<'_, AppState>, id: ClientId, input: Value) -> Res<Client> {
    Ok(s.polku()?.client_update(id, parse(input)?)?)
}

#[tauri::command(async)]
fn client_close(s: State<'_, AppState>, id: ClientId, input: Value) -> Res<Client> {
    Ok(s.polku()?.client_close(id, parse(input)?)?)
}

#[tauri::command(async)]
fn client_timeline(s: State<'_, AppState>, id: ClientId) -> Res<Vec<TimelineEntry>> {
    Ok(s.polku()?.client_timeline(id)?)
}

#[tauri::command(async)]
fn employers_list(s: State<'_, AppState>, search: String) -> Res<Vec<EmployerSummary>> {
    Ok(s.polku()?.employers_list(&search)?)
}

#[tauri::command(async)]
fn employer_get(s: State<'_, AppState>, id: EmployerId) -> Res<Employer> {
    Ok(s.polku()?.employer_get(id)?)
}

#[tauri::command(async)]
fn employer_create(s: State<'_, AppState>, input: Value) -> Res<Employer> {
    Ok(s.polku()?.employer_create(parse(input)?)?)
}

#[tauri::command(async)]
fn employer_update(s: State<'_, AppState>, id: EmployerId, input: Value) -> Res<Employer> {
    Ok(s.polku()?.employer_update(id, parse(input)?)?)
}

#[tauri::command(async)]
fn employers_similar(
    s: State<'_, AppState>,
    name: String,
    location: String,
) -> Res<Vec<EmployerSummary>> {
    Ok(s.polku()?.employers_similar(&name, &location)?)
}

#[tauri::command(async)]
fn employer_contacts(s: State<'_, AppState>, employer_id: EmployerId) -> Res<Vec<ContactView>> {
    Ok(s.polku()?.employer_contacts(employer_id)?)
}

#[tauri::command(async)]
fn contact_create(s: State<'_, AppState>, input: Value) -> Res<ContactView> {
    Ok(s.polku()?.contact_create(parse(input)?)?)
}

#[tauri::command(async)]
fn contact_update(s: State<'_, AppState>, id: ContactId, input: Value) -> Res<ContactView> {
    Ok(s.polku()?.contact_update(id, parse(input)?)?)
}

#[tauri::command(async)]
fn contact_follow_up_done(s: State<'_, AppState>, id: ContactId) -> Res<ContactView> {
    Ok(s.polku()?.contact_follow_up_done(id)?)
}

/// The supervisor reviewed the contact log (V6); returns how many contacts were marked.
#[tauri::command(async)]
fn contacts_mark_reviewed(s: State<'_, AppState>) -> Res<u32> {
    Ok(s.polku()?.contacts_mark_reviewed()?)
}

#[tauri::command(async)]
fn contacts_recent(s: State<'_, AppState>, limit: u32) -> Res<Vec<ContactView>> {
    Ok(s.polku()?.contacts_recent(limit)?)
}

#[tauri::command(async)]
fn next_visit_number(s: State<'_, AppState>, employer_id: EmployerId) -> Res<u32> {
    Ok(s.polku()?.next_visit_number(employer_id)?)
}

#[tauri::command(async)]
fn jobs_for_client(s: State<'_, AppState>, client_id: ClientId) -> Res<Vec<Job>> {
    Ok(s.polku()?.jobs_for_client(client_id)?)
}

#[tauri::command(async)]
fn job_create(s: State<'_, AppState>, input: Value) -> Res<Job> {
    Ok(s.polku()?.job_create(parse(input)?)?)
}

#[tauri::command(async)]
fn job_update(s: State<'_, AppState>, id: JobId, input: Value) -> Res<Job> {
    Ok(s.polku()?.job_update(id, parse(input)?)?)
}

#[tauri::command(async)]
fn support_for_client(s: State<'_, AppState>, client_id: ClientId) -> Res<Vec<SupportContact>> {
    Ok(s.polku()?.support_for_client(client_id)?)
}

#[tauri::command(async)]
fn support_create(s: State<'_, AppState>, input: Value) -> Res<SupportContact> {
    Ok(s.polku()?.support_create(parse(input)?)?)
}

#[tauri::command(async)]
fn today(s: State<'_, AppState>) -> Res<TodayView> {
    Ok(s.polku()?.today_view()?)
}

#[tauri::command(async)]
fn drafts_list(s: State<'_, AppState>) -> Res<Vec<Draft>> {
    Ok(s.polku()?.drafts_list()?)
}

#[tauri::command(async)]
fn draft_save(
    s: State<'_, AppState>,
    key: String,
    form: String,
    payload: serde_json::Value,
) -> Res<()> {
    Ok(s.polku()?.draft_save(&key, &form, payload)?)
}

#[tauri::command(async)]
fn draft_discard(s: State<'_, AppState>, key: String) -> Res<()> {
    Ok(s.polku()?.draft_discard(&key)?)
}

#[tauri::command(async)]
fn demo_load(s: State<'_, AppState>) -> Res<DemoSummary> {
    Ok(s.polku()?.demo_load()?)
}

#[tauri::command(async)]
fn scales_list(s: State<'_, AppState>) -> Res<Vec<ScaleInfo>> {
    Ok(s.polku()?.scales_info())
}

#[tauri::command(async)]
fn scale_errors(s: State<'_, AppState>) -> Res<Vec<ScaleError>> {
    Ok(s.polku()?.scale_errors().to_vec())
}

#[tauri::command(async)]
fn reviews_list(s: State<'_, AppState>) -> Res<Vec<ReviewRow>> {
    Ok(s.polku()?.reviews_list()?)
}

#[tauri::command(async)]
fn review_start(s: State<'_, AppState>, input: Value) -> Res<Review> {
    Ok(s.polku()?.review_start(parse(input)?)?)
}

#[tauri::command(async)]
fn review_get(s: State<'_, AppState>, id: ReviewId) -> Res<Review> {
    Ok(s.polku()?.review_get(id)?)
}

#[tauri::command(async)]
fn review_rate(s: State<'_, AppState>, id: ReviewId, input: Value) -> Res<Review> {
    Ok(s.polku()?.review_rate(id, parse(input)?)?)
}

#[tauri::command(async)]
fn review_note(s: State<'_, AppState>, id: ReviewId, input: Value) -> Res<Review> {
    Ok(s.polku()?.review_note(id, parse(input)?)?)
}

#[tauri::command(async)]
fn review_action_add(s: State<'_, AppState>, id: ReviewId, input: Value) -> Res<Review> {
    Ok(s.polku()?.review_action_add(id, parse(input)?)?)
}

#[tauri::command(async)]
fn review_action_done(s: State<'_, AppState>, action_id: ReviewActionId) -> Res<Review> {
    Ok(s.polku()?.review_action_done(action_id)?)
}

#[tauri::command(async)]
fn review_suggestions(s: State<'_, AppState>, id: ReviewId) -> Res<Vec<Suggestion>> {
    Ok(s.polku()?.review_suggestions(id)?)
}

#[tauri::command(async)]
fn review_evidence(s: State<'_, AppState>, id: ReviewId) -> Res<FidelityEvidence> {
    Ok(s.polku()?.review_evidence(id)?)
}

#[tauri::command(async)]
fn quarterly_outcomes(s: State<'_, AppState>, quarter: Value) -> Res<QuarterOutcomes> {
    Ok(s.polku()?.quarterly_outcomes(parse(quarter)?)?)
}

/// Writes the review as PDF or CSV under the data folder and returns the file's path.
#[tauri::command(async)]
fn review_export(s: State<'_, AppState>, id: ReviewId, format: Value) -> Res<String> {
    let path = s.polku()?.review_export(id, parse(format)?)?;
    Ok(path.display().to_string())
}

#[tauri::command(async)]
fn outcomes_export(s: State<'_, AppState>, quarter: Value, format: Value) -> Res<String> {
    let path = s
        .polku()?
        .outcomes_export(parse(quarter)?, parse(format)?)?;
    Ok(path.display().to_string())
}

#[tauri::command(async)]
fn sync_status(s: State<'_, AppState>) -> Res<SyncStatus> {
    Ok(s.sync()?.status()?)
}

#[tauri::command]
async fn sync_enrol(s: State<'_, AppState>, input: Value) -> Res<SyncStatus> {
    Ok(s.sync()?.enrol(parse(input)?).await?)
}

#[tauri::command]
async fn sync_now(s: State<'_, AppState>) -> Res<SyncStatus> {
    Ok(s.sync()?.sync_now().await?)
}

#[tauri::command(async)]
fn sync_pending_ids(s: State<'_, AppState>) -> Res<Vec<String>> {
    Ok(s.sync()?.local().pending_ids()?)
}

#[tauri::command(async)]
fn conflicts_list(s: State<'_, AppState>) -> Res<Vec<ConflictView>> {
    Ok(s.sync()?.local().conflicts_open()?)
}

#[tauri::command(async)]
fn conflict_resolve(s: State<'_, AppState>, id: RecordId, resolution: Value) -> Res<()> {
    Ok(s.polku()?.conflict_resolve(&id, parse(resolution)?)?)
}
