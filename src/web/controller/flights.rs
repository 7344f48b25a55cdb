//! The page's flights (one request per credential, [`crate::core::flight`]) with this module's
//! button handles as ids, and how a leader's outcome reaches the buttons that waited on it.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use super::{Inner, Shared};
use crate::core::contract::credential_key;
use crate::core::flight::{FlightTable, Role};
use crate::core::machine::{Input, Phase};

/// A button as a flight id: the same button is the same allocation.
struct ButtonRef(Weak<RefCell<Inner>>);

impl PartialEq for ButtonRef {
    fn eq(&self, other: &ButtonRef) -> bool {
        self.0.ptr_eq(&other.0)
    }
}

thread_local! {
    static FLIGHTS: RefCell<FlightTable<String, ButtonRef>> = const { RefCell::new(FlightTable::new()) };
}

/// Joins or starts the page-wide flight for this button's credential: `true` to send the
/// request. A follower sends nothing (its machine hears `Input::Following`).
pub(super) fn lead(rc: &Shared) -> bool {
    let credential = match &rc.borrow().config {
        Ok(config) => credential_key(config),
        Err(_) => return false,
    };
    let role = FLIGHTS.with(|f| {
        let mut table = f.borrow_mut();
        // A flight whose leader is gone can no longer land.
        table.forget(|b| b.0.strong_count() == 0);
        table.join(credential, ButtonRef(Rc::downgrade(rc)))
    });
    role == Role::Lead
}

/// Ends the flight `rc` leads: the buttons that waited on it.
fn land(rc: &Shared) -> Vec<Shared> {
    let me = ButtonRef(Rc::downgrade(rc));
    FLIGHTS
        .with(|f| f.borrow_mut().land(&me))
        .iter()
        .filter_map(|b| b.0.upgrade())
        .collect()
}

/// How a follower is told: the controller's dispatch (passed in, so this table stays a leaf).
pub(super) type Tell = fn(&Shared, Input);

/// Lands the flight `rc` leads because SEEK Pass opened in another tab, and tells each button
/// that waited on it, in order.
pub(super) fn departure(rc: &Shared, tell: Tell) {
    let credential_type = match &rc.borrow().config {
        Ok(config) => config.credential_type,
        Err(_) => return,
    };
    for follower in land(rc) {
        tell(&follower, Input::SharedResult(Ok(credential_type)));
        tell(&follower, Input::Departed);
    }
}

/// Lands the flight `rc` leads with its click's outcome (`phase`), and tells each button that
/// waited on it.
pub(super) fn outcome(rc: &Shared, phase: Phase, tell: Tell) {
    let followers = land(rc);
    if followers.is_empty() {
        return;
    }
    let (outcome, blocked) = {
        let inner = rc.borrow();
        let credential_type = inner.config.as_ref().map(|c| c.credential_type);
        let outcome = match (phase, credential_type, inner.machine.failure()) {
            (Phase::Navigating, Ok(ty), _) => Input::SharedResult(Ok(ty)),
            (Phase::Failed, _, Some(failure)) => Input::SharedResult(Err(failure)),
            _ => Input::PageRestored,
        };
        (outcome, inner.blocked.clone())
    };
    for follower in followers {
        // A follower shows the same fallback, so it needs the same redirect.
        follower.borrow_mut().blocked = blocked.clone();
        tell(&follower, outcome.clone());
    }
}
