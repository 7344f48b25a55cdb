//! Contract v1 between the button and the partner proxy, as data (the web layer only sends it).
//!
//! `POST <endpoint>` with a JSON body naming the credential by reference; the proxy answers
//! `{"redirect_uri": "..."}` or `{"error": {"code": "..."}}` with a status that says whether a
//! retry can help. Nothing personal or secret is ever in the request.

use serde::Serialize;

use super::config::{ButtonConfig, CredentialRef};
use super::credential::CredentialType;
use super::text::{concat, join, push_hex};
use super::wire::WireEnum;

/// Header carrying the widget version; the proxy refuses requests without it (CSRF defence).
pub const WIDGET_HEADER: &str = "X-SEEKPass-Widget";
/// Header carrying the per-page, per-credential idempotency key.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";
/// The widget version sent in [`WIDGET_HEADER`].
pub const WIDGET_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The JSON body of an add request: the credential by reference, nothing personal or secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddBody {
    /// The button's credential type.
    pub credential_type: CredentialType,
    /// A single type's reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_ref: Option<String>,
    /// A batch's references.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_refs: Option<Vec<String>>,
}

/// One request to the proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyRequest {
    /// `POST` for an add, `GET` for a status.
    pub method: &'static str,
    /// The endpoint path.
    pub url: String,
    /// Request headers.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body; none for `GET`. The web layer serialises it (serde-wasm-bindgen and
    /// `JSON.stringify`).
    pub body: Option<AddBody>,
}

/// The request for `config`, keyed by `idempotency_key`. `None` when the config has no endpoint.
pub fn proxy_request(config: &ButtonConfig, idempotency_key: &str) -> Option<ProxyRequest> {
    let url = config.endpoint.clone()?;
    let (credential_ref, credential_refs) = match &config.reference {
        CredentialRef::One(r) => (Some(r.clone()), None),
        CredentialRef::Many(refs) => (None, Some(refs.clone())),
    };
    let body = Some(AddBody {
        credential_type: config.credential_type,
        credential_ref,
        credential_refs,
    });
    let headers = vec![
        ("Content-Type", "application/json".to_owned()),
        ("Accept", "application/json".to_owned()),
        (WIDGET_HEADER, WIDGET_VERSION.to_owned()),
        (IDEMPOTENCY_HEADER, idempotency_key.to_owned()),
    ];
    Some(ProxyRequest {
        method: "POST",
        url,
        headers,
        body,
    })
}

/// The key under which a page shares one idempotency key per credential.
pub fn credential_key(config: &ButtonConfig) -> String {
    let refs = match &config.reference {
        CredentialRef::One(r) => r.clone(),
        CredentialRef::Many(refs) => join(refs, ","),
    };
    concat(&[
        config.endpoint.as_deref().unwrap_or(""),
        "|",
        config.credential_type.as_str(),
        "|",
        &refs,
    ])
}

/// Formats 16 random bytes as an RFC 9562 version 4 UUID.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        push_hex(&mut out, *b);
    }
    out
}
