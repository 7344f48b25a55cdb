//! After a panic the shared wasm instance must not be entered again. The hook tells the
//! JavaScript element (by a DOM event, so no import is needed), which switches every button to
//! its fallback. It prints nothing: a panic message could carry data.

use std::sync::Once;

use web_sys::Event;

pub use crate::core::surface::PANIC_EVENT;

/// Installs the hook once per page.
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|_| {
            if let (Some(doc), Ok(event)) = (super::dom::document(), Event::new(PANIC_EVENT)) {
                let _ = doc.dispatch_event(&event);
            }
        }));
    });
}
