//! Server settings, read from environment variables.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use seekpass_button::{PRODUCTION_HOST, STAGING_HOST};
use url::Url;

use crate::rate::RateLimits;
use crate::serve::Limits;
use crate::settings;

/// Client id the embedded mock accepts (the UUID from the SEEK Pass docs' examples).
pub const MOCK_CLIENT_ID: &str = "730845ab-0a0d-4f4d-9c98-d871755d3ce9";
/// Client secret the embedded mock accepts. Only meaningful for the local mock.
pub const MOCK_CLIENT_SECRET: &str = "mock-client-secret";

/// Which SEEK Pass the proxy talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upstream {
    /// The mock served by this same process, over real HTTP.
    Mock,
    /// `https://app.seekpass-staging.com`.
    Staging,
    /// `https://app.seekpass.co`.
    Production,
}

/// Where the mock's redirects point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MockAppOrigin {
    /// This server's own loopback origin, so the demo lands on the mock app page.
    This,
    /// The staging app host, for browser tests that route that host to a stub.
    Staging,
}

/// Everything the server needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (loopback by default).
    pub listen: SocketAddr,
    /// Which SEEK Pass to call.
    pub upstream: Upstream,
    /// SEEK Pass API base URL (`SEEKPASS_API_BASE`, checked by [`settings::api_base`]);
    /// derived from `upstream` unless set.
    pub api_base: Option<Url>,
    /// OAuth client id.
    pub client_id: String,
    /// OAuth client secret (never logged, never sent to a browser).
    pub client_secret: String,
    /// Key signing the demo session cookie.
    pub session_key: Vec<u8>,
    /// Key deriving SEEK Pass submission ids from (user, reference).
    pub id_key: Vec<u8>,
    /// Prefix of derived ids (`<prefix>-<uuid>`).
    pub id_prefix: String,
    /// Time limit of each call to SEEK Pass.
    pub upstream_timeout: Duration,
    /// Static files (`www/`).
    pub www_dir: PathBuf,
    /// The built bundle (`dist/`).
    pub dist_dir: PathBuf,
    /// The demo record store.
    pub records_path: PathBuf,
    /// Where mock redirects point.
    pub mock_app_origin: MockAppOrigin,
    /// Connection and request limits.
    pub limits: Limits,
    /// Served over HTTPS (`SEEKPASS_PUBLIC_ORIGIN`): the session cookie is `__Host-` and `Secure`.
    pub secure_cookies: bool,
    /// The `Host` of `SEEKPASS_PUBLIC_ORIGIN` (`partner.example` or `partner.example:8443`):
    /// besides the listen address and its loopback names, the only `Host` served (item 69).
    pub public_host: Option<String>,
    /// `SEEKPASS_PUBLIC_ORIGIN` as an origin (`https://partner.example`), if set.
    pub public_origin: Option<String>,
    /// The demo page and its auto sign-in (`GET /`): always in mock mode, elsewhere only with
    /// `SEEKPASS_DEMO=1` (threats.md item 70).
    pub demo: bool,
    /// Requests per user and per client address on the add and status endpoints (item 71).
    pub rate: RateLimits,
    /// `SEEKPASS_LINK_KEY`, signing entry links; in mock mode the public mock key when unset,
    /// elsewhere `None` turns entry links off.
    pub link_key: Option<Vec<u8>>,
    /// `SEEKPASS_REVOKED_LINKS`: the file of revoked link ids.
    pub revoked_links: Option<PathBuf>,
    /// `SEEKPASS_SIGN_IN_URL`: where a printed link sends a person to sign in (default `/`,
    /// the demo's sign-in); `next=<landing path>` is added.
    pub sign_in_url: String,
}

