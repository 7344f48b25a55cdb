//! The proxy's client for the SEEK Pass partner API: OAuth client credentials with a shared,
//! single-flight token cache, the add endpoints and the status endpoint.

use std::sync::Arc;
use std::time::{Duration, Instant};

use seekpass_button::{CredentialType, Scope, WireEnum};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use crate::metrics::Metrics;
use crate::token::{CacheInterrupted, Token, TokenCache};

/// What went wrong talking to SEEK Pass; mapped to contract v1 statuses by the proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpstreamError {
    /// No answer in time.
    Timeout,
    /// Connection failed or a 5xx.
    Unavailable,
    /// 429, with `Retry-After` seconds when given.
    RateLimited(Option<u32>),
    /// SEEK Pass refused our credentials or scopes, even after a fresh token.
    Unauthorized,
    /// SEEK Pass refused the payload (400/404/409/422).
    Rejected,
    /// An answer that is not the documented JSON.
    BadResponse,
}

impl From<CacheInterrupted> for UpstreamError {
    fn from(_: CacheInterrupted) -> UpstreamError {
        UpstreamError::Unavailable
    }
}

/// A SEEK Pass API client. One per process; cheap to share.
pub struct SeekPass {
    http: reqwest::Client,
    base: Url,
    client_id: String,
    client_secret: String,
    tokens: TokenCache<UpstreamError>,
    metrics: Arc<Metrics>,
    now: Box<dyn Fn() -> i64 + Send + Sync>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<i64>,
}

impl SeekPass {
    /// A client for the API at `base` (an origin, e.g. `https://app.seekpass-staging.com`);
    /// every endpoint is `base` joined with its documented path.
    pub fn new(
        base: Url,
        client_id: String,
        client_secret: String,
        timeout: Duration,
        metrics: Arc<Metrics>,
        now: Box<dyn Fn() -> i64 + Send + Sync>,
    ) -> Result<SeekPass, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(SeekPass {
            http,
            base,
            client_id,
            client_secret,
            tokens: TokenCache::default(),
            metrics,
            now,
        })
    }

    /// How many token requests this client has sent.
    pub fn token_requests(&self) -> u64 {
        self.metrics.token_fetches()
    }

    fn endpoint(&self, path: &str) -> Result<Url, UpstreamError> {
        self.base.join(path).map_err(|_| UpstreamError::Unavailable)
    }

    /// A valid token for `scopes`, fetched at most once at a time per scope set; a failed fetch
    /// is the answer for every caller for a few seconds ([`crate::token::FAILURE_MEMORY`]).
    pub async fn token(&self, scopes: &str, stale: Option<&str>) -> Result<String, UpstreamError> {
        let now = (self.now)();
        self.tokens
            .get(scopes, now, stale, || self.fetch_token(scopes, now))
            .await
    }

    async fn fetch_token(&self, scopes: &str, now: i64) -> Result<Token, UpstreamError> {
        self.metrics.token_fetch();
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.as_str()),
            ("scope", scopes),
        ];
        let started = Instant::now();
        let resp = self
            .http
            .post(self.endpoint("/api/partner/v1/oauth/token.json")?)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(encode_form(&form))
            .send()
            .await;
        self.metrics.upstream("token", started.elapsed());
        let resp = resp.map_err(transport_error)?;
        let status = resp.status().as_u16();
        if status == 401 || status == 403 || status == 400 {
            return Err(UpstreamError::Unauthorized);
        }
        let parsed: TokenResponse = check(status, resp)
            .await?
            .json()
            .await
            .map_err(|_| UpstreamError::BadResponse)?;
        Ok(Token::issued(parsed.access_token, now, parsed.expires_in))
    }

    /// Calls the add endpoint of `ty` with `payload`; returns the raw `redirect_uri`.
    /// A 401 is answered by one token refresh and one retry.
    pub async fn add(
        &self,
        ty: CredentialType,
        scopes: &[Scope],
        payload: &Value,
    ) -> Result<String, UpstreamError> {
        let scopes = scope_string(scopes);
        let url = self.endpoint(ty.spec().add_path)?;
        let mut stale = None;
        for _ in 0..2 {
            let token = self.token(&scopes, stale.as_deref()).await?;
            let started = Instant::now();
            let resp = self
                .http
                .post(url.clone())
                .bearer_auth(&token)
                .header("Accept", "application/json")
                .json(payload)
                .send()
                .await;
            self.metrics.upstream("add", started.elapsed());
            let resp = resp.map_err(transport_error)?;
            if resp.status().as_u16() == 401 {
                stale = Some(token);
                continue;
            }
            let body: Value = check(resp.status().as_u16(), resp)
                .await?
                .json()
                .await
                .map_err(|_| UpstreamError::BadResponse)?;
            return body
                .get("redirect_uri")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or(UpstreamError::BadResponse);
        }
        Err(UpstreamError::Unauthorized)
    }

    /// [`Seekpass::add`], tried twice more when SEEK Pass could not be reached or answered 5xx,
    /// so one blip upstream does not cost a person their click. Safe because the derived id
    /// makes a repeat return the first attempt's link; a timeout is not retried (the button's
    /// own attempt would be over before a second one ended).
    pub async fn add_with_retries(
        &self,
        ty: CredentialType,
        scopes: &[Scope],
        payload: &Value,
    ) -> Result<String, UpstreamError> {
        let mut result = self.add(ty, scopes, payload).await;
        for pause_ms in [100, 400] {
            if !matches!(result, Err(UpstreamError::Unavailable)) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(pause_ms)).await;
            result = self.add(ty, scopes, payload).await;
        }
        result
    }

    /// The status JSON of submission `id` (`{id, status, finalized_at}`).
    pub async fn status(&self, id: &str, scopes: &[Scope]) -> Result<Value, UpstreamError> {
        let token = self.token(&scope_string(scopes), None).await?;
        let mut url = self.endpoint("/api/partner/v1/submissions/")?;
        // Pushed as one path segment, so an id can never add segments or a query.
        url.path_segments_mut()
            .map_err(|()| UpstreamError::Unavailable)?
            .pop_if_empty()
            .extend([id, "status.json"]);
        let started = Instant::now();
        let resp = self
            .http
            .get(url)
            .bearer_auth(token)
            .header("Accept", "application/json")
            .send()
            .await;
        self.metrics.upstream("status", started.elapsed());
        let resp = resp.map_err(transport_error)?;
        check(resp.status().as_u16(), resp)
            .await?
            .json()
            .await
            .map_err(|_| UpstreamError::BadResponse)
    }
}

async fn check(status: u16, resp: reqwest::Response) -> Result<reqwest::Response, UpstreamError> {
    match status {
        200..=299 => Ok(resp),
        429 => {
            let secs = resp
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse().ok());
            Err(UpstreamError::RateLimited(secs))
        }
        401 | 403 => Err(UpstreamError::Unauthorized),
        400..=499 => Err(UpstreamError::Rejected),
        _ => Err(UpstreamError::Unavailable),
    }
}

fn transport_error(e: reqwest::Error) -> UpstreamError {
    if e.is_timeout() {
        UpstreamError::Timeout
    } else if e.is_decode() {
        UpstreamError::BadResponse
    } else {
        UpstreamError::Unavailable
    }
}

/// Space-separated scopes in a stable order (the cache key and the `scope` form field).
pub fn scope_string(scopes: &[Scope]) -> String {
    let mut names: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(" ")
}

/// `application/x-www-form-urlencoded` encoding.
pub fn encode_form(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}
