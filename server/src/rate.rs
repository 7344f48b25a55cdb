//! Rate limits on the proxy's add and status endpoints, per signed-in user and per client
//! address (threats.md item 71): one user, or one script with a valid session, must not spend
//! the partner's SEEK Pass quota for everyone. Token buckets from `governor`, keyed by user or
//! address; a refusal says how long to wait, which the proxy sends as `Retry-After`. Only
//! signed-in requests are counted (threats.md item 78: a request with no session never reaches
//! SEEK Pass, and must not spend what signed-in users need), the user's bucket before the
//! address's, so one user's burst is stopped by their own bucket and leaves the address's to
//! everyone else there.

use std::hash::Hash;
use std::net::IpAddr;

use crate::client_addr::{bucket_key, TrustedProxies};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::http::HeaderMap;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// A bucket of `requests` that refills completely over `per`: up to `requests` at once, then
/// one every `per / requests`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// The burst, and the requests allowed per `per`.
    pub requests: NonZeroU32,
    /// The refill time of the whole bucket.
    pub per: Duration,
}

impl Rate {
    /// `requests` every `secs` seconds (both at least 1).
    pub fn new(requests: u32, secs: u64) -> Option<Rate> {
        (secs > 0).then_some(())?;
        Some(Rate {
            requests: NonZeroU32::new(requests)?,
            per: Duration::from_secs(secs),
        })
    }

    /// Reads `<requests>/<seconds>`, e.g. `20/60`.
    pub fn parse(text: &str) -> Option<Rate> {
        let (n, secs) = text.split_once('/')?;
        Rate::new(n.trim().parse().ok()?, secs.trim().parse().ok()?)
    }

    fn quota(self) -> Option<Quota> {
        let period = self.per / self.requests.get();
        Quota::with_period(period).map(|q| q.allow_burst(self.requests))
    }
}

/// The configured limits; `None` is no limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    /// Adds per signed-in user (`SEEKPASS_RATE_USER_ADD`, default 20/60).
    pub user_add: Option<Rate>,
    /// Status lookups per signed-in user (`SEEKPASS_RATE_USER_STATUS`, default 120/60; a page
    /// asks once per button on load and again whenever it becomes visible).
    pub user_status: Option<Rate>,
    /// Adds per client address (`SEEKPASS_RATE_ADDR_ADD`, default 120/60, for many users
    /// behind one campus NAT).
    pub addr_add: Option<Rate>,
    /// Status lookups per client address (`SEEKPASS_RATE_ADDR_STATUS`, default 600/60).
    pub addr_status: Option<Rate>,
    /// Front proxies believed about the client's address (`SEEKPASS_TRUSTED_PROXIES`, default
    /// none: the connection's peer is the client).
    pub trusted_proxies: TrustedProxies,
}

impl Default for RateLimits {
    fn default() -> RateLimits {
        RateLimits {
            user_add: Rate::new(20, 60),
            user_status: Rate::new(120, 60),
            addr_add: Rate::new(120, 60),
            addr_status: Rate::new(600, 60),
            trusted_proxies: TrustedProxies::default(),
        }
    }
}

/// Which endpoint a request is for; each has its own buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `POST /api/seekpass/add`.
    Add,
    /// `GET /api/seekpass/status/...`.
    Status,
}

/// Keys kept before idle buckets are dropped (a full bucket is the same as no bucket).
const SWEEP_AT: usize = 10_000;

struct Keyed<K: Hash + Eq + Clone>(Option<DefaultKeyedRateLimiter<K>>);

impl<K: Hash + Eq + Clone> Keyed<K> {
    fn new(rate: Option<Rate>) -> Keyed<K> {
        Keyed(rate.and_then(Rate::quota).map(RateLimiter::keyed))
    }

    /// `Ok`, or how long until the next request for `key` would be allowed.
    fn check(&self, key: &K, clock: &DefaultClock) -> Result<(), Duration> {
        let Some(limiter) = &self.0 else {
            return Ok(());
        };
        let result = limiter
            .check_key(key)
            .map_err(|not_until| not_until.wait_time_from(clock.now()));
        if limiter.len() > SWEEP_AT {
            limiter.retain_recent();
        }
        result
    }
}

/// The live buckets.
pub struct Limiter {
    clock: DefaultClock,
    user_add: Keyed<String>,
    user_status: Keyed<String>,
    addr_add: Keyed<IpAddr>,
    addr_status: Keyed<IpAddr>,
    trusted: TrustedProxies,
}

impl Limiter {
    /// Buckets for `limits`.
    pub fn new(limits: RateLimits) -> Limiter {
        Limiter {
            clock: DefaultClock::default(),
            user_add: Keyed::new(limits.user_add),
            user_status: Keyed::new(limits.user_status),
            addr_add: Keyed::new(limits.addr_add),
            addr_status: Keyed::new(limits.addr_status),
            trusted: limits.trusted_proxies,
        }
    }

    /// Takes one request of the client behind `peer` (read through trusted proxies' headers,
    /// keyed by [`bucket_key`]) for `endpoint`; `Err` holds the wait in whole seconds (at least
    /// 1), for `Retry-After`.
    pub fn address(
        &self,
        endpoint: Endpoint,
        peer: IpAddr,
        headers: &HeaderMap,
    ) -> Result<(), u64> {
        let bucket = match endpoint {
            Endpoint::Add => &self.addr_add,
            Endpoint::Status => &self.addr_status,
        };
        let key = bucket_key(self.trusted.client(peer, headers));
        bucket.check(&key, &self.clock).map_err(whole_seconds)
    }

    /// Takes one request of `user` for `endpoint`, as [`Limiter::address`].
    pub fn user(&self, endpoint: Endpoint, user: &str) -> Result<(), u64> {
        let bucket = match endpoint {
            Endpoint::Add => &self.user_add,
            Endpoint::Status => &self.user_status,
        };
        bucket
            .check(&user.to_owned(), &self.clock)
            .map_err(whole_seconds)
    }
}

fn whole_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn rates_parse_and_refuse_nonsense() {
        assert_eq!(Rate::parse("20/60"), Rate::new(20, 60));
        for bad in ["", "20", "0/60", "20/0", "-1/60", "a/b", "20/60/1"] {
            assert_eq!(Rate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_bucket_allows_its_burst_then_says_how_long_to_wait() {
        let limiter = Limiter::new(RateLimits {
            user_add: Rate::new(3, 60),
            ..RateLimits::default()
        });
        for _ in 0..3 {
            assert_eq!(limiter.user(Endpoint::Add, "a"), Ok(()));
        }
        let wait = limiter.user(Endpoint::Add, "a").unwrap_err();
        assert!(
            (1..=20).contains(&wait),
            "one request back every 20 s: {wait}"
        );
        assert_eq!(limiter.user(Endpoint::Add, "b"), Ok(()), "another user");
        assert_eq!(
            limiter.user(Endpoint::Status, "a"),
            Ok(()),
            "another endpoint"
        );
    }
}
