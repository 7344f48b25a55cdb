//! `seekpass-server link …`: mints an entry link (and, on request, its QR code and email button),
//! or revokes one. Configured by the same `SEEKPASS_*` variables as the server.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use seekpass_button::core::messages::Locale;
use seekpass_button::{CredentialType, WireEnum};

use super::channel::{parse_ttl, Channel};
use super::handle::{self, Claims};
use super::landing::PREFIX;
use super::{email, qr, revoked};
use crate::config::{Config, Upstream};
use crate::records::RecordStore;

/// What `seekpass-server link --help` prints.
pub const USAGE: &str = "\
Usage:
  seekpass-server link --user <id> --type <credentialType> (--ref <ref> | --refs <a,b,...>)
                       --channel email|print|sms [--ttl 30d|12h|90s] [--locale en|id|th|ms|zh-HK]
                       [--qr FILE.svg|FILE.png] [--email FILE.html]
  seekpass-server link --revoke <link or link id>

Prints the entry link for one person's credential (or batch) on one line, from
SEEKPASS_PUBLIC_ORIGIN (in mock mode, the listen address). The records must exist and belong to
the user. --qr also writes the link's QR code (SVG or PNG, by the file's extension), --email the
email button for it. Default lifetimes: email 90d, sms 14d, print 10 years (a printed link
asks for the partner's sign-in). Keys: SEEKPASS_LINK_KEY (64 hex; the mock has its own).
--revoke appends the link's id to SEEKPASS_REVOKED_LINKS; a running server reads it at once.

Examples:
  seekpass-server link --user learner-jane --type education --ref grad-2024-0042 --channel email
  seekpass-server link --user learner-jane --type batch --refs grad-2024-0042,ielts-2025-7781 \\
      --channel print --qr certificate-qr.png
";

/// Runs the `link` command with `args` (after `link`); the line to print, or a one-line error.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut opts = std::collections::HashMap::new();
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let name = flag
            .strip_prefix("--")
            .filter(|n| KNOWN.contains(n))
            .ok_or(format!("unknown argument {flag:?} (see --help)"))?;
        let value = iter.next().ok_or(format!("{flag} needs a value"))?;
        if opts.insert(name, value.clone()).is_some() {
            return Err(format!("{flag} given twice"));
        }
    }
    let config = Config::from_env()?;
    if let Some(which) = opts.get("revoke") {
        return revoke(&config, which);
    }
    let claims = claims(&opts)?;
    let key = config
        .link_key
        .as_deref()
        .ok_or("SEEKPASS_LINK_KEY is required to mint links (64 hex characters)")?;
    check_records(&config, &claims)?;
    let origin = match (&config.public_origin, config.upstream) {
        (Some(origin), _) => origin.clone(),
        (None, Upstream::Mock) => format!("http://{}", config.listen),
        (None, _) => return Err("SEEKPASS_PUBLIC_ORIGIN is required to mint links".into()),
    };
    let link = format!("{origin}{PREFIX}{}", handle::mint(key, &claims));
    if let Some(file) = opts.get("qr") {
        qr::write(&link, Path::new(file))?;
    }
    if let Some(file) = opts.get("email") {
        let locale = claims.locale.unwrap_or(Locale::En);
        std::fs::write(file, email::snippet(&link, &origin, locale))
            .map_err(|e| format!("cannot write {file}: {e}"))?;
    }
    Ok(link)
}

const KNOWN: &[&str] = &[
    "user", "type", "ref", "refs", "channel", "ttl", "locale", "qr", "email", "revoke",
];

fn claims(opts: &std::collections::HashMap<&str, String>) -> Result<Claims, String> {
    let need = |k: &str| opts.get(k).ok_or(format!("--{k} is required (see --help)"));
    let ty = CredentialType::parse(need("type")?).ok_or(format!(
        "--type must be one of {}",
        CredentialType::ALL
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))?;
    let refs: Vec<String> = match (opts.get("ref"), opts.get("refs")) {
        (Some(one), None) => vec![one.clone()],
        (None, Some(many)) => many.split(',').map(|r| r.trim().to_owned()).collect(),
        _ => return Err("give --ref (one credential) or --refs (a batch), not both".into()),
    };
    let channel =
        Channel::from_name(need("channel")?).ok_or("--channel must be email, print or sms")?;
    let ttl = match opts.get("ttl") {
        Some(t) => parse_ttl(t).ok_or("--ttl is a number and a unit: 90s, 15m, 12h or 30d")?,
        None => channel.default_ttl(),
    };
    let locale = match opts.get("locale") {
        Some(l) => Some(Locale::parse(l).ok_or("--locale must be en, id, th, ms or zh-HK")?),
        None => None,
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    let claims = Claims {
        channel,
        expires: (now + ttl).as_secs(),
        user: need("user")?.clone(),
        ty,
        locale,
        refs,
    };
    if !handle::mintable(&claims) {
        return Err("--user and every reference must be 1-128 of A-Z a-z 0-9 . _ : - (opaque ids, never a name or an email address); a single type takes one --ref, a batch up to its limit".into());
    }
    Ok(claims)
}

/// The records must exist, belong to the user and fit the type, as the landing will check.
fn check_records(config: &Config, claims: &Claims) -> Result<(), String> {
    let store = RecordStore::load(&config.records_path)?;
    for r in &claims.refs {
        let record = store
            .get(r)
            .filter(|rec| rec.owner == claims.user)
            .ok_or(format!("no record {r:?} belongs to {:?}", claims.user))?;
        let fits = match claims.ty {
            CredentialType::Batch => true,
            CredentialType::BatchMicrocredential => {
                record.credential_type() == CredentialType::Microcredential
            }
            ty => record.credential_type() == ty,
        };
        if !fits {
            return Err(format!("record {r:?} is not of type {}", claims.ty));
        }
    }
    Ok(())
}

fn revoke(config: &Config, which: &str) -> Result<String, String> {
    let path = config
        .revoked_links
        .as_deref()
        .ok_or("SEEKPASS_REVOKED_LINKS (a file path) is required to revoke links")?;
    let id = handle::link_id(which.rsplit('/').next().unwrap_or(which));
    let id = if id.is_empty() { which } else { id };
    revoked::revoke(path, id).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(format!("revoked {id}"))
}
