//! The HTTP API under `/v1`, described by the OpenAPI document at `/v1/openapi.json` (generated
//! from these handlers by utoipa). Every request but the document carries the protocol header;
//! every request but enrolment carries a device token. Errors are JSON `ApiError`s.

mod extract;

use crate::db::changes::Scope;
use crate::error::ServerError;
use crate::service::{self, enrol, handover, pull, push, Principal};
use crate::Db;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, Request};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
pub use extract::{ApiJson, ApiQuery};
use polku_domain::protocol::{
    ApiError, Change, EnrolRequest, EnrolResponse, Entity, HandoverRequest, HandoverResponse,
    HeadQuery, Mutation, PullQuery, PullResponse, PushRequest, PushResponse, RecordId, Role,
    RosterDevice, RosterMember, ScopeHead, StatusResponse, SyncErrorCode, Team, TeamRoster,
    PROTOCOL_HEADER, PROTOCOL_VERSION,
};
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::decompression::RequestDecompressionLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;

/// Request bodies beyond this many bytes (after decompression) get 413.
pub const DEFAULT_MAX_BODY: usize = 4 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Arc<Db>,
    /// Batches waiting for the next group commit.
    pub pushes: Arc<push::PushQueue>,
    pub max_body: usize,
}

impl AppState {
    pub fn new(db: Arc<Db>, max_body: usize) -> AppState {
        AppState {
            db,
            pushes: Arc::default(),
            max_body,
        }
    }
}

pub fn router(state: AppState) -> Router {
    let max_body = state.max_body;
    let v1 = Router::new()
        .route("/enrol", post(enrol_device))
        .route("/sync/push", post(push_batch))
        .route("/sync/pull", get(pull_changes))
        .route("/sync/status", get(sync_status))
        .route("/teams/{team}/pull", get(pull_team))
        .route("/teams/{team}/head", get(team_head))
        .route("/teams/{team}/shared", get(pull_shared))
        .route("/teams/{team}/roster", get(team_roster))
        .route("/handovers", post(hand_over))
        .layer(middleware::from_fn(check_protocol))
        .route("/openapi.json", get(openapi_json));
    Router::new()
        .nest("/v1", v1)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(RequestDecompressionLayer::new())
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(|_| {
            ServerError::Corrupt("a request handler panicked".into()).into_response()
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        (status, Json(self.to_api())).into_response()
    }
}

async fn not_found() -> ServerError {
    ServerError::NotFound("this path".into())
}

/// Every request names the protocol version it speaks; a device from the future or the past
/// gets an error naming the versions this server supports instead of a half-understood batch.
async fn check_protocol(req: Request<axum::body::Body>, next: Next) -> Response {
    let version = req
        .headers()
        .get(PROTOCOL_HEADER)
        .map(|v| v.to_str().unwrap_or("(not text)").trim().to_owned());
    match version {
        Some(v) if v == PROTOCOL_VERSION.to_string() => next.run(req).await,
        Some(v) => ServerError::Protocol(v).into_response(),
        None => ServerError::BadRequest(format!(
            "the {PROTOCOL_HEADER} header is missing; this server speaks {PROTOCOL_VERSION}"
        ))
        .into_response(),
    }
}

/// The device behind `Authorization: Bearer <token>`.
async fn principal(state: &AppState, headers: &HeaderMap) -> Result<Principal, ServerError> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(ServerError::Unauthorized)?;
    service::authenticate(&state.db, token).await
}

/// Exchange a one-time enrolment code for a device token.
#[utoipa::path(post, path = "/v1/enrol", request_body = EnrolRequest,
    params(("Polku-Protocol" = String, Header, description = "Protocol version: 1")),
    responses(
        (status = 200, description = "Enrolled", body = EnrolResponse),
        (status = 400, description = "Malformed request or unsupported protocol", body = ApiError),
        (status = 401, description = "Unknown, used or expired code", body = ApiError),
        (status = 413, description = "Body too large", body = ApiError),
    ))]
