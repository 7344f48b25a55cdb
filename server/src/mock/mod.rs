//! A faithful SEEK Pass mock, served by the same process at the documented paths, so the proxy
//! talks to it over real HTTP exactly as it would talk to SEEK Pass.

mod add;
pub mod check;
mod control;
pub mod envelope;
pub mod field_reference;
pub mod json_schema;
mod oauth;
pub mod schema;
mod status;

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;

use crate::clock::Clock;

pub use control::Fault;

/// How long a submission id keeps returning the same redirect.
pub const ID_WINDOW_SECS: i64 = 48 * 3600;
/// Lifetime of issued tokens, unless `/mock/control` sets another (`token_secs`).
pub const TOKEN_SECS: i64 = 3600;

/// A submission status, as the status API spells it (`seekpass-api.md` §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SubmissionStatus {
    /// In progress.
    Incomplete,
    /// Added to the wallet.
    Verified,
    /// Cancelled, or expired after 48 h.
    Canceled,
}

impl SubmissionStatus {
    /// The documented wire value.
    pub fn as_str(&self) -> &'static str {
        match self {
            SubmissionStatus::Incomplete => "incomplete",
            SubmissionStatus::Verified => "verified",
            SubmissionStatus::Canceled => "canceled",
        }
    }
}

/// One add request remembered by the mock.
#[derive(Debug, Clone)]
pub struct Submission {
    /// SEEK Pass's request id (the `content` of the redirect).
    pub content: String,
    /// The `redirect_uri` first answered for its id, answered again for every reuse.
    pub redirect: String,
    /// Document type (single credentials only).
    pub document_type: Option<String>,
    /// When it was created (mock clock).
    pub created_at: i64,
    /// Final state, when finalised by the app page.
    pub finalized: Option<(SubmissionStatus, i64)>,
}

/// Everything the mock remembers. Shared across requests.
pub struct MockState {
    /// The moveable clock.
    pub clock: Arc<Clock>,
    /// The one client the mock knows.
    pub client_id: String,
    /// Its secret.
    pub client_secret: String,
    /// The origin written into redirects.
    pub app_origin: String,
    tokens: Mutex<HashMap<String, (Vec<String>, i64)>>,
    submissions: Mutex<HashMap<String, Submission>>,
    faults: Mutex<Vec<Fault>>,
    /// A status value to report instead of the real one (e.g. `revoked`, which the docs do not list).
    status_override: Mutex<Option<String>>,
    /// `expires_in` of the tokens issued from now on.
    pub token_secs: AtomicI64,
    /// Token requests served.
    pub token_requests: AtomicU64,
    /// Add requests served.
    pub add_requests: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave these maps half-updated in a way that matters.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl MockState {
    /// A mock for one client, writing `app_origin` into its redirects.
    pub fn new(
        clock: Arc<Clock>,
        client_id: String,
        client_secret: String,
        app_origin: String,
    ) -> MockState {
        MockState {
            clock,
            client_id,
            client_secret,
            app_origin,
            tokens: Mutex::new(HashMap::new()),
            submissions: Mutex::new(HashMap::new()),
            faults: Mutex::new(Vec::new()),
            status_override: Mutex::new(None),
            token_secs: AtomicI64::new(TOKEN_SECS),
            token_requests: AtomicU64::new(0),
            add_requests: AtomicU64::new(0),
        }
    }

    /// The scopes of a live bearer token in `headers`.
    fn bearer_scope_names(&self, headers: &HeaderMap) -> Option<Vec<String>> {
        let auth = headers.get("authorization")?.to_str().ok()?;
        let token = auth.strip_prefix("Bearer ")?;
        let now = self.clock.now();
        lock(&self.tokens)
            .get(token)
            .filter(|(_, exp)| *exp > now)
            .map(|(s, _)| s.clone())
    }

    /// Applies the first matching injected fault for `path`, if any, after any delay.
    async fn fault(&self, path: &str, headers: &HeaderMap) -> Option<Response> {
        let fault = control::take_fault(&mut lock(&self.faults), path)
            .or_else(|| Fault::from_headers(headers))?;
        if fault.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
        }
        fault.status.map(|s| {
            let status = StatusCode::from_u16(s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut resp = (status, fault.body.clone().unwrap_or_default()).into_response();
            if let Some(secs) = fault.retry_after {
                resp.headers_mut().insert("retry-after", secs.into());
            }
            resp
        })
    }
}

/// A JSON response in the mock's error shape, with the field path when there is one.
fn mock_error(status: StatusCode, code: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": code }))).into_response()
}

/// The mock's routes, at SEEK Pass's documented paths.
pub fn router(state: Arc<MockState>) -> Router {
    Router::new()
        .route("/api/partner/v1/oauth/token.json", post(oauth::token))
        .route("/api/partner/v1/add/{*file}", post(add::add))
        .route("/api/partner/v2/add/requests/{*file}", post(add::add))
        .route(
            "/api/partner/v1/submissions/status.json",
            post(status::many),
        )
        .route(
            "/api/partner/v1/submissions/{id}/status.json",
            get(status::one),
        )
        .route("/mock/control", post(control::control))
        .route("/mock/stats", get(control::stats))
        .route("/mock/app/finish", post(status::finish))
        .with_state(state)
}
