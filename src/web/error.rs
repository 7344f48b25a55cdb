//! The one conversion from a JavaScript exception into our [`Failure`].

use wasm_bindgen::{JsCast, JsValue};

use crate::core::classify::Failure;
use crate::core::error::ErrorCode;

/// Classifies a thrown value or rejection by its `name`, never by its message (which may hold
/// a URL or server text). `timed_out` says our own attempt timer fired the abort.
pub fn failure_from_js(value: &JsValue, timed_out: bool) -> Failure {
    let name = value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.name()))
        .or_else(|| value.dyn_ref::<web_sys::DomException>().map(|e| e.name()))
        .unwrap_or_default();
    failure_named(&name, timed_out)
}

/// The same for gloo-net's error, which keeps the JavaScript error's `name`.
pub fn failure_from_gloo(error: &gloo_net::Error, timed_out: bool) -> Failure {
    match error {
        gloo_net::Error::JsError(e) => failure_named(&e.name, timed_out),
        _ => Failure::new(ErrorCode::Internal),
    }
}

fn failure_named(name: &str, timed_out: bool) -> Failure {
    let code = match name {
        "AbortError" if timed_out => ErrorCode::Timeout,
        "AbortError" => ErrorCode::Aborted,
        "TimeoutError" => ErrorCode::Timeout,
        // fetch rejects with TypeError for DNS, connection and CORS failures alike.
        "TypeError" => ErrorCode::Network,
        _ => ErrorCode::Internal,
    };
    Failure::new(code)
}
