//! The machine's time: the host tells it the clock, it keeps its deadlines (the next retry, the
//! end of a rate-limit cooldown), and the host wakes it at the earliest with [`Input::Timeout`].

#[cfg(doc)]
use super::Input;
use super::{Effect, Machine, Notice, Phase};

impl Machine {
    /// The host's clock (milliseconds, the same clock as every input's `now_ms`), told before
    /// an input that carries no time of its own.
    pub fn set_now(&mut self, now_ms: u64) {
        self.now_ms = self.now_ms.max(now_ms);
    }

    /// When the host must wake the machine with [`Input::Timeout`]: the next retry, or the end
    /// of a rate-limit cooldown. The host keeps one timer for it; `None` means none.
    pub fn next_deadline(&self) -> Option<u64> {
        let retry = self.retry_at.filter(|_| self.phase == Phase::Busy);
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
        let due = self.retry_at.is_some_and(|t| t <= now_ms);
        if !(due && self.phase == Phase::Busy) {
            return vec![];
        }
        self.retry_at = None;
        self.attempt += 1;
        let attempt = self.attempt;
        vec![
            Effect::Emit(Notice::Retry { attempt }),
            Effect::Fetch { attempt },
        ]
    }
}
