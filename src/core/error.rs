//! The closed set of error codes the widget reports, each with a stable string.

use super::wire::wire_enum;

wire_enum! {
    /// Why a button could not take the user to SEEK Pass. Used in events, messages and logs.
    pub enum ErrorCode {
        /// The button's configuration is invalid (unknown environment, type, missing endpoint).
        ConfigInvalid = "config_invalid",
        /// The WebAssembly module could not be fetched, compiled or instantiated.
        WasmUnavailable = "wasm_unavailable",
        /// The browser reports no network connection.
        Offline = "offline",
        /// The request to the partner proxy failed at the network level.
        Network = "network",
        /// The partner proxy did not answer in time.
        Timeout = "timeout",
        /// The request was cancelled (the button was removed, or the page was left).
        Aborted = "aborted",
        /// The partner proxy asked us to slow down (HTTP 429).
        RateLimited = "rate_limited",
        /// The partner proxy or SEEK Pass is temporarily unavailable (5xx, 409).
        ServerUnavailable = "server_unavailable",
        /// The user is not signed in to the partner site (401, or a redirect to a login page).
        NotAuthenticated = "not_authenticated",
        /// The user may not add this credential (403).
        Forbidden = "forbidden",
        /// The proxy refused the request for good (400, 404, 422, other 4xx).
        Rejected = "rejected",
        /// The proxy's answer was not the documented JSON.
        InvalidResponse = "invalid_response",
        /// The redirect failed the gate; the reason is a [`RedirectError`](crate::RedirectError).
        RedirectRejected = "redirect_rejected",
        /// A new tab could not be opened.
        PopupBlocked = "popup_blocked",
        /// A script or module failed its integrity check.
        IntegrityFailed = "integrity_failed",
        /// A bug in the widget.
        Internal = "internal",
    }
}

impl ErrorCode {
    /// Whether trying again later can succeed without anything else changing.
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            ErrorCode::Offline
                | ErrorCode::Network
                | ErrorCode::Timeout
                | ErrorCode::Aborted
                | ErrorCode::RateLimited
                | ErrorCode::ServerUnavailable
        )
    }
}
