//! The JavaScript surface: every `#[wasm_bindgen]` item lives here, with camelCase names.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use crate::core::env::Environment;
use crate::core::error::ErrorCode;
use crate::core::redirect::accept_redirect;
use crate::core::wire::WireEnum;
use crate::web::button::Button;
use crate::web::dom::set_property as set;

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

/// A mounted button, returned by [`mount`]. Call `destroy()` when the element is removed.
#[wasm_bindgen]
pub struct ButtonHandle {
    button: Button,
}

#[wasm_bindgen]
impl ButtonHandle {
    /// Re-reads the element's attributes and properties.
    pub fn refresh(&self) {
        self.button.refresh();
    }

    /// Aborts any request in flight and detaches every listener.
    pub fn destroy(&mut self) {
        self.button.destroy();
    }
}

/// Renders a button for `host` into `root` (its shadow root) and wires it up.
#[wasm_bindgen]
pub fn mount(
    host: web_sys::HtmlElement,
    root: web_sys::ShadowRoot,
) -> Result<ButtonHandle, JsValue> {
    Ok(ButtonHandle {
        button: Button::mount(host, &root)?,
    })
}
