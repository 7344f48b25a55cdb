//! The status request itself: one `GET` of the button's status URL within the attempt's time
//! limit, read as `{"status": …}`. When to ask and what the answer does are the machine's
//! (`core::machine`'s `Shown` and `StatusAnswered`).

use super::transport::Attempt;
use crate::core::contract::ProxyRequest;
use crate::core::status::{read_status, StatusAnswer, SubmissionStatus};

/// The status the endpoint answered, or `None` for any failure (which changes nothing).
pub async fn ask(attempt: &Attempt, request: &ProxyRequest) -> Option<SubmissionStatus> {
    attempt
        .exchange::<StatusAnswer>(request)
        .await
        .ok()
        .and_then(|answer| read_status(&answer.view()))
}
