//! The machine's vocabulary: phases, inputs, effects and notices.

use crate::core::classify::Failure;
use crate::core::credential::CredentialType;
use crate::core::error::ErrorCode;
use crate::core::redirect::{RedirectError, ValidatedRedirect};
use crate::core::status::SubmissionStatus;

/// Where the button is in its flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Ready for a click.
    Idle,
    /// Asking the proxy (including waits between retries).
    Busy,
    /// Leaving the page for SEEK Pass.
    Navigating,
    /// The last attempt failed; a click tries again (after any cooldown).
    Failed,
    /// Turned off by the integrator.
    Disabled,
}

/// Something that happened to the button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A click (or Enter/Space) the page did not cancel. `online` is `navigator.onLine`.
    Click {
        /// Milliseconds on a monotonic clock.
        now_ms: u64,
        /// Whether the browser believes it is online.
        online: bool,
        /// A tab was opened for this click (new-tab mode); the machine says when to close it.
        tab: bool,
    },
    /// The current attempt produced a redirect that passed the gate.
    Succeeded(ValidatedRedirect),
    /// The current attempt failed.
    Failed {
        /// Why.
        failure: Failure,
        /// Milliseconds on the same clock as `Click`.
        now_ms: u64,
    },
    /// The host's timer fired at `now_ms` (milliseconds on the same clock as `Click`), at or
    /// after [`Machine::next_deadline`](super::Machine::next_deadline). A wake-up before any
    /// deadline changes nothing.
    Timeout {
        /// The time now.
        now_ms: u64,
    },
    /// Another button for the same credential is already asking the proxy: this one sends
    /// nothing and waits for [`Input::SharedResult`].
    Following,
    /// Another button for the same credential finished the request this one was waiting on:
    /// success means "the page is leaving" (that button navigates), failure is final.
    SharedResult(Result<CredentialType, Failure>),
    /// Navigation could not start (a new tab was blocked).
    NavigationFailed(Failure),
    /// The browser is going to the redirect: this tab, or a new tab that opened (also from the
    /// popup-blocked fallback's own click).
    Navigated,
    /// SEEK Pass opened in another tab; this page stays and the button is ready again.
    Departed,
    /// The page came back from the back/forward cache, or is going into it.
    PageRestored,
    /// The button was mounted, its credential changed, or the page was shown again (restored
    /// from the back/forward cache, or visible after a SEEK Pass visit in another tab): time to
    /// ask the status endpoint.
    Shown,
    /// The status request ended: the status, or `None` for any failure (which changes nothing).
    StatusAnswered(Option<SubmissionStatus>),
    /// The integrator set or cleared `disabled`.
    SetDisabled(bool),
    /// The element left the page.
    Removed,
}

/// A DOM event for the host page; details are fixed and free of personal data and URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// About to leave for SEEK Pass.
    Navigate {
        /// The credential type added.
        credential_type: CredentialType,
    },
    /// A retry is about to be sent.
    Retry {
        /// The attempt number about to start.
        attempt: u32,
    },
    /// The status endpoint answered.
    Status {
        /// The button's credential type.
        credential_type: CredentialType,
        /// What it answered.
        status: SubmissionStatus,
    },
    /// The click failed.
    Error {
        /// The failure.
        code: ErrorCode,
        /// The gate's reason, for `redirect_rejected`.
        reason: Option<RedirectError>,
        /// Whether clicking again can help.
        retryable: bool,
        /// For `rate_limited`: seconds until the button accepts clicks again.
        retry_after_secs: Option<u32>,
    },
}

/// Work for the web layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Send attempt number `attempt` to the proxy (same idempotency key every time).
    Fetch {
        /// 1-based.
        attempt: u32,
    },
    /// Abort the request in flight, if any.
    CancelFetch,
    /// Go to SEEK Pass.
    Navigate(ValidatedRedirect),
    /// Dispatch an event on the element.
    Emit(Notice),
    /// Close the tab opened for this click: the click ended without SEEK Pass in it.
    CloseTab,
    /// Ask the status endpoint, once; answer with [`Input::StatusAnswered`].
    CheckStatus,
}
