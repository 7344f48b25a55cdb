//! The button controller: feeds browser events into the core [`Machine`] and carries out the
//! effects it returns. Callbacks hold only weak references, so a removed button is inert.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, PageTransitionEvent, ShadowRoot};

use super::dom;
use super::events::{self, EventName};
use super::navigate::{self, Destination};
use super::run::{dispatch, open_blocked};
use super::status;
use super::transport::Attempt;
use super::view::{Look, View};
use crate::core::config::{parse_config, ButtonConfig, ConfigProblem, Target};
use crate::core::details::{ErrorDetail, ReadyDetail, TypeDetail};
use crate::core::machine::{Input, Machine, Phase};
use crate::core::messages::Locale;
use crate::core::redirect::ValidatedRedirect;
use crate::core::retry::RetryPolicy;
use crate::core::status::status_url;

/// A mounted button. Call [`Button::destroy`] when its element leaves the page.
pub struct Button {
    shared: Rc<RefCell<Inner>>,
    listeners: Vec<EventListener>,
}

/// A button's mutable state, shared (weakly) with its callbacks and tasks.
pub(crate) struct Inner {
    pub(crate) host: HtmlElement,
    pub(crate) view: View,
    pub(crate) config: Result<ButtonConfig, ConfigProblem>,
    pub(crate) machine: Machine,
    pub(crate) attempt: Option<Rc<Attempt>>,
    pub(crate) timer_generation: u32,
    pub(crate) destination: Option<Destination>,
    /// The redirect a blocked new tab could not open, for the fallback button's click only.
    pub(crate) blocked: Option<ValidatedRedirect>,
    pub(crate) hook: Option<Function>,
    pub(crate) destroyed: bool,
    /// The status endpoint said `verified`: the credential is in the wallet.
    pub(crate) added: bool,
    /// A status request is running.
    pub(crate) checking: bool,
}

/// How callbacks reach a button.
pub(crate) type Shared = Rc<RefCell<Inner>>;

impl Button {
    /// Renders a button into `root` (the shadow root of `host`) and starts listening.
    pub fn mount(host: HtmlElement, root: &ShadowRoot) -> Result<Button, JsValue> {
        super::panic::install_hook();
        let win = dom::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let view = View::build(root)?;
        let config = parse_config(&dom::read_config(&host));
        let inner = Inner {
            hook: dom::redirect_hook(&host),
            host,
            view,
            machine: machine_for(&config),
            config,
            attempt: None,
            timer_generation: 0,
            destination: None,
            blocked: None,
            destroyed: false,
            added: false,
            checking: false,
        };
        let shared = Rc::new(RefCell::new(inner));
        let listeners = listen(&shared, &win);
        render(&shared);
        announce_mount(&shared);
        status::check(&shared);
        Ok(Button { shared, listeners })
    }

    /// Re-reads the attributes; applied at once unless a click is in progress.
    pub fn refresh(&self) {
        let (config, phase) = {
            let inner = self.shared.borrow();
            (
                parse_config(&dom::read_config(&inner.host)),
                inner.machine.phase(),
            )
        };
        if matches!(phase, Phase::Busy | Phase::Navigating) {
            return;
        }
        let credential_changed = {
            let mut inner = self.shared.borrow_mut();
            inner.hook = dom::redirect_hook(&inner.host);
            inner.machine = machine_for(&config);
            // The same credential (and endpoint) as long as its status URL is unchanged.
            let url =
                |c: &Result<ButtonConfig, ConfigProblem>| c.as_ref().ok().and_then(status_url);
            let changed = url(&inner.config) != url(&config);
            inner.added &= !changed;
            inner.config = config;
            changed
        };
        render(&self.shared);
        // Only a new credential or status endpoint needs asking again (not a new variant).
        if credential_changed {
            status::check(&self.shared);
        }
    }

    /// Aborts any request and stops listening; nothing navigates afterwards.
    pub fn destroy(&mut self) {
        dispatch(&self.shared, Input::Removed);
        self.shared.borrow_mut().destroyed = true;
        // Dropping a listener from inside its own callback breaks wasm-bindgen; drop them later.
        let listeners = std::mem::take(&mut self.listeners);
        spawn_local(async move { drop(listeners) });
    }
}

