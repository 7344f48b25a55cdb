//! The one owner of a mounted button's state: its configuration, its machine and the browser
//! handles the machine's effects need. Browser events come in as [`Controller`] calls, become
//! machine inputs, and the effects that come back are carried out in [`perform`]. Every decision
//! is the machine's; this module only translates.

mod click;
mod flights;
mod perform;

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use js_sys::Function;
use web_sys::HtmlElement;

use super::dom;
use super::events::{self, EventName};
use super::navigate::Destination;
use super::transport::Attempt;
use super::view::{Look, View};
use crate::core::config::{parse_config, ButtonConfig, ConfigProblem};
use crate::core::details::{ErrorDetail, ReadyDetail};
use crate::core::machine::{Input, Machine, Phase};
use crate::core::messages::Locale;
use crate::core::redirect::ValidatedRedirect;
use crate::core::retry::RetryPolicy;
use crate::core::status::status_url;

/// A button's mutable state, shared (weakly) with its callbacks and tasks. Private: only this
/// module and its two children read or write it.
struct Inner {
    host: HtmlElement,
    view: View,
    config: Result<ButtonConfig, ConfigProblem>,
    machine: Machine,
    attempt: Option<Rc<Attempt>>,
    /// The one timer, armed on the machine's next deadline (the deadline it was armed for).
    timer: Option<(u64, Timeout)>,
    destination: Option<Destination>,
    /// The redirect a blocked new tab could not open, for the fallback button's click only.
    blocked: Option<ValidatedRedirect>,
    hook: Option<Function>,
    /// The element holds this button's endpoint back until the page allows it (auto-mount).
    endpoint_held: bool,
}

type Shared = Rc<RefCell<Inner>>;

/// A handle on a mounted button's state; clones share it.
#[derive(Clone)]
pub struct Controller(Shared);

/// A fresh machine for `config`: disabled when the integrator says so or the config is unusable.
fn machine_for(config: &Result<ButtonConfig, ConfigProblem>) -> Machine {
    let machine = Machine::new(
        RetryPolicy::default(),
        config.as_ref().map_or(true, |c| c.disabled),
    );
    match config {
        Ok(c) => machine
            .for_type(c.credential_type)
            .with_status_endpoint(c.status_endpoint.is_some()),
        Err(_) => machine,
    }
}

impl Controller {
    /// Takes over `view` inside `host`, reads the configuration, shows it, announces the mount
    /// and asks the status endpoint.
    pub fn mount(host: HtmlElement, view: View, endpoint_held: bool) -> Controller {
        let config = parse_config(&dom::read_config(&host, endpoint_held));
        let inner = Inner {
            hook: dom::redirect_hook(&host),
            host,
            view,
            machine: machine_for(&config),
            config,
            attempt: None,
            timer: None,
            destination: None,
            blocked: None,
            endpoint_held,
        };
        let controller = Controller(Rc::new(RefCell::new(inner)));
        controller.render();
        controller.announce_mount();
        perform::dispatch(&controller.0, Input::Shown);
        controller
    }

    /// The button the view shows (for the click listener).
    pub fn button(&self) -> web_sys::HtmlButtonElement {
        self.0.borrow().view.button().clone()
    }

    /// The popup-blocked fallback button (for its click listener).
    pub fn fallback(&self) -> web_sys::HtmlButtonElement {
        self.0.borrow().view.fallback().clone()
    }

    /// A weak handle for callbacks, so a removed button is inert.
    pub fn downgrade(&self) -> WeakController {
        WeakController(Rc::downgrade(&self.0))
    }

    /// Re-reads the attributes; applied at once unless a click is in progress. Only a new
    /// credential or status endpoint asks the status endpoint again (not a new variant).
    pub fn refresh(&self, endpoint_held: bool) {
        let (config, phase) = {
            let mut inner = self.0.borrow_mut();
            inner.endpoint_held = endpoint_held;
            (
                parse_config(&dom::read_config(&inner.host, endpoint_held)),
                inner.machine.phase(),
            )
        };
        if matches!(phase, Phase::Busy | Phase::Navigating) {
            return;
        }
        let credential_changed = {
            let mut inner = self.0.borrow_mut();
            inner.hook = dom::redirect_hook(&inner.host);
            // The same credential (and endpoint) as long as its status URL is unchanged.
            let url =
                |c: &Result<ButtonConfig, ConfigProblem>| c.as_ref().ok().and_then(status_url);
            let changed = url(&inner.config) != url(&config);
            inner.machine = machine_for(&config).succeeding(&inner.machine, !changed);
            inner.config = config;
            changed
        };
        self.render();
        if credential_changed {
            perform::dispatch(&self.0, Input::Shown);
        }
    }

    /// The page was shown again (a back/forward-cache restore, or the tab became visible).
    pub fn shown(&self) {
        perform::dispatch(&self.0, Input::Shown);
    }

    /// The page came back from, or went into, the back/forward cache.
    pub fn page_restored(&self) {
        perform::dispatch(&self.0, Input::PageRestored);
    }

    /// Aborts any request; nothing navigates or asks afterwards.
    pub fn remove(&self) {
        perform::dispatch(&self.0, Input::Removed);
    }

    fn announce_mount(&self) {
        let (host, problem) = {
            let inner = self.0.borrow();
            (inner.host.clone(), inner.config.as_ref().err().copied())
        };
        match problem {
            None => events::emit(&host, EventName::Ready, &ReadyDetail::default()),
            Some(problem) => events::emit(
                &host,
                EventName::Error,
                &ErrorDetail::config_invalid(problem),
            ),
        };
    }

    fn render(&self) {
        render(&self.0);
    }
}

/// Shows the current state.
fn render(rc: &Shared) {
    let inner = rc.borrow();
    // A failed button that takes no click is cooling down (a rate limit's `Retry-After`).
    let cooling = inner.machine.phase() == Phase::Failed && !inner.machine.accepts_click();
    let (look, locale) = match &inner.config {
        Ok(config) => {
            let look = if inner.machine.added() {
                Look::Added
            } else {
                Look::Phase(inner.machine.phase(), inner.machine.error())
            };
            (look, config.locale)
        }
        Err(_) => (Look::Unavailable, Locale::En),
    };
    inner.view.render(look, locale, cooling);
}

/// A controller that may be gone; callbacks hold this.
#[derive(Clone)]
pub struct WeakController(std::rc::Weak<RefCell<Inner>>);

impl WeakController {
    /// The controller, while its button is mounted.
    pub fn upgrade(&self) -> Option<Controller> {
        self.0.upgrade().map(Controller)
    }
}
