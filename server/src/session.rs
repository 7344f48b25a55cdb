//! Who the user is. The proxy asks a [`Resolver`]; the demo uses a signed session cookie,
//! parsed and written with the `cookie` crate.

use std::time::Duration;

use axum::http::HeaderMap;
use cookie::{Cookie, SameSite};
use subtle::ConstantTimeEq;

use crate::keys::mac;

/// Name of the demo session cookie over plain HTTP (loopback demo).
pub const COOKIE: &str = "sp_demo_session";
/// Name over HTTPS: the `__Host-` prefix makes the browser refuse it unless it is `Secure`,
/// host-only and `Path=/`, so a sibling subdomain cannot plant one (threats.md item 57).
pub const HOST_COOKIE: &str = "__Host-sp_demo_session";
/// How long a demo session lasts.
pub const MAX_AGE: Duration = Duration::from_secs(8 * 3600);

/// Finds the signed-in user of a request. Partners plug in their own session system here.
pub trait Resolver: Send + Sync {
    /// The user id, or `None` when nobody is signed in.
    fn user(&self, headers: &HeaderMap) -> Option<String>;
}

/// A cookie `<user>.<hex HMAC of user>` signed with a server key.
pub struct SignedCookie {
    key: Vec<u8>,
    secure: bool,
}

impl SignedCookie {
    /// A resolver for plain-HTTP cookies signed with `key`.
    pub fn new(key: Vec<u8>) -> SignedCookie {
        SignedCookie { key, secure: false }
    }

    /// A resolver for cookies signed with `key`; `secure` when the site is served over HTTPS.
    pub fn with_security(key: Vec<u8>, secure: bool) -> SignedCookie {
        SignedCookie { key, secure }
    }

    fn name(&self) -> &'static str {
        if self.secure {
            HOST_COOKIE
        } else {
            COOKIE
        }
    }

    fn signature(&self, user: &str) -> String {
        hex::encode(mac(&self.key, &["session", user]))
    }

    /// The `Set-Cookie` value signing `user` in.
    pub fn issue(&self, user: &str) -> String {
        let value = format!("{user}.{}", self.signature(user));
        let max_age =
            cookie::time::Duration::seconds(i64::try_from(MAX_AGE.as_secs()).unwrap_or(0));
        Cookie::build((self.name(), value))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(self.secure)
            .max_age(max_age)
            .build()
            .to_string()
    }

    fn verify(&self, value: &str) -> Option<String> {
        let (user, sig) = value.rsplit_once('.')?;
        let expected = self.signature(user);
        let valid = !user.is_empty() && bool::from(sig.as_bytes().ct_eq(expected.as_bytes()));
        valid.then(|| user.to_owned())
    }
}

impl Resolver for SignedCookie {
    /// Every session cookie in the request is checked, not only the first: a forged one placed
    /// first never wins. Two valid cookies for different users are ambiguous and resolve to
    /// nobody (401).
    fn user(&self, headers: &HeaderMap) -> Option<String> {
        let mut found: Option<String> = None;
        let cookies = headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|h| h.to_str().ok())
            .flat_map(|h| Cookie::split_parse(h).filter_map(Result::ok));
        for c in cookies.filter(|c| c.name() == self.name()) {
            match (self.verify(c.value()), &found) {
                (Some(user), Some(other)) if &user != other => return None,
                (Some(user), _) => found = Some(user),
                (None, _) => {}
            }
        }
        found
    }
}
