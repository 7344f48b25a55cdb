//! Carrying out the machine's effects: requests, timers, navigation, events and the status
//! check. Each effect becomes browser calls; each outcome becomes the next input.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;

use super::flights::{self, lead};
use super::{render, Inner, Shared};
use crate::core::classify::Failure;
use crate::core::contract::{credential_key, proxy_request};
use crate::core::error::ErrorCode;
use crate::core::machine::{Effect, Input, Notice, Phase};
use crate::core::redirect::accept_redirect_bound;
use crate::core::text::concat;
use crate::core::wire::WireEnum;
use crate::web::navigate::{self, Destination};
use crate::web::transport::Attempt;
use crate::web::{dom, events, keys, status};

/// Feeds `input` to the machine, performs the effects, re-renders.
pub(crate) fn dispatch(rc: &Shared, input: Input) {
    let effects = {
        let mut inner = rc.borrow_mut();
        if inner.machine.removed() {
            return;
        }
        inner.machine.set_now(dom::now_ms());
        inner.machine.handle(input, js_sys::Math::random())
    };
    for effect in effects {
        perform(rc, effect);
    }
    let phase = rc.borrow().machine.phase();
    if phase != Phase::Busy {
        flights::outcome(rc, phase, dispatch);
    }
    {
        // The redirect outlives a blocked tab only while its fallback button is shown.
        let mut inner = rc.borrow_mut();
        if inner.machine.error() != Some(ErrorCode::PopupBlocked) {
            inner.blocked = None;
        }
    }
    arm(rc);
    render(rc);
}

/// Keeps the button's one timer on the machine's next deadline: a new deadline replaces the
/// timer (dropping the old one cancels it), no deadline drops it.
fn arm(rc: &Shared) {
    let (deadline, armed) = {
        let inner = rc.borrow();
        (
            inner.machine.next_deadline(),
            inner.timer.as_ref().map(|(at, _)| *at),
        )
    };
    if deadline == armed {
        return;
    }
    let timer = deadline.map(|at| {
        let delay = u32::try_from(at.saturating_sub(dom::now_ms())).unwrap_or(u32::MAX);
        let weak = Rc::downgrade(rc);
        let timeout = Timeout::new(delay, move || {
            let Some(rc) = weak.upgrade() else { return };
            // This timer's own closure is running: it is dropped by a later task, not here.
            let fired = rc.borrow_mut().timer.take();
            spawn_local(async move { drop(fired) });
            dispatch(
                &rc,
                Input::Timeout {
                    now_ms: dom::now_ms(),
                },
            );
        });
        (at, timeout)
    });
    let replaced = std::mem::replace(&mut rc.borrow_mut().timer, timer);
    drop(replaced);
}

/// SEEK Pass opened in another tab and this page stays: report the navigation, then be ready.
pub(super) fn opened_elsewhere(rc: &Shared) {
    dispatch(rc, Input::Navigated);
    dispatch(rc, Input::Departed);
}

fn perform(rc: &Shared, effect: Effect) {
    match effect {
        Effect::Fetch { attempt } => {
            if attempt > 1 || lead(rc) {
                start_attempt(rc);
            } else {
                dispatch(rc, Input::Following);
            }
        }
        Effect::CancelFetch => {
            if let Some(attempt) = rc.borrow_mut().attempt.take() {
                attempt.abort();
            }
        }
        Effect::Navigate(redirect) => {
            let Some(win) = dom::window() else { return };
            let dest = rc
                .borrow()
                .destination
                .clone()
                .unwrap_or(Destination::SameTab);
            match navigate::go(&win, &dest, &redirect) {
                Ok(()) if matches!(dest, Destination::Tab(_)) => {
                    // SEEK Pass opened elsewhere and this page stays: every button that waited
                    // on this one reports the departure and is ready again, like the leader.
                    flights::departure(rc, dispatch);
                    opened_elsewhere(rc);
                }
                Ok(()) => dispatch(rc, Input::Navigated),
                Err(failure) => {
                    if failure.code == ErrorCode::PopupBlocked {
                        // Kept here for the fallback button, never written into the DOM.
                        rc.borrow_mut().blocked = Some(redirect);
                    }
                    dispatch(rc, Input::NavigationFailed(failure));
                }
            }
        }
        Effect::CloseTab => {
            if let Some(dest) = rc.borrow_mut().destination.take() {
                navigate::close(&dest);
            }
        }
        Effect::Emit(notice) => emit_notice(rc, &notice),
        Effect::CheckStatus => check_status(rc),
    }
}

/// Sends the one status request the machine asked for; its answer (or `None`) is the next input.
fn check_status(rc: &Shared) {
    let prepared = {
        let inner = rc.borrow();
        let timeout = inner.machine.policy().attempt_timeout_ms;
        let request = inner
            .config
            .as_ref()
            .ok()
            .and_then(crate::core::status::status_request);
        (request, Attempt::start(timeout))
    };
    let (Some(request), Ok(attempt)) = prepared else {
        return dispatch(rc, Input::StatusAnswered(None));
    };
    let weak = Rc::downgrade(rc);
    spawn_local(async move {
        let status = status::ask(&attempt, &request).await;
        if let Some(rc) = weak.upgrade() {
            dispatch(&rc, Input::StatusAnswered(status));
        }
    });
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
        let reason = reason.map_or(String::new(), |r| concat(&[" (", r.code(), ")"]));
        let line = concat(&["[seekpass-button] ", code.as_str(), &reason]);
        web_sys::console::info_1(&JsValue::from_str(&line));
    }
    events::emit_notice(&host, notice);
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
            config.credential_type,
        )
    };
    let (Ok(attempt), request, hook, env, client_id, button_type) = prepared else {
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
            Ok(accept_redirect_bound(
                &raw,
                &env,
                client_id.as_deref(),
                button_type,
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
