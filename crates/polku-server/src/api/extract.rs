//! JSON and query extractors whose rejections are `ApiError`s with the right status: 413 for
//! a body over the limit, 400 with serde's explanation for anything malformed.

use super::AppState;
use crate::error::ServerError;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use serde::de::DeserializeOwned;

pub struct ApiJson<T>(pub T);

impl<T> FromRequest<AppState> for ApiJson<T>
where
    T: DeserializeOwned,
{
    type Rejection = ServerError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(r) => Err(json_rejection(r, state.max_body)),
        }
    }
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
