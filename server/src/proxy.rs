//! The reference partner proxy: contract v1 for the button (`POST /api/seekpass/add`) and a
//! status lookup. It trusts the browser for nothing but a record reference.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use seekpass_button::core::config::{is_reference, MAX_BATCH_REFS};
use seekpass_button::core::status::{SubmissionStatus, REF_SEPARATOR};
use seekpass_button::{accept_redirect_for_type, CredentialType, RedirectError, Scope, WireEnum};
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::keys::submission_id;
use crate::records::{batch_request, Record};
use crate::upstream::UpstreamError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct AddBody {
    credential_type: String,
    #[serde(default)]
    credential_ref: Option<String>,
    #[serde(default)]
    credential_refs: Option<Vec<String>>,
}

/// A JSON answer that no cache may keep (it can carry a claimable `redirect_uri`).
fn no_store(status: StatusCode, body: serde_json::Value) -> Response {
    let mut resp = (status, axum::Json(body)).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// A contract v1 error: `{"error": {"code": ...}}`, never cached.
pub fn error(status: StatusCode, code: &str) -> Response {
    no_store(status, json!({ "error": { "code": code } }))
}

/// Whether a browser says the request comes from another origin (fetch metadata).
fn cross_site(headers: &HeaderMap) -> bool {
    let site = headers.get("sec-fetch-site").map(|v| v.as_bytes());
    !matches!(site, None | Some(b"same-origin"))
}

/// Refuses what a page on another site could send: a state-changing call needs the widget's
/// custom header (which a cross-site form or simple request cannot add) and same-origin metadata.
fn forged(headers: &HeaderMap) -> bool {
    !headers.contains_key("x-seekpass-widget") || cross_site(headers)
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(seekpass_button::core::classify::is_json)
}

/// `POST /api/seekpass/add`.
pub async fn add(State(app): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    if forged(&headers) {
        return error(StatusCode::FORBIDDEN, "forbidden");
    }
    if !is_json(&headers) {
        return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    }
    let Some(user) = app.resolver.user(&headers) else {
        return error(StatusCode::UNAUTHORIZED, "not_authenticated");
    };
    let Ok(req) = serde_json::from_slice::<AddBody>(&body) else {
        return error(StatusCode::BAD_REQUEST, "bad_request");
    };
    let Some(ty) = CredentialType::parse(&req.credential_type) else {
        return error(StatusCode::BAD_REQUEST, "bad_request");
    };
    let refs = match (ty.is_batch(), req.credential_ref, req.credential_refs) {
        (false, Some(one), None) => vec![one],
        (true, None, Some(many)) if !many.is_empty() && many.len() <= MAX_BATCH_REFS => many,
        _ => return error(StatusCode::BAD_REQUEST, "bad_request"),
    };
    let records = match owned_records(&app, &user, &refs) {
        Ok(records) => records,
        Err((status, code)) => return error(status, code),
    };
    match ask_seekpass(&app, ty, &user, &refs, &records).await {
        Ok(redirect) => no_store(StatusCode::OK, json!({ "redirect_uri": redirect })),
        Err(resp) => resp,
    }
}

async fn ask_seekpass(
    app: &AppState,
    ty: CredentialType,
    user: &str,
    refs: &[String],
    records: &[&Record],
) -> Result<String, Response> {
    let id_of =
        |refs: &[String]| submission_id(&app.config.id_key, &app.config.id_prefix, user, refs);
    let batch_id = id_of(refs);
    let payload = if ty.is_batch() {
        batch_request(ty, records, &batch_id)
    } else if records[0].credential_type() == ty {
        records[0].add_request(&batch_id)
    } else {
        return Err(error(StatusCode::BAD_REQUEST, "bad_request"));
    };
    let payload = payload.map_err(|e| {
        // Paths and rules only: the record's values are personal data.
        tracing::error!(credential_type = %ty, errors = %e, "payload failed validation");
        if ty.is_batch() {
            error(StatusCode::UNPROCESSABLE_ENTITY, "rejected")
        } else {
            error(StatusCode::INTERNAL_SERVER_ERROR, "internal")
        }
    })?;
    let scopes = scopes_for(ty, records);
    let raw = app
        .seekpass
        .add(ty, &scopes, &payload)
        .await
        .map_err(upstream_error)?;
    // Defence in depth: the proxy runs the same gate as the button before answering.
    let redirect = accept_redirect_for_type(&raw, &app.gate_env, ty).map_err(|reason| {
        tracing::warn!(
            reason = reason.code(),
            "SEEK Pass redirect refused by the gate"
        );
        if reason == RedirectError::Type {
            // A valid link, but for another credential type than the one asked for.
            error(StatusCode::BAD_GATEWAY, "upstream_invalid")
        } else {
            error(StatusCode::BAD_GATEWAY, "redirect_rejected")
        }
    })?;
    // A second, independent parser: WHATWG `url` must read back the identical string.
    let same = url::Url::parse(redirect.as_str()).is_ok_and(|u| u.as_str() == redirect.as_str());
    if !same {
        tracing::warn!("SEEK Pass redirect is not canonical to the url crate");
        return Err(error(StatusCode::BAD_GATEWAY, "redirect_rejected"));
    }
    Ok(redirect.as_str().to_owned())
}

fn scopes_for(ty: CredentialType, records: &[&Record]) -> Vec<Scope> {
    if !ty.is_batch() {
        return ty.spec().scopes.to_vec();
    }
    let mut scopes: Vec<Scope> = records
        .iter()
        .flat_map(|r| r.credential_type().spec().scopes.iter().copied())
        .collect();
    scopes.dedup();
    scopes
}

/// The user's records for `refs`: 400 for a malformed or repeated reference, and 404 for a
/// missing record or another user's, answered exactly alike (threats.md item 52).
fn owned_records<'a>(
    app: &'a AppState,
    user: &str,
    refs: &[String],
) -> Result<Vec<&'a Record>, (StatusCode, &'static str)> {
    if !refs.iter().all(|r| is_reference(r)) || has_duplicates(refs) {
        return Err((StatusCode::BAD_REQUEST, "bad_request"));
    }
    refs.iter()
        .map(|r| {
            app.records
                .get(r)
                .filter(|rec| rec.owner == user)
                .ok_or((StatusCode::NOT_FOUND, "not_found"))
        })
        .collect()
}

