//! Whether a credential is already in the wallet: SEEK Pass's submission status
//! (`seekpass-api.md` §8), as the proxy passes it on and the button reads it.
//!
//! The docs list `verified`, `canceled` and `incomplete`; release notes announce more
//! (`revoked`, `unshared`). Anything outside the known list is [`SubmissionStatus::Unknown`],
//! never an error, so a new value on SEEK Pass's side cannot break a partner page.

use serde::Deserialize;

use super::classify::{is_json, ProxyResponse};
use super::config::{ButtonConfig, CredentialRef};
use super::contract::ProxyRequest;
use super::text::{concat, join};
use super::wire::{wire_enum, WireEnum};

wire_enum! {
    /// A submission's status as the proxy's status endpoint reports it.
    pub enum SubmissionStatus {
        /// The user consented; the credential is in the wallet and the same link opens it.
        Verified = "verified",
        /// The user cancelled, or a pending submission expired after 48 h.
        Canceled = "canceled",
        /// Started, not finished.
        Incomplete = "incomplete",
        /// The proxy's own answer for the user's record that was never sent to SEEK Pass (or
        /// whose data SEEK Pass has deleted): a plain 200, so pages log no 404 for it.
        NotSubmitted = "not_submitted",
        /// A value the docs do not list, passed on without its text.
        Unknown = "unknown",
    }
}

impl SubmissionStatus {
    /// The status for a wire value: a known one, or [`SubmissionStatus::Unknown`].
    pub fn from_wire(value: &str) -> SubmissionStatus {
        SubmissionStatus::parse(value).unwrap_or(SubmissionStatus::Unknown)
    }
}

/// Separates the references of a batch in one status path segment (`,` is never in a reference).
pub const REF_SEPARATOR: &str = ",";

/// The status URL for `config`: `<status endpoint>/<type>/<ref>`, or
/// `<status endpoint>/<type>/<ref>,<ref>…` for a batch. The type is part of what identifies a
/// submission (`education X` and `batch [X]` are two), and every segment is a wire name or a
/// reference, neither of which can be `.` or `..`. `None` without a status endpoint.
pub fn status_url(config: &ButtonConfig) -> Option<String> {
    let base = config.status_endpoint.as_deref()?;
    let refs = match &config.reference {
        CredentialRef::One(r) => r.clone(),
        CredentialRef::Many(refs) => join(refs, REF_SEPARATOR),
    };
    Some(concat(&[
        base.trim_end_matches('/'),
        "/",
        config.credential_type.as_str(),
        "/",
        &refs,
    ]))
}

/// The status request for `config`: `GET <status url>` asking for JSON. `None` without a
/// status endpoint. It changes nothing, so it carries no widget or idempotency header.
pub fn status_request(config: &ButtonConfig) -> Option<ProxyRequest> {
    Some(ProxyRequest {
        method: "GET",
        url: status_url(config)?,
        headers: vec![("Accept", "application/json".to_owned())],
        body: None,
    })
}

/// The proxy's status answer: `{"status": "<value>", …}`, other members ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct StatusAnswer {
    /// The status value as sent.
    pub status: String,
}

/// Reads the proxy's status answer: `200` JSON `{"status": "<value>", …}` within the body cap.
/// Anything else is `None`, and the button stays as it is.
pub fn read_status(resp: &ProxyResponse<'_, StatusAnswer>) -> Option<SubmissionStatus> {
    if resp.status != 200 || !is_json(resp.content_type?) {
        return None;
    }
    resp.body.map(|b| SubmissionStatus::from_wire(&b.status))
}
