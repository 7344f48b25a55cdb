//! The demo page: signs the sample learner in and lists their credentials, one button each,
//! plus a batch button. Everything on it goes through the real proxy and the mock.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use seekpass_button::WireEnum;

use crate::session::Resolver;
use crate::state::{AppState, DemoState};

/// The demo route (`GET /`), mounted only when the demo is on.
pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(page))
}

/// The learner the demo signs in.
pub const DEMO_USER: &str = "learner-jane";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// `GET /`: the demo page, setting the session cookie when there is none.
pub async fn page(State(demo): State<Arc<DemoState>>, headers: HeaderMap) -> Response {
    let user = demo.sessions.user(&headers);
    let signed_in = user.clone().unwrap_or_else(|| DEMO_USER.to_owned());
    let name = demo
        .records
        .learners
        .iter()
        .find(|l| l.id == signed_in)
        .map_or(signed_in.as_str(), |l| l.display_name.as_str());
    let env = escape(&demo.button_environment);
    let mut items = String::new();
    let mut refs = Vec::new();
    for r in demo.records.owned_by(&signed_in) {
        refs.push(r.reference.clone());
        items.push_str(&format!(
            "<li><span class=\"title\">{}</span><seek-pass-button endpoint=\"/api/seekpass/add\" status-endpoint=\"/api/seekpass/status\" credential-type=\"{}\" credential-ref=\"{}\" environment=\"{env}\"></seek-pass-button></li>\n",
            escape(&r.title),
            r.credential_type().as_str(),
            escape(&r.reference),
        ));
    }
    let html = format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Partner demo — Add to SEEK Pass</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/style.css">
  <link rel="stylesheet" href="/demo.css">
  <link rel="stylesheet" href="/dist/cdn/latest/seekpass-button.css">
  <link rel="preload" href="/dist/cdn/latest/seekpass_button_bg.wasm" as="fetch" crossorigin="anonymous">
  <script type="module" src="/dist/cdn/latest/seekpass-button.js"></script>
</head>
<body>
  <main>
    <p class="eyebrow">Partner University · student portal (demo)</p>
    <h1>{name}'s credentials</h1>
    <p>Each button asks this site's proxy for a SEEK Pass link; the proxy looks the record up, calls
      the SEEK Pass API (here, its local mock) and the button checks the link before going there.</p>
    <ul class="credentials">
{items}    </ul>
    <h2>Everything at once</h2>
    <seek-pass-button id="batch" variant="dark" endpoint="/api/seekpass/add" status-endpoint="/api/seekpass/status" credential-type="batch" credential-refs="{refs}" environment="{env}"></seek-pass-button>
    <p class="small"><a href="/gate.html">Redirect gate playground</a> · <a href="/examples/gallery.html">Variants and states</a></p>
  </main>
</body>
</html>
"#,
        name = escape(name),
        refs = escape(&refs.join(" ")),
    );
    let mut resp = Html(html).into_response();
    let h = resp.headers_mut();
    // The strict CSP is set by the headers layer, as on every page.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if user.is_none() {
        if let Ok(v) = HeaderValue::from_str(&demo.sessions.issue(DEMO_USER)) {
            h.insert(header::SET_COOKIE, v);
        }
    }
    resp
}
