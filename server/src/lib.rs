//! The reference partner proxy for the Add to SEEK Pass button, a faithful SEEK Pass mock and
//! the demo server, in one binary. See the README's "Partner backend" section.

pub mod app;
pub mod client_addr;
pub mod clock;
pub mod config;
pub mod demo;
pub mod files;
pub mod keys;
pub mod layers;
pub mod links;
pub mod markup;
pub mod metrics;
pub mod mock;
pub mod ops;
pub mod proxy;
pub mod rate;
pub mod records;
pub mod serve;
pub mod session;
pub mod settings;
pub mod state;
pub mod token;
pub mod upstream;

use std::net::SocketAddr;

use tokio::net::TcpListener;

pub use config::Config;
pub use state::AppState;

/// A running server.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its state (counters, mock) for tests.
    pub state: AppState,
    /// The serving task; it ends after [`Running::stop`] once in-flight requests finish.
    pub task: tokio::task::JoinHandle<()>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Running {
    /// Stops accepting connections and lets in-flight requests finish (graceful shutdown).
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Binds `config.listen` and serves until [`Running::stop`] is called or the task is aborted.
pub async fn start(config: Config) -> Result<Running, String> {
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("bind {}: {e}", config.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let limits = config.limits;
    let (router, state) = app::build(config, addr)?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let shutdown = async {
            let _ = stopped.await;
        };
        serve::serve(listener, router, limits, shutdown).await;
    });
    Ok(Running {
        addr,
        state,
        task,
        stop: Some(stop),
    })
}