impl Config {
    /// Reads `SEEKPASS_*` variables; in mock mode (the default) nothing is required.
    pub fn from_env() -> Result<Config, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let upstream = match var("SEEKPASS_ENV").as_deref().unwrap_or("mock") {
            "mock" => Upstream::Mock,
            "staging" => Upstream::Staging,
            "production" => Upstream::Production,
            _ => return Err("SEEKPASS_ENV must be mock, staging or production".into()),
        };
        let (client_id, client_secret) =
            match (
                var("SEEKPASS_CLIENT_ID"),
                var("SEEKPASS_CLIENT_SECRET"),
                upstream,
            ) {
                (Some(id), Some(secret), _) => (id, secret),
                (None, None, Upstream::Mock) => {
                    (MOCK_CLIENT_ID.to_owned(), MOCK_CLIENT_SECRET.to_owned())
                }
                _ => return Err(
                    "SEEKPASS_CLIENT_ID and SEEKPASS_CLIENT_SECRET are required outside mock mode"
                        .into(),
                ),
            };
        let port = var("PORT").unwrap_or_else(|| "8080".into());
        let listen = var("SEEKPASS_LISTEN").unwrap_or_else(|| format!("127.0.0.1:{port}"));
        let listen = listen
            .parse()
            .map_err(|_| "SEEKPASS_LISTEN must be host:port")?;
        let key = |name: &str| -> Result<Vec<u8>, String> {
            match var(name) {
                Some(text) => hex::decode(text)
                    .ok()
                    .filter(|k| k.len() >= 32)
                    .ok_or(format!("{name} must be at least 32 bytes of hex")),
                None if upstream == Upstream::Mock => Ok(rand::random::<[u8; 32]>().to_vec()),
                None => Err(format!(
                    "{name} is required outside mock mode (64 hex characters)"
                )),
            }
        };
        let root = PathBuf::from(var("SEEKPASS_ROOT").unwrap_or_else(|| ".".into()));
        let demo = upstream == Upstream::Mock || var("SEEKPASS_DEMO").as_deref() == Some("1");
        let records_path = match (var("SEEKPASS_RECORDS"), demo) {
            (Some(path), _) => PathBuf::from(path),
            (None, true) => root.join("server/demo/records.json"),
            (None, false) => return Err(
                "SEEKPASS_RECORDS is required outside mock mode (or SEEKPASS_DEMO=1 for the demo learner)"
                    .into(),
            ),
        };
        let public = settings::public_origin(var("SEEKPASS_PUBLIC_ORIGIN").as_deref())?;
        let link_key = match var("SEEKPASS_LINK_KEY") {
            Some(_) => Some(key("SEEKPASS_LINK_KEY")?),
            None if upstream == Upstream::Mock => Some(crate::links::MOCK_LINK_KEY.to_vec()),
            None => None,
        };
        Ok(Config {
            link_key,
            revoked_links: var("SEEKPASS_REVOKED_LINKS").map(PathBuf::from),
            sign_in_url: var("SEEKPASS_SIGN_IN_URL").unwrap_or_else(|| "/".into()),
            listen,
            upstream,
            api_base: var("SEEKPASS_API_BASE")
                .map(|b| settings::api_base(&b))
                .transpose()?,
            client_id,
            client_secret,
            session_key: key("SEEKPASS_SESSION_KEY")?,
            id_key: key("SEEKPASS_ID_KEY")?,
            id_prefix: var("SEEKPASS_ID_PREFIX").unwrap_or_else(|| "partner".into()),
            upstream_timeout: Duration::from_millis(
                var("SEEKPASS_TIMEOUT_MS")
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(10_000),
            ),
            www_dir: root.join("www"),
            dist_dir: root.join("dist"),
            records_path,
            mock_app_origin: match var("SEEKPASS_MOCK_APP_ORIGIN").as_deref() {
                Some("staging") => MockAppOrigin::Staging,
                _ => MockAppOrigin::This,
            },
            limits: settings::limits(var)?,
            secure_cookies: public.as_ref().is_some_and(|p| p.https),
            public_host: public.as_ref().map(|p| p.host.clone()),
            public_origin: public.map(|p| p.origin),
            demo,
            rate: settings::rate_limits(var)?,
        })
    }

    /// The SEEK Pass API base URL for a server listening on `bound`.
    pub fn api_base(&self, bound: SocketAddr) -> Result<Url, String> {
        if let Some(base) = &self.api_base {
            return Ok(base.clone());
        }
        let text = match self.upstream {
            Upstream::Mock => format!("http://{bound}"),
            Upstream::Staging => format!("https://{STAGING_HOST}"),
            Upstream::Production => format!("https://{PRODUCTION_HOST}"),
        };
        settings::api_base(&text)
    }
}
