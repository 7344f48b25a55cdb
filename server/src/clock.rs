//! A wall clock the tests can move forward (token expiry, the 48-hour id window).

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The furthest the clock may be moved from real time: ten years.
pub const MAX_OFFSET_SECS: u64 = 10 * 366 * 86_400;

/// A move that would take the clock past [`MAX_OFFSET_SECS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange;

/// Seconds since the Unix epoch, plus an adjustable offset.
#[derive(Debug, Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    /// The current time in seconds.
    pub fn now(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        real.saturating_add(self.offset_secs.load(Ordering::Relaxed))
    }

    /// Moves the clock by `secs` (at most ten years either way, in all); `Err` leaves it as
    /// it was.
    pub fn advance(&self, secs: i64) -> Result<(), OutOfRange> {
        self.offset_secs
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                offset
                    .checked_add(secs)
                    .filter(|o| o.unsigned_abs() <= MAX_OFFSET_SECS)
            })
            .map(|_| ())
            .map_err(|_| OutOfRange)
    }
}
