//! A click on the button, or the replay of one the element held before the wasm ran: the
//! cancelable `seekpass:click`, the new tab opened inside the gesture, then `Input::Click`.

use super::{perform, Controller};
use crate::core::config::Target;
use crate::core::details::TypeDetail;
use crate::core::machine::Input;
use crate::web::dom;
use crate::web::events::{self, EventName};
use crate::web::navigate;

impl Controller {
    /// The popup-blocked fallback's click, a fresh user activation: opens the kept redirect in a
    /// new tab. Blocked again, nothing changes and the fallback stays.
    pub fn open_blocked(&self) {
        let Some(redirect) = self.0.borrow().blocked.clone() else {
            return;
        };
        let Some(win) = dom::window() else { return };
        let dest = navigate::prepare(&win, true);
        if navigate::go(&win, &dest, &redirect).is_ok() {
            self.0.borrow_mut().blocked = None;
            perform::opened_elsewhere(&self.0);
        }
    }

    /// A click (or Enter/Space) on the button.
    pub fn click(&self) {
        self.start(None);
    }

    /// Replays a click the element held before the wasm ran; `tab` is the tab it opened inside
    /// that click (`None` when it opened none or the browser refused one).
    pub fn replay(&self, tab: Option<web_sys::Window>) {
        self.start(Some(tab));
    }

    fn start(&self, held: Option<Option<web_sys::Window>>) {
        // A held tab this click does not go on with is closed, as a tab opened now would be.
        let drop_held = |held: Option<Option<web_sys::Window>>| {
            if let Some(Some(tab)) = held {
                let _ = tab.close();
            }
        };
        // Test builds only: a way to prove the panic fallback works (threats.md item 46).
        #[cfg(feature = "test-panic")]
        if self.0.borrow().host.has_attribute("data-test-panic") {
            panic!("test panic");
        }
        let (host, credential_type, new_tab) = {
            let inner = self.0.borrow();
            let Ok(config) = &inner.config else {
                return drop_held(held);
            };
            if !inner.machine.accepts_click() {
                return drop_held(held);
            }
            (
                inner.host.clone(),
                config.credential_type,
                config.target == Target::NewTab,
            )
        };
        if !events::emit(&host, EventName::Click, &TypeDetail { credential_type }) {
            return drop_held(held);
        }
        let Some(win) = dom::window() else {
            return drop_held(held);
        };
        let needs_tab = new_tab || dom::in_frame(&win);
        // A new tab must be opened now, while the click still counts as a user gesture (or was,
        // by the element, in the click it held).
        let destination = match held {
            None => navigate::prepare(&win, needs_tab),
            Some(tab) => navigate::adopt(tab, needs_tab),
        };
        let tab = matches!(destination, navigate::Destination::Tab(_));
        self.0.borrow_mut().destination = Some(destination);
        perform::dispatch(
            &self.0,
            Input::Click {
                now_ms: dom::now_ms(),
                online: dom::online(),
                tab,
            },
        );
    }
}
