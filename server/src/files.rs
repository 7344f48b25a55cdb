//! Static files through tower-http: `www/` at the root, the built bundle at `/dist/` (with the
//! `.br` and `.gz` siblings `npm run build` writes, and conditional requests), and the mock app
//! page at `/partner/add/...`. The strict CSP and the other headers are set in
//! [`crate::layers`].

use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::config::Config;

/// The Content-Security-Policy of every page (threats.md §4, page a). `form-action 'self'` is
/// all the button's form needs: the form mode answers a page of this origin that goes on to
/// SEEK Pass by itself, not a redirect the policy would check (threats.md item 76).
pub const STRICT_CSP: &str =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; \
style-src 'self'; img-src 'self'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'; \
require-trusted-types-for 'script'; trusted-types 'none'";

/// The static routes. `ServeDir` refuses paths that climb out of its directory; paths with an
/// empty segment (`//mock`) never get here ([`crate::layers`], threats.md item 67).
pub fn router<S: Clone + Send + Sync + 'static>(config: &Config) -> Router<S> {
    // No directory redirects under `/dist`: nested, `ServeDir` would write a `Location` without
    // the `/dist` prefix, and nothing there is a page.
    let dist = ServeDir::new(&config.dist_dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    // The answer depends on `Accept-Encoding`: a shared cache must keep one copy per encoding
    // (threats.md item 68).
    let dist = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        .service(dist);
    let app_page = ServeFile::new(config.www_dir.join("mock/app.html"));
    let www = ServeDir::new(&config.www_dir).append_index_html_on_directories(true);
    Router::new()
        .nest_service("/dist", dist)
        .route_service("/partner/add/{*rest}", app_page)
        .fallback_service(www)
}
