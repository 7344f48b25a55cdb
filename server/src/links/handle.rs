//! The entry link's handle: who, what, which channel, until when, signed. The format is the
//! one `docs/partner-backend.md` §9 specifies with test vectors, so any language can mint and
//! check it; `server/tests/links.rs` holds this code to those vectors.
//!
//! `1~<channel>~<expires>~<user>~<type>~<locale>~<ref>[~<ref>…]~<sig>`: fields split on `~`
//! (unreserved in URLs, and outside the reference and user alphabets), `expires` in Unix
//! seconds, `sig` the first 16 bytes of HMAC-SHA256 over everything before `~<sig>`, base64url
//! without padding. Signed, not encrypted: the user id and references are readable, so they must
//! be opaque ids, never an email address or a name.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use seekpass_button::core::config::{is_reference, MAX_BATCH_REFS};
use seekpass_button::core::messages::Locale;
use seekpass_button::{CredentialType, WireEnum};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::channel::Channel;

const VERSION: &str = "1";
const SIG_BYTES: usize = 16;

/// What a link grants, before it is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// Where the link is handed out; decides the policy at the landing.
    pub channel: Channel,
    /// Unix seconds after which the link is refused.
    pub expires: u64,
    /// The partner's user id of the person the credential belongs to.
    pub user: String,
    /// The credential type.
    pub ty: CredentialType,
    /// The page's language, if the sender chose one.
    pub locale: Option<Locale>,
    /// The record references (one, or a batch's).
    pub refs: Vec<String>,
}

/// Why a handle was refused. Expiry is only judged once the signature holds, so a forged
/// handle never learns whether its dates would pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not a handle, or not signed by this key.
    Invalid,
    /// Signed, but past its `expires` (or revoked), with the page language the sender chose:
    /// readable only because the signature held.
    Expired(Option<Locale>),
}

/// The short code of a credential type in a handle (the spec's table).
fn type_code(ty: CredentialType) -> &'static str {
    match ty {
        CredentialType::Education => "e",
        CredentialType::EnglishProficiency => "n",
        CredentialType::Microcredential => "m",
        CredentialType::DigitalIdentity => "i",
        CredentialType::Batch => "b",
        CredentialType::BatchMicrocredential => "bm",
    }
}

fn type_of(code: &str) -> Option<CredentialType> {
    CredentialType::ALL
        .iter()
        .copied()
        .find(|t| type_code(*t) == code)
}

fn sign(key: &[u8], body: &str) -> [u8; SIG_BYTES] {
    let Ok(mut m) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        // HMAC takes a key of any length; this arm cannot run.
        return [0; SIG_BYTES];
    };
    m.update(body.as_bytes());
    let full: [u8; 32] = m.finalize().into_bytes().into();
    let mut out = [0; SIG_BYTES];
    out.copy_from_slice(&full[..SIG_BYTES]);
    out
}

/// Whether `c` can be put in a handle: a known shape, every id in the reference alphabet.
pub fn mintable(c: &Claims) -> bool {
    let count_ok = if c.ty.is_batch() {
        (1..=MAX_BATCH_REFS).contains(&c.refs.len())
    } else {
        c.refs.len() == 1
    };
    count_ok && is_reference(&c.user) && c.refs.iter().all(|r| is_reference(r))
}

/// The signed handle of `c` (check [`mintable`] first; an unmintable claim never verifies).
pub fn mint(key: &[u8], c: &Claims) -> String {
    let mut body = format!(
        "{VERSION}~{}~{}~{}~{}~{}",
        c.channel.code(),
        c.expires,
        c.user,
        type_code(c.ty),
        c.locale.map_or("", |l| l.as_str()),
    );
    for r in &c.refs {
        body.push('~');
        body.push_str(r);
    }
    let sig = URL_SAFE_NO_PAD.encode(sign(key, &body));
    format!("{body}~{sig}")
}

/// The claims of `handle` if `key` signed it and it has not expired at `now` (Unix seconds).
pub fn verify(key: &[u8], handle: &str, now: u64) -> Result<Claims, Refused> {
    let (body, sig) = handle.rsplit_once('~').ok_or(Refused::Invalid)?;
    // Compared as text, as the spec says: one spelling of each signature, no decoder leniency.
    let expected = URL_SAFE_NO_PAD.encode(sign(key, body));
    if !bool::from(sig.as_bytes().ct_eq(expected.as_bytes())) {
        return Err(Refused::Invalid);
    }
    let claims = parse(body).ok_or(Refused::Invalid)?;
    if now > claims.expires {
        return Err(Refused::Expired(claims.locale));
    }
    Ok(claims)
}

/// The link's id: its signature, unique per minted link; what a revocation names.
pub fn link_id(handle: &str) -> &str {
    handle.rsplit_once('~').map_or("", |(_, sig)| sig)
}

fn parse(body: &str) -> Option<Claims> {
    let mut fields = body.split('~');
    if fields.next()? != VERSION {
        return None;
    }
    let channel = Channel::from_code(fields.next()?)?;
    let expires_text = fields.next()?;
    // Digits only, no sign and no leading zero: one spelling per instant.
    if expires_text.starts_with('0') || !expires_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let expires = expires_text.parse().ok()?;
    let user = fields.next()?.to_owned();
    let ty = type_of(fields.next()?)?;
    let locale = match fields.next()? {
        "" => None,
        text => Some(Locale::parse(text)?),
    };
    let refs: Vec<String> = fields.map(str::to_owned).collect();
    let claims = Claims {
        channel,
        expires,
        user,
        ty,
        locale,
        refs,
    };
    mintable(&claims).then_some(claims)
}
