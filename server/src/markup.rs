//! HTML the server writes: escaping, and the button's recommended markup (the element, its
//! attributes and a declarative shadow root holding a working form, as `renderButtonHtml` in
//! `js/html.js` writes it; `tests/e2e/form.test.mjs` compares the two).

use seekpass_button::core::messages::{Locale, Message};
use seekpass_button::core::surface::ViewState;
use seekpass_button::core::surface::{form_field, MARK_PATHS, TAG};
use seekpass_button::{CredentialType, WireEnum};

/// `text` safe inside an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '<' | '>' | '"' | '\'' => out.push_str(&format!("&#{};", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// A hidden form field.
pub fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
        escape(value)
    )
}

/// The form-mode fields of a credential: its type, and its reference (or a batch's, one field
/// each).
pub fn credential_fields(ty: CredentialType, refs: &[String]) -> String {
    let name = if ty.is_batch() {
        form_field::CREDENTIAL_REFS
    } else {
        form_field::CREDENTIAL_REF
    };
    let mut out = hidden(form_field::CREDENTIAL_TYPE, ty.as_str());
    for r in refs {
        out.push_str(&hidden(name, r));
    }
    out
}

/// The button for `ty` and `refs`, posting to `endpoint`; `host` are the element's other
/// attributes (name, value), written in the order given after the endpoint and the credential.
/// As `renderButtonHtml` writes it: the attributes configure the element, and its declarative
/// shadow root holds the working form (styled through `::part()` until the element is defined).
/// The form's label is in `locale` (pass its `locale` attribute in `host` too, as
/// `renderButtonHtml` writes it for `options.locale`).
pub fn button(
    host: &[(&str, &str)],
    endpoint: &str,
    ty: CredentialType,
    refs: &[String],
    locale: Locale,
) -> String {
    let refs_attr = if ty.is_batch() {
        "credential-refs"
    } else {
        "credential-ref"
    };
    let joined = refs.join(" ");
    let mut out = format!("<{TAG}");
    let own = [
        ("endpoint", endpoint),
        ("credential-type", ty.as_str()),
        (refs_attr, joined.as_str()),
    ];
    for (name, value) in own.iter().chain(host) {
        out.push_str(&format!(" {name}=\"{}\"", escape(value)));
    }
    out.push_str(&format!(
        "><template shadowrootmode=\"open\"><form class=\"container\" part=\"container\" method=\"post\" action=\"{}\" lang=\"{}\" dir=\"ltr\">",
        escape(endpoint),
        locale.as_str()
    ));
    out.push_str(&credential_fields(ty, refs));
    out.push_str(&format!(
        "<button class=\"button\" part=\"button\" type=\"submit\" data-state=\"{}\"><span class=\"mark\" part=\"mark\" aria-hidden=\"true\"><svg viewBox=\"0 0 24 24\" width=\"100%\" height=\"100%\" focusable=\"false\">",
        ViewState::Idle.as_str()
    ));
    for (d, class) in MARK_PATHS {
        out.push_str(&format!(
            "<path class=\"{class}\" part=\"{class}\" d=\"{d}\"></path>"
        ));
    }
    out.push_str(&format!(
        "</svg></span><span class=\"label\" part=\"label\">{}</span><span class=\"spinner\" part=\"spinner\" aria-hidden=\"true\"></span></button></form></template></{TAG}>",
        escape(locale.text(Message::Label))
    ));
    out
}
