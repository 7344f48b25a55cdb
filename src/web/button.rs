//! A mounted button: the DOM listeners that turn browser events into [`Controller`] calls.
//! Listeners hold only weak handles and detach when the button is dropped.

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, PageTransitionEvent, ShadowRoot};

use super::controller::Controller;
use super::dom;
use super::view::View;

/// A mounted button. Call [`Button::destroy`] when its element leaves the page.
pub struct Button {
    controller: Controller,
    listeners: Vec<EventListener>,
}

impl Button {
    /// Adopts the button the element drew in `root` (the shadow root of `host`) and starts
    /// listening; `endpoint_held` as [`Button::refresh`].
    pub fn mount(
        host: HtmlElement,
        root: &ShadowRoot,
        endpoint_held: bool,
    ) -> Result<Button, JsValue> {
        super::panic::install_hook();
        let win = dom::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let view = View::build(root)?;
        let controller = Controller::mount(host, view, endpoint_held);
        let listeners = listen(&controller, &win);
        Ok(Button {
            controller,
            listeners,
        })
    }

    /// Re-reads the attributes; applied at once unless a click is in progress. `endpoint_held`:
    /// the element holds this button's endpoint back until the page's script allows it
    /// (threats.md item 51), which the configuration reports as `endpoint_not_allowed`.
    pub fn refresh(&self, endpoint_held: bool) {
        self.controller.refresh(endpoint_held);
    }

    /// Replays a click the element held before the wasm ran, with the tab it opened in it.
    pub fn replay(&self, tab: Option<web_sys::Window>) {
        self.controller.replay(tab);
    }

    /// Aborts any request and stops listening; nothing navigates afterwards.
    pub fn destroy(&mut self) {
        self.controller.remove();
        // Dropping a listener from inside its own callback breaks wasm-bindgen; drop them later.
        let listeners = std::mem::take(&mut self.listeners);
        spawn_local(async move { drop(listeners) });
    }
}

fn listen(controller: &Controller, win: &web_sys::Window) -> Vec<EventListener> {
    let on = |target: &web_sys::EventTarget, name: &'static str, act: fn(&Controller)| {
        let weak = controller.downgrade();
        EventListener::new(target, name, move |_| {
            if let Some(c) = weak.upgrade() {
                act(&c);
            }
        })
    };
    let click = on(&controller.button(), "click", Controller::click);
    let fallback = on(&controller.fallback(), "click", Controller::open_blocked);
    // Only a page restored from (or put into) the back/forward cache counts.
    let lifecycle = |name: &'static str| {
        let weak = controller.downgrade();
        EventListener::new(win, name, move |event| {
            let persisted = event
                .dyn_ref::<PageTransitionEvent>()
                .is_some_and(|e| e.persisted());
            if let (true, Some(c)) = (persisted, weak.upgrade()) {
                c.page_restored();
                if name == "pageshow" {
                    c.shown();
                }
            }
        })
    };
    let mut listeners = vec![
        click,
        fallback,
        lifecycle("pageshow"),
        lifecycle("pagehide"),
    ];
    // Back from SEEK Pass in another tab: the page becomes visible again.
    if let Some(doc) = dom::document() {
        let weak = controller.downgrade();
        let target = doc.clone();
        listeners.push(EventListener::new(&target, "visibilitychange", move |_| {
            if let (false, Some(c)) = (doc.hidden(), weak.upgrade()) {
                c.shown();
            }
        }));
    }
    listeners
}
