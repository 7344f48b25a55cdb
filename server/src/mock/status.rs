//! The status API (`verified`, `canceled`, `incomplete`) and the app page's finish hook.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{lock, mock_error, MockState, Submission, SubmissionStatus, ID_WINDOW_SECS};

/// Most ids in one multiple-status request (documented limit).
pub const MAX_STATUS_IDS: usize = 30;

fn describe(id: &str, sub: &Submission, now: i64, forced: Option<&str>) -> Value {
    let (status, finalized_at) = match sub.finalized {
        Some((status, at)) => (status, Some(at)),
        // Pending submissions are deleted after 48 h and then report `canceled`.
        None if now - sub.created_at >= ID_WINDOW_SECS => (
            SubmissionStatus::Canceled,
            Some(sub.created_at + ID_WINDOW_SECS),
        ),
        None => (SubmissionStatus::Incomplete, None),
    };
    let status = forced.unwrap_or(status.as_str());
    json!({ "id": id, "status": status, "finalized_at": finalized_at.map(rfc3339) })
}

/// `GET /api/partner/v1/submissions/{id}/status.json`.
pub async fn one(
    State(mock): State<Arc<MockState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if mock.bearer_scope_names(&headers).is_none() {
        return mock_error(StatusCode::UNAUTHORIZED, "invalid_token");
    }
    let now = mock.clock.now();
    let forced = lock(&mock.status_override).clone();
    match lock(&mock.submissions).get(&id) {
        Some(sub) => {
            let body = describe(&id, sub, now, forced.as_deref());
            (StatusCode::OK, axum::Json(body)).into_response()
        }
        None => mock_error(StatusCode::NOT_FOUND, "not_found"),
    }
}

#[derive(Deserialize)]
struct Ids {
    ids: Vec<String>,
}

/// `POST /api/partner/v1/submissions/status.json` with `{"ids": [...]}` (1 to 30 ids).
pub async fn many(State(mock): State<Arc<MockState>>, headers: HeaderMap, body: Bytes) -> Response {
    if mock.bearer_scope_names(&headers).is_none() {
        return mock_error(StatusCode::UNAUTHORIZED, "invalid_token");
    }
    let Ok(Ids { ids }) = serde_json::from_slice::<Ids>(&body) else {
        return mock_error(StatusCode::BAD_REQUEST, "malformed_json");
    };
    if ids.is_empty() || ids.len() > MAX_STATUS_IDS {
        return mock_error(StatusCode::UNPROCESSABLE_ENTITY, "too_many_ids");
    }
    let now = mock.clock.now();
    let forced = lock(&mock.status_override).clone();
    let subs = lock(&mock.submissions);
    let credentials: Vec<Value> = ids
        .iter()
        .filter_map(|id| {
            subs.get(id)
                .map(|s| describe(id, s, now, forced.as_deref()))
        })
        .collect();
    (
        StatusCode::OK,
        axum::Json(json!({ "credentials": credentials })),
    )
        .into_response()
}

#[derive(Deserialize)]
struct Finish {
    content: String,
    accept: bool,
}

/// `POST /mock/app/finish`: the mock app page's "Add"/"Cancel", finalising the submission.
pub async fn finish(
    State(mock): State<Arc<MockState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(refused) = super::control::refuse_foreign(&headers) {
        return refused;
    }
    let Ok(f) = serde_json::from_slice::<Finish>(&body) else {
        return mock_error(StatusCode::BAD_REQUEST, "malformed_json");
    };
    let now = mock.clock.now();
    let mut subs = lock(&mock.submissions);
    let Some(sub) = subs.values_mut().find(|s| s.content == f.content) else {
        return mock_error(StatusCode::NOT_FOUND, "not_found");
    };
    let status = if f.accept {
        SubmissionStatus::Verified
    } else {
        SubmissionStatus::Canceled
    };
    sub.finalized = Some((status, now));
    (StatusCode::OK, axum::Json(json!({ "status": status }))).into_response()
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
