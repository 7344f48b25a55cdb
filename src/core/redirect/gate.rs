//! The layers of the gate, each a small function so tests (and mutants) can reach it alone.

use super::fragment::parse_fragment;
use super::repair::repair;
use super::{RedirectError, ValidatedRedirect};
use crate::core::credential::CredentialType;
use crate::core::env::{Environment, PRODUCTION_HOST, STAGING_HOST};
use crate::core::text::{concat, contains};

/// Longest `redirect_uri` accepted, in bytes, checked before any other work.
pub const MAX_REDIRECT_LEN: usize = 2048;

/// Repairs `raw` and accepts it only if it is a canonical SEEK Pass app URL of `env`.
///
/// ```
/// use seekpass_button::{accept_redirect, Environment};
/// let raw = r"https://app.seekpass-staging.com/partner/add/batch#clientId=730845ab-0a0d-4f4d-9c98-d871755d3ce9\u0026content=b4ce8d4e-f293-4492-9d7a-4210bdbe099e";
/// let ok = accept_redirect(raw, &Environment::Staging).unwrap();
/// assert!(ok.as_str().contains("&content="));
///
/// let err = accept_redirect("https://app.seekpass.co.evil.com/partner/add/batch#clientId=a&content=b", &Environment::Production);
/// assert_eq!(err.unwrap_err().code(), "host");
/// ```
pub fn accept_redirect(raw: &str, env: &Environment) -> Result<ValidatedRedirect, RedirectError> {
    accept_redirect_for_client(raw, env, None)
}

/// [`accept_redirect`] bound to the button's credential type: a single-type button accepts only
/// its own type's app path, a batch-family button either batch path (threats.md item 49).
pub fn accept_redirect_for_type(
    raw: &str,
    env: &Environment,
    button: CredentialType,
) -> Result<ValidatedRedirect, RedirectError> {
    accept_redirect_bound(raw, env, None, button)
}

/// [`accept_redirect_for_client`] and [`accept_redirect_for_type`] at once: what the button runs.
pub fn accept_redirect_bound(
    raw: &str,
    env: &Environment,
    client_id: Option<&str>,
    button: CredentialType,
) -> Result<ValidatedRedirect, RedirectError> {
    let ok = accept_redirect_for_client(raw, env, client_id)?;
    if button.accepts_redirect_of(ok.credential_type()) {
        Ok(ok)
    } else {
        Err(RedirectError::Type)
    }
}

/// [`accept_redirect`], and when `client_id` is given, the fragment's `clientId` must equal it.
pub fn accept_redirect_for_client(
    raw: &str,
    env: &Environment,
    client_id: Option<&str>,
) -> Result<ValidatedRedirect, RedirectError> {
    if raw.is_empty() {
        return Err(RedirectError::Empty);
    }
    if raw.len() > MAX_REDIRECT_LEN {
        return Err(RedirectError::TooLong);
    }
    let repaired = repair(raw);
    let s: &str = &repaired;
    check_charset(s)?;
    let after_scheme = strip_scheme(s, env)?;
    let authority_end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let (authority, rest) = after_scheme.split_at(authority_end);
    check_authority(authority, env)?;
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let (path, rest) = rest.split_at(path_end);
    let ty = check_path(path)?;
    if rest.starts_with('?') {
        return Err(RedirectError::Query);
    }
    let fragment = rest.strip_prefix('#').ok_or(RedirectError::Fragment)?;
    let params = parse_fragment(fragment, ty)?;
    if client_id.is_some_and(|expected| expected != params.client_id) {
        return Err(RedirectError::ClientMismatch);
    }
    // Rebuild from the environment's constant origin and the table's constant path, so the
    // result is made of server-known pieces plus the already-restricted fragment.
    let href = concat(&[&env.app_origin(), ty.redirect_path(), "#", fragment]);
    if href != s {
        return Err(RedirectError::NonCanonical);
    }
    Ok(ValidatedRedirect {
        href,
        credential_type: ty,
    })
}

/// Printable ASCII only, without the characters a URL parser would escape or reinterpret.
pub(crate) fn check_charset(s: &str) -> Result<(), RedirectError> {
    let bad = |b: u8| {
        !(0x21..=0x7e).contains(&b)
            || matches!(
                b,
                b'\\' | b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'|' | b'^'
            )
    };
    if s.bytes().any(bad) {
        Err(RedirectError::Charset)
    } else {
        Ok(())
    }
}

/// Returns what follows `<scheme>://` when the scheme is exactly the environment's.
pub(crate) fn strip_scheme<'a>(s: &'a str, env: &Environment) -> Result<&'a str, RedirectError> {
    let scheme = env.scheme();
    let prefix_len = scheme.len() + 3;
    if let Some(rest) = s.strip_prefix(scheme).and_then(|r| r.strip_prefix("://")) {
        return Ok(rest);
    }
    let head = s.get(..prefix_len).unwrap_or("");
    let case_folded = head
        .get(..scheme.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(scheme))
        && head.ends_with("://");
    if case_folded {
        return Err(RedirectError::NonCanonical);
    }
    // `https:evil.com` and `https:/evil.com` parse with host `evil.com`: an authority trick.
    if s.strip_prefix(scheme).is_some_and(|r| r.starts_with(':')) {
        return Err(RedirectError::Host);
    }
    // A development button handed a real SEEK Pass URL: the proxy points elsewhere.
    let seekpass = [PRODUCTION_HOST, STAGING_HOST].iter().any(|h| {
        s.strip_prefix("https://")
            .and_then(|r| r.strip_prefix(h))
            .is_some_and(|r| r.starts_with('/'))
    });
    if seekpass {
        return Err(RedirectError::EnvMismatch);
    }
    Err(RedirectError::Scheme)
}

/// The authority must be exactly the environment's host and port, with no userinfo.
pub(crate) fn check_authority(authority: &str, env: &Environment) -> Result<(), RedirectError> {
    if authority.contains('@') {
        return Err(RedirectError::Userinfo);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    check_host(host, env)?;
    check_port(port, env)
}

fn check_host(host: &str, env: &Environment) -> Result<(), RedirectError> {
    let expected = env.host();
    if host == expected {
        Ok(())
    } else if host.eq_ignore_ascii_case(expected) {
        Err(RedirectError::NonCanonical)
    } else if host == PRODUCTION_HOST || host == STAGING_HOST {
        Err(RedirectError::EnvMismatch)
    } else {
        Err(RedirectError::Host)
    }
}

fn check_port(port: Option<&str>, env: &Environment) -> Result<(), RedirectError> {
    let default = if env.scheme() == "https" { "443" } else { "80" };
    match (port, env.port()) {
        (None, None) => Ok(()),
        // Digits only and no leading zero, so equal numbers mean equal spellings.
        (Some(p), Some(expected))
            if !p.starts_with('0')
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>() == Ok(expected) =>
        {
            Ok(())
        }
        // An empty or default port is dropped by a URL parser: the string is not canonical.
        (Some(p), _) if p.is_empty() || p == default => Err(RedirectError::NonCanonical),
        _ => Err(RedirectError::Port),
    }
}

/// The path must be one of the app's add paths, byte for byte.
pub(crate) fn check_path(path: &str) -> Result<CredentialType, RedirectError> {
    if let Some(ty) = CredentialType::from_redirect_path(path) {
        return Ok(ty);
    }
    let lower = path.to_ascii_lowercase();
    let dot_segment =
        contains(&lower, "%2e") || path.split('/').any(|seg| seg == "." || seg == "..");
    if dot_segment {
        Err(RedirectError::NonCanonical)
    } else {
        Err(RedirectError::Path)
    }
}
