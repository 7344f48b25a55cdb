//! Everything cross-cutting, as tower layers over every route: panics become 500, bodies are
//! capped, requests time out (408), security and cache headers are set, one tracing event and
//! one metric per request name the route template, never a path with a reference in it.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Response as HttpResponse, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

use crate::files::STRICT_CSP;
use crate::metrics::{MethodLabel, Metrics, RequestLabels};
use crate::proxy::ProxyError;
use crate::serve::Limits;
use crate::state::{AllowedHosts, AppState};

/// The route template of a request (`/api/seekpass/status/{references}`), or `static` for the
/// static-file fallback.
pub fn route_of<B>(req: &axum::http::Request<B>) -> String {
    req.extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "static".to_owned(), |m| m.as_str().to_owned())
}

fn is_html<B>(resp: &HttpResponse<B>) -> bool {
    resp.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"))
}

/// Wraps every route of `router` in the server's layers.
pub fn apply(router: Router, state: &AppState, limits: Limits) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request| {
            // Closed sets only: an extension method can be hundreds of kilobytes (item 59).
            let method = MethodLabel::of(req.method()).as_str();
            tracing::info_span!("request", method, route = %route_of(req))
        })
        .on_request(())
        .on_response(|resp: &Response, latency: Duration, _: &Span| {
            tracing::info!(
                status = resp.status().as_u16(),
                ms = latency.as_secs_f64() * 1000.0,
                "served"
            );
        })
        .on_failure(());
    let csp = |resp: &Response| is_html(resp).then(|| HeaderValue::from_static(STRICT_CSP));
    let referrer = |resp: &Response| {
        is_html(resp).then(|| HeaderValue::from_static("strict-origin-when-cross-origin"))
    };
    let headers = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            referrer,
        ));
    // Each `Router::layer` wraps the ones before it (axum converts bodies between them), so the
    // stack reads outermost first from the bottom line up: panics, trace, metrics, headers, the
    // host and path guard, the time limit, the body limit.
    router
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(middleware::from_fn(too_large))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request,
        ))
        .layer(middleware::from_fn_with_state(state.hosts.clone(), guard))
        .layer(headers)
        .layer(middleware::from_fn_with_state(state.metrics.clone(), count))
        .layer(trace)
        .layer(CatchPanicLayer::new())
}

/// The body limit's refusal in the contract's words: a person's form post gets the failure
/// page (a browser shows it), anything else the JSON error, instead of the layer's plain text.
async fn too_large(req: Request, next: Next) -> Response {
    let answer = crate::proxy::TooLarge::for_request(req.headers());
    let resp = next.run(req).await;
    if resp.status() == StatusCode::PAYLOAD_TOO_LARGE {
        answer.into_response()
    } else {
        resp
    }
}

/// Paths the operations checks use from anywhere: they read no session and change nothing.
const ANY_HOST: &[&str] = &["/healthz", "/readyz", "/metrics"];

/// Refuses, before any route: a `Host` the server does not answer to (421, threats.md item 69:
/// after DNS rebinding the attacker's page is same-origin with its own name only), and a path
/// with an empty segment (404, item 67: `//mock` would become a protocol-relative redirect).
async fn guard(State(hosts): State<Arc<AllowedHosts>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.contains("//") {
        return ProxyError::NotFound.into_response();
    }
    if let Some(allowed) = &hosts.0 {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .map(str::to_ascii_lowercase);
        let known = host.is_some_and(|h| allowed.contains(&h));
        if !known && !ANY_HOST.contains(&path) {
            return ProxyError::Misdirected.into_response();
        }
    }
    next.run(req).await
}

/// Counts the request under its route template and final status.
async fn count(State(metrics): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    let method = MethodLabel::of(req.method());
    let route = route_of(&req);
    let resp = next.run(req).await;
    metrics.request(RequestLabels {
        method,
        route,
        status: resp.status().as_u16(),
    });
    resp
}
