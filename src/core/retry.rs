//! When to try the proxy again, and how long to wait (modelled on stripe-node; `threats.md` R-D).

use super::classify::Failure;
use super::error::ErrorCode;

/// Limits for retrying one click's request. All times in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// Delay before the first retry, doubled for each later one.
    pub base_delay_ms: u32,
    /// Largest backoff delay.
    pub max_delay_ms: u32,
    /// Longest `Retry-After` the widget waits for; longer ones end the attempt.
    pub retry_after_cap_secs: u32,
    /// Time limit of one attempt.
    pub attempt_timeout_ms: u32,
    /// Time limit of the whole click, retries included.
    pub deadline_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay_ms: 500,
            max_delay_ms: 4_000,
            retry_after_cap_secs: 10,
            attempt_timeout_ms: 8_000,
            deadline_ms: 30_000,
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then send the same request (same idempotency key) again.
    Retry {
        /// Milliseconds to wait.
        delay_ms: u32,
    },
    /// Report the failure.
    GiveUp,
}

impl RetryPolicy {
    /// Decides after attempt number `attempt` (1-based) failed with `failure`, `elapsed_ms`
    /// after the click. `jitter` in `[0, 1]` scales the backoff into 50–100 % of its value.
    pub fn decide(
        &self,
        attempt: u32,
        failure: &Failure,
        elapsed_ms: u32,
        jitter: f64,
    ) -> RetryDecision {
        if attempt >= self.max_attempts {
            return RetryDecision::GiveUp;
        }
        let delay_ms = match failure.code {
            ErrorCode::Network | ErrorCode::Timeout | ErrorCode::ServerUnavailable => {
                self.backoff(attempt, jitter)
            }
            // Never sooner than the backoff, so `Retry-After: 0` does not retry at once.
            ErrorCode::RateLimited => match failure.retry_after_secs {
                Some(secs) if secs <= self.retry_after_cap_secs => {
                    secs.saturating_mul(1000).max(self.backoff(attempt, jitter))
                }
                _ => return RetryDecision::GiveUp,
            },
            _ => return RetryDecision::GiveUp,
        };
        if elapsed_ms.saturating_add(delay_ms) >= self.deadline_ms {
            return RetryDecision::GiveUp;
        }
        RetryDecision::Retry { delay_ms }
    }

    /// Capped exponential backoff before retry number `attempt`, jittered to 50–100 %.
    pub fn backoff(&self, attempt: u32, jitter: f64) -> u32 {
        let exp = self
            .base_delay_ms
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let capped = exp.min(self.max_delay_ms);
        let factor = 0.5 + 0.5 * jitter.clamp(0.0, 1.0);
        (f64::from(capped) * factor) as u32
    }
}
