//! The reference partner proxy for the Add to SEEK Pass button, a faithful SEEK Pass mock and
//! the demo server, in one binary. See the README's "Partner backend" section.

pub mod app;
pub mod clock;
pub mod config;
pub mod demo;
pub mod files;
pub mod keys;
pub mod mock;
pub mod proxy;
pub mod records;
pub mod session;
pub mod upstream;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;

pub use app::AppState;
pub use config::Config;

/// A running server.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its state (counters, mock) for tests.
    pub state: Arc<AppState>,
    /// The serving task.
    pub task: tokio::task::JoinHandle<()>,
}

/// Binds `config.listen` and serves until the task is dropped or aborted.
pub async fn start(config: Config) -> Result<Running, String> {
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("bind {}: {e}", config.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (router, state) = app::build(config, addr)?;
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            eprintln!("server stopped: {e}");
        }
    });
    Ok(Running { addr, state, task })
}
