//! Everything cross-cutting, as tower layers over every route: panics become 500, bodies are
//! capped, requests time out (408), security and cache headers are set, one tracing event and
//! one metric per request name the route template, never a path with a reference in it.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Response as HttpResponse, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

use crate::app::AppState;
use crate::files::STRICT_CSP;
use crate::metrics::RequestLabels;

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
pub fn apply(router: Router, state: &Arc<AppState>) -> Router {
    let limits = state.config.limits;
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request| {
            tracing::info_span!("request", method = %req.method(), route = %route_of(req))
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
    // Innermost first: each `layer` wraps everything added before it.
    router
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request,
        ))
        .layer(headers)
        .layer(middleware::from_fn_with_state(state.clone(), count))
        .layer(trace)
        .layer(CatchPanicLayer::new())
}

/// Counts the request under its route template and final status.
async fn count(State(app): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let method = req.method().to_string();
    let route = route_of(&req);
    let resp = next.run(req).await;
    app.metrics.request(RequestLabels {
        method,
        route,
        status: resp.status().as_u16(),
    });
    resp
}
