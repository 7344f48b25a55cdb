//! Static files: `www/` at the root, the built bundle at `/dist/`, the mock app page at
//! `/partner/add/...`. Pages are served under the strict CSP the button is built for.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;

/// The Content-Security-Policy of every page (threats.md §4, page a).
pub const STRICT_CSP: &str =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; \
style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; \
require-trusted-types-for 'script'; trusted-types 'none'";

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// Joins a URL path onto `base`, refusing anything that could climb out of it.
fn safe_join(base: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel.trim_start_matches('/'));
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| base.join(rel))
}

/// Serves a file with its content type, security headers and (for HTML) the strict CSP.
pub async fn send(path: PathBuf) -> Response {
    let Ok(bytes) = tokio::fs::read(&path).await else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(&path)),
    );
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if path.extension().is_some_and(|e| e == "html") {
        h.insert(
            "content-security-policy",
            HeaderValue::from_static(STRICT_CSP),
        );
        h.insert(
            "referrer-policy",
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        );
    }
    resp
}

/// Fallback route: `/dist/...` from the bundle, the mock app page, everything else from `www/`.
pub async fn static_file(State(app): State<Arc<AppState>>, uri: Uri) -> Response {
    let path = uri.path();
    let file = if let Some(rest) = path.strip_prefix("/dist/") {
        safe_join(&app.config.dist_dir, rest)
    } else if path.starts_with("/partner/add/") {
        Some(app.config.www_dir.join("mock/app.html"))
    } else {
        let rel = if path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_owned()
        };
        safe_join(&app.config.www_dir, &rel)
    };
    match file {
        Some(f) if f.is_file() => send(f).await,
        _ => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
