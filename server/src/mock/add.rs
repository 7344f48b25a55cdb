//! The add endpoints: `POST /api/partner/v1/add/<type>.json`, the older v1 batch and
//! `POST /api/partner/v2/add/requests/batch.json`. Bodies are checked against the mock's own
//! documented tables ([`super::schema`]); the answer is `201 {"redirect_uri": ...}` with `&`
//! escaped as `\u0026`, as SEEK Pass's encoder does.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::envelope::{check, Refusal};
use super::schema::endpoint;
use super::{lock, mock_error, MockState, Submission, ID_WINDOW_SECS};

/// Handles every add endpoint; what is expected comes from the path.
pub async fn add(
    State(mock): State<Arc<MockState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path();
    if let Some(resp) = mock.fault(path, &headers).await {
        return resp;
    }
    mock.add_requests.fetch_add(1, Ordering::Relaxed);
    let Some(endpoint) = endpoint(path) else {
        return mock_error(StatusCode::NOT_FOUND, "not_found");
    };
    let Some(granted) = mock.bearer_scope_names(&headers) else {
        return mock_error(StatusCode::UNAUTHORIZED, "invalid_token");
    };
    let accepted = match check(endpoint, &body) {
        Ok(a) => a,
        Err(refusal) => return refused(refusal),
    };
    if !accepted
        .scopes
        .iter()
        .all(|s| granted.iter().any(|g| g == s))
    {
        return mock_error(StatusCode::FORBIDDEN, "insufficient_scope");
    }
    let now = mock.clock.now();
    let redirect = {
        let mut subs = lock(&mock.submissions);
        // SEEK Pass's rule for a reused id within 48 h: the first request's `redirect_uri`,
        // byte for byte, whatever this request asks for (threats.md item 61).
        let replayed = subs
            .get(&accepted.id)
            .filter(|s| now - s.created_at < ID_WINDOW_SECS)
            .map(|s| s.redirect.clone());
        replayed.unwrap_or_else(|| {
            // Unknown, or older than 48 h (its data is gone): a new request and a new link.
            let content = seekpass_button::core::contract::uuid_v4(rand::random());
            let redirect = redirect_uri(
                &mock.app_origin,
                &mock.client_id,
                accepted.app_path,
                accepted.document_type.as_deref(),
                &content,
            );
            let sub = Submission {
                content,
                redirect: redirect.clone(),
                document_type: accepted.document_type.clone(),
                created_at: now,
                finalized: None,
            };
            subs.insert(accepted.id.clone(), sub);
            redirect
        })
    };
    // SEEK Pass's JSON encoder escapes `&` as `\u0026`; the mock does the same.
    let text = json!({ "redirect_uri": redirect })
        .to_string()
        .replace('&', "\\u0026");
    (
        StatusCode::CREATED,
        [("content-type", "application/json")],
        text,
    )
        .into_response()
}

fn refused(refusal: Refusal) -> Response {
    let (status, body) = match refusal {
        Refusal::Malformed => (
            StatusCode::BAD_REQUEST,
            json!({ "error": "malformed_json" }),
        ),
        Refusal::WrongApiVersion(why) => (
            StatusCode::BAD_REQUEST,
            json!({ "error": "wrong_api_version", "detail": why }),
        ),
        Refusal::Fields(fields) => {
            let fields: Vec<_> = fields
                .iter()
                .map(|(path, rule)| json!({ "path": path, "rule": rule }))
                .collect();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({ "error": "invalid_payload", "fields": fields }),
            )
        }
    };
    (status, axum::Json(body)).into_response()
}

/// The app URL for a submission: `<origin><app path>#clientId=…[&documentType=…]&content=…`.
pub fn redirect_uri(
    origin: &str,
    client_id: &str,
    app_path: &str,
    document_type: Option<&str>,
    content: &str,
) -> String {
    let doc = document_type
        .map(|d| format!("&documentType={d}"))
        .unwrap_or_default();
    format!("{origin}{app_path}#clientId={client_id}{doc}&content={content}")
}
