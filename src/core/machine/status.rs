//! "Already in the wallet": when the button asks the status endpoint and what an answer does.
//! One request at a time, never while removed, never retried; only `verified` changes the look,
//! and a failure changes nothing.

use super::{Effect, Machine, Notice, State};
use crate::core::status::SubmissionStatus;

impl Machine {
    /// The same machine for a button with (`true`) or without a status endpoint.
    pub fn with_status_endpoint(mut self, has_status: bool) -> Machine {
        self.has_status = has_status;
        self
    }

    /// This machine, replacing `old` after the attributes changed: a status request in flight
    /// is still in flight, and "added" holds only for the same credential.
    pub fn succeeding(mut self, old: &Machine, same_credential: bool) -> Machine {
        self.checking = old.checking;
        self.added = old.added && same_credential;
        self
    }

    /// The element left the page; every later input is ignored.
    pub fn removed(&self) -> bool {
        self.removed
    }

    /// Idle, and the credential is already in the wallet: the click opens it.
    pub fn added(&self) -> bool {
        self.added && matches!(self.state, State::Idle)
    }

    pub(super) fn shown(&mut self) -> Vec<Effect> {
        if !self.has_status || self.checking || self.removed {
            return vec![];
        }
        self.checking = true;
        vec![Effect::CheckStatus]
    }

    pub(super) fn status_answered(&mut self, status: Option<SubmissionStatus>) -> Vec<Effect> {
        self.checking = false;
        let (Some(status), Some(credential_type), false) = (status, self.button_type, self.removed)
        else {
            return vec![];
        };
        self.added = status == SubmissionStatus::Verified;
        vec![Effect::Emit(Notice::Status {
            credential_type,
            status,
        })]
    }
}
