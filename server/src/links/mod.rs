//! Entry links for the journey outside the page (issue 26): a results email, a printed
//! certificate, a text message. A partner mints a short signed handle for one person's
//! credential and channel ([`handle`]); the landing ([`landing`]) shows the button and asks SEEK
//! Pass only on a same-origin confirmation. [`cli`] mints from the command line, with the QR code
//! ([`qr`]) and the email button ([`email`]).

pub mod channel;
pub mod cli;
pub mod email;
pub mod handle;
pub mod landing;
pub mod mark;
mod page;
pub mod qr;
pub mod revoked;
mod texts;

use std::sync::Arc;

use crate::clock::Clock;
use crate::metrics::Metrics;
use crate::state::ProxyState;

/// The key the mock uses when `SEEKPASS_LINK_KEY` is not set, so `npm start` and
/// `seekpass-server link` agree without configuration. Public: never valid outside the mock.
pub const MOCK_LINK_KEY: [u8; 32] = *b"seekpass-mock-link-key/only-mock";

/// What the landing uses.
pub struct LinkState {
    /// `SEEKPASS_LINK_KEY`: signs and checks handles.
    pub key: Vec<u8>,
    /// `SEEKPASS_REVOKED_LINKS`.
    pub revoked: revoked::Revocations,
    /// `SEEKPASS_SIGN_IN_URL`: where a printed link sends a person to sign in.
    pub sign_in: String,
    /// The `environment` attribute of the landing's button.
    pub button_environment: String,
    /// Judges expiry (the mock's clock, so tests can move it).
    pub clock: Arc<Clock>,
    /// Counts views and confirmations by channel.
    pub metrics: Arc<Metrics>,
    /// Records, sessions, limits and the way to SEEK Pass: the in-page button's.
    pub proxy: Arc<ProxyState>,
}
