//! The server's state, split by feature (axum's `FromRef` substates): each handler's signature
//! says which part it uses, and no feature module depends on the router that composes them.

use std::sync::Arc;

use axum::extract::FromRef;
use seekpass_button::Environment;

use crate::metrics::Metrics;
use crate::mock::MockState;
use crate::rate::Limiter;
use crate::records::RecordStore;
use crate::session::{Resolver, SignedCookie};
use crate::upstream::SeekPass;

/// What the proxy (`/api/seekpass/*`) uses.
pub struct ProxyState {
    /// Who is signed in.
    pub resolver: Arc<dyn Resolver>,
    /// The partner's records.
    pub records: Arc<RecordStore>,
    /// The SEEK Pass client.
    pub seekpass: Arc<SeekPass>,
    /// The environment the proxy's gate checks redirects against.
    pub gate_env: Environment,
    /// Derives SEEK Pass submission ids.
    pub ids: IdKey,
    /// Per-user and per-address buckets of the add and status endpoints.
    pub limiter: Limiter,
    /// `SEEKPASS_PUBLIC_ORIGIN` (serialised origin), which the form mode's `Origin` must equal
    /// where a browser sends no fetch metadata.
    pub public_origin: Option<String>,
}

/// The key and prefix of derived SEEK Pass ids (`crate::keys::submission_id`).
pub struct IdKey {
    /// `SEEKPASS_ID_KEY`.
    pub key: Vec<u8>,
    /// `SEEKPASS_ID_PREFIX`.
    pub prefix: String,
}

/// What the demo page (`GET /`) uses.
pub struct DemoState {
    /// Issues (and reads) the demo session cookie: the same signer as the proxy's resolver.
    pub sessions: Arc<SignedCookie>,
    /// The records it lists.
    pub records: Arc<RecordStore>,
    /// The `environment` attribute of its buttons.
    pub button_environment: String,
}

/// What `/readyz` uses.
pub struct OpsState {
    /// Loaded records.
    pub records: Arc<RecordStore>,
    /// For a token probe.
    pub seekpass: Arc<SeekPass>,
}

/// The `Host` values the server answers; `None` answers any (outside mock mode without
/// `SEEKPASS_PUBLIC_ORIGIN`, where the front proxy decides).
pub struct AllowedHosts(pub Option<Vec<String>>);

/// Everything, as the router holds it; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The proxy's part.
    pub proxy: Arc<ProxyState>,
    /// The demo page's part.
    pub demo: Arc<DemoState>,
    /// The operations endpoints' part.
    pub ops: Arc<OpsState>,
    /// Request and upstream metrics.
    pub metrics: Arc<Metrics>,
    /// The `Host` allow-list.
    pub hosts: Arc<AllowedHosts>,
    /// The embedded mock, in mock mode.
    pub mock: Option<Arc<MockState>>,
}

macro_rules! substate {
    ($($ty:ty => $field:ident),+ $(,)?) => {$(
        impl FromRef<AppState> for $ty {
            fn from_ref(app: &AppState) -> $ty {
                app.$field.clone()
            }
        }
    )+};
}

substate! {
    Arc<ProxyState> => proxy,
    Arc<DemoState> => demo,
    Arc<OpsState> => ops,
    Arc<Metrics> => metrics,
    Arc<AllowedHosts> => hosts,
}
