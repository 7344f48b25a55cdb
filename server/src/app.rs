//! Assembles the server: builds each feature's state and composes the feature routers (proxy,
//! operations, demo, static files, and the mock in mock mode) under the cross-cutting layers of
//! [`crate::layers`]. It decides nothing a handler does.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use seekpass_button::Environment;

use crate::clock::Clock;
use crate::config::{Config, MockAppOrigin, Upstream};
use crate::links::revoked::Revocations;
use crate::links::LinkState;
use crate::metrics::Metrics;
use crate::mock::MockState;
use crate::rate::Limiter;
use crate::records::RecordStore;
use crate::session::SignedCookie;
use crate::state::{AllowedHosts, AppState, DemoState, IdKey, OpsState, ProxyState};
use crate::upstream::SeekPass;

/// The `Host` values a server bound to `bound` answers (threats.md item 69): the listen address,
/// its loopback names, and the public origin's host. DNS rebinding sends the attacker's name.
fn allowed_hosts(config: &Config, bound: SocketAddr) -> AllowedHosts {
    if config.upstream != Upstream::Mock && config.public_host.is_none() {
        return AllowedHosts(None);
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
    AllowedHosts(Some(hosts))
}

/// Which environment the gate checks against, and what the demo's buttons are told.
fn environments(config: &Config, own_origin: &str) -> Result<(Environment, String), String> {
    Ok(match (config.upstream, &config.mock_app_origin) {
        (Upstream::Mock, MockAppOrigin::This) => (
            Environment::parse(own_origin).map_err(|e| format!("listen address: {e}"))?,
            own_origin.to_owned(),
        ),
        (Upstream::Mock, MockAppOrigin::Staging) | (Upstream::Staging, _) => {
            (Environment::Staging, "staging".to_owned())
        }
        (Upstream::Production, _) => (Environment::Production, "production".to_owned()),
    })
}

/// Builds the state and router for a server bound to `bound`.
pub fn build(config: Config, bound: SocketAddr) -> Result<(Router, AppState), String> {
    let records = Arc::new(RecordStore::load(&config.records_path)?);
    let clock = Arc::new(Clock::default());
    let (gate_env, button_environment) = environments(&config, &format!("http://{bound}"))?;
    let mock = (config.upstream == Upstream::Mock).then(|| {
        Arc::new(MockState::new(
            clock.clone(),
            config.client_id.clone(),
            config.client_secret.clone(),
            gate_env.app_origin(),
        ))
    });
    let metrics = Arc::new(Metrics::default());
    let mock_clock = clock.clone();
    let seekpass = Arc::new(
        SeekPass::new(
            config.api_base(bound)?,
            config.client_id.clone(),
            config.client_secret.clone(),
            config.upstream_timeout,
            metrics.clone(),
            Box::new(move || mock_clock.now()),
        )
        .map_err(|e| format!("http client: {e}"))?,
    );
    // One signer: the proxy's resolver and the demo's issuer.
    let sessions = Arc::new(SignedCookie::with_security(
        config.session_key.clone(),
        config.secure_cookies,
    ));
    let proxy = Arc::new(ProxyState {
        resolver: sessions.clone(),
        records: records.clone(),
        seekpass: seekpass.clone(),
        gate_env,
        ids: IdKey {
            key: config.id_key.clone(),
            prefix: config.id_prefix.clone(),
        },
        limiter: Limiter::new(config.rate.clone()),
        public_origin: config.public_origin.clone(),
    });
    let links = config.link_key.clone().map(|key| {
        Arc::new(LinkState {
            key,
            revoked: Revocations::new(config.revoked_links.clone()),
            sign_in: config.sign_in_url.clone(),
            button_environment: button_environment.clone(),
            clock: clock.clone(),
            metrics: metrics.clone(),
            proxy: proxy.clone(),
        })
    });
    let state = AppState {
        proxy,
        demo: Arc::new(DemoState {
            sessions,
            records: records.clone(),
            button_environment,
        }),
        ops: Arc::new(OpsState { records, seekpass }),
        metrics,
        hosts: Arc::new(allowed_hosts(&config, bound)),
        mock: mock.clone(),
    };
    let mut router = Router::new()
        .merge(crate::proxy::routes())
        .merge(crate::ops::routes());
    if let Some(links) = links {
        router = router.merge(crate::links::landing::routes(links));
    }
    if config.demo {
        router = router.merge(crate::demo::routes());
    }
    let mut router = router
        .with_state(state.clone())
        .merge(crate::files::router(&config));
    if let Some(mock) = mock {
        router = router.merge(crate::mock::router(mock));
    }
    Ok((crate::layers::apply(router, &state, config.limits), state))
}
