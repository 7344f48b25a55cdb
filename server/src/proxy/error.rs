//! The contract's error answers, in one table: each code with its status. Every answer is
//! `{"error": {"code": …}}` with `Cache-Control: no-store`; a rate limit adds `Retry-After`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::upstream::UpstreamError;

/// An error answer of the proxy (contract v1) or of the server's guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyError {
    /// 400: a malformed body, reference or type.
    BadRequest,
    /// 401: nobody is signed in.
    NotAuthenticated,
    /// 403: a cross-site call, or one without the widget's header.
    Forbidden,
    /// 404: no such record for this user (another user's answers the same), or no such path.
    NotFound,
    /// 413: the body is over the server's limit (`SEEKPASS_MAX_BODY_BYTES`).
    TooLarge,
    /// 415: the body is not JSON.
    UnsupportedMediaType,
    /// 421: a `Host` this server does not answer to.
    Misdirected,
    /// 422: SEEK Pass (or the proxy's own validation) refused the payload.
    Rejected,
    /// 429: over a rate limit; retry after this many seconds, when known.
    RateLimited(Option<u64>),
    /// 500: the record cannot be turned into a valid payload.
    Internal,
    /// 502: SEEK Pass refused the proxy's credentials or scopes.
    UpstreamAuth,
    /// 502: SEEK Pass answered something other than the documented JSON.
    UpstreamBadResponse,
    /// 502: SEEK Pass answered a valid link for another credential type.
    UpstreamInvalid,
    /// 502: SEEK Pass's link failed the gate.
    RedirectRejected,
    /// 503: SEEK Pass could not be reached.
    UpstreamUnavailable,
    /// 504: SEEK Pass did not answer in time.
    UpstreamTimeout,
}

impl ProxyError {
    /// The code and status of this error: the table.
    pub fn code_and_status(self) -> (&'static str, StatusCode) {
        match self {
            ProxyError::BadRequest => ("bad_request", StatusCode::BAD_REQUEST),
            ProxyError::NotAuthenticated => ("not_authenticated", StatusCode::UNAUTHORIZED),
            ProxyError::Forbidden => ("forbidden", StatusCode::FORBIDDEN),
            ProxyError::NotFound => ("not_found", StatusCode::NOT_FOUND),
            // The contract's code for a body it will not read; the status says why.
            ProxyError::TooLarge => ("bad_request", StatusCode::PAYLOAD_TOO_LARGE),
            ProxyError::UnsupportedMediaType => {
                ("unsupported_media_type", StatusCode::UNSUPPORTED_MEDIA_TYPE)
            }
            ProxyError::Misdirected => ("misdirected", StatusCode::MISDIRECTED_REQUEST),
            ProxyError::Rejected => ("rejected", StatusCode::UNPROCESSABLE_ENTITY),
            ProxyError::RateLimited(_) => ("rate_limited", StatusCode::TOO_MANY_REQUESTS),
            ProxyError::Internal => ("internal", StatusCode::INTERNAL_SERVER_ERROR),
            ProxyError::UpstreamAuth => ("upstream_auth", StatusCode::BAD_GATEWAY),
            ProxyError::UpstreamBadResponse => ("upstream_bad_response", StatusCode::BAD_GATEWAY),
            ProxyError::UpstreamInvalid => ("upstream_invalid", StatusCode::BAD_GATEWAY),
            ProxyError::RedirectRejected => ("redirect_rejected", StatusCode::BAD_GATEWAY),
            ProxyError::UpstreamUnavailable => {
                ("upstream_unavailable", StatusCode::SERVICE_UNAVAILABLE)
            }
            ProxyError::UpstreamTimeout => ("upstream_timeout", StatusCode::GATEWAY_TIMEOUT),
        }
    }
}

/// A JSON answer that no cache may keep (it can carry a claimable `redirect_uri`).
pub fn no_store(status: StatusCode, body: serde_json::Value) -> Response {
    let mut resp = (status, axum::Json(body)).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        let (code, status) = self.code_and_status();
        let mut resp = no_store(status, json!({ "error": { "code": code } }));
        if let ProxyError::RateLimited(Some(secs)) = self {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}

impl From<UpstreamError> for ProxyError {
    fn from(e: UpstreamError) -> ProxyError {
        match e {
            UpstreamError::Timeout => ProxyError::UpstreamTimeout,
            UpstreamError::Unavailable => ProxyError::UpstreamUnavailable,
            UpstreamError::RateLimited(secs) => ProxyError::RateLimited(secs.map(u64::from)),
            UpstreamError::Unauthorized => ProxyError::UpstreamAuth,
            UpstreamError::Rejected => ProxyError::Rejected,
            UpstreamError::BadResponse => ProxyError::UpstreamBadResponse,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const ALL: [ProxyError; 15] = [
        ProxyError::BadRequest,
        ProxyError::NotAuthenticated,
        ProxyError::Forbidden,
        ProxyError::NotFound,
        ProxyError::UnsupportedMediaType,
        ProxyError::Misdirected,
        ProxyError::Rejected,
        ProxyError::RateLimited(Some(7)),
        ProxyError::Internal,
        ProxyError::UpstreamAuth,
        ProxyError::UpstreamBadResponse,
        ProxyError::UpstreamInvalid,
        ProxyError::RedirectRejected,
        ProxyError::UpstreamUnavailable,
        ProxyError::UpstreamTimeout,
    ];

    #[test]
    fn one_code_per_error_and_each_answer_is_no_store_json() {
        let codes: std::collections::BTreeSet<_> =
            ALL.iter().map(|e| e.code_and_status().0).collect();
        assert_eq!(codes.len(), ALL.len(), "codes are distinct");
        for e in ALL {
            let (_, status) = e.code_and_status();
            let resp = e.into_response();
            assert_eq!(resp.status(), status);
            assert!(status.is_client_error() || status.is_server_error());
            assert_eq!(resp.headers()[header::CACHE_CONTROL], "no-store");
        }
        let limited = ProxyError::RateLimited(Some(7)).into_response();
        assert_eq!(limited.headers()[header::RETRY_AFTER], "7");
        let unknown = ProxyError::RateLimited(None).into_response();
        assert!(unknown.headers().get(header::RETRY_AFTER).is_none());
    }
}
