//! The JavaScript surface: every `#[wasm_bindgen]` item lives here, with camelCase names.

use wasm_bindgen::prelude::*;

use crate::web::button::Button;

/// The gate playground's exports (`www/gate.html`); not in the shipped wasm (feature
/// `playground`, see `Cargo.toml`).
#[cfg(feature = "playground")]
pub mod playground {
    use js_sys::Object;
    use serde::Serialize;
    use wasm_bindgen::prelude::*;

    use crate::core::credential::CredentialType;
    use crate::core::env::Environment;
    use crate::core::error::ErrorCode;
    use crate::core::redirect::accept_redirect;

    /// The widget's version, as sent in `X-SEEKPass-Widget`.
    #[wasm_bindgen(js_name = widgetVersion)]
    pub fn widget_version() -> String {
        env!("CARGO_PKG_VERSION").to_owned()
    }

    /// The verdict of [`check_redirect`]; never the URL itself.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Verdict {
        accepted: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        credential_type: Option<CredentialType>,
        #[serde(skip_serializing_if = "Option::is_none")]
        code: Option<ErrorCode>,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<&'static str>,
    }

    /// Runs the redirect gate on `raw` for `environment` (`production`, `staging` or a loopback origin).
    ///
    /// Returns `{accepted: true, credentialType}` or `{accepted: false, code, reason?}`. The URL itself
    /// is never returned: it is a claimable capability and only the navigator may hold it.
    #[wasm_bindgen(js_name = checkRedirect)]
    pub fn check_redirect(raw: JsValue, environment: JsValue) -> Object {
        let rejected = |code, reason| Verdict {
            accepted: false,
            credential_type: None,
            code: Some(code),
            reason,
        };
        let verdict = match (
            raw.as_string(),
            environment.as_string().map(|e| Environment::parse(&e)),
        ) {
            (_, None) | (_, Some(Err(_))) => rejected(ErrorCode::ConfigInvalid, None),
            (None, _) => rejected(ErrorCode::InvalidResponse, None),
            (Some(raw), Some(Ok(env))) => match accept_redirect(&raw, &env) {
                Ok(ok) => Verdict {
                    accepted: true,
                    credential_type: Some(ok.credential_type()),
                    code: None,
                    reason: None,
                },
                Err(reason) => rejected(ErrorCode::RedirectRejected, Some(reason.code())),
            },
        };
        // A struct of strings and booleans always serialises, to a plain object.
        serde_wasm_bindgen::to_value(&verdict)
            .map(JsCast::unchecked_into)
            .unwrap_or_default()
    }
}

/// A mounted button, returned by [`mount`]. Call `destroy()` when the element is removed.
#[wasm_bindgen]
pub struct ButtonHandle {
    button: Button,
}

#[wasm_bindgen]
impl ButtonHandle {
    /// Re-reads the element's attributes and properties; `endpointHeld` when the element holds
    /// the endpoint back until the page allows it (auto-mount).
    pub fn refresh(&self, #[wasm_bindgen(js_name = endpointHeld)] endpoint_held: bool) {
        self.button.refresh(endpoint_held);
    }

    /// Replays the click the element held before the wasm ran; `tab` is the tab the element
    /// opened inside that click, or `null`.
    pub fn replay(&self, tab: Option<web_sys::Window>) {
        self.button.replay(tab);
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
    #[wasm_bindgen(js_name = endpointHeld)] endpoint_held: bool,
) -> Result<ButtonHandle, JsValue> {
    Ok(ButtonHandle {
        button: Button::mount(host, &root, endpoint_held)?,
    })
}
