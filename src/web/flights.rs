//! One request per credential per page: a button clicked while another button for the same
//! credential is already asking the proxy waits for that answer instead of sending its own.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use super::button::{Inner, Shared};

struct Flight {
    credential: String,
    leader: Weak<RefCell<Inner>>,
    followers: Vec<Weak<RefCell<Inner>>>,
}

thread_local! {
    static FLIGHTS: RefCell<Vec<Flight>> = const { RefCell::new(Vec::new()) };
}

/// Whether `rc` sends the request (`true`) or waits on the button already sending it.
pub fn lead_or_follow(credential: &str, rc: &Shared) -> bool {
    FLIGHTS.with(|flights| {
        let mut flights = flights.borrow_mut();
        // A flight whose leader is gone can no longer land; forget it.
        flights.retain(|f| f.leader.strong_count() > 0);
        match flights.iter_mut().find(|f| f.credential == credential) {
            Some(f) if !f.leader.ptr_eq(&Rc::downgrade(rc)) => {
                f.followers.push(Rc::downgrade(rc));
                false
            }
            Some(_) => true,
            None => {
                flights.push(Flight {
                    credential: credential.to_owned(),
                    leader: Rc::downgrade(rc),
                    followers: Vec::new(),
                });
                true
            }
        }
    })
}

/// Ends the flight `rc` leads, returning the buttons that waited on it.
pub fn land(rc: &Shared) -> Vec<Shared> {
    FLIGHTS.with(|flights| {
        let mut flights = flights.borrow_mut();
        let me = Rc::downgrade(rc);
        let Some(i) = flights.iter().position(|f| f.leader.ptr_eq(&me)) else {
            return Vec::new();
        };
        flights
            .swap_remove(i)
            .followers
            .iter()
            .filter_map(Weak::upgrade)
            .collect()
    })
}
