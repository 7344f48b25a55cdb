//! Assembles the server: demo page, proxy, mock (in mock mode) and static files.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use seekpass_button::Environment;

use crate::clock::Clock;
use crate::config::{Config, MockAppOrigin, Upstream};
use crate::mock::MockState;
use crate::records::RecordStore;
use crate::session::{Resolver, SignedCookie};
use crate::upstream::SeekPass;

/// Shared state of every handler.
pub struct AppState {
    /// Settings.
    pub config: Config,
    /// The environment the proxy's gate (and the demo buttons) check redirects against.
    pub gate_env: Environment,
    /// The `environment` attribute the demo page gives its buttons.
    pub button_environment: String,
    /// Who is signed in.
    pub resolver: Box<dyn Resolver>,
    /// Issues demo session cookies.
    pub cookies: SignedCookie,
    /// The partner's records.
    pub records: RecordStore,
    /// The SEEK Pass client.
    pub seekpass: SeekPass,
    /// The embedded mock, in mock mode.
    pub mock: Option<Arc<MockState>>,
}

/// Builds the state and router for a server bound to `bound`.
pub fn build(config: Config, bound: SocketAddr) -> Result<(Router, Arc<AppState>), String> {
    let records = RecordStore::load(&config.records_path)?;
    let clock = Arc::new(Clock::default());
    let own_origin = format!("http://{bound}");
    let (gate_env, button_environment) = match (config.upstream, &config.mock_app_origin) {
        (Upstream::Mock, MockAppOrigin::This) => (
            Environment::parse(&own_origin).map_err(|e| format!("listen address: {e}"))?,
            own_origin.clone(),
        ),
        (Upstream::Mock, MockAppOrigin::Staging) | (Upstream::Staging, _) => {
            (Environment::Staging, "staging".to_owned())
        }
        (Upstream::Production, _) => (Environment::Production, "production".to_owned()),
    };
    let mock = (config.upstream == Upstream::Mock).then(|| {
        let app_origin = gate_env.app_origin();
        Arc::new(MockState::new(
            clock.clone(),
            config.client_id.clone(),
            config.client_secret.clone(),
            app_origin,
        ))
    });
    let mock_clock = clock.clone();
    let seekpass = SeekPass::new(
        config.api_base(bound),
        config.client_id.clone(),
        config.client_secret.clone(),
        config.upstream_timeout,
        Box::new(move || mock_clock.now()),
    )
    .map_err(|e| format!("http client: {e}"))?;
    let state = Arc::new(AppState {
        resolver: Box::new(SignedCookie::new(config.session_key.clone())),
        cookies: SignedCookie::new(config.session_key.clone()),
        config,
        gate_env,
        button_environment,
        records,
        seekpass,
        mock: mock.clone(),
    });
    let mut router = Router::new()
        .route("/", get(crate::demo::page))
        .route("/api/seekpass/add", post(crate::proxy::add))
        .route(
            "/api/seekpass/status/{reference}",
            get(crate::proxy::status),
        )
        .fallback(crate::files::static_file)
        .with_state(state.clone());
    if let Some(mock) = mock {
        router = router.merge(crate::mock::router(mock));
    }
    Ok((router.layer(middleware::from_fn(log)), state))
}

/// One line per request: method, path, status, time. Never bodies, cookies or query strings.
async fn log(req: Request, next: Next) -> Response {
    let (method, path, start) = (
        req.method().clone(),
        req.uri().path().to_owned(),
        Instant::now(),
    );
    let resp = next.run(req).await;
    if std::env::var_os("SEEKPASS_QUIET").is_none() {
        eprintln!(
            "{method} {path} {} {:.1}ms",
            resp.status().as_u16(),
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    resp
}
