//! The button's state machine. It performs nothing: each input returns the effects the web
//! layer must carry out, as data, so every behaviour is tested natively.

use super::classify::Failure;
use super::credential::CredentialType;
use super::error::ErrorCode;
use super::retry::{RetryDecision, RetryPolicy};

/// Shortest and longest wait imposed after a `rate_limited` answer that was too long to retry.
const COOLDOWN_SECS: std::ops::RangeInclusive<u32> = 1..=300;

mod status;
mod time;
mod types;

pub use types::{Effect, Input, Notice, Phase};

/// The button's state.
#[derive(Debug, Clone)]
pub struct Machine {
    phase: Phase,
    policy: RetryPolicy,
    attempt: u32,
    started_ms: u64,
    last_failure: Option<Failure>,
    /// When the next attempt is due (while busy).
    retry_at: Option<u64>,
    /// Until when a rate limit refuses clicks.
    cooldown_until: Option<u64>,
    /// The latest time the host told.
    now_ms: u64,
    button_type: Option<CredentialType>,
    /// The type of the redirect being opened, reported once it really opens.
    leaving: Option<CredentialType>,
    /// The button has a status endpoint to ask.
    has_status: bool,
    /// The status endpoint said `verified`: the credential is in the wallet.
    added: bool,
    /// A status request is running.
    checking: bool,
    /// The element left the page: nothing more is asked or shown.
    removed: bool,
}

impl Machine {
    /// A machine in `Idle` (or `Disabled`) with the given retry policy.
    pub fn new(policy: RetryPolicy, disabled: bool) -> Machine {
        let phase = if disabled {
            Phase::Disabled
        } else {
            Phase::Idle
        };
        Machine {
            phase,
            policy,
            attempt: 0,
            started_ms: 0,
            last_failure: None,
            retry_at: None,
            cooldown_until: None,
            now_ms: 0,
            button_type: None,
            leaving: None,
            has_status: false,
            added: false,
            checking: false,
            removed: false,
        }
    }

    /// The same machine for a button of `ty`: its events report `ty`, whatever batch path SEEK
    /// Pass answered a batch-family button with (threats.md item 49).
    pub fn for_type(mut self, ty: CredentialType) -> Machine {
        self.button_type = Some(ty);
        self
    }

    /// The current phase.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The code of the failure being shown, in `Failed`.
    pub fn error(&self) -> Option<ErrorCode> {
        self.failure().map(|f| f.code)
    }

    /// The failure being shown, in `Failed`.
    pub fn failure(&self) -> Option<Failure> {
        self.last_failure.filter(|_| self.phase == Phase::Failed)
    }

    /// Navigating, or failed only because the browser blocked the new tab (whose fallback
    /// button can still open the same redirect).
    fn navigation_pending(&self) -> bool {
        self.phase == Phase::Navigating || self.error() == Some(ErrorCode::PopupBlocked)
    }

    /// Whether a click would be ignored right now.
    pub fn accepts_click(&self) -> bool {
        matches!(self.phase, Phase::Idle | Phase::Failed) && self.cooldown_until.is_none()
    }

    /// The retry policy in force.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Applies `input`; `jitter` in `[0, 1]` spreads retry delays.
    pub fn handle(&mut self, input: Input, jitter: f64) -> Vec<Effect> {
        match input {
            Input::Click { now_ms, online } => self.click(now_ms, online),
            Input::Succeeded(redirect) if self.phase == Phase::Busy => {
                self.phase = Phase::Navigating;
                self.leaving = Some(self.button_type.unwrap_or(redirect.credential_type()));
                // `seekpass:navigate` waits for `Navigated`: a blocked tab is no navigation
                // (threats.md item 65).
                vec![Effect::Navigate(redirect)]
            }
            Input::Navigated if self.navigation_pending() => {
                self.phase = Phase::Navigating;
                // A follower of a blocked leader has no redirect type of its own.
                self.leaving
                    .or(self.button_type)
                    .map(|credential_type| vec![Effect::Emit(Notice::Navigate { credential_type })])
                    .unwrap_or_default()
            }
            Input::Failed { failure, now_ms } if self.phase == Phase::Busy => {
                self.failed(failure, now_ms, jitter)
            }
            Input::Timeout { now_ms } => self.timeout(now_ms),
            Input::NavigationFailed(failure) if self.phase == Phase::Navigating => {
                self.fail(failure)
            }
            Input::Departed if self.phase == Phase::Navigating => {
                self.phase = Phase::Idle;
                vec![]
            }
            Input::SharedResult(Ok(credential_type)) if self.phase == Phase::Busy => {
                self.phase = Phase::Navigating;
                vec![Effect::Emit(Notice::Navigate { credential_type })]
            }
            Input::SharedResult(Err(failure)) if self.phase == Phase::Busy => self.fail(failure),
            Input::PageRestored if matches!(self.phase, Phase::Busy | Phase::Navigating) => {
                self.phase = Phase::Idle;
                self.retry_at = None;
                vec![Effect::CancelFetch]
            }
            Input::SetDisabled(true) if self.phase != Phase::Navigating => {
                let was_busy = self.phase == Phase::Busy;
                self.phase = Phase::Disabled;
                self.retry_at = None;
                if was_busy {
                    vec![Effect::CancelFetch]
                } else {
                    vec![]
                }
            }
            Input::SetDisabled(false) if self.phase == Phase::Disabled => {
                self.phase = Phase::Idle;
                vec![]
            }
            Input::Shown => self.shown(),
            Input::StatusAnswered(status) => self.status_answered(status),
            Input::Removed => {
                self.removed = true;
                self.retry_at = None;
                self.cooldown_until = None;
                let effects = match self.phase {
                    Phase::Busy => vec![Effect::CancelFetch],
                    _ => vec![],
                };
                self.phase = Phase::Disabled;
                effects
            }
            // Anything else is late or irrelevant: a response after removal, a stale timer.
            _ => vec![],
        }
    }

    fn click(&mut self, now_ms: u64, online: bool) -> Vec<Effect> {
        self.set_now(now_ms);
        if !self.accepts_click() {
            return vec![];
        }
        if !online {
            return self.fail(Failure::new(ErrorCode::Offline));
        }
        self.phase = Phase::Busy;
        self.attempt = 1;
        self.started_ms = now_ms;
        self.last_failure = None;
        vec![Effect::Fetch { attempt: 1 }]
    }

    fn failed(&mut self, failure: Failure, now_ms: u64, jitter: f64) -> Vec<Effect> {
        self.set_now(now_ms);
        let elapsed = u32::try_from(now_ms.saturating_sub(self.started_ms)).unwrap_or(u32::MAX);
        match self.policy.decide(self.attempt, &failure, elapsed, jitter) {
            RetryDecision::Retry { delay_ms } => {
                self.retry_at = Some(now_ms.saturating_add(u64::from(delay_ms)));
                vec![]
            }
            RetryDecision::GiveUp => self.fail(failure),
        }
    }

    fn fail(&mut self, failure: Failure) -> Vec<Effect> {
        self.phase = Phase::Failed;
        self.last_failure = Some(failure);
        self.retry_at = None;
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
