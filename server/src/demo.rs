//! The demo page: signs the sample learner in and lists their credentials, one button each,
//! plus a batch button. Everything on it goes through the real proxy and the mock.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use seekpass_button::core::messages::Locale;

use crate::markup::{button, escape};
use crate::session::Resolver;
use crate::state::{AppState, DemoState};

/// The demo route (`GET /`), mounted only when the demo is on.
pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(page))
}

/// The proxy's endpoints, as the demo's buttons call them.
const ADD: &str = "/api/seekpass/add";
const STATUS: &str = "/api/seekpass/status";

/// The learner the demo signs in.
pub const DEMO_USER: &str = "learner-jane";

/// The demo page's query: `?learner=<id>` signs in another of the demo's learners, so a second
/// user can be tried (the conformance check's cross-user checks use it).
#[derive(Deserialize)]
pub struct Who {
    learner: Option<String>,
    /// Where to go once signed in: an entry link's landing (`/l/…`), as a partner's sign-in
    /// returns a person to the printed link they came from. Anything else is ignored.
    next: Option<String>,
}

/// `GET /`: the demo page, setting the session cookie when there is none, or when another of
/// the demo's learners is asked for.
pub async fn page(
    State(demo): State<Arc<DemoState>>,
    Query(who): Query<Who>,
    headers: HeaderMap,
) -> Response {
    let asked = who
        .learner
        .filter(|id| demo.records.learners.iter().any(|l| &l.id == id));
    let user = demo
        .sessions
        .user(&headers)
        .filter(|u| asked.as_ref().is_none_or(|a| a == u));
    let signed_in = user
        .clone()
        .or_else(|| asked.clone())
        .unwrap_or_else(|| DEMO_USER.to_owned());
    let name = demo
        .records
        .learners
        .iter()
        .find(|l| l.id == signed_in)
        .map_or(signed_in.as_str(), |l| l.display_name.as_str());
    let next = who
        .next
        .filter(|n| n.starts_with(crate::links::landing::PREFIX) && !n.contains(['\\', '?', '#']));
    if let Some(next) = next {
        let mut resp = axum::response::Redirect::to(&next).into_response();
        if user.is_none() {
            if let Ok(v) = HeaderValue::from_str(&demo.sessions.issue(&signed_in)) {
                resp.headers_mut().insert(header::SET_COOKIE, v);
            }
        }
        return resp;
    }
    let env = demo.button_environment.as_str();
    let mut items = String::new();
    let mut refs = Vec::new();
    for r in demo.records.owned_by(&signed_in) {
        refs.push(r.reference.clone());
        // Each button is described by its credential's title (six buttons, six descriptions).
        let title = format!("title-{}", r.reference);
        let host = [
            ("environment", env),
            ("status-endpoint", STATUS),
            ("aria-describedby", title.as_str()),
        ];
        items.push_str(&format!(
            "<li><span class=\"title\" id=\"{}\">{}</span>{}</li>\n",
            escape(&title),
            escape(&r.title),
            button(
                &host,
                ADD,
                r.credential_type(),
                std::slice::from_ref(&r.reference),
                Locale::En,
            ),
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
  <script type="module" src="/dist/cdn/latest/seekpass-button.js" fetchpriority="low"></script>
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
    {batch}
    <p class="small"><a href="/gate.html">Redirect gate playground</a> · <a href="/examples/gallery.html">Variants and states</a></p>
  </main>
</body>
</html>
"#,
        name = escape(name),
        batch = button(
            &[
                ("id", "batch"),
                ("environment", env),
                ("variant", "dark"),
                ("status-endpoint", STATUS)
            ],
            ADD,
            seekpass_button::CredentialType::Batch,
            &refs,
            Locale::En,
        ),
    );
    let mut resp = Html(html).into_response();
    let h = resp.headers_mut();
    // The strict CSP is set by the headers layer, as on every page.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if user.is_none() {
        if let Ok(v) = HeaderValue::from_str(&demo.sessions.issue(&signed_in)) {
            h.insert(header::SET_COOKIE, v);
        }
    }
    resp
}
