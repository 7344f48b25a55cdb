//! Turning the partner proxy's HTTP answer into a redirect or a typed failure.

use serde::Deserialize;

use super::env::Environment;
use super::error::ErrorCode;
use super::redirect::{accept_redirect_for_client, RedirectError, ValidatedRedirect};
use super::retry_after::parse_retry_after;

/// Largest response body read, in bytes; a redirect is far smaller.
pub const MAX_BODY_LEN: usize = 16 * 1024;

/// A success answer of the proxy's add endpoint: `{"redirect_uri": "..."}`, other members
/// ignored. In the browser it is read from `JSON.parse`'s value (`web::transport::FromJs`);
/// natively serde decodes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RedirectAnswer {
    /// The raw `redirect_uri`, before repair and the gate.
    pub redirect_uri: String,
}

/// What the proxy answered, as the web layer read it.
#[derive(Debug, PartialEq, Eq)]
pub struct ProxyResponse<'a, B = RedirectAnswer> {
    /// HTTP status; 0 for an opaque redirect (`redirect: "manual"`).
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<&'a str>,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<&'a str>,
    /// The body decoded as `B`: `None` when it was not read (an error status), is not JSON, or
    /// does not have `B`'s shape. A body past [`MAX_BODY_LEN`] never gets here: reading it fails.
    pub body: Option<&'a B>,
}

/// Counts a body's bytes as they arrive, however the body is framed (chunked, compressed, a
/// lying `Content-Length`): past [`MAX_BODY_LEN`] the reader must stop and cancel.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BodyCap {
    read: usize,
}

impl BodyCap {
    /// Adds a chunk of `len` bytes; `false` once the total is over the cap.
    pub fn admit(&mut self, len: usize) -> bool {
        self.read = self.read.saturating_add(len);
        self.read <= MAX_BODY_LEN
    }
}

/// Why a call to the proxy did not produce a redirect. Carries no server text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure {
    /// The error code.
    pub code: ErrorCode,
    /// For [`ErrorCode::RedirectRejected`], the gate's reason.
    pub redirect: Option<RedirectError>,
    /// For [`ErrorCode::RateLimited`], the server's `Retry-After` in seconds, when valid.
    pub retry_after_secs: Option<u32>,
}

impl Failure {
    /// A failure with only a code.
    pub fn new(code: ErrorCode) -> Failure {
        Failure {
            code,
            redirect: None,
            retry_after_secs: None,
        }
    }
}

impl From<RedirectError> for Failure {
    fn from(reason: RedirectError) -> Failure {
        Failure {
            redirect: Some(reason),
            ..Failure::new(ErrorCode::RedirectRejected)
        }
    }
}

/// Classifies a response: the raw `redirect_uri` on success, else a failure.
///
/// The status decides; an error body is never read, so server text cannot reach the user.
/// `now_unix` is used only for an HTTP-date `Retry-After`.
pub fn classify_response(resp: &ProxyResponse<'_>, now_unix: u64) -> Result<String, Failure> {
    let code = match resp.status {
        200..=299 => return success_body(resp).ok_or(Failure::new(ErrorCode::InvalidResponse)),
        // A redirect (opaque with `redirect: "manual"`) is a session that expired into a login page.
        0 | 300..=399 => ErrorCode::NotAuthenticated,
        401 => ErrorCode::NotAuthenticated,
        403 => ErrorCode::Forbidden,
        408 => ErrorCode::Timeout,
        409 | 500..=599 => ErrorCode::ServerUnavailable,
        429 => {
            let retry_after_secs = resp
                .retry_after
                .and_then(|v| parse_retry_after(v, now_unix));
            return Err(Failure {
                retry_after_secs,
                ..Failure::new(ErrorCode::RateLimited)
            });
        }
        400..=499 => ErrorCode::Rejected,
        _ => ErrorCode::InvalidResponse,
    };
    Err(Failure::new(code))
}

/// Classifies, then runs the gate: the only road from a response to a [`ValidatedRedirect`].
pub fn interpret_response(
    resp: &ProxyResponse<'_>,
    env: &Environment,
    client_id: Option<&str>,
    now_unix: u64,
) -> Result<ValidatedRedirect, Failure> {
    let raw = classify_response(resp, now_unix)?;
    Ok(accept_redirect_for_client(&raw, env, client_id)?)
}

fn success_body(resp: &ProxyResponse<'_>) -> Option<String> {
    if !is_json(resp.content_type?) {
        return None;
    }
    resp.body.map(|b| b.redirect_uri.clone())
}

/// Whether a `Content-Type` is `application/json`, any case, with or without parameters.
pub fn is_json(content_type: &str) -> bool {
    has_essence(content_type, "application/json")
}

/// Whether a `Content-Type`'s essence (the type before any parameters) is `essence`, any case.
pub fn has_essence(content_type: &str, essence: &str) -> bool {
    let own = content_type.split(';').next().unwrap_or("");
    own.trim().eq_ignore_ascii_case(essence)
}
