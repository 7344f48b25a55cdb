//! A click's attempts: starting one, a failed attempt retried or given up, and the failure the
//! button then shows (with the rate-limit cooldown it may impose).

use super::{Effect, Machine, Notice, State};
use crate::core::classify::Failure;
use crate::core::credential::CredentialType;
use crate::core::error::ErrorCode;
use crate::core::retry::RetryDecision;

/// Shortest and longest wait imposed after a `rate_limited` answer that was too long to retry.
const COOLDOWN_SECS: std::ops::RangeInclusive<u32> = 1..=300;

impl Machine {
    pub(super) fn click(&mut self, now_ms: u64, online: bool, tab: bool) -> Vec<Effect> {
        self.set_now(now_ms);
        if !self.accepts_click() {
            // The click's own tab, not the running click's: nothing else holds it.
            return if tab { vec![Effect::CloseTab] } else { vec![] };
        }
        self.tab = tab;
        if !online {
            return self.fail(Failure::new(ErrorCode::Offline));
        }
        self.state = State::Busy {
            attempt: 1,
            started_ms: now_ms,
            retry_at: None,
        };
        vec![Effect::Fetch { attempt: 1 }]
    }

    pub(super) fn failed(&mut self, failure: Failure, now_ms: u64, jitter: f64) -> Vec<Effect> {
        self.set_now(now_ms);
        let State::Busy {
            attempt,
            started_ms,
            ..
        } = self.state
        else {
            return vec![];
        };
        let elapsed = u32::try_from(now_ms.saturating_sub(started_ms)).unwrap_or(u32::MAX);
        match self.policy.decide(attempt, &failure, elapsed, jitter) {
            RetryDecision::Retry { delay_ms } => {
                self.state = State::Busy {
                    attempt,
                    started_ms,
                    retry_at: Some(now_ms.saturating_add(u64::from(delay_ms))),
                };
                vec![]
            }
            RetryDecision::GiveUp => self.fail(failure),
        }
    }

    pub(super) fn fail(&mut self, failure: Failure) -> Vec<Effect> {
        self.fail_leaving(failure, None)
    }

    pub(super) fn fail_leaving(
        &mut self,
        failure: Failure,
        leaving: Option<CredentialType>,
    ) -> Vec<Effect> {
        self.state = State::Failed { failure, leaving };
        let mut retry_after_secs = None;
        if failure.code == ErrorCode::RateLimited {
            let secs = failure.retry_after_secs.unwrap_or(*COOLDOWN_SECS.start());
            let secs = secs.clamp(*COOLDOWN_SECS.start(), *COOLDOWN_SECS.end());
            self.cooldown_until = Some(self.now_ms.saturating_add(u64::from(secs) * 1000));
            retry_after_secs = Some(secs);
        }
        vec![Effect::Emit(Notice::Error {
            code: failure.code,
            reason: failure.redirect,
            retryable: failure.code.retryable(),
            retry_after_secs,
        })]
    }
}
