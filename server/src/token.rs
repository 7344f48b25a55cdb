//! The OAuth token cache: one entry per scope set, filled single-flight by moka's per-key
//! compute, so a slow token call for one scope set never delays another (threats.md item 55),
//! waiters share the one fetch's result, success or failure, and a failure is remembered for
//! [`FAILURE_MEMORY`] so a down token endpoint is not hammered (items 62 and 63).

use std::future::Future;
use std::time::{Duration, Instant};

use moka::future::Cache;
use moka::ops::compute::{CompResult, Op};

/// Tokens are renewed at most this long before they expire.
pub const EARLY_REFRESH_SECS: i64 = 60;
/// Assumed lifetime when the token response gives none (the docs do not say).
pub const DEFAULT_TOKEN_SECS: i64 = 300;
/// Longest lifetime believed, whatever `expires_in` says (a day), so `now + expires_in` is bounded.
pub const MAX_TOKEN_SECS: i64 = 86_400;
/// How long a failed token fetch is answered from the cache before the next one is tried.
pub const FAILURE_MEMORY: Duration = Duration::from_secs(5);
/// Scope sets are few (one per credential type mix); this bounds the cache whatever happens.
const MAX_SCOPE_SETS: u64 = 64;

/// A bearer token and when it expires.
#[derive(Clone, Debug)]
pub struct Token {
    /// The bearer value.
    pub value: String,
    /// Expiry, in the proxy clock's seconds.
    pub expires_at: i64,
    /// Renewed this many seconds before expiry: `min(60 s, lifetime / 2)`, so a short-lived
    /// token is still cached for half its life.
    pub refresh_ahead: i64,
}

impl Token {
    /// A token issued at `now` for `expires_in` seconds (bounded to 1 s – one day).
    pub fn issued(value: String, now: i64, expires_in: Option<i64>) -> Token {
        let secs = expires_in
            .unwrap_or(DEFAULT_TOKEN_SECS)
            .clamp(1, MAX_TOKEN_SECS);
        Token {
            value,
            expires_at: now.saturating_add(secs),
            refresh_ahead: EARLY_REFRESH_SECS.min(secs / 2),
        }
    }

    /// Usable at `now` and not the one the API just refused.
    pub fn usable(&self, now: i64, stale: Option<&str>) -> bool {
        self.expires_at.saturating_sub(self.refresh_ahead) > now
            && stale != Some(self.value.as_str())
    }
}

/// What the cache holds for a scope set: a token, or the failure of the last fetch and when it
/// happened.
#[derive(Clone)]
enum Fetched<E> {
    Token(Token),
    Failed(E, Instant),
}

/// The cache, generic over the fetch's error so it is tested without a network.
pub struct TokenCache<E> {
    slots: Cache<String, Fetched<E>>,
}

impl<E: Clone + Send + Sync + 'static> Default for TokenCache<E> {
    fn default() -> TokenCache<E> {
        TokenCache {
            slots: Cache::builder().max_capacity(MAX_SCOPE_SETS).build(),
        }
    }
}

/// The cache entry vanished between the compute and its answer (never expected: the cache
/// never removes an entry it has just computed); the caller's error type says what to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheInterrupted;

impl<E: Clone + Send + Sync + From<CacheInterrupted> + 'static> TokenCache<E> {
    /// A usable token for `scopes`, from the cache or from `fetch`. Calls for one scope set run
    /// one at a time, so however many callers wait, `fetch` runs once and they all get its
    /// result; a failure is given to every caller for [`FAILURE_MEMORY`] without a new fetch.
    pub async fn get<F, Fut>(
        &self,
        scopes: &str,
        now: i64,
        stale: Option<&str>,
        fetch: F,
    ) -> Result<String, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Token, E>>,
    {
        let result = self
            .slots
            .entry(scopes.to_owned())
            .and_compute_with(|current| async move {
                let fresh = current.map(|e| e.into_value()).filter(|f| match f {
                    Fetched::Token(t) => t.usable(now, stale),
                    Fetched::Failed(_, at) => at.elapsed() < FAILURE_MEMORY,
                });
                if fresh.is_some() {
                    return Op::Nop;
                }
                Op::Put(match fetch().await {
                    Ok(token) => Fetched::Token(token),
                    Err(e) => Fetched::Failed(e, Instant::now()),
                })
            })
            .await;
        let fetched = match result {
            CompResult::Unchanged(e) | CompResult::Inserted(e) | CompResult::ReplacedWith(e) => {
                e.into_value()
            }
            // Only `Op::Remove` leads here, and it is never returned above.
            CompResult::StillNone(_) | CompResult::Removed(_) => {
                return Err(CacheInterrupted.into())
            }
        };
        match fetched {
            Fetched::Token(t) => Ok(t.value),
            Fetched::Failed(e, _) => Err(e),
        }
    }
}
