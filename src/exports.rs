//! The JavaScript surface: every `#[wasm_bindgen]` item lives here, with camelCase names.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::core::env::Environment;
use crate::core::error::ErrorCode;
use crate::core::redirect::accept_redirect;
use crate::core::wire::WireEnum;

/// The widget's version, as sent in `X-SEEKPass-Widget`.
#[wasm_bindgen(js_name = widgetVersion)]
pub fn widget_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Runs the redirect gate on `raw` for `environment` (`production`, `staging` or a loopback origin).
///
/// Returns `{accepted: true, credentialType}` or `{accepted: false, code, reason?}`. The URL itself
/// is never returned: it is a claimable capability and only the navigator may hold it.
#[wasm_bindgen(js_name = checkRedirect)]
pub fn check_redirect(raw: JsValue, environment: JsValue) -> Object {
    let out = Object::new();
    let verdict = match (
        raw.as_string(),
        environment.as_string().map(|e| Environment::parse(&e)),
    ) {
        (_, None) | (_, Some(Err(_))) => Err((ErrorCode::ConfigInvalid, None)),
        (None, _) => Err((ErrorCode::InvalidResponse, None)),
        (Some(raw), Some(Ok(env))) => accept_redirect(&raw, &env)
            .map(|ok| ok.credential_type())
            .map_err(|reason| (ErrorCode::RedirectRejected, Some(reason.code()))),
    };
    set(&out, "accepted", JsValue::from_bool(verdict.is_ok()));
    match verdict {
        Ok(ty) => set(&out, "credentialType", ty.as_str().into()),
        Err((code, reason)) => {
            set(&out, "code", code.as_str().into());
            if let Some(reason) = reason {
                set(&out, "reason", reason.into());
            }
        }
    }
    out
}

fn set(target: &Object, key: &str, value: JsValue) {
    // Setting a data property on a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}