/// A fresh machine for `config`: disabled when the integrator says so or the config is unusable.
fn machine_for(config: &Result<ButtonConfig, ConfigProblem>) -> Machine {
    let machine = Machine::new(
        RetryPolicy::default(),
        config.as_ref().map_or(true, |c| c.disabled),
    );
    match config {
        Ok(c) => machine.for_type(c.credential_type),
        Err(_) => machine,
    }
}

fn listen(shared: &Shared, win: &web_sys::Window) -> Vec<EventListener> {
    let weak = Rc::downgrade(shared);
    let click = EventListener::new(shared.borrow().view.button(), "click", move |_| {
        if let Some(rc) = weak.upgrade() {
            on_click(&rc);
        }
    });
    let weak = Rc::downgrade(shared);
    let fallback = EventListener::new(shared.borrow().view.fallback(), "click", move |_| {
        if let Some(rc) = weak.upgrade() {
            open_blocked(&rc);
        }
    });
    let lifecycle = |name: &'static str| {
        let weak = Rc::downgrade(shared);
        EventListener::new(win, name, move |event| {
            let persisted = event
                .dyn_ref::<PageTransitionEvent>()
                .is_some_and(|e| e.persisted());
            if let (true, Some(rc)) = (persisted, weak.upgrade()) {
                dispatch(&rc, Input::PageRestored);
                if name == "pageshow" {
                    status::check(&rc);
                }
            }
        })
    };
    let weak = Rc::downgrade(shared);
    // Back from SEEK Pass in another tab: the page becomes visible again.
    let visible = dom::document().map(|doc| {
        let target = doc.clone();
        EventListener::new(&target, "visibilitychange", move |_| {
            if let (false, Some(rc)) = (doc.hidden(), weak.upgrade()) {
                status::check(&rc);
            }
        })
    });
    let mut listeners = vec![
        click,
        fallback,
        lifecycle("pageshow"),
        lifecycle("pagehide"),
    ];
    listeners.extend(visible);
    listeners
}

fn announce_mount(shared: &Shared) {
    let (host, problem) = {
        let inner = shared.borrow();
        (inner.host.clone(), inner.config.as_ref().err().copied())
    };
    match problem {
        None => {
            events::emit(&host, EventName::Ready, &ReadyDetail::default());
        }
        Some(problem) => {
            events::emit(
                &host,
                EventName::Error,
                &ErrorDetail::config_invalid(problem),
            );
        }
    }
}

fn on_click(rc: &Shared) {
    // Test builds only: a way to prove the panic fallback works (threats.md item 46).
    #[cfg(feature = "test-panic")]
    if rc.borrow().host.has_attribute("data-test-panic") {
        panic!("test panic");
    }
    let (host, credential_type, new_tab) = {
        let inner = rc.borrow();
        let Ok(config) = &inner.config else { return };
        if inner.destroyed || !inner.machine.accepts_click() {
            return;
        }
        (
            inner.host.clone(),
            config.credential_type,
            config.target == Target::NewTab,
        )
    };
    if !events::emit(&host, EventName::Click, &TypeDetail { credential_type }) {
        return;
    }
    let Some(win) = dom::window() else { return };
    // A new tab must be opened now, while the click still counts as a user gesture.
    let destination = navigate::prepare(&win, new_tab || dom::in_frame(&win));
    rc.borrow_mut().destination = Some(destination);
    dispatch(
        rc,
        Input::Click {
            now_ms: dom::now_ms(),
            online: dom::online(),
        },
    );
}

/// Shows the current state.
pub(crate) fn render(rc: &Shared) {
    let inner = rc.borrow();
    let (look, locale) = match &inner.config {
        Ok(config) => {
            let phase = inner.machine.phase();
            let look = if inner.added && phase == Phase::Idle {
                Look::Added
            } else {
                Look::Phase(phase, inner.machine.error())
            };
            (look, config.locale)
        }
        Err(_) => (Look::Unavailable, Locale::En),
    };
    inner.view.render(look, locale);
}
