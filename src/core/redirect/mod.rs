//! The redirect gate: the only way a `redirect_uri` becomes something the widget may navigate to.
//!
//! The gate accepts a string only if it is exactly
//! `<env origin><known app path>#<clientId, documentType, content>`, written in the canonical
//! form a WHATWG URL parser would produce, so no parser normalisation can ever move the
//! destination. Rules and vectors: `threats.md` R-B and §3.

mod fragment;
mod gate;
mod repair;

use std::fmt;

use super::credential::CredentialType;
use super::wire::wire_enum;

pub use gate::{
    accept_redirect, accept_redirect_bound, accept_redirect_for_client, accept_redirect_for_type,
    MAX_REDIRECT_LEN,
};
pub use repair::repair;

wire_enum! {
    /// Why the gate refused a redirect. [`RedirectError::code`] gives the stable string.
    pub enum RedirectError {
        /// The string is empty.
        Empty = "empty",
        /// Longer than [`MAX_REDIRECT_LEN`] bytes.
        TooLong = "too_long",
        /// A byte outside printable ASCII, or one of `\ " < > ` { } | ^`.
        Charset = "charset",
        /// Not the environment's scheme.
        Scheme = "scheme",
        /// A host other than the environment's.
        Host = "host",
        /// A SEEK Pass host of another environment (e.g. staging for a production button).
        EnvMismatch = "env_mismatch",
        /// A user name or password before the host.
        Userinfo = "userinfo",
        /// A port the environment does not use.
        Port = "port",
        /// A path that is not one of the SEEK Pass app's add paths.
        Path = "path",
        /// A query string; SEEK Pass puts its parameters in the fragment.
        Query = "query",
        /// A missing, empty, duplicated or malformed fragment parameter.
        Fragment = "fragment",
        /// A parameter or document type this widget version does not know.
        RedirectShapeUnexpected = "redirect_shape_unexpected",
        /// The `clientId` differs from the partner's configured client id.
        ClientMismatch = "client_mismatch",
        /// A valid redirect for another credential type than the button's.
        Type = "type",
        /// A spelling a URL parser would rewrite (case, default port, dot segments).
        NonCanonical = "non_canonical",
    }
}

impl RedirectError {
    /// The stable machine-readable reason, e.g. `"host"`.
    pub fn code(&self) -> &'static str {
        super::wire::WireEnum::as_str(self)
    }
}

impl std::error::Error for RedirectError {}

/// A redirect that passed the gate. It can only be made by [`accept_redirect`], and the one
/// navigation function takes nothing else (threats.md item 9):
///
/// ```compile_fail
/// use seekpass_button::{CredentialType, ValidatedRedirect};
/// let forged = ValidatedRedirect { href: "javascript:alert(1)".into(), credential_type: CredentialType::Batch };
/// ```
///
/// It is a claimable capability: `Debug` does not print it and it has no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidatedRedirect {
    href: String,
    credential_type: CredentialType,
}

impl ValidatedRedirect {
    /// The URL to navigate to, with `&` separators.
    pub fn as_str(&self) -> &str {
        &self.href
    }

    /// The credential type named by the redirect's path.
    pub fn credential_type(&self) -> CredentialType {
        self.credential_type
    }
}

impl fmt::Debug for ValidatedRedirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValidatedRedirect")
            .field("credential_type", &self.credential_type)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
