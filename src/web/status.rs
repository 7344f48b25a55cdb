//! "Already in the wallet": asks the partner's status endpoint once per mount or page show, and
//! shows the added state on `verified`. Anything else, including any failure, leaves the normal
//! button, silently. It never blocks a click and never retries.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;

use super::button::{render, Shared};
use super::events::{self, EventName};
use super::transport::Attempt;
use crate::core::details::StatusDetail;
use crate::core::status::{read_status, status_request, StatusAnswer, SubmissionStatus};

/// Starts one status request for the button, unless one is already running or the button has
/// no `status-endpoint`.
pub(crate) fn check(rc: &Shared) {
    let prepared = {
        let inner = rc.borrow();
        let Ok(config) = &inner.config else { return };
        if inner.checking || inner.destroyed {
            return;
        }
        let Some(request) = status_request(config) else {
            return;
        };
        let timeout = inner.machine.policy().attempt_timeout_ms;
        (request, config.credential_type, Attempt::start(timeout))
    };
    let (request, credential_type, Ok(attempt)) = prepared else {
        return;
    };
    rc.borrow_mut().checking = true;
    let weak = Rc::downgrade(rc);
    spawn_local(async move {
        let status = attempt
            .exchange::<StatusAnswer>(&request)
            .await
            .ok()
            .and_then(|answer| read_status(&answer.view()));
        let Some(rc) = weak.upgrade() else { return };
        rc.borrow_mut().checking = false;
        let Some(status) = status else { return };
        let host = {
            let mut inner = rc.borrow_mut();
            if inner.destroyed {
                return;
            }
            inner.added = status == SubmissionStatus::Verified;
            inner.host.clone()
        };
        let detail = StatusDetail {
            credential_type,
            status,
        };
        events::emit(&host, EventName::Status, &detail);
        render(&rc);
    });
}
