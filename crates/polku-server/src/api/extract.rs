//! JSON and query extractors whose rejections are `ApiError`s with the right status: 413 for
//! a body over the limit, 400 with serde's explanation for anything malformed — for a push,
//! `bad_batch` naming the mutation that could not be read.

use super::AppState;
use crate::error::ServerError;
use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use polku_domain::protocol::BatchError;
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

pub struct ApiJson<T>(pub T);

/// How a request body that could not be read is explained. By default as axum explains it
/// (400 `bad_request` with serde's path and message).
pub trait Explain: DeserializeOwned {
    fn unreadable(body: &[u8], limit: usize) -> ServerError {
        as_axum_explains::<Self>(body, limit)
    }
}

fn as_axum_explains<T: DeserializeOwned>(body: &[u8], limit: usize) -> ServerError {
    match Json::<T>::from_bytes(body) {
        Ok(_) => ServerError::BadRequest("the body could not be read".into()),
        Err(r) => json_rejection(r, limit),
    }
}

impl Explain for polku_domain::protocol::EnrolRequest {}

impl Explain for polku_domain::protocol::HandoverRequest {}

impl Explain for polku_domain::protocol::PushRequest {
    /// A mutation that cannot be read is `bad_batch`, naming its index and, when it has one,
    /// its seq, like every other batch error.
    fn unreadable(body: &[u8], limit: usize) -> ServerError {
        let mut de = serde_json::Deserializer::from_slice(body);
        let Err(e) = serde_path_to_error::deserialize::<_, Self>(&mut de) else {
            // Only trailing bytes are left: not about a mutation.
            return as_axum_explains::<Self>(body, limit);
        };
        let mut path = e.path().iter();
        let index = match (path.next(), path.next()) {
            (Some(Segment::Map { key }), Some(Segment::Seq { index })) if key == "mutations" => {
                *index
            }
            _ => return as_axum_explains::<Self>(body, limit),
        };
        let seq = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v["mutations"][index]["seq"].as_u64());
        ServerError::BadBatch(BatchError::Unreadable {
            index,
            seq,
            detail: format!("{}: {}", e.path(), e.inner()),
        })
    }
}

impl<T> FromRequest<AppState> for ApiJson<T>
where
    T: Explain,
{
    type Rejection = ServerError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let limit = state.max_body;
        if !is_json(req.headers()) {
            // axum's extractor explains a missing or wrong content type.
            return Json::<T>::from_request(req, state)
                .await
                .map(|Json(v)| ApiJson(v))
                .map_err(|r| json_rejection(r, limit));
        }
        let body = Bytes::from_request(req, state).await.map_err(|r| {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ServerError::TooLarge { limit }
            } else {
                ServerError::BadRequest(r.body_text())
            }
        })?;
        // The plain parser first: axum's tracks the path to every value, which costs a push of
        // 1,000 mutations about a millisecond; it runs only to explain a body that failed.
        match serde_json::from_slice(&body) {
            Ok(v) => Ok(ApiJson(v)),
            Err(_) => Err(T::unreadable(&body, limit)),
        }
    }
}

/// `application/json` or `application/…+json`, parsed as axum's JSON extractor does.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok())
        .is_some_and(|m| {
            m.type_() == "application"
                && (m.subtype() == "json" || m.suffix().is_some_and(|s| s == "json"))
        })
}

fn json_rejection(r: JsonRejection, limit: usize) -> ServerError {
    if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ServerError::TooLarge { limit };
    }
    ServerError::BadRequest(r.body_text())
}

pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ServerError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| ApiQuery(v))
            .map_err(|r: QueryRejection| ServerError::BadRequest(r.body_text()))
    }
}
