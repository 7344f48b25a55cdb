//! `seekpass:*` DOM events. Details are built here from a fixed schema: no URL, no key, no
//! server text, no personal data ever reaches them.

use js_sys::Object;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use super::dom::set_property as set;
use crate::core::config::ConfigProblem;
use crate::core::contract::WIDGET_VERSION;
use crate::core::credential::CredentialType;
use crate::core::error::ErrorCode;
use crate::core::machine::Notice;
use crate::core::status::SubmissionStatus;
use crate::core::wire::WireEnum;

/// The events a button dispatches (names are the documented API).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventName {
    /// The button is mounted and usable.
    Ready,
    /// The user clicked; cancelable.
    Click,
    /// Leaving for SEEK Pass.
    Navigate,
    /// A retry is about to be sent.
    Retry,
    /// Something failed.
    Error,
    /// The status endpoint answered (`verified` shows the added state).
    Status,
}

impl EventName {
    fn as_str(&self) -> &'static str {
        match self {
            EventName::Ready => "seekpass:ready",
            EventName::Click => "seekpass:click",
            EventName::Navigate => "seekpass:navigate",
            EventName::Retry => "seekpass:retry",
            EventName::Error => "seekpass:error",
            EventName::Status => "seekpass:status",
        }
    }
}

/// Dispatches `name` on `host` with `detail`; bubbles and crosses shadow roots. Returns
/// `false` when a listener cancelled it.
pub fn emit(host: &HtmlElement, name: EventName, detail: &Object) -> bool {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(name == EventName::Click);
    init.set_detail(detail);
    match CustomEvent::new_with_event_init_dict(name.as_str(), &init) {
        Ok(event) => host.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

/// `{version}` for `seekpass:ready`.
pub fn ready_detail() -> Object {
    let d = Object::new();
    set(&d, "version", WIDGET_VERSION.into());
    d
}

/// `{credentialType}` for `seekpass:click`.
pub fn click_detail(credential_type: &str) -> Object {
    let d = Object::new();
    set(&d, "credentialType", credential_type.into());
    d
}

/// `{credentialType, status}` for `seekpass:status`: no reference, no URL.
pub fn status_detail(credential_type: CredentialType, status: SubmissionStatus) -> Object {
    let d = click_detail(credential_type.as_str());
    set(&d, "status", status.as_str().into());
    d
}

/// The event and detail for a machine notice.
pub fn notice(n: &Notice) -> (EventName, Object) {
    let d = Object::new();
    match n {
        Notice::Navigate { credential_type } => {
            set(&d, "credentialType", credential_type.as_str().into());
            (EventName::Navigate, d)
        }
        Notice::Retry { attempt } => {
            set(&d, "attempt", (*attempt).into());
            (EventName::Retry, d)
        }
        Notice::Error {
            code,
            reason,
            retryable,
            retry_after_secs,
        } => {
            set(&d, "code", code.as_str().into());
            set(&d, "retryable", (*retryable).into());
            if let Some(reason) = reason {
                set(&d, "reason", reason.code().into());
            }
            if let Some(secs) = retry_after_secs {
                set(&d, "retryAfterSeconds", (*secs).into());
            }
            (EventName::Error, d)
        }
    }
}

/// `seekpass:error` for a refused configuration: `{code: "config_invalid", retryable, reason}`.
/// The reason names the rule (e.g. `missing_endpoint`), never the value.
pub fn config_invalid(problem: ConfigProblem) -> (EventName, Object) {
    let notice = Notice::Error {
        code: ErrorCode::ConfigInvalid,
        reason: None,
        retryable: false,
        retry_after_secs: None,
    };
    let (name, detail) = self::notice(&notice);
    set(&detail, "reason", problem.as_str().into());
    (name, detail)
}
