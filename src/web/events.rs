//! `seekpass:*` DOM events. Each detail is a core serde struct ([`crate::core::details`]) turned
//! into a plain object by serde-wasm-bindgen: no URL, no key, no server text, no personal data.

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use crate::core::details::NoticeDetail;
use crate::core::machine::Notice;
pub use crate::core::surface::EventName;
use crate::core::wire::WireEnum;

/// Dispatches `name` on `host` with `detail` as a plain object; bubbles and crosses shadow
/// roots. Returns `false` when a listener cancelled it.
pub fn emit<D: Serialize>(host: &HtmlElement, name: EventName, detail: &D) -> bool {
    // A detail is a few strings, numbers and booleans; it always serialises.
    let detail = serde_wasm_bindgen::to_value(detail).unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(name == EventName::Click);
    init.set_detail(&detail);
    match CustomEvent::new_with_event_init_dict(name.as_str(), &init) {
        Ok(event) => host.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

/// Dispatches the event of a machine notice.
pub fn emit_notice(host: &HtmlElement, notice: &Notice) {
    match NoticeDetail::from(notice) {
        NoticeDetail::Navigate(d) => emit(host, EventName::Navigate, &d),
        NoticeDetail::Retry(d) => emit(host, EventName::Retry, &d),
        NoticeDetail::Error(d) => emit(host, EventName::Error, &d),
        NoticeDetail::Status(d) => emit(host, EventName::Status, &d),
    };
}
