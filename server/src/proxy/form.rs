//! Contract v1's form mode: the button as a plain HTML form, before (or without) its script and
//! wasm. `POST /api/seekpass/add`, `application/x-www-form-urlencoded`, answers `303 See Other`
//! to the gated link, or a small page in the person's language that never carries server text
//! or the link.
//!
//! Fields: `credentialType`; `credentialRef` for a single credential; one `credentialRefs`
//! field per reference for a batch (as a form sends repeated hidden inputs); optionally
//! `locale`, the button's own locale, for the failure page.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use seekpass_button::core::classify::{classify_response, ProxyResponse};
use seekpass_button::core::messages::{Locale, Message};
use seekpass_button::core::surface::form_field;
use seekpass_button::{CredentialType, WireEnum};

use super::ProxyError;
use crate::markup::{credential_fields, escape, hidden};

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

/// `303 See Other` to the gated link; no cache may keep it.
pub fn see_other(link: &str) -> Result<Response, ProxyError> {
    let location = HeaderValue::from_str(link).map_err(|_| ProxyError::RedirectRejected)?;
    Ok((
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, location),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response())
}

/// "Back to the page you came from", per locale (the rest of the page is the button's own
/// catalogue, so the person reads what the button would have said).
fn back_text(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "Back to the previous page",
        Locale::Id => "Kembali ke halaman sebelumnya",
        Locale::Th => "กลับไปยังหน้าก่อนหน้า",
        Locale::Ms => "Kembali ke halaman sebelumnya",
        Locale::ZhHk => "返回上一頁",
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

/// A same-origin `Referer`'s path and query, for the "back" link; anything else gives none.
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
    ours.then(|| referer[url::Position::BeforePath..url::Position::AfterQuery].to_owned())
}

/// What the failure page shows and offers.
pub struct FailurePage<'a> {
    /// What went wrong.
    pub error: ProxyError,
    /// Its language.
    pub locale: Locale,
    /// The validated request, offered again by "Try again" when trying again can help.
    pub retry: Option<(CredentialType, &'a [String], Option<&'a str>)>,
    /// Where "back" goes (a same-origin path), if anywhere.
    pub back: Option<String>,
}

impl IntoResponse for FailurePage<'_> {
    fn into_response(self) -> Response {
        let (_, status) = self.error.code_and_status();
        // The button's own reading of this status, so the page says what the button would.
        let code = classify_response(
            &ProxyResponse {
                status: status.as_u16(),
                content_type: None,
                retry_after: None,
                body: None,
            },
            0,
        )
        .err()
        .map(|f| f.code);
        let message = code.map_or(Message::Broken, Message::for_error);
        let t = |m| escape(self.locale.text(m));
        let mut page = format!(
            "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title></head><body><main><h1>{title}</h1><p role=\"alert\">{message}</p>",
            lang = self.locale.as_str(),
            title = t(Message::Label),
            message = t(message),
        );
        let retryable = code.is_some_and(|c| c.retryable());
        if let (true, Some((ty, refs, locale))) = (retryable, self.retry) {
            page.push_str(&format!("<form method=\"post\" action=\"{ADD_PATH}\">"));
            page.push_str(&credential_fields(ty, refs));
            if let Some(locale) = locale {
                page.push_str(&hidden(form_field::LOCALE, locale));
            }
            page.push_str(&format!(
                "<button type=\"submit\">{}</button></form>",
                t(Message::Retry)
            ));
        }
        if let Some(back) = &self.back {
            page.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>",
                escape(back),
                escape(back_text(self.locale))
            ));
        }
        page.push_str("</main></body></html>\n");
        let mut resp = (status, page).into_response();
        let headers = resp.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
            ),
        );
        if let ProxyError::RateLimited(Some(secs)) = self.error {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}
