//! The button's state machine. It performs nothing: each input returns the effects the web
//! layer must carry out, as data, so every behaviour is tested natively.

use super::classify::Failure;
use super::credential::CredentialType;
use super::error::ErrorCode;
use super::retry::RetryPolicy;

mod attempt;
mod status;
mod time;
mod types;

pub use types::{Effect, Input, Notice, Phase};

/// Where the button is, with what only that phase needs: nothing outlives the phase it
/// belongs to (quinn-proto's shape: state as data, not a phase tag over loose fields).
#[derive(Debug, Clone, Copy)]
enum State {
    Idle,
    Busy {
        /// 1-based number of the attempt running or waited for.
        attempt: u32,
        /// When the click started (retries stop at the policy's total budget).
        started_ms: u64,
        /// When the next attempt is due, between attempts.
        retry_at: Option<u64>,
    },
    Navigating {
        /// The type of the redirect being opened, reported once it really opens.
        leaving: Option<CredentialType>,
    },
    Failed {
        failure: Failure,
        /// For a blocked new tab: the type its fallback button would still open.
        leaving: Option<CredentialType>,
    },
    Disabled,
}

/// The button's state.
#[derive(Debug, Clone)]
pub struct Machine {
    state: State,
    policy: RetryPolicy,
    /// Until when a rate limit refuses clicks (it outlives a disable and re-enable).
    cooldown_until: Option<u64>,
    /// The latest time the host told.
    now_ms: u64,
    button_type: Option<CredentialType>,
    /// The host holds a tab opened for the current click, not yet showing SEEK Pass.
    tab: bool,
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
        Machine {
            state: if disabled {
                State::Disabled
            } else {
                State::Idle
            },
            policy,
            cooldown_until: None,
            now_ms: 0,
            button_type: None,
            tab: false,
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
        match self.state {
            State::Idle => Phase::Idle,
            State::Busy { .. } => Phase::Busy,
            State::Navigating { .. } => Phase::Navigating,
            State::Failed { .. } => Phase::Failed,
            State::Disabled => Phase::Disabled,
        }
    }

    /// The code of the failure being shown, in `Failed`.
    pub fn error(&self) -> Option<ErrorCode> {
        self.failure().map(|f| f.code)
    }

    /// The failure being shown, in `Failed`.
    pub fn failure(&self) -> Option<Failure> {
        match self.state {
            State::Failed { failure, .. } => Some(failure),
            _ => None,
        }
    }

    /// Whether a click would be ignored right now.
    pub fn accepts_click(&self) -> bool {
        matches!(self.state, State::Idle | State::Failed { .. }) && self.cooldown_until.is_none()
    }

    /// The retry policy in force.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Applies `input`; `jitter` in `[0, 1]` spreads retry delays.
    pub fn handle(&mut self, input: Input, jitter: f64) -> Vec<Effect> {
        let mut effects = self.step(input, jitter);
        // A tab opened for a click that ends without SEEK Pass in it is closed, whatever ended
        // the click: a failure, a follower's wait, a restore, a disable, a removal.
        if self.tab && !matches!(self.state, State::Busy { .. } | State::Navigating { .. }) {
            self.tab = false;
            effects.push(Effect::CloseTab);
        }
        effects
    }

    fn step(&mut self, input: Input, jitter: f64) -> Vec<Effect> {
        match (input, self.state) {
            (
                Input::Click {
                    now_ms,
                    online,
                    tab,
                },
                _,
            ) => self.click(now_ms, online, tab),
            (Input::Succeeded(redirect), State::Busy { .. }) => {
                self.state = State::Navigating {
                    leaving: Some(self.button_type.unwrap_or(redirect.credential_type())),
                };
                // `seekpass:navigate` waits for `Navigated`: a blocked tab is no navigation
                // (threats.md item 65).
                vec![Effect::Navigate(redirect)]
            }
            (Input::Navigated, State::Navigating { leaving })
            | (Input::Navigated, State::Failed { leaving, .. })
                if self
                    .error()
                    .is_none_or(|code| code == ErrorCode::PopupBlocked) =>
            {
                self.state = State::Navigating { leaving };
                // The tab shows SEEK Pass now: it is the person's, never closed.
                self.tab = false;
                // A follower of a blocked leader has no redirect type of its own.
                leaving
                    .or(self.button_type)
                    .map(|credential_type| vec![Effect::Emit(Notice::Navigate { credential_type })])
                    .unwrap_or_default()
            }
            (Input::Failed { failure, now_ms }, State::Busy { .. }) => {
                self.failed(failure, now_ms, jitter)
            }
            (Input::Timeout { now_ms }, _) => self.timeout(now_ms),
            (Input::NavigationFailed(failure), State::Navigating { leaving }) => {
                let leaving = leaving.filter(|_| failure.code == ErrorCode::PopupBlocked);
                self.fail_leaving(failure, leaving)
            }
            (Input::Following, State::Busy { .. }) => {
                // The leader's tab will show SEEK Pass; this click's own tab is closed.
                if std::mem::take(&mut self.tab) {
                    vec![Effect::CloseTab]
                } else {
                    vec![]
                }
            }
            (Input::Departed, State::Navigating { .. }) => {
                self.state = State::Idle;
                vec![]
            }
            (Input::SharedResult(Ok(credential_type)), State::Busy { .. }) => {
                self.state = State::Navigating { leaving: None };
                vec![Effect::Emit(Notice::Navigate { credential_type })]
            }
            (Input::SharedResult(Err(failure)), State::Busy { .. }) => self.fail(failure),
            (Input::PageRestored, State::Busy { .. } | State::Navigating { .. }) => {
                self.state = State::Idle;
                vec![Effect::CancelFetch]
            }
            (Input::SetDisabled(true), state) if self.phase() != Phase::Navigating => {
                self.state = State::Disabled;
                if matches!(state, State::Busy { .. }) {
                    vec![Effect::CancelFetch]
                } else {
                    vec![]
                }
            }
            (Input::SetDisabled(false), State::Disabled) => {
                self.state = State::Idle;
                vec![]
            }
            (Input::Shown, _) => self.shown(),
            (Input::StatusAnswered(status), _) => self.status_answered(status),
            (Input::Removed, state) => {
                self.removed = true;
                self.cooldown_until = None;
                self.state = State::Disabled;
                match state {
                    State::Busy { .. } => vec![Effect::CancelFetch],
                    _ => vec![],
                }
            }
            // Anything else is late or irrelevant: a response after removal, a stale timer.
            _ => vec![],
        }
    }
}
