//! Who the user is. The proxy asks a [`Resolver`]; the demo uses a signed session cookie.

use axum::http::HeaderMap;

use crate::keys::{constant_time_eq, hex, mac};

/// Name of the demo session cookie.
pub const COOKIE: &str = "sp_demo_session";

/// Finds the signed-in user of a request. Partners plug in their own session system here.
pub trait Resolver: Send + Sync {
    /// The user id, or `None` when nobody is signed in.
    fn user(&self, headers: &HeaderMap) -> Option<String>;
}

/// A cookie `<user>.<hex HMAC of user>` signed with a server key.
pub struct SignedCookie {
    key: Vec<u8>,
}

impl SignedCookie {
    /// A resolver for cookies signed with `key`.
    pub fn new(key: Vec<u8>) -> SignedCookie {
        SignedCookie { key }
    }

    /// The `Set-Cookie` value signing `user` in.
    pub fn issue(&self, user: &str) -> String {
        let sig = hex(&mac(&self.key, &["session", user]));
        format!("{COOKIE}={user}.{sig}; Path=/; HttpOnly; SameSite=Strict")
    }
}

impl Resolver for SignedCookie {
    fn user(&self, headers: &HeaderMap) -> Option<String> {
        let value = headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|h| h.to_str().ok())
            .flat_map(|h| h.split(';'))
            .filter_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
            .next()?;
        let (user, sig) = value.rsplit_once('.')?;
        let expected = hex(&mac(&self.key, &["session", user]));
        let valid = !user.is_empty() && constant_time_eq(sig.as_bytes(), expected.as_bytes());
        valid.then(|| user.to_owned())
    }
}
