//! Repair of the one known encoding fault in `redirect_uri` values.

use std::borrow::Cow;

use crate::core::text::find;

const ESCAPED_AMPERSAND: &str = "\\u0026";

/// Replaces each literal six-character `\u0026` with `&`, and nothing else.
///
/// Broader unescaping is how `\u0040` would turn into `@` and move the host, so every other
/// escape is left for the gate to refuse. The scan is single-pass and cannot create a new
/// `\u0026`, so the repair is idempotent.
///
/// ```
/// use seekpass_button::repair;
/// assert_eq!(repair(r"#clientId=a\u0026content=b"), "#clientId=a&content=b");
/// assert_eq!(repair(r"x\u0040y"), r"x\u0040y");
/// ```
pub fn repair(raw: &str) -> Cow<'_, str> {
    let Some(first) = find(raw, ESCAPED_AMPERSAND) else {
        return Cow::Borrowed(raw);
    };
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut next = Some(first);
    while let Some(at) = next {
        out.push_str(&rest[..at]);
        out.push('&');
        rest = &rest[at + ESCAPED_AMPERSAND.len()..];
        next = find(rest, ESCAPED_AMPERSAND);
    }
    out.push_str(rest);
    Cow::Owned(out)
}
