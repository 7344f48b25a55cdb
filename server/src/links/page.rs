//! The landing's pages. Scanners and chat previews fetch them and keep copies, so they carry the
//! credential's title and nothing more personal (no name, no scores), are never cached or
//! indexed, and send no referrer (the handle is in their URL).

use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use seekpass_button::core::messages::{Locale, Message};
use seekpass_button::{CredentialType, WireEnum};

use super::texts::{text, Text};
use crate::markup::{button, escape};
use crate::proxy::pages::private_page;

/// Where the button's script and stylesheet are served (as on the demo page).
const SCRIPT: &str = "/dist/cdn/latest/seekpass-button.js";
const STYLE: &str = "/dist/cdn/latest/seekpass-button.css";

/// What a landing page shows.
pub enum Landing<'a> {
    /// The button, for the credential titled `titles` (several for a batch).
    Button {
        /// Record titles.
        titles: Vec<String>,
        /// The credential type.
        ty: CredentialType,
        /// The references (the form's fields; the landing reads the handle, not them).
        refs: &'a [String],
        /// The landing's own path, where the button posts.
        endpoint: &'a str,
        /// The button's `environment` attribute.
        environment: &'a str,
    },
    /// A printed link without the right sign-in: the way to sign in, and back here.
    SignIn {
        /// Record titles.
        titles: Vec<String>,
        /// The partner's sign-in URL, returning to this landing.
        href: String,
        /// Signed in, but as another person.
        other_account: bool,
    },
    /// Not a link of ours (`404`).
    Invalid,
    /// Expired or revoked (`410`).
    Expired,
}

/// A landing page in `locale`.
pub fn render(landing: Landing<'_>, locale: Locale) -> Response {
    let t = |m| escape(text(locale, m));
    let heading = |titles: &[String]| match titles {
        [one] => escape(one.as_str()),
        _ => escape(locale.text(Message::Label)),
    };
    let list = |titles: &[String]| match titles {
        [_] => String::new(),
        many => {
            let items: String = many
                .iter()
                .map(|t| format!("<li>{}</li>", escape(t)))
                .collect::<String>();
            format!("<ul>{items}</ul>")
        }
    };
    let scripted = matches!(landing, Landing::Button { .. });
    let (status, title, body) = match landing {
        Landing::Button {
            titles,
            ty,
            refs,
            endpoint,
            environment,
        } => {
            let host = [("environment", environment), ("locale", locale.as_str())];
            let body = format!(
                "{}{}<p>{}</p>",
                list(&titles),
                button(&host, endpoint, ty, refs, locale),
                t(Text::Explain)
            );
            (StatusCode::OK, heading(&titles), body)
        }
        Landing::SignIn {
            titles,
            href,
            other_account,
        } => {
            let prompt = if other_account {
                Text::OtherAccount
            } else {
                Text::SignInPrompt
            };
            let body = format!(
                "{}<p>{}</p><p><a class=\"sign-in\" href=\"{}\">{}</a></p>",
                list(&titles),
                t(prompt),
                escape(&href),
                t(Text::SignIn)
            );
            (StatusCode::OK, heading(&titles), body)
        }
        Landing::Invalid => (
            StatusCode::NOT_FOUND,
            t(Text::InvalidTitle),
            format!("<p>{}</p>", t(Text::InvalidBody)),
        ),
        Landing::Expired => (
            StatusCode::GONE,
            t(Text::ExpiredTitle),
            format!("<p>{}</p>", t(Text::ExpiredBody)),
        ),
    };
    // The button's own files only where there is a button.
    let button_files = if scripted {
        format!("<link rel=\"stylesheet\" href=\"{STYLE}\"><script type=\"module\" src=\"{SCRIPT}\"></script>")
    } else {
        String::new()
    };
    let page = format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{title}</title><link rel=\"stylesheet\" href=\"/style.css\">{button_files}</head><body><main class=\"landing\"><h1>{title}</h1>{body}</main></body></html>\n",
        lang = locale.as_str(),
    );
    // The site's CSP (the layer's) lets the button's script and wasm run here.
    let mut resp = private_page(status, page);
    resp.headers_mut()
        .insert("x-robots-tag", HeaderValue::from_static("noindex"));
    resp
}
