//! The button controller: feeds browser events into the core [`Machine`] and carries out the
//! effects it returns. Callbacks hold only weak references, so a removed button is inert.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use gloo_timers::future::TimeoutFuture;
use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, PageTransitionEvent, ShadowRoot};

use super::events::{self, EventName};
use super::navigate::{self, Destination};
use super::transport::Attempt;
use super::view::{Look, View};
use super::{dom, keys};
use crate::core::classify::Failure;
use crate::core::config::{parse_config, ButtonConfig, ConfigProblem, Target};
use crate::core::contract::{credential_key, proxy_request};
use crate::core::error::ErrorCode;
use crate::core::machine::{Effect, Input, Machine, Notice, Phase};
use crate::core::messages::Locale;
use crate::core::redirect::accept_redirect_for_client;
use crate::core::retry::RetryPolicy;
use crate::core::wire::WireEnum;

/// A mounted button. Call [`Button::destroy`] when its element leaves the page.
pub struct Button {
    shared: Rc<RefCell<Inner>>,
    listeners: Vec<EventListener>,
}

struct Inner {
    host: HtmlElement,
    view: View,
    config: Result<ButtonConfig, ConfigProblem>,
    machine: Machine,
    attempt: Option<Rc<Attempt>>,
    timer_generation: u32,
    destination: Option<Destination>,
    hook: Option<Function>,
    destroyed: bool,
}

type Shared = Rc<RefCell<Inner>>;

