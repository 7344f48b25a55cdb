//! The `detail` of each `seekpass:*` event, as serde structs (turned into plain objects by
//! serde-wasm-bindgen in the web layer). Fixed schemas: no URL, no key, no reference, no server
//! text, no personal data can reach them.

use serde::Serialize;

use super::config::ConfigProblem;
use super::contract::WIDGET_VERSION;
use super::credential::CredentialType;
use super::error::ErrorCode;
use super::machine::Notice;
use super::status::SubmissionStatus;

/// `seekpass:ready`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadyDetail {
    /// The widget version.
    pub version: &'static str,
}

impl Default for ReadyDetail {
    fn default() -> ReadyDetail {
        ReadyDetail {
            version: WIDGET_VERSION,
        }
    }
}

/// `seekpass:click` and `seekpass:navigate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeDetail {
    /// The button's credential type.
    pub credential_type: CredentialType,
}

/// `seekpass:retry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetryDetail {
    /// The attempt about to start.
    pub attempt: u32,
}

/// `seekpass:error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    /// The failure.
    pub code: ErrorCode,
    /// Whether clicking again can help.
    pub retryable: bool,
    /// The rule that failed: the gate's for `redirect_rejected`, the config's for `config_invalid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// For `rate_limited`: seconds until the button accepts clicks again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u32>,
}

impl ErrorDetail {
    /// The detail for a refused configuration; the reason names the rule, never the value.
    pub fn config_invalid(problem: ConfigProblem) -> ErrorDetail {
        use super::wire::WireEnum;
        ErrorDetail {
            code: ErrorCode::ConfigInvalid,
            retryable: false,
            reason: Some(problem.as_str()),
            retry_after_seconds: None,
        }
    }
}

/// `seekpass:status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusDetail {
    /// The button's credential type.
    pub credential_type: CredentialType,
    /// What the status endpoint answered.
    pub status: SubmissionStatus,
}

/// The event a machine notice becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeDetail {
    /// `seekpass:navigate`.
    Navigate(TypeDetail),
    /// `seekpass:retry`.
    Retry(RetryDetail),
    /// `seekpass:error`.
    Error(ErrorDetail),
    /// `seekpass:status`.
    Status(StatusDetail),
}

impl From<&Notice> for NoticeDetail {
    fn from(n: &Notice) -> NoticeDetail {
        match *n {
            Notice::Navigate { credential_type } => {
                NoticeDetail::Navigate(TypeDetail { credential_type })
            }
            Notice::Retry { attempt } => NoticeDetail::Retry(RetryDetail { attempt }),
            Notice::Status {
                credential_type,
                status,
            } => NoticeDetail::Status(StatusDetail {
                credential_type,
                status,
            }),
            Notice::Error {
                code,
                reason,
                retryable,
                retry_after_secs,
            } => NoticeDetail::Error(ErrorDetail {
                code,
                retryable,
                reason: reason.map(|r| r.code()),
                retry_after_seconds: retry_after_secs,
            }),
        }
    }
}
