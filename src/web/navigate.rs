//! The only code that sends the browser anywhere. Every function takes a [`ValidatedRedirect`],
//! so nothing but a gated SEEK Pass URL can reach `location`; none puts it in the DOM.

use wasm_bindgen::JsValue;
use web_sys::Window;

use crate::core::classify::Failure;
use crate::core::error::ErrorCode;
use crate::core::redirect::ValidatedRedirect;

/// Where the redirect will be opened, decided inside the click (while it counts as a gesture).
#[derive(Clone)]
pub enum Destination {
    /// This tab.
    SameTab,
    /// A blank tab opened in the click, filled later.
    Tab(Window),
    /// The browser refused to open a tab; the user gets a fallback button instead.
    Blocked,
}

/// Opens the destination for a click: same tab, or a blank tab opened now.
pub fn prepare(win: &Window, new_tab: bool) -> Destination {
    if !new_tab {
        return Destination::SameTab;
    }
    match win.open_with_url_and_target("about:blank", "_blank") {
        Ok(Some(tab)) => {
            // The SEEK Pass page must not be able to script the partner page.
            let _ = tab.set_opener(&JsValue::NULL);
            Destination::Tab(tab)
        }
        _ => Destination::Blocked,
    }
}

/// The destination of a click the element held before the wasm ran: the tab it opened in that
/// click (`None` when it opened none, or the browser refused), closed if this click needs none.
pub fn adopt(tab: Option<Window>, new_tab: bool) -> Destination {
    match (tab, new_tab) {
        (Some(tab), true) => {
            let _ = tab.set_opener(&JsValue::NULL);
            Destination::Tab(tab)
        }
        (None, true) => Destination::Blocked,
        (tab, false) => {
            if let Some(tab) = tab {
                let _ = tab.close();
            }
            Destination::SameTab
        }
    }
}

/// Sends the destination to `redirect`.
pub fn go(
    win: &Window,
    destination: &Destination,
    redirect: &ValidatedRedirect,
) -> Result<(), Failure> {
    let done = match destination {
        Destination::SameTab => win.location().assign(redirect.as_str()),
        Destination::Tab(tab) => tab.location().replace(redirect.as_str()),
        Destination::Blocked => return Err(Failure::new(ErrorCode::PopupBlocked)),
    };
    done.map_err(|_| Failure::new(ErrorCode::Internal))
}

/// Closes a tab opened for a click that ended without SEEK Pass in it (`Effect::CloseTab`).
pub fn close(destination: &Destination) {
    if let Destination::Tab(tab) = destination {
        let _ = tab.close();
    }
}