impl Button {
    /// Renders a button into `root` (the shadow root of `host`) and starts listening.
    pub fn mount(host: HtmlElement, root: &ShadowRoot) -> Result<Button, JsValue> {
        let win = dom::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let doc = dom::document().ok_or_else(|| JsValue::from_str("no document"))?;
        let view = View::build(&doc, root)?;
        let config = parse_config(&dom::read_config(&host));
        let disabled = config.as_ref().map_or(true, |c| c.disabled);
        let inner = Inner {
            hook: dom::redirect_hook(&host),
            host,
            view,
            config,
            machine: Machine::new(RetryPolicy::default(), disabled),
            attempt: None,
            timer_generation: 0,
            destination: None,
            destroyed: false,
        };
        let shared = Rc::new(RefCell::new(inner));
        let listeners = listen(&shared, &win);
        render(&shared);
        announce_mount(&shared);
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
        {
            let mut inner = self.shared.borrow_mut();
            let disabled = config.as_ref().map_or(true, |c| c.disabled);
            inner.hook = dom::redirect_hook(&inner.host);
            inner.config = config;
            inner.machine = Machine::new(RetryPolicy::default(), disabled);
        }
        render(&self.shared);
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

fn listen(shared: &Shared, win: &web_sys::Window) -> Vec<EventListener> {
    let weak = Rc::downgrade(shared);
    let click = EventListener::new(shared.borrow().view.button(), "click", move |_| {
        if let Some(rc) = weak.upgrade() {
            on_click(&rc);
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
            }
        })
    };
    vec![click, lifecycle("pageshow"), lifecycle("pagehide")]
}

fn announce_mount(shared: &Shared) {
    let (host, problem) = {
        let inner = shared.borrow();
        (inner.host.clone(), inner.config.as_ref().err().copied())
    };
    match problem {
        None => {
            events::emit(&host, EventName::Ready, &events::ready_detail());
        }
        Some(problem) => {
            let (name, detail) = events::config_invalid(problem);
            events::emit(&host, name, &detail);
        }
    }
}

fn on_click(rc: &Shared) {
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
    if !events::emit(
        &host,
        EventName::Click,
        &events::click_detail(credential_type.as_str()),
    ) {
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

fn dispatch(rc: &Shared, input: Input) {
    let effects = {
        let mut inner = rc.borrow_mut();
        if inner.destroyed {
            return;
        }
        inner.machine.handle(input, js_sys::Math::random())
    };
    for effect in effects {
        perform(rc, effect);
    }
    let phase = rc.borrow().machine.phase();
    if !matches!(phase, Phase::Busy | Phase::Navigating) {
        if let Some(dest) = rc.borrow_mut().destination.take() {
            navigate::abandon(&dest);
        }
    }
    render(rc);
}

fn perform(rc: &Shared, effect: Effect) {
    match effect {
        Effect::Fetch { .. } => start_attempt(rc),
        Effect::CancelFetch => {
            if let Some(attempt) = rc.borrow_mut().attempt.take() {
                attempt.abort();
            }
        }
        Effect::Schedule { timer, delay_ms } => {
            let generation = next_generation(rc);
            let weak = Rc::downgrade(rc);
            spawn_local(async move {
                TimeoutFuture::new(delay_ms).await;
                if let Some(rc) = weak
                    .upgrade()
                    .filter(|rc| rc.borrow().timer_generation == generation)
                {
                    dispatch(&rc, Input::TimerFired(timer));
                }
            });
        }
        Effect::CancelTimer => {
            next_generation(rc);
        }
        Effect::Navigate(redirect) => {
            let Some(win) = dom::window() else { return };
            let dest = rc
                .borrow_mut()
                .destination
                .take()
                .unwrap_or(Destination::SameTab);
            if let Err(failure) = navigate::go(&win, &dest, &redirect) {
                if failure.code == ErrorCode::PopupBlocked {
                    let inner = rc.borrow();
                    navigate::link(inner.view.link(), &redirect);
                }
                dispatch(rc, Input::NavigationFailed(failure));
                rc.borrow()
                    .view
                    .show_link_if(failure.code == ErrorCode::PopupBlocked);
            }
        }
        Effect::Emit(notice) => emit_notice(rc, &notice),
    }
}

fn next_generation(rc: &Shared) -> u32 {
    let mut inner = rc.borrow_mut();
    inner.timer_generation = inner.timer_generation.wrapping_add(1);
    inner.timer_generation
}

fn emit_notice(rc: &Shared, notice: &Notice) {
    let (host, debug) = {
        let inner = rc.borrow();
        (
            inner.host.clone(),
            inner.config.as_ref().is_ok_and(|c| c.debug),
        )
    };
    if let (true, Notice::Error { code, reason, .. }) = (debug, notice) {
        let reason = reason
            .map(|r| format!(" ({})", r.code()))
            .unwrap_or_default();
        web_sys::console::info_1(&JsValue::from_str(&format!(
            "[seekpass-button] {}{reason}",
            code.as_str()
        )));
    }
    let (name, detail) = events::notice(notice);
    events::emit(&host, name, &detail);
}

fn start_attempt(rc: &Shared) {
    let prepared = {
        let inner = rc.borrow();
        let Ok(config) = &inner.config else { return };
        let timeout = inner.machine.policy().attempt_timeout_ms;
        let request = keys::key_for(&credential_key(config))
            .ok()
            .and_then(|key| proxy_request(config, &key));
        (
            Attempt::start(timeout),
            request,
            inner.hook.clone(),
            config.environment.clone(),
            config.client_id.clone(),
        )
    };
    let (Ok(attempt), request, hook, env, client_id) = prepared else {
        return dispatch(
            rc,
            Input::Failed {
                failure: Failure::new(ErrorCode::Internal),
                now_ms: dom::now_ms(),
            },
        );
    };
    let attempt = Rc::new(attempt);
    rc.borrow_mut().attempt = Some(attempt.clone());
    let weak: Weak<RefCell<Inner>> = Rc::downgrade(rc);
    spawn_local(async move {
        let now_unix = dom::now_ms() / 1000;
        let raw = match (&hook, &request) {
            (Some(hook), _) => attempt.call_hook(hook).await,
            (None, Some(request)) => attempt.fetch(request, now_unix).await,
            (None, None) => Err(Failure::new(ErrorCode::ConfigInvalid)),
        };
        let result = raw.and_then(|raw| {
            Ok(accept_redirect_for_client(
                &raw,
                &env,
                client_id.as_deref(),
            )?)
        });
        let Some(rc) = weak.upgrade() else { return };
        let current = rc
            .borrow()
            .attempt
            .as_ref()
            .is_some_and(|a| Rc::ptr_eq(a, &attempt));
        if !current {
            return;
        }
        rc.borrow_mut().attempt = None;
        let input = match result {
            Ok(redirect) => Input::Succeeded(redirect),
            Err(failure) => Input::Failed {
                failure,
                now_ms: dom::now_ms(),
            },
        };
        dispatch(&rc, input);
    });
}

fn render(rc: &Shared) {
    let inner = rc.borrow();
    let (look, locale) = match &inner.config {
        Ok(config) => (
            Look::Phase(inner.machine.phase(), inner.machine.error()),
            config.locale,
        ),
        Err(_) => (Look::Unavailable, Locale::En),
    };
    inner.view.render(look, locale);
}
