//! Where an entry link is handed out, and the policy each place gets (README "Outside the page").

use std::time::Duration;

/// The channel of an entry link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// A results email: the inbox is the factor, as for a password-reset link.
    Email,
    /// A printed certificate or a PDF: handed to employers and visa officers, so it grants
    /// nothing by itself and asks for the partner's sign-in.
    Print,
    /// A text message: the phone is the factor.
    Sms,
}

impl Channel {
    /// Every channel, in the spec's order.
    pub const ALL: [Channel; 3] = [Channel::Email, Channel::Print, Channel::Sms];

    /// Its one-letter code in a handle.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Email => "e",
            Channel::Print => "p",
            Channel::Sms => "s",
        }
    }

    /// The channel with code `code`.
    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Its name on the command line and in metrics.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Print => "print",
            Channel::Sms => "sms",
        }
    }

    /// The channel named `name`.
    pub fn from_name(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether confirming needs the partner's sign-in as the link's user. A printed code is
    /// seen by everyone the paper is shown to; an email or a text reached only its owner.
    pub fn needs_sign_in(self) -> bool {
        self == Channel::Print
    }

    /// How long a link lives unless the sender says otherwise: an email is read within weeks,
    /// a text within days, and paper lasts (it grants nothing without the sign-in).
    pub fn default_ttl(self) -> Duration {
        const DAY: u64 = 24 * 3600;
        Duration::from_secs(match self {
            Channel::Email => 90 * DAY,
            Channel::Sms => 14 * DAY,
            Channel::Print => 10 * 365 * DAY,
        })
    }
}

/// Parses a lifetime such as `90s`, `15m`, `12h`, `30d`: digits, then one unit.
pub fn parse_ttl(text: &str) -> Option<Duration> {
    let unit = text.chars().last()?;
    let count: u64 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    let secs = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        _ => return None,
    };
    (count > 0)
        .then(|| count.checked_mul(secs))
        .flatten()
        .map(Duration::from_secs)
}
