//! The proxy's client for the SEEK Pass partner API: OAuth client credentials with a shared,
//! single-flight token cache, the add endpoints and the status endpoint.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use seekpass_button::{CredentialType, Scope, WireEnum};
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::Mutex;

/// Tokens are renewed this long before they expire.
const EARLY_REFRESH_SECS: i64 = 60;
/// Assumed lifetime when the token response gives none (the docs do not say).
const DEFAULT_TOKEN_SECS: i64 = 300;

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

#[derive(Clone)]
struct Token {
    value: String,
    expires_at: i64,
}

/// A SEEK Pass API client. One per process; cheap to share.
pub struct SeekPass {
    http: reqwest::Client,
    base: String,
    client_id: String,
    client_secret: String,
    tokens: Mutex<HashMap<String, Token>>,
    token_requests: AtomicU64,
    now: Box<dyn Fn() -> i64 + Send + Sync>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<i64>,
}

impl SeekPass {
    /// A client for the API at `base` (e.g. `https://app.seekpass-staging.com`).
    pub fn new(
        base: String,
        client_id: String,
        client_secret: String,
        timeout: Duration,
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
            tokens: Mutex::new(HashMap::new()),
            token_requests: AtomicU64::new(0),
            now,
        })
    }

    /// How many token requests this client has sent.
    pub fn token_requests(&self) -> u64 {
        self.token_requests.load(Ordering::Relaxed)
    }

    /// A valid token for `scopes`, fetched at most once however many callers wait for it.
    async fn token(&self, scopes: &str, stale: Option<&str>) -> Result<String, UpstreamError> {
        // Holding the lock across the fetch is what makes the refresh single-flight.
        let mut tokens = self.tokens.lock().await;
        let now = (self.now)();
        if let Some(t) = tokens.get(scopes) {
            let usable = t.expires_at - EARLY_REFRESH_SECS > now && stale != Some(t.value.as_str());
            if usable {
                return Ok(t.value.clone());
            }
        }
        self.token_requests.fetch_add(1, Ordering::Relaxed);
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.as_str()),
            ("scope", scopes),
        ];
        let body = encode_form(&form);
        let resp = self
            .http
            .post(format!("{}/api/partner/v1/oauth/token.json", self.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(body)
            .send()
            .await
            .map_err(transport_error)?;
        let status = resp.status().as_u16();
        if status == 401 || status == 403 || status == 400 {
            return Err(UpstreamError::Unauthorized);
        }
        let parsed: TokenResponse = check(status, resp)
            .await?
            .json()
            .await
            .map_err(|_| UpstreamError::BadResponse)?;
        let token = Token {
            value: parsed.access_token,
            expires_at: now + parsed.expires_in.unwrap_or(DEFAULT_TOKEN_SECS),
        };
        tokens.insert(scopes.to_owned(), token.clone());
        Ok(token.value)
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
        let url = format!("{}{}", self.base, ty.spec().add_path);
        let mut stale = None;
        for _ in 0..2 {
            let token = self.token(&scopes, stale.as_deref()).await?;
            let resp = self
                .http
                .post(&url)
                .bearer_auth(&token)
                .header("Accept", "application/json")
                .json(payload)
                .send()
                .await
                .map_err(transport_error)?;
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

    /// The status JSON of submission `id` (`{id, status, finalized_at}`).
    pub async fn status(&self, id: &str, scopes: &[Scope]) -> Result<Value, UpstreamError> {
        let token = self.token(&scope_string(scopes), None).await?;
        let url = format!("{}/api/partner/v1/submissions/{id}/status.json", self.base);
        let resp = self
            .http
            .get(url)
            .bearer_auth(token)
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(transport_error)?;
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