async fn enrol_device(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<EnrolRequest>,
) -> Result<Json<EnrolResponse>, ServerError> {
    Ok(Json(enrol::enrol(&state.db, &req).await?))
}

/// Store a batch of the device's outbox. Idempotent: a replay changes nothing.
#[utoipa::path(post, path = "/v1/sync/push", request_body = PushRequest,
    params(("Polku-Protocol" = String, Header, description = "Protocol version: 1")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "Stored (or already stored)", body = PushResponse),
        (status = 400, description = "Malformed batch; nothing stored", body = ApiError),
        (status = 401, description = "Missing, unknown or revoked token", body = ApiError),
        (status = 403, description = "A record of another caseload; nothing stored", body = ApiError),
        (status = 409, description = "A seq stored with another payload, or a gap; nothing stored", body = ApiError),
        (status = 413, description = "Body too large", body = ApiError),
    ))]
async fn push_batch(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ServerError> {
    let who = principal(&state, &headers).await?;
    Ok(Json(push::push(&state.db, &state.pushes, &who, req).await?))
}

/// Changes to the device owner's caseload after a cursor, in cursor order.
#[utoipa::path(get, path = "/v1/sync/pull",
    params(PullQuery, ("Polku-Protocol" = String, Header, description = "Protocol version: 1")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "A page of changes", body = PullResponse),
        (status = 400, description = "Malformed query, a page size outside 1–2000, or unsupported protocol", body = ApiError),
        (status = 401, description = "Missing, unknown or revoked token", body = ApiError),
    ))]
async fn pull_changes(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<PullQuery>,
) -> Result<Json<PullResponse>, ServerError> {
    let who = principal(&state, &headers).await?;
    let scope = Scope::Owner(who.user.id.clone());
    let reader = Some(who.device_id.as_str());
    Ok(Json(pull::pull(&state.db, &scope, reader, &q).await?))
}

/// Changes to every caseload of a team the supervisor belongs to.
#[utoipa::path(get, path = "/v1/teams/{team}/pull",
    params(("team" = String, Path, description = "Team id"), PullQuery,
        ("Polku-Protocol" = String, Header, description = "Protocol version: 1")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "A page of changes", body = PullResponse),
        (status = 400, description = "Malformed query or unsupported protocol", body = ApiError),
        (status = 401, description = "Missing, unknown or revoked token", body = ApiError),
        (status = 403, description = "Not a supervisor of this team", body = ApiError),
    ))]
async fn pull_team(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(team): Path<String>,
    ApiQuery(q): ApiQuery<PullQuery>,
) -> Result<Json<PullResponse>, ServerError> {
    let who = principal(&state, &headers).await?;
    let scope = pull::team_scope(&who, &team)?;
    Ok(Json(pull::pull(&state.db, &scope, None, &q).await?))
}

/// What a coach sees of colleagues' records in a team they work in: the team's employers, and
/// of each colleague's employer contact only when, how and by whom (never the client or notes).
#[utoipa::path(get, path = "/v1/teams/{team}/shared",
    params(("team" = String, Path, description = "Team id"), PullQuery,
        ("Polku-Protocol" = String, Header, description = "Protocol version: 1")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "A page of changes", body = PullResponse),
        (status = 400, description = "Malformed query or unsupported protocol", body = ApiError),
        (status = 401, description = "Missing, unknown or revoked token", body = ApiError),
        (status = 403, description = "Not a member of this team", body = ApiError),
    ))]
async fn pull_shared(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(team): Path<String>,
    ApiQuery(q): ApiQuery<PullQuery>,
) -> Result<Json<PullResponse>, ServerError> {
    let who = principal(&state, &headers).await?;
    let scope = pull::shared_scope(&who, &team)?;
    let reader = Some(who.device_id.as_str());
    Ok(Json(pull::pull(&state.db, &scope, reader, &q).await?))
}

