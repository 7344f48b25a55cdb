//! The reference partner proxy: contract v1 for the button (`POST /api/seekpass/add`) and a
//! status lookup ([`status`]). It trusts the browser for nothing but a record reference.

mod error;
pub(crate) mod form;
pub(crate) mod pages;
mod status;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use seekpass_button::core::config::{is_reference, MAX_BATCH_REFS};
use seekpass_button::{accept_redirect_for_type, CredentialType, RedirectError, Scope, WireEnum};
use serde::Deserialize;
use serde_json::json;

pub use error::{no_store, ProxyError};
pub use status::{status, status_untyped};

use crate::keys::submission_id;
use crate::rate::Endpoint;
use crate::records::{batch_request, Record};
use crate::state::{AppState, ProxyState};

/// The proxy's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(form::ADD_PATH, post(add))
        .route(
            "/api/seekpass/status/{credential_type}/{references}",
            get(status),
        )
        // The v0.2 button's path, without the type: one reference is its record's own type,
        // several a `batch` (the only shapes that button could ask about).
        .route("/api/seekpass/status/{references}", get(status_untyped))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct AddBody {
    credential_type: String,
    #[serde(default)]
    credential_ref: Option<String>,
    #[serde(default)]
    credential_refs: Option<Vec<String>>,
}

/// Whether a browser says the request comes from another origin (fetch metadata).
fn cross_site(headers: &HeaderMap) -> bool {
    let site = headers.get("sec-fetch-site").map(|v| v.as_bytes());
    !matches!(site, None | Some(b"same-origin"))
}

/// Refuses what a page on another site could send: a state-changing call needs the widget's
/// custom header (which a cross-site form or simple request cannot add) and same-origin metadata.
pub(crate) fn forged(headers: &HeaderMap) -> bool {
    !headers.contains_key("x-seekpass-widget") || cross_site(headers)
}

/// Whether the request's `Content-Type` is `essence` (any case, with or without parameters).
pub(crate) fn content_type_is(headers: &HeaderMap, essence: &str) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| seekpass_button::core::classify::has_essence(v, essence))
}

/// The signed-in user of a request, within the rate limits of `endpoint` ([`within_limits`]).
/// Nobody signed in spends nothing.
fn admit(
    proxy: &ProxyState,
    endpoint: Endpoint,
    peer: SocketAddr,
    headers: &HeaderMap,
) -> Result<String, ProxyError> {
    let user = proxy
        .resolver
        .user(headers)
        .ok_or(ProxyError::NotAuthenticated)?;
    within_limits(proxy, endpoint, &user, peer, headers)?;
    Ok(user)
}

/// Spends one request of `endpoint` for `user` (signed in, or named by an entry link) and for the
/// client's address (threats.md items 71 and 78): the user's own bucket first, so a request it
/// refuses costs the address nothing.
pub(crate) fn within_limits(
    proxy: &ProxyState,
    endpoint: Endpoint,
    user: &str,
    peer: SocketAddr,
    headers: &HeaderMap,
) -> Result<(), ProxyError> {
    let limited = |secs| ProxyError::RateLimited(Some(secs));
    proxy.limiter.user(endpoint, user).map_err(limited)?;
    proxy
        .limiter
        .address(endpoint, peer.ip(), headers)
        .map_err(limited)
}

/// The answer to a body over the server's limit: the failure page for a form post (in the
/// language its headers ask for), else the contract's JSON error.
pub struct TooLarge(Option<seekpass_button::core::messages::Locale>);

impl TooLarge {
    /// How a request with `headers` is answered if its body is too large.
    pub fn for_request(headers: &HeaderMap) -> TooLarge {
        let form = content_type_is(headers, "application/x-www-form-urlencoded");
        TooLarge(form.then(|| form::locale(None, headers)))
    }
}

impl IntoResponse for TooLarge {
    fn into_response(self) -> Response {
        match self.0 {
            Some(locale) => pages::FailurePage {
                error: ProxyError::TooLarge,
                locale,
                retry: None,
                action: form::ADD_PATH,
                back: None,
            }
            .into_response(),
            None => ProxyError::TooLarge.into_response(),
        }
    }
}

