//! One request per credential per page: the table of flights. A button clicked while another
//! button for the same credential is asking the proxy follows that flight instead of sending
//! its own; when the leader lands, its followers get its outcome. Pure, so it is tested
//! natively; the web layer holds one table per page with its own button handles as ids.

/// Whether a button sends the request or waits on the one already sending it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Send the request; the followers wait on this button.
    Lead,
    /// Send nothing; the leader's outcome decides.
    Follow,
}

#[derive(Debug)]
struct Flight<K, Id> {
    key: K,
    leader: Id,
    followers: Vec<Id>,
}

/// The flights of a page, by credential key `K` and button id `Id`.
#[derive(Debug)]
pub struct FlightTable<K, Id> {
    flights: Vec<Flight<K, Id>>,
}

impl<K, Id> Default for FlightTable<K, Id> {
    fn default() -> Self {
        FlightTable::new()
    }
}

impl<K, Id> FlightTable<K, Id> {
    /// An empty table.
    pub const fn new() -> Self {
        FlightTable {
            flights: Vec::new(),
        }
    }
}

impl<K: PartialEq, Id: PartialEq> FlightTable<K, Id> {
    /// Joins the flight for `key` (its leader joining again, for a retry, still leads) or starts
    /// one with `id` as leader.
    pub fn join(&mut self, key: K, id: Id) -> Role {
        match self.flights.iter_mut().find(|f| f.key == key) {
            Some(f) if f.leader == id => Role::Lead,
            Some(f) => {
                if !f.followers.contains(&id) {
                    f.followers.push(id);
                }
                Role::Follow
            }
            None => {
                self.flights.push(Flight {
                    key,
                    leader: id,
                    followers: Vec::new(),
                });
                Role::Lead
            }
        }
    }

    /// Ends the flight `leader` leads; the buttons that waited on it, in the order they came.
    pub fn land(&mut self, leader: &Id) -> Vec<Id> {
        match self.flights.iter().position(|f| f.leader == *leader) {
            Some(i) => self.flights.swap_remove(i).followers,
            None => Vec::new(),
        }
    }

    /// Forgets the flights whose leader is `gone` (removed from the page: it can never land).
    pub fn forget(&mut self, gone: impl Fn(&Id) -> bool) {
        self.flights.retain(|f| !gone(&f.leader));
    }
}
