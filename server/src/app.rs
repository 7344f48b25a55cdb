//! Assembles the server: demo page, proxy, operations endpoints, mock (in mock mode) and static
//! files, under the cross-cutting layers of [`crate::layers`].

use std::net::SocketAddr;
use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;
use seekpass_button::Environment;

use crate::clock::Clock;
use crate::config::{Config, MockAppOrigin, Upstream};
use crate::metrics::Metrics;
use crate::mock::MockState;
use crate::rate::Limiter;
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
    /// Request and upstream metrics.
    pub metrics: Arc<Metrics>,
    /// Per-user and per-address buckets of the add and status endpoints.
    pub limiter: Limiter,
    /// The `Host` values served; `None` serves any (outside mock mode without
    /// `SEEKPASS_PUBLIC_ORIGIN`, where the front proxy decides).
    pub allowed_hosts: Option<Vec<String>>,
}

/// The `Host` values a server bound to `bound` answers (threats.md item 69): the listen address,
/// its loopback names, and the public origin's host. DNS rebinding sends the attacker's name.
fn allowed_hosts(config: &Config, bound: SocketAddr) -> Option<Vec<String>> {
    if config.upstream != Upstream::Mock && config.public_host.is_none() {
        return None;
    }
    let port = bound.port();
    let mut hosts = vec![bound.to_string()];
    if bound.ip().is_loopback() || bound.ip().is_unspecified() {
        hosts.extend([
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ]);
    }
    hosts.extend(config.public_host.clone());
    Some(hosts)
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
    let metrics = Arc::new(Metrics::default());
    let mock_clock = clock.clone();
    let seekpass = SeekPass::new(
        config.api_base(bound)?,
        config.client_id.clone(),
        config.client_secret.clone(),
        config.upstream_timeout,
        metrics.clone(),
        Box::new(move || mock_clock.now()),
    )
    .map_err(|e| format!("http client: {e}"))?;
    let allowed_hosts = allowed_hosts(&config, bound);
    let state = Arc::new(AppState {
        limiter: Limiter::new(config.rate),
        allowed_hosts,
        resolver: Box::new(SignedCookie::with_security(
            config.session_key.clone(),
            config.secure_cookies,
        )),
        cookies: SignedCookie::with_security(config.session_key.clone(), config.secure_cookies),
        config,
        gate_env,
        button_environment,
        records,
        seekpass,
        mock: mock.clone(),
        metrics,
    });
    let mut router = Router::new();
    if state.config.demo {
        router = router.route("/", get(crate::demo::page));
    }
    let router = router
        .route("/api/seekpass/add", post(crate::proxy::add))
        .route(
            "/api/seekpass/status/{credential_type}/{references}",
            get(crate::proxy::status),
        )
        // The v0.2 button's path, without the type: one reference is its record's own type,
        // several a `batch` (the only shapes that button could ask about).
        .route(
            "/api/seekpass/status/{references}",
            get(crate::proxy::status_untyped),
        )
        .route("/healthz", get(crate::ops::healthz))
        .route("/readyz", get(crate::ops::readyz))
        .route("/metrics", get(crate::ops::metrics))
        .with_state(state.clone())
        .merge(crate::files::router(&state.config));
    let router = match mock {
        Some(mock) => router.merge(crate::mock::router(mock)),
        None => router,
    };
    Ok((crate::layers::apply(router, &state), state))
}
