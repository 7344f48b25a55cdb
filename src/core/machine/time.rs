//! The machine's time: the host tells it the clock, it keeps its deadlines (the next retry, the
//! end of a rate-limit cooldown), and the host wakes it at the earliest with [`Input::Timeout`].

#[cfg(doc)]
use super::Input;
use super::{Effect, Machine, Notice, State};

impl Machine {
    /// The host's clock (milliseconds, the same clock as every input's `now_ms`), told before
    /// an input that carries no time of its own.
    pub fn set_now(&mut self, now_ms: u64) {
        self.now_ms = self.now_ms.max(now_ms);
    }

    /// When the host must wake the machine with [`Input::Timeout`]: the next retry, or the end
    /// of a rate-limit cooldown. The host keeps one timer for it; `None` means none.
    pub fn next_deadline(&self) -> Option<u64> {
        let retry = match self.state {
            State::Busy { retry_at, .. } => retry_at,
            _ => None,
        };
        match (retry, self.cooldown_until) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub(super) fn timeout(&mut self, now_ms: u64) -> Vec<Effect> {
        self.set_now(now_ms);
        if self.cooldown_until.is_some_and(|t| t <= now_ms) {
            self.cooldown_until = None;
        }
        let State::Busy {
            attempt,
            started_ms,
            retry_at: Some(due),
        } = self.state
        else {
            return vec![];
        };
        if due > now_ms {
            return vec![];
        }
        let attempt = attempt + 1;
        self.state = State::Busy {
            attempt,
            started_ms,
            retry_at: None,
        };
        vec![
            Effect::Emit(Notice::Retry { attempt }),
            Effect::Fetch { attempt },
        ]
    }
}
