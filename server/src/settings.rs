//! Parsing and checking the values of `SEEKPASS_*` variables that are more than a string: the
//! SEEK Pass API base URL, the public origin and the connection limits.

use std::time::Duration;

use url::{Host, Url};

use crate::client_addr::TrustedProxies;
use crate::rate::{Rate, RateLimits};
use crate::serve::Limits;

/// `SEEKPASS_API_BASE`: an origin only (no path, query or fragment), `https` unless the host is
/// loopback (a local stand-in). Anything else is a start-up error naming the rule.
pub fn api_base(raw: &str) -> Result<Url, String> {
    let url = Url::parse(raw).map_err(|e| format!("SEEKPASS_API_BASE is not a URL ({e})"))?;
    let loopback = match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(d)) => d == "localhost",
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => return Err("SEEKPASS_API_BASE must be https (http only for a loopback host)".into()),
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err("SEEKPASS_API_BASE must be an origin, with no path, query or fragment".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("SEEKPASS_API_BASE must not carry credentials".into());
    }
    Ok(url)
}

/// The public origin (`SEEKPASS_PUBLIC_ORIGIN`, e.g. `https://partner.example`), read once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicOrigin {
    /// HTTPS, so cookies can be `__Host-` prefixed and `Secure`.
    pub https: bool,
    /// Its `Host` header value: host, and port when it is not the scheme's default.
    pub host: String,
    /// Its serialised origin, which a form post's `Origin` must equal.
    pub origin: String,
}

/// Parses `SEEKPASS_PUBLIC_ORIGIN`, if set.
pub fn public_origin(raw: Option<&str>) -> Result<Option<PublicOrigin>, String> {
    let Some(raw) = raw else { return Ok(None) };
    let url = Url::parse(raw).map_err(|e| format!("SEEKPASS_PUBLIC_ORIGIN is not a URL ({e})"))?;
    let host = url
        .host_str()
        .ok_or("SEEKPASS_PUBLIC_ORIGIN must have a host")?;
    Ok(Some(PublicOrigin {
        https: url.scheme() == "https",
        host: match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        },
        origin: url.origin().ascii_serialization(),
    }))
}

/// The rate limits from `var`: `SEEKPASS_RATE_<SCOPE>_<KIND>` as `<requests>/<seconds>`
/// (scope `USER` or `ADDR`, kind `ADD` or `STATUS`); `0` turns one off.
pub fn rate_limits(var: impl Fn(&str) -> Option<String>) -> Result<RateLimits, String> {
    let d = RateLimits::default();
    let read = |name: &str, default: Option<Rate>| -> Result<Option<Rate>, String> {
        let Some(text) = var(name) else {
            return Ok(default);
        };
        if text == "0" {
            return Ok(None);
        }
        Rate::parse(&text).map(Some).ok_or(format!(
            "{name} must be <requests>/<seconds> (e.g. 10/60), or 0 for none"
        ))
    };
    Ok(RateLimits {
        user_add: read("SEEKPASS_RATE_USER_ADD", d.user_add)?,
        user_status: read("SEEKPASS_RATE_USER_STATUS", d.user_status)?,
        addr_add: read("SEEKPASS_RATE_ADDR_ADD", d.addr_add)?,
        addr_status: read("SEEKPASS_RATE_ADDR_STATUS", d.addr_status)?,
        trusted_proxies: var("SEEKPASS_TRUSTED_PROXIES")
            .map(|t| TrustedProxies::parse(&t))
            .transpose()?
            .unwrap_or_default(),
    })
}

/// The connection limits from `var`, each falling back to [`Limits::default`].
pub fn limits(var: impl Fn(&str) -> Option<String>) -> Result<Limits, String> {
    let d = Limits::default();
    let number = |name: &str, default: u64| -> Result<u64, String> {
        match var(name) {
            None => Ok(default),
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(format!("{name} must be a positive whole number")),
        }
    };
    let secs =
        |name: &str, default: Duration| number(name, default.as_secs()).map(Duration::from_secs);
    let limits = Limits {
        header_read: secs("SEEKPASS_HEADER_TIMEOUT_SECS", d.header_read)?,
        idle: secs("SEEKPASS_IDLE_TIMEOUT_SECS", d.idle)?,
        max_connections: usize::try_from(number(
            "SEEKPASS_MAX_CONNECTIONS",
            d.max_connections as u64,
        )?)
        .map_err(|_| "SEEKPASS_MAX_CONNECTIONS is too large")?,
        request: secs("SEEKPASS_REQUEST_TIMEOUT_SECS", d.request)?,
        body_bytes: usize::try_from(number("SEEKPASS_MAX_BODY_BYTES", d.body_bytes as u64)?)
            .map_err(|_| "SEEKPASS_MAX_BODY_BYTES is too large")?,
        drain: secs("SEEKPASS_DRAIN_SECS", d.drain)?,
    };
    // Idle is measured on bytes moved; a request may be silent for up to its own time limit.
    if limits.idle <= limits.request {
        return Err(
            "SEEKPASS_IDLE_TIMEOUT_SECS must be longer than SEEKPASS_REQUEST_TIMEOUT_SECS".into(),
        );
    }
    Ok(limits)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn api_base_is_an_https_origin_or_a_loopback_one() {
        for ok in [
            "https://app.seekpass-staging.com",
            "https://app.seekpass-staging.com/",
            "http://127.0.0.1:9000",
            "http://[::1]:9000",
            "http://localhost:9000",
        ] {
            assert!(api_base(ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("http://app.seekpass-staging.com", "https"),
            ("ftp://127.0.0.1", "https"),
            ("https://app.seekpass-staging.com/api", "origin"),
            ("https://app.seekpass-staging.com/?x=1", "origin"),
            ("https://app.seekpass-staging.com/#f", "origin"),
            ("https://user:pw@app.seekpass-staging.com", "credentials"),
            ("app.seekpass-staging.com", "not a URL"),
        ] {
            let e = api_base(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
        let base = api_base("https://app.seekpass-staging.com").unwrap();
        assert_eq!(
            base.join("/api/partner/v2/add/requests/batch.json")
                .unwrap()
                .as_str(),
            "https://app.seekpass-staging.com/api/partner/v2/add/requests/batch.json"
        );
    }

    #[test]
    fn limits_read_their_variables() {
        let l = limits(|_| None).unwrap();
        assert_eq!(l.header_read, Duration::from_secs(10));
        let l = limits(|n| (n == "SEEKPASS_HEADER_TIMEOUT_SECS").then(|| "2".into())).unwrap();
        assert_eq!(l.header_read, Duration::from_secs(2));
        assert!(limits(|n| (n == "SEEKPASS_MAX_CONNECTIONS").then(|| "0".into())).is_err());
        assert!(limits(|n| (n == "SEEKPASS_IDLE_TIMEOUT_SECS").then(|| "5".into())).is_err());
        let public = public_origin(Some("https://partner.example"))
            .unwrap()
            .unwrap();
        assert!(public.https);
        assert_eq!(public.host, "partner.example");
        assert_eq!(public.origin, "https://partner.example");
        assert!(public_origin(None).unwrap().is_none(), "unset: not HTTPS");
        let local = public_origin(Some("http://127.0.0.1:8080/"))
            .unwrap()
            .unwrap();
        assert_eq!(
            (local.https, local.host.as_str()),
            (false, "127.0.0.1:8080")
        );
        assert!(public_origin(Some("not a url")).is_err());
    }
}
