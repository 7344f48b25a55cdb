//! Small DOM helpers shared by the web layer.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlElement, Window};

use crate::core::config::RawConfig;

/// The page's window, if this code runs in one.
pub fn window() -> Option<Window> {
    web_sys::window()
}

/// The page's document.
pub fn document() -> Option<Document> {
    window().and_then(|w| w.document())
}

/// Reads everything the configuration needs from the host element; `endpoint_held` is the
/// element's own word that its endpoint waits for the page's allow-list (auto-mount).
pub fn read_config(host: &HtmlElement, endpoint_held: bool) -> RawConfig {
    let attrs = host.attributes();
    let attributes = (0..attrs.length())
        .filter_map(|i| attrs.item(i))
        .map(|a| (a.name().to_ascii_lowercase(), a.value()))
        .collect();
    // An array of strings, or nothing: anything else counts as unset.
    let refs_property = property(host, "credentialRefs").and_then(|v| {
        let list = v.dyn_into::<Array>().ok()?;
        list.iter()
            .map(|item| item.as_string())
            .collect::<Option<Vec<String>>>()
    });
    let page_lang = host
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|el| el.get_attribute("lang"))
        .filter(|l| !l.is_empty());
    RawConfig {
        attributes,
        refs_property,
        has_redirect_hook: redirect_hook(host).is_some(),
        page_lang,
        endpoint_refused: endpoint_held,
    }
}

/// The integrator's `getRedirectUri` function, if set on the element.
pub fn redirect_hook(host: &HtmlElement) -> Option<Function> {
    property(host, "getRedirectUri").and_then(|v| v.dyn_into::<Function>().ok())
}

/// The property `name` of `target`, unless it is missing, `undefined` or `null` (or `target` is
/// not an object).
pub fn property(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Whether the page runs inside a frame (where same-tab navigation would stay in the frame).
pub fn in_frame(win: &Window) -> bool {
    match win.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, win),
        _ => true,
    }
}

/// Milliseconds on the page's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Whether the browser says it is online.
pub fn online() -> bool {
    window().is_none_or(|w| w.navigator().on_line())
}

/// Casts a DOM node, mapping failure to a JS error value.
pub fn cast<T: JsCast>(value: impl Into<JsValue>) -> Result<T, JsValue> {
    value
        .into()
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str("unexpected element type"))
}