/// `POST /api/seekpass/add`: contract v1 as JSON (the wasm button), or its form mode (the
/// button before or without its script, [`form`]).
pub async fn add(
    State(proxy): State<Arc<ProxyState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ProxyError> {
    if content_type_is(&headers, "application/x-www-form-urlencoded") {
        return Ok(add_form(&proxy, peer, &headers, &body).await);
    }
    if forged(&headers) {
        return Err(ProxyError::Forbidden);
    }
    if !content_type_is(&headers, "application/json") {
        return Err(ProxyError::UnsupportedMediaType);
    }
    let user = admit(&proxy, Endpoint::Add, peer, &headers)?;
    let req = serde_json::from_slice::<AddBody>(&body).map_err(|_| ProxyError::BadRequest)?;
    let (ty, refs) = credential(
        &req.credential_type,
        req.credential_ref,
        req.credential_refs,
    )?;
    let redirect = link_for(&proxy, &user, ty, &refs).await?;
    Ok(no_store(
        StatusCode::OK,
        json!({ "redirect_uri": redirect }),
    ))
}

/// The form mode: a page that goes on to the link, or the failure page. The same checks, gate and derived
/// id as the JSON contract, so a double submit or a retry gets the same link.
async fn add_form(
    proxy: &ProxyState,
    peer: SocketAddr,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let origin = proxy.public_origin.as_deref();
    let parsed = form::parse(body).ok();
    let shape = parsed.clone().and_then(|f| {
        let (ty, refs) =
            credential(&f.credential_type, f.credential_ref, f.credential_refs).ok()?;
        refs.iter().all(|r| is_reference(r)).then_some((ty, refs))
    });
    let page = |error| {
        let retry = shape.as_ref().map(|(ty, refs)| {
            let locale = parsed.as_ref().and_then(|f| f.locale.as_deref());
            (*ty, refs.as_slice(), locale)
        });
        pages::FailurePage {
            error,
            locale: form::locale(parsed.as_ref(), headers),
            retry,
            action: form::ADD_PATH,
            back: form::back_link(headers, origin),
        }
        .into_response()
    };
    // Nothing of a cross-site post is read further, and nothing reaches SEEK Pass.
    if !form::same_origin(headers, origin) {
        return page(ProxyError::Forbidden);
    }
    let result = async {
        let user = admit(proxy, Endpoint::Add, peer, headers)?;
        let (ty, refs) = shape.clone().ok_or(ProxyError::BadRequest)?;
        link_for(proxy, &user, ty, &refs).await
    };
    match result.await {
        Ok(link) => pages::ContinuePage {
            link: &link,
            locale: form::locale(parsed.as_ref(), headers),
        }
        .into_response(),
        Err(error) => page(error),
    }
}

/// The credential a request asks for: its type, and one reference (or a batch's list).
fn credential(
    ty: &str,
    one: Option<String>,
    many: Option<Vec<String>>,
) -> Result<(CredentialType, Vec<String>), ProxyError> {
    let ty = CredentialType::parse(ty).ok_or(ProxyError::BadRequest)?;
    let refs = match (ty.is_batch(), one, many) {
        (false, Some(one), None) => vec![one],
        (true, None, Some(many)) if !many.is_empty() && many.len() <= MAX_BATCH_REFS => many,
        _ => return Err(ProxyError::BadRequest),
    };
    Ok((ty, refs))
}

/// The user's gated link for the credential: records, payload, SEEK Pass, gate.
pub(crate) async fn link_for(
    proxy: &ProxyState,
    user: &str,
    ty: CredentialType,
    refs: &[String],
) -> Result<String, ProxyError> {
    let records = owned_records(proxy, user, refs)?;
    ask_seekpass(proxy, ty, user, refs, &records).await
}

async fn ask_seekpass(
    proxy: &ProxyState,
    ty: CredentialType,
    user: &str,
    refs: &[String],
    records: &[&Record],
) -> Result<String, ProxyError> {
    let batch_id = submission_id(&proxy.ids.key, &proxy.ids.prefix, user, ty, refs);
    let payload = if ty.is_batch() {
        batch_request(ty, records, &batch_id)
    } else if records[0].credential_type() == ty {
        records[0].add_request(&batch_id)
    } else {
        return Err(ProxyError::BadRequest);
    };
    let payload = payload.map_err(|e| {
        // Paths and rules only: the record's values are personal data.
        tracing::error!(credential_type = %ty, errors = %e, "payload failed validation");
        if ty.is_batch() {
            ProxyError::Rejected
        } else {
            ProxyError::Internal
        }
    })?;
    let scopes = scopes_for(ty, records);
    let raw = proxy
        .seekpass
        .add_with_retries(ty, &scopes, &payload)
        .await?;
    // Defence in depth: the proxy runs the same gate as the button before answering.
    let redirect = accept_redirect_for_type(&raw, &proxy.gate_env, ty).map_err(|reason| {
        tracing::warn!(
            reason = reason.code(),
            "SEEK Pass redirect refused by the gate"
        );
        if reason == RedirectError::Type {
            // A valid link, but for another credential type than the one asked for.
            ProxyError::UpstreamInvalid
        } else {
            ProxyError::RedirectRejected
        }
    })?;
    // A second, independent parser: WHATWG `url` must read back the identical string.
    let same = url::Url::parse(redirect.as_str()).is_ok_and(|u| u.as_str() == redirect.as_str());
    if !same {
        tracing::warn!("SEEK Pass redirect is not canonical to the url crate");
        return Err(ProxyError::RedirectRejected);
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
pub(crate) fn owned_records<'a>(
    proxy: &'a ProxyState,
    user: &str,
    refs: &[String],
) -> Result<Vec<&'a Record>, ProxyError> {
    if !refs.iter().all(|r| is_reference(r)) || has_duplicates(refs) {
        return Err(ProxyError::BadRequest);
    }
    refs.iter()
        .map(|r| {
            proxy
                .records
                .get(r)
                .filter(|rec| rec.owner == user)
                .ok_or(ProxyError::NotFound)
        })
        .collect()
}

fn has_duplicates(refs: &[String]) -> bool {
    refs.iter().enumerate().any(|(i, r)| refs[..i].contains(r))
}
