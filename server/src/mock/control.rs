//! Test and benchmark knobs: injected faults and latency, the moveable clock, counters.
//! Per request with `X-Mock-Status` / `X-Mock-Delay-Ms` headers, or queued by `POST /mock/control`.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::{lock, mock_error, MockState};

/// A fault to inject into the next matching request(s).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Fault {
    /// Path prefix it applies to (`/api/partner/v1/add/` for every add endpoint); empty for all.
    #[serde(default)]
    pub path: String,
    /// Answer with this status instead of the real one; `None` only delays.
    #[serde(default)]
    pub status: Option<u16>,
    /// Body of the injected answer.
    #[serde(default)]
    pub body: Option<String>,
    /// `Retry-After` of the injected answer.
    #[serde(default)]
    pub retry_after: Option<u32>,
    /// Wait this long first.
    #[serde(default)]
    pub delay_ms: u64,
    /// How many requests it applies to.
    #[serde(default = "one")]
    pub times: u32,
    /// Applies to one in every `every` matching requests, the others passing untouched: a
    /// steady fault rate (5 is 20 %). 0 or 1: every one.
    #[serde(default)]
    pub every: u32,
    /// Matching requests seen so far, for `every`.
    #[serde(skip)]
    seen: u32,
}

fn one() -> u32 {
    1
}

impl Fault {
    /// A one-off fault from `X-Mock-Status` / `X-Mock-Delay-Ms` request headers.
    pub fn from_headers(headers: &HeaderMap) -> Option<Fault> {
        let get = |n: &str| {
            headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
        };
        let (status, delay_ms) = (get("x-mock-status"), get("x-mock-delay-ms"));
        if status.is_none() && delay_ms.is_none() {
            return None;
        }
        Some(Fault {
            status: status.and_then(|s| u16::try_from(s).ok()),
            delay_ms: delay_ms.unwrap_or(0),
            times: 1,
            ..Fault::default()
        })
    }
}

/// Takes one use of the first queued fault matching `path`.
pub fn take_fault(faults: &mut Vec<Fault>, path: &str) -> Option<Fault> {
    let i = faults.iter().position(|f| path.starts_with(&f.path))?;
    faults[i].seen = faults[i].seen.wrapping_add(1);
    if faults[i].every > 1 && faults[i].seen % faults[i].every != 0 {
        return None;
    }
    let fault = faults[i].clone();
    faults[i].times = faults[i].times.saturating_sub(1);
    if faults[i].times == 0 {
        faults.remove(i);
    }
    Some(fault)
}

#[derive(Deserialize)]
struct Control {
    #[serde(default)]
    advance_secs: i64,
    #[serde(default)]
    faults: Vec<Fault>,
    #[serde(default)]
    clear_faults: bool,
    #[serde(default)]
    expire_tokens: bool,
    /// `expires_in` of tokens issued from now on (1 s to a day).
    #[serde(default)]
    token_secs: Option<i64>,
    /// Report this status value for every submission; an empty string restores the real ones.
    #[serde(default)]
    status_override: Option<String>,
}

/// Whether a browser says the request comes from another site, or its `Origin` is not this
/// host (threats.md item 54: a page elsewhere must not drive the mock).
fn foreign(headers: &HeaderMap) -> bool {
    let site = headers.get("sec-fetch-site").map(|v| v.as_bytes());
    let cross = !matches!(site, None | Some(b"same-origin" | b"none"));
    let host = headers.get("host").and_then(|v| v.to_str().ok());
    let origin = headers.get("origin").and_then(|v| v.to_str().ok());
    let other_origin = match (origin, host) {
        (None, _) => false,
        (Some(o), Some(h)) => o.split_once("://").map(|(_, rest)| rest) != Some(h),
        (Some(_), None) => true,
    };
    cross || other_origin
}

/// The guard of every state-changing mock endpoint (threats.md items 54 and 66): JSON from
/// this origin only, so no page elsewhere can send it (a cross-site form or `text/plain` fetch
/// cannot set a JSON content type without a preflight the mock never answers).
pub fn refuse_foreign(headers: &HeaderMap) -> Option<Response> {
    if foreign(headers) {
        return Some(mock_error(StatusCode::FORBIDDEN, "cross_origin"));
    }
    let json = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(seekpass_button::core::classify::is_json);
    (!json).then(|| mock_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"))
}

/// `POST /mock/control`: move the clock, queue or clear faults, expire every token, override
/// statuses. JSON from this origin only; out-of-range values are refused whole.
pub async fn control(
    State(mock): State<Arc<MockState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(refused) = refuse_foreign(&headers) {
        return refused;
    }
    let Ok(c) = serde_json::from_slice::<Control>(&body) else {
        return mock_error(StatusCode::BAD_REQUEST, "malformed_json");
    };
    if c.token_secs.is_some_and(|t| !(1..=86_400).contains(&t)) {
        return mock_error(StatusCode::BAD_REQUEST, "out_of_range");
    }
    if mock.clock.advance(c.advance_secs).is_err() {
        return mock_error(StatusCode::BAD_REQUEST, "out_of_range");
    }
    let mut faults = lock(&mock.faults);
    if c.clear_faults {
        faults.clear();
    }
    faults.extend(c.faults);
    if let Some(secs) = c.token_secs {
        mock.token_secs.store(secs, Ordering::Relaxed);
    }
    if c.expire_tokens {
        lock(&mock.tokens).clear();
    }
    if let Some(value) = c.status_override {
        *lock(&mock.status_override) = Some(value).filter(|v| !v.is_empty());
    }
    (
        StatusCode::OK,
        axum::Json(json!({ "now": mock.clock.now(), "queued_faults": faults.len() })),
    )
        .into_response()
}

/// `GET /mock/stats`: request counters.
pub async fn stats(State(mock): State<Arc<MockState>>) -> Response {
    let body = json!({
        "token_requests": mock.token_requests.load(Ordering::Relaxed),
        "add_requests": mock.add_requests.load(Ordering::Relaxed),
    });
    (StatusCode::OK, axum::Json(body)).into_response()
}
