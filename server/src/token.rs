//! The OAuth token cache: one entry per scope set, each filled single-flight, so a slow token
//! call for one scope set never delays requests whose token is cached (threats.md item 55).

use std::collections::HashMap;
use std::sync::{Arc, Mutex as SyncMutex};

use tokio::sync::Mutex;

/// Tokens are renewed this long before they expire.
pub const EARLY_REFRESH_SECS: i64 = 60;
/// Assumed lifetime when the token response gives none (the docs do not say).
pub const DEFAULT_TOKEN_SECS: i64 = 300;
/// Longest lifetime believed, whatever `expires_in` says (a day), so `now + expires_in` is bounded.
pub const MAX_TOKEN_SECS: i64 = 86_400;

/// A bearer token and when it expires.
#[derive(Clone)]
pub struct Token {
    /// The bearer value.
    pub value: String,
    /// Expiry, in the proxy clock's seconds.
    pub expires_at: i64,
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
        }
    }

    /// Usable at `now` and not the one the API just refused.
    pub fn usable(&self, now: i64, stale: Option<&str>) -> bool {
        self.expires_at.saturating_sub(EARLY_REFRESH_SECS) > now
            && stale != Some(self.value.as_str())
    }
}

/// One slot per scope set; the slot's lock is held across its fetch only.
type Slot = Arc<Mutex<Option<Token>>>;

/// The cache.
#[derive(Default)]
pub struct TokenCache {
    slots: SyncMutex<HashMap<String, Slot>>,
}

impl TokenCache {
    /// A usable token for `scopes`, from the cache or from `fetch` (called at most once at a time
    /// per scope set, however many callers wait).
    pub async fn get<F, Fut, E>(
        &self,
        scopes: &str,
        now: i64,
        stale: Option<&str>,
        fetch: F,
    ) -> Result<String, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Token, E>>,
    {
        let slot = {
            // Held only to find the slot; a poisoned map is still a valid map.
            let mut slots = self
                .slots
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            slots.entry(scopes.to_owned()).or_default().clone()
        };
        let mut entry = slot.lock().await;
        if let Some(t) = entry.as_ref().filter(|t| t.usable(now, stale)) {
            return Ok(t.value.clone());
        }
        let token = fetch().await?;
        let value = token.value.clone();
        *entry = Some(token);
        Ok(value)
    }
}
