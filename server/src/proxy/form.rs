//! Contract v1's form mode: the button as a plain HTML form, before (or without) its script and
//! wasm. `POST /api/seekpass/add`, `application/x-www-form-urlencoded`, answers a same-origin page
//! that continues to the gated link, or a failure page in the person's language that never
//! carries server text or the link (both in [`super::pages`]).
//!
//! Fields: `credentialType`; `credentialRef` for a single credential; one `credentialRefs`
//! field per reference for a batch (as a form sends repeated hidden inputs); optionally
//! `locale`, the button's own locale, for the failure page.

use axum::http::{header, HeaderMap, HeaderValue};
use seekpass_button::core::messages::Locale;
use seekpass_button::core::surface::form_field;

use super::ProxyError;

/// The path of the add endpoint (the failure page's "Try again" posts back to it).
pub const ADD_PATH: &str = "/api/seekpass/add";

/// A form-mode request, read from its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormAdd {
    /// The credential type asked for, as sent (checked by the caller).
    pub credential_type: String,
    /// `credentialRef`, for a single credential.
    pub credential_ref: Option<String>,
    /// The `credentialRefs` fields, in order, for a batch.
    pub credential_refs: Option<Vec<String>>,
    /// The button's locale, for the failure page.
    pub locale: Option<String>,
}

/// Reads the fields; an unknown or repeated single field is a bad request.
pub fn parse(body: &[u8]) -> Result<FormAdd, ProxyError> {
    let mut form = FormAdd {
        credential_type: String::new(),
        credential_ref: None,
        credential_refs: None,
        locale: None,
    };
    let mut seen_type = false;
    for (name, value) in form_urlencoded::parse(body) {
        let once = |slot: &mut Option<String>| match slot {
            Some(_) => Err(ProxyError::BadRequest),
            None => {
                *slot = Some(value.clone().into_owned());
                Ok(())
            }
        };
        match name.as_ref() {
            form_field::CREDENTIAL_TYPE if !seen_type => {
                seen_type = true;
                form.credential_type = value.clone().into_owned();
            }
            form_field::CREDENTIAL_REF => once(&mut form.credential_ref)?,
            form_field::LOCALE => once(&mut form.locale)?,
            form_field::CREDENTIAL_REFS => form
                .credential_refs
                .get_or_insert_with(Vec::new)
                .push(value.into_owned()),
            _ => return Err(ProxyError::BadRequest),
        }
    }
    if !seen_type {
        return Err(ProxyError::BadRequest);
    }
    Ok(form)
}

/// CSRF for a form, which cannot carry the widget's header: the browser's fetch metadata must
/// say `same-origin`; a browser that sends none must send an `Origin` equal to the public
/// origin (or, without one configured, to this request's own `Host`).
pub fn same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    match text("sec-fetch-site") {
        Some(site) => site == "same-origin",
        None => match (text("origin"), public_origin) {
            (Some(origin), Some(public)) => origin == public,
            (Some(origin), None) => {
                let authority = origin.split_once("://").map(|(_, a)| a);
                authority.is_some() && authority == text("host")
            }
            (None, _) => false,
        },
    }
}

/// The language of the failure page: the button's `locale` field, else the browser's first
/// `Accept-Language` tag, negotiated as the button negotiates.
pub fn locale(form: Option<&FormAdd>, headers: &HeaderMap) -> Locale {
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';']).next())
        .map(str::trim);
    Locale::negotiate(
        form.and_then(|f| f.locale.as_deref())
            .or(accepted)
            .unwrap_or(""),
    )
}

/// A same-origin `Referer`, for the "back" link, as the absolute URL (path and query); anything
/// else gives none. Absolute, because a same-origin path such as `//evil.example/x` would be read
/// by the browser as another host (threats.md item 75).
pub fn back_link(headers: &HeaderMap, public_origin: Option<&str>) -> Option<String> {
    let referer = url::Url::parse(headers.get(header::REFERER)?.to_str().ok()?).ok()?;
    let origin = referer.origin().ascii_serialization();
    let ours = match public_origin {
        Some(public) => origin == public,
        None => {
            let host = headers.get(header::HOST)?.to_str().ok()?;
            referer[url::Position::BeforeHost..url::Position::AfterPort] == *host
        }
    };
    ours.then(|| referer[..url::Position::AfterQuery].to_owned())
}
