//! Operations endpoints: liveness, readiness and Prometheus metrics.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use seekpass_button::Scope;
use serde_json::json;

use crate::metrics::Metrics;
use crate::state::{AppState, OpsState};
use crate::upstream::scope_string;

/// The operations routes; they answer any `Host` (see [`crate::layers`]).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

/// `GET /healthz`: the process is up and serving.
pub async fn healthz() -> Response {
    (StatusCode::OK, axum::Json(json!({ "status": "ok" }))).into_response()
}

/// `GET /readyz`: records are loaded and a SEEK Pass token can be obtained (from the cache when
/// it holds one). 503 names what is missing, never a secret.
pub async fn readyz(State(ops): State<Arc<OpsState>>) -> Response {
    let records = ops.records.len();
    let token = ops
        .seekpass
        .token(&scope_string(&[Scope::WriteEducation]), None)
        .await
        .is_ok();
    let ready = records > 0 && token;
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = json!({
        "status": if ready { "ready" } else { "not_ready" },
        "records": records,
        "seekpass_token": if token { "ok" } else { "unavailable" },
    });
    (status, axum::Json(body)).into_response()
}

/// `GET /metrics`: Prometheus text exposition.
pub async fn metrics(State(metrics): State<Arc<Metrics>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        metrics.render(),
    )
        .into_response()
}