fn has_duplicates(refs: &[String]) -> bool {
    refs.iter().enumerate().any(|(i, r)| refs[..i].contains(r))
}

fn upstream_error(e: UpstreamError) -> Response {
    match e {
        UpstreamError::Timeout => error(StatusCode::GATEWAY_TIMEOUT, "upstream_timeout"),
        UpstreamError::Unavailable => {
            error(StatusCode::SERVICE_UNAVAILABLE, "upstream_unavailable")
        }
        UpstreamError::RateLimited(secs) => {
            let mut resp = error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
            if let Some(v) = secs.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
            resp
        }
        UpstreamError::Unauthorized => error(StatusCode::BAD_GATEWAY, "upstream_auth"),
        UpstreamError::Rejected => error(StatusCode::UNPROCESSABLE_ENTITY, "rejected"),
        UpstreamError::BadResponse => error(StatusCode::BAD_GATEWAY, "upstream_bad_response"),
    }
}

/// `GET /api/seekpass/status/{references}`: the SEEK Pass status of the user's submission for
/// one reference, or for a batch with its references joined by `,` (as the button sends them).
/// Answers `{"status", "finalized_at"}`; a status the docs do not list is passed on as
/// `unknown`, never as an error.
pub async fn status(
    State(app): State<Arc<AppState>>,
    Path(references): Path<String>,
    headers: HeaderMap,
) -> Response {
    if cross_site(&headers) {
        return error(StatusCode::FORBIDDEN, "forbidden");
    }
    let Some(user) = app.resolver.user(&headers) else {
        return error(StatusCode::UNAUTHORIZED, "not_authenticated");
    };
    let refs: Vec<String> = references.split(REF_SEPARATOR).map(str::to_owned).collect();
    if refs.len() > MAX_BATCH_REFS {
        return error(StatusCode::BAD_REQUEST, "bad_request");
    }
    let records = match owned_records(&app, &user, &refs) {
        Ok(records) => records,
        Err((status, code)) => return error(status, code),
    };
    let id = submission_id(&app.config.id_key, &app.config.id_prefix, &user, &refs);
    let ty = if records.len() == 1 {
        records[0].credential_type()
    } else {
        CredentialType::Batch
    };
    match app.seekpass.status(&id, &scopes_for(ty, &records)).await {
        Ok(body) => {
            let status = body
                .get("status")
                .and_then(serde_json::Value::as_str)
                .map_or(SubmissionStatus::Unknown, SubmissionStatus::from_wire);
            let finalized_at = body
                .get("finalized_at")
                .filter(|v| v.is_string())
                .cloned()
                .unwrap_or(serde_json::Value::Null);
            no_store(
                StatusCode::OK,
                json!({ "status": status, "finalized_at": finalized_at }),
            )
        }
        // SEEK Pass knows no submission with this id: the user's record was never sent.
        Err(UpstreamError::Rejected) => no_store(
            StatusCode::OK,
            json!({ "status": SubmissionStatus::NotSubmitted, "finalized_at": null }),
        ),
        Err(e) => upstream_error(e),
    }
}
