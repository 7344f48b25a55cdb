//! `/l/<handle>`: where an entry link lands. `GET` and `HEAD` (what mail scanners and chat
//! previews send) check the handle and show a page, and never call SEEK Pass or change anything;
//! only a same-origin `POST` from that page asks SEEK Pass, through the same records, derived id
//! and gate as the in-page button, so the same link within 48 h gets the same SEEK Pass link.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use seekpass_button::core::messages::Locale;
use serde_json::json;

use super::handle::{self, Claims, Refused};
use super::page::{render, Landing};
use super::texts::{text, Text};
use super::LinkState;
use crate::proxy::pages::{ContinuePage, FailurePage};
use crate::proxy::{
    content_type_is, forged, form, link_for, no_store, owned_records, within_limits, ProxyError,
};
use crate::rate::Endpoint;
use crate::records::Record;
use crate::state::AppState;

/// The path prefix of entry links.
pub const PREFIX: &str = "/l/";

/// The landing routes, over their own state (mounted only when a link key is set).
pub fn routes(links: Arc<LinkState>) -> Router<AppState> {
    Router::new()
        .route("/l/{handle}", get(view).post(confirm))
        .route(super::email::MARK_PATH, get(super::mark::serve))
        .with_state(links)
}

/// A handle that held: its claims and the records it names.
struct Held<'a> {
    claims: Claims,
    records: Vec<&'a Record>,
}

/// Checks `handle`: signature, expiry, revocation, and that its records still belong to its user.
fn hold<'a>(links: &'a LinkState, handle: &str) -> Result<Held<'a>, Refused> {
    let now = u64::try_from(links.clock.now()).unwrap_or(0);
    let claims = handle::verify(&links.key, handle, now)?;
    if links.revoked.refuses(handle::link_id(handle)) {
        return Err(Refused::Expired(claims.locale));
    }
    let records =
        owned_records(&links.proxy, &claims.user, &claims.refs).map_err(|_| Refused::Invalid)?;
    Ok(Held { claims, records })
}

fn locale(claims: Option<&Claims>, headers: &HeaderMap) -> Locale {
    claims
        .and_then(|c| c.locale)
        .unwrap_or_else(|| form::locale(None, headers))
}

/// A refused link's page: in the language its sender chose when the signature held, else the
/// browser's.
fn refused(why: Refused, headers: &HeaderMap) -> Response {
    let (page, chosen) = match why {
        Refused::Invalid => (Landing::Invalid, None),
        Refused::Expired(chosen) => (Landing::Expired, chosen),
    };
    render(page, chosen.unwrap_or_else(|| locale(None, headers)))
}

/// Where a printed link sends a person to sign in: the partner's sign-in, back to this landing.
fn sign_in_href(links: &LinkState, handle: &str) -> String {
    let next: String =
        form_urlencoded::byte_serialize(format!("{PREFIX}{handle}").as_bytes()).collect();
    let sep = if links.sign_in.contains('?') {
        '&'
    } else {
        '?'
    };
    format!("{}{sep}next={next}", links.sign_in)
}

/// Whether the request may confirm for `claims`: any holder of an email or text link; for a
/// printed link, only its user, signed in. `Err` says whether somebody else is signed in.
fn signed_in_as_needed(
    links: &LinkState,
    claims: &Claims,
    headers: &HeaderMap,
) -> Result<(), bool> {
    if !claims.channel.needs_sign_in() {
        return Ok(());
    }
    match links.proxy.resolver.user(headers) {
        Some(user) if user == claims.user => Ok(()),
        other => Err(other.is_some()),
    }
}

/// `GET` (and `HEAD`) `/l/<handle>`: the page, counted as a view; nothing else happens.
async fn view(
    State(links): State<Arc<LinkState>>,
    Path(handle): Path<String>,
    headers: HeaderMap,
) -> Response {
    let held = match hold(&links, &handle) {
        Ok(h) => h,
        Err(why) => return refused(why, &headers),
    };
    links.metrics.link_event(held.claims.channel.name(), "view");
    let locale = locale(Some(&held.claims), &headers);
    let titles = held
        .records
        .iter()
        .map(|r| {
            r.public_title()
                .unwrap_or_else(|| text(locale, Text::IdentityTitle).to_owned())
        })
        .collect();
    let endpoint = format!("{PREFIX}{handle}");
    let landing = match signed_in_as_needed(&links, &held.claims, &headers) {
        Ok(()) => Landing::Button {
            titles,
            ty: held.claims.ty,
            refs: &held.claims.refs,
            endpoint: &endpoint,
            environment: &links.button_environment,
        },
        Err(other_account) => Landing::SignIn {
            titles,
            href: sign_in_href(&links, &handle),
            other_account,
        },
    };
    render(landing, locale)
}

/// `POST /l/<handle>`: the form on the landing page (or the button on it, as JSON) asks for the
/// SEEK Pass link; answered as the form mode and the JSON contract answer.
async fn confirm(
    State(links): State<Arc<LinkState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(handle): Path<String>,
    headers: HeaderMap,
) -> Response {
    let is_form = content_type_is(&headers, "application/x-www-form-urlencoded");
    let allowed = if is_form {
        form::same_origin(&headers, links.proxy.public_origin.as_deref())
    } else {
        !forged(&headers) && content_type_is(&headers, "application/json")
    };
    let held = match hold(&links, &handle) {
        Ok(h) if allowed => h,
        Ok(_) => return failure(is_form, ProxyError::Forbidden, None, &handle, &headers),
        Err(why) if is_form => return refused(why, &headers),
        Err(_) => return ProxyError::NotFound.into_response(),
    };
    let result = async {
        signed_in_as_needed(&links, &held.claims, &headers)
            .map_err(|_| ProxyError::NotAuthenticated)?;
        let user = &held.claims.user;
        within_limits(&links.proxy, Endpoint::Add, user, peer, &headers)?;
        link_for(&links.proxy, user, held.claims.ty, &held.claims.refs).await
    };
    match result.await {
        Ok(link) => {
            links
                .metrics
                .link_event(held.claims.channel.name(), "confirm");
            if is_form {
                let locale = locale(Some(&held.claims), &headers);
                ContinuePage {
                    link: &link,
                    locale,
                }
                .into_response()
            } else {
                no_store(StatusCode::OK, json!({ "redirect_uri": link }))
            }
        }
        Err(error) => failure(is_form, error, Some(&held.claims), &handle, &headers),
    }
}

fn failure(
    is_form: bool,
    error: ProxyError,
    claims: Option<&Claims>,
    handle: &str,
    headers: &HeaderMap,
) -> Response {
    if !is_form {
        return error.into_response();
    }
    let action = format!("{PREFIX}{handle}");
    FailurePage {
        error,
        locale: locale(claims, headers),
        retry: claims.map(|c| (c.ty, c.refs.as_slice(), None)),
        action: &action,
        back: Some(action.clone()),
    }
    .into_response()
}
