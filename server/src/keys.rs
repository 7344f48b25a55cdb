//! Keyed hashes: signed session cookies and derived SEEK Pass submission ids.

use hmac::{Hmac, KeyInit, Mac};
use seekpass_button::core::contract::uuid_v4;
use seekpass_button::{CredentialType, WireEnum};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// HMAC-SHA256 of `parts`, each length-prefixed so no two inputs collide.
pub fn mac(key: &[u8], parts: &[&str]) -> [u8; 32] {
    // A block-sized key (the key's SHA-256, zero-padded as HMAC pads), so construction is infallible.
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(&Sha256::digest(key));
    let mut m = <HmacSha256 as KeyInit>::new(&block.into());
    for p in parts {
        m.update(&(p.len() as u64).to_be_bytes());
        m.update(p.as_bytes());
    }
    m.finalize().into_bytes().into()
}

/// The SEEK Pass `id` for a user's submission of `references` as `ty`: `<prefix>-<uuid>`.
///
/// Derived, not stored: the same click within 48 h gets the same `redirect_uri`, any number of
/// proxy instances agree, and no other user (or guess) can produce it without the key.
///
/// The input is the whole submission (threats.md item 61): the API version and add endpoint of
/// `ty`, the type itself, the user and the references. SEEK Pass answers a reused id with the
/// link of its first request, so two submissions that shared an id (`education X` and
/// `batch [X]`, or `batch [A, B]` and `batch_microcredential [A, B]`) got each other's links.
/// The status lookup derives the id by this same function.
pub fn submission_id(
    key: &[u8],
    prefix: &str,
    user: &str,
    ty: CredentialType,
    references: &[String],
) -> String {
    let spec = ty.spec();
    let joined = references.join("\n");
    let digest = mac(
        key,
        &[
            "seekpass-submission-id/v2",
            spec.api.as_str(),
            spec.add_path,
            ty.as_str(),
            user,
            &joined,
        ],
    );
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    format!("{prefix}-{}", uuid_v4(bytes))
}
