//! Environments: which SEEK Pass app origin a redirect may go to.

use std::fmt;

use super::text::{concat, contains, push_decimal};

/// Host of the production SEEK Pass app.
///
/// Not written out in the stored partner docs (see `seekpass-api.md` §1); confirm with SEEK Pass.
pub const PRODUCTION_HOST: &str = "app.seekpass.co";
/// Host of the staging SEEK Pass app (and staging API).
pub const STAGING_HOST: &str = "app.seekpass-staging.com";

/// The SEEK Pass environment a button or proxy talks to.
///
/// Chosen by explicit configuration; production is the default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Environment {
    /// `https://app.seekpass.co`.
    #[default]
    Production,
    /// `https://app.seekpass-staging.com`.
    Staging,
    /// A local mock of SEEK Pass on a loopback origin, for demos and tests.
    Development(LoopbackOrigin),
}

/// A validated loopback origin such as `http://127.0.0.1:8080`, held in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopbackOrigin {
    secure: bool,
    host: LoopbackHost,
    port: Option<u16>,
}

/// The loopback hosts a development environment may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoopbackHost {
    /// `127.0.0.1`.
    Ipv4,
    /// `localhost`.
    Localhost,
}

/// Why an environment setting was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigError {
    /// Not `production`, `staging` or a loopback origin.
    UnknownEnvironment,
    /// Looked like an origin but is not `http(s)://127.0.0.1[:port]` or `http(s)://localhost[:port]`.
    NotLoopback,
    /// The port is not a canonical decimal number in `1..=65535`.
    BadPort,
}

impl ConfigError {
    /// Stable machine-readable reason.
    pub fn code(&self) -> &'static str {
        match self {
            ConfigError::UnknownEnvironment => "unknown_environment",
            ConfigError::NotLoopback => "not_loopback",
            ConfigError::BadPort => "bad_port",
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConfigError::UnknownEnvironment => {
                "environment must be `production`, `staging` or a loopback origin"
            }
            ConfigError::NotLoopback => {
                "a development origin must be http(s)://127.0.0.1:<port> or http(s)://localhost:<port>"
            }
            ConfigError::BadPort => "the development origin's port must be a number in 1..=65535",
        })
    }
}

impl std::error::Error for ConfigError {}

impl Environment {
    /// Parses the `environment` setting: `production`, `staging`, or a loopback origin.
    ///
    /// ```
    /// use seekpass_button::Environment;
    /// assert_eq!(Environment::parse("staging"), Ok(Environment::Staging));
    /// let dev = Environment::parse("http://127.0.0.1:8080").unwrap();
    /// assert_eq!(dev.app_origin(), "http://127.0.0.1:8080");
    /// assert!(Environment::parse("https://evil.example").is_err());
    /// ```
    pub fn parse(setting: &str) -> Result<Environment, ConfigError> {
        match setting {
            "" | "production" => Ok(Environment::Production),
            "staging" => Ok(Environment::Staging),
            s if contains(s, "://") => LoopbackOrigin::parse(s).map(Environment::Development),
            _ => Err(ConfigError::UnknownEnvironment),
        }
    }

    /// The app origin redirects must start with, e.g. `https://app.seekpass.co`.
    pub fn app_origin(&self) -> String {
        match self {
            Environment::Production => concat(&["https://", PRODUCTION_HOST]),
            Environment::Staging => concat(&["https://", STAGING_HOST]),
            Environment::Development(origin) => origin.origin(),
        }
    }

    /// The URL scheme of the app origin, without `:`.
    pub fn scheme(&self) -> &'static str {
        match self {
            Environment::Development(o) if !o.secure => "http",
            _ => "https",
        }
    }

    /// The exact host (without port) of the app origin.
    pub fn host(&self) -> &'static str {
        match self {
            Environment::Production => PRODUCTION_HOST,
            Environment::Staging => STAGING_HOST,
            Environment::Development(o) => o.host.as_str(),
        }
    }

    /// The explicit port of the app origin, if it has one.
    pub fn port(&self) -> Option<u16> {
        match self {
            Environment::Development(o) => o.port,
            _ => None,
        }
    }

    /// Stable name for logs and events: `production`, `staging` or `development`.
    pub fn name(&self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::Staging => "staging",
            Environment::Development(_) => "development",
        }
    }
}

impl LoopbackHost {
    /// The host as written in a URL.
    pub fn as_str(&self) -> &'static str {
        match self {
            LoopbackHost::Ipv4 => "127.0.0.1",
            LoopbackHost::Localhost => "localhost",
        }
    }
}

impl LoopbackOrigin {
    /// Parses `http(s)://127.0.0.1[:port][/]` or `http(s)://localhost[:port][/]`.
    ///
    /// The default port of the scheme is dropped, as a WHATWG parser would, so the stored
    /// origin is canonical.
    pub fn parse(s: &str) -> Result<LoopbackOrigin, ConfigError> {
        let (secure, rest) = if let Some(r) = s.strip_prefix("http://") {
            (false, r)
        } else if let Some(r) = s.strip_prefix("https://") {
            (true, r)
        } else {
            return Err(ConfigError::NotLoopback);
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let (host, port) = match rest.split_once(':') {
            Some((h, p)) => (h, Some(parse_port(p)?)),
            None => (rest, None),
        };
        let host = match host {
            "127.0.0.1" => LoopbackHost::Ipv4,
            "localhost" => LoopbackHost::Localhost,
            _ => return Err(ConfigError::NotLoopback),
        };
        let default = if secure { 443 } else { 80 };
        let port = port.filter(|p| *p != default);
        Ok(LoopbackOrigin { secure, host, port })
    }
}

fn parse_port(p: &str) -> Result<u16, ConfigError> {
    // Leading zeros would be normalised away by a URL parser; refuse them rather than guess.
    if p.is_empty() || p.len() > 5 || p.starts_with('0') || !p.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ConfigError::BadPort);
    }
    p.parse::<u16>().map_err(|_| ConfigError::BadPort)
}

impl LoopbackOrigin {
    /// The canonical origin, e.g. `http://127.0.0.1:8080`.
    pub fn origin(&self) -> String {
        let mut s = concat(&[
            if self.secure { "https://" } else { "http://" },
            self.host.as_str(),
        ]);
        if let Some(port) = self.port {
            s.push(':');
            push_decimal(&mut s, u32::from(port));
        }
        s
    }
}

impl fmt::Display for LoopbackOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin())
    }
}