/// How much of a team's caseloads lies after a cursor: an import's total, before it pulls.
#[utoipa::path(get, path = "/v1/teams/{team}/head",
    params(("team" = String, Path, description = "Team id"), HeadQuery,
        ("Polku-Protocol" = String, Header, description = "Protocol version: 1")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The team's newest cursor and the changes after `after`", body = ScopeHead),
        (status = 400, description = "Malformed query or unsupported protocol", body = ApiError),
        (status = 401, description = "Missing, unknown or revoked token", body = ApiError),
        (status = 403, description = "Not a supervisor of this team", body = ApiError),
    ))]
async fn team_head(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(team): Path<String>,
    ApiQuery(q): ApiQuery<HeadQuery>,
) -> Result<Json<ScopeHead>, ServerError> {
    let who = principal(&state, &headers).await?;
    let scope = pull::team_scope(&who, &team)?;
    Ok(Json(pull::head(&state.db, &scope, &q).await?))
}

/// The team's members, their devices, and each device's last sync with the records it still
/// had waiting: how fresh the supervisor's figures are.
#[utoipa::path(get, path = "/v1/teams/{team}/roster",
    params(("team" = String, Path, description = "Team id"),
        ("Polku-Protocol" = String, Header, description = "Protocol version: 1")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The team's members and devices", body = TeamRoster),
        (status = 400, description = "Unsupported protocol", body = ApiError),
        (status = 401, description = "Missing, unknown or revoked token", body = ApiError),
        (status = 403, description = "Not a supervisor of this team", body = ApiError),
    ))]
async fn team_roster(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(team): Path<String>,
) -> Result<Json<TeamRoster>, ServerError> {
    let who = principal(&state, &headers).await?;
    Ok(Json(pull::roster(&state.db, &who, &team).await?))
}

/// Moves a client with all their records to another coach: for a supervisor of both coaches'
/// teams or an administrator.
#[utoipa::path(post, path = "/v1/handovers", request_body = HandoverRequest,
    params(("Polku-Protocol" = String, Header, description = "Protocol version: 1")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "Handed over (or already the new coach's)", body = HandoverResponse),
        (status = 400, description = "Malformed request, or the new coach keeps no caseload", body = ApiError),
        (status = 401, description = "Missing, unknown or revoked token", body = ApiError),
        (status = 403, description = "Not a supervisor of both coaches' teams", body = ApiError),
        (status = 404, description = "No such client, or no such coach in the organisation", body = ApiError),
    ))]
async fn hand_over(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<HandoverRequest>,
) -> Result<Json<HandoverResponse>, ServerError> {
    let who = principal(&state, &headers).await?;
    let by = handover::By::User(&who);
    let (client, to) = (req.client_id.to_string(), req.to_user_id.to_string());
    Ok(Json(
        handover::hand_over(&state.db, by, &client, &to).await?,
    ))
}

/// Who this device is and how far the server has it.
#[utoipa::path(get, path = "/v1/sync/status",
    params(("Polku-Protocol" = String, Header, description = "Protocol version: 1")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The device's sync status", body = StatusResponse),
        (status = 400, description = "Unsupported protocol", body = ApiError),
        (status = 401, description = "Missing, unknown or revoked token", body = ApiError),
    ))]
async fn sync_status(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<StatusResponse>, ServerError> {
    let who = principal(&state, &headers).await?;
    Ok(Json(pull::status(&state.db, &who).await?))
}

async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

struct DeviceToken;

impl utoipa::Modify for DeviceToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme(
                "device_token",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The OpenAPI document of `/v1`.
#[derive(OpenApi)]
#[openapi(
    info(title = "Polku regional server", version = "1",
        description = "Sync for Polku, the job coach's app: devices push their outbox and pull changes."),
    paths(enrol_device, push_batch, pull_changes, pull_team, pull_shared, team_head, team_roster, hand_over,
        sync_status),
    components(schemas(ApiError, Change, EnrolRequest, EnrolResponse, Entity, HandoverRequest,
        HandoverResponse, Mutation,
        PullResponse, PushRequest, PushResponse, RecordId, Role, ScopeHead, StatusResponse,
        SyncErrorCode, Team, TeamRoster, RosterMember, RosterDevice)),
    modifiers(&DeviceToken)
)]
pub struct ApiDoc;
