//! The reference partner proxy: contract v1 for the button (`POST /api/seekpass/add`) and a
//! status lookup ([`status`]). It trusts the browser for nothing but a record reference.

mod status;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use seekpass_button::core::config::{is_reference, MAX_BATCH_REFS};
use seekpass_button::{accept_redirect_for_type, CredentialType, RedirectError, Scope, WireEnum};
use serde::Deserialize;
use serde_json::json;

pub use status::{status, status_untyped};

use crate::app::AppState;
use crate::keys::submission_id;
use crate::rate::Endpoint;
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
pub(crate) fn no_store(status: StatusCode, body: serde_json::Value) -> Response {
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
pub(crate) fn cross_site(headers: &HeaderMap) -> bool {
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

/// 429 `rate_limited` with `Retry-After`, which the button honours.
fn too_many(retry_after_secs: u64) -> Response {
    let mut resp = error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    resp.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    resp
}

/// Why a request was not admitted.
pub(crate) enum Refused {
    /// Over a rate limit; retry after this many seconds.
    Limited(u64),
    /// Nobody is signed in.
    NotSignedIn,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::Limited(secs) => too_many(secs),
            Refused::NotSignedIn => error(StatusCode::UNAUTHORIZED, "not_authenticated"),
        }
    }
}

/// The signed-in user of a request, within the rate limits of `endpoint` for the client's
/// address and for that user (threats.md item 71).
pub(crate) fn admit(
    app: &AppState,
    endpoint: Endpoint,
    peer: SocketAddr,
    headers: &HeaderMap,
) -> Result<String, Refused> {
    app.limiter
        .address(endpoint, peer.ip())
        .map_err(Refused::Limited)?;
    let user = app.resolver.user(headers).ok_or(Refused::NotSignedIn)?;
    app.limiter
        .user(endpoint, &user)
        .map_err(Refused::Limited)?;
    Ok(user)
}

/// `POST /api/seekpass/add`.
pub async fn add(
    State(app): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if forged(&headers) {
        return error(StatusCode::FORBIDDEN, "forbidden");
    }
    if !is_json(&headers) {
        return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    }
    let user = match admit(&app, Endpoint::Add, peer, &headers) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
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
    let batch_id = submission_id(&app.config.id_key, &app.config.id_prefix, user, ty, refs);
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

pub(crate) fn scopes_for(ty: CredentialType, records: &[&Record]) -> Vec<Scope> {
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
pub(crate) fn owned_records<'a>(
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

pub(crate) fn upstream_error(e: UpstreamError) -> Response {
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
