//! The form mode's two answers, small pages in the person's language: the way on to SEEK Pass,
//! and the failure page. Neither carries server text; only the first carries the link.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use seekpass_button::core::classify::{classify_response, ProxyResponse};
use seekpass_button::core::messages::{Locale, Message};
use seekpass_button::core::surface::form_field;
use seekpass_button::{CredentialType, WireEnum};

use super::ProxyError;
use crate::markup::{credential_fields, escape, hidden};

/// The answer to a form post that got its link: a same-origin page that goes on to SEEK Pass by
/// itself (`<meta http-equiv="refresh">`, which browsers treat as a redirect and replace in the
/// history), with the link as a plain `<a>` where automatic refresh is turned off.
///
/// Not a `303`: a partner page whose CSP says `form-action 'self'` makes the browser refuse a
/// form's redirect to another origin (threats.md item 76), while no CSP directive governs a
/// refresh from a same-origin page. The page is `no-store` and sends no referrer, as the `303`
/// was and did.
pub struct ContinuePage<'a> {
    /// The gated, repaired SEEK Pass link.
    pub link: &'a str,
    /// The person's language.
    pub locale: Locale,
}

impl IntoResponse for ContinuePage<'_> {
    fn into_response(self) -> Response {
        let link = escape(self.link);
        let t = |m| escape(self.locale.text(m));
        let page = format!(
            "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={link}\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title></head><body><main><h1>{title}</h1><p><a href=\"{link}\">{open}</a></p></main></body></html>\n",
            lang = self.locale.as_str(),
            title = t(Message::Navigating),
            open = t(Message::OpenLink),
        );
        html(
            StatusCode::OK,
            page,
            "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
    }
}

/// A page's common headers: HTML, never cached, no referrer, its own CSP.
fn html(status: StatusCode, page: String, csp: &'static str) -> Response {
    let mut resp = private_page(status, page);
    resp.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    resp
}

/// An HTML page for one person: never cached, and sending no referrer (its URL or its content may
/// be a capability). The site's CSP applies unless the caller sets its own.
pub(crate) fn private_page(status: StatusCode, page: String) -> Response {
    let mut resp = (status, page).into_response();
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    resp
}

/// The failure page's heading and title, and its two ways back, per locale (the message is the
/// button's own catalogue, so the person reads what the button would have said).
fn texts(locale: Locale) -> [&'static str; 3] {
    match locale {
        Locale::En => [
            "Not added to SEEK Pass",
            "Back to the previous page",
            "Go to the home page",
        ],
        Locale::Id => [
            "Tidak ditambahkan ke SEEK Pass",
            "Kembali ke halaman sebelumnya",
            "Ke halaman utama",
        ],
        Locale::Th => ["ไม่ได้เพิ่มลงใน SEEK Pass", "กลับไปยังหน้าก่อนหน้า", "ไปที่หน้าแรก"],
        Locale::Ms => [
            "Tidak ditambah ke SEEK Pass",
            "Kembali ke halaman sebelumnya",
            "Ke laman utama",
        ],
        Locale::ZhHk => ["未能加入 SEEK Pass", "返回上一頁", "前往首頁"],
    }
}

/// What the failure page shows and offers.
pub struct FailurePage<'a> {
    /// What went wrong.
    pub error: ProxyError,
    /// Its language.
    pub locale: Locale,
    /// The validated request, offered again by "Try again" when trying again can help.
    pub retry: Option<(CredentialType, &'a [String], Option<&'a str>)>,
    /// Where "Try again" posts: the add endpoint, or an entry link's landing.
    pub action: &'a str,
    /// Where "back" goes (an absolute same-origin URL), if anywhere; else the site's root.
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
        let [failed, back, home] = texts(self.locale);
        let mut page = format!(
            "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{failed}</title></head><body><main><h1>{failed}</h1><p role=\"alert\">{message}</p>",
            lang = self.locale.as_str(),
            failed = escape(failed),
            message = t(message),
        );
        let retryable = code.is_some_and(|c| c.retryable());
        if let (true, Some((ty, refs, locale))) = (retryable, self.retry) {
            page.push_str(&format!(
                "<form method=\"post\" action=\"{}\">",
                escape(self.action)
            ));
            page.push_str(&credential_fields(ty, refs));
            if let Some(locale) = locale {
                page.push_str(&hidden(form_field::LOCALE, locale));
            }
            page.push_str(&format!(
                "<button type=\"submit\">{}</button></form>",
                t(Message::Retry)
            ));
        }
        // Always a way back (WCAG 2.4.3): the page the post came from, else the site's root.
        let (href, text) = match &self.back {
            Some(url) => (escape(url), back),
            None => ("/".to_owned(), home),
        };
        page.push_str(&format!("<p><a href=\"{href}\">{}</a></p>", escape(text)));
        page.push_str("</main></body></html>\n");
        // `form-action 'self'` is enough for "Try again": it posts here, and the answer is a
        // page (`ContinuePage`), not a redirect the policy would refuse.
        let mut resp = html(
            status,
            page,
            "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        );
        if let ProxyError::RateLimited(Some(secs)) = self.error {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}
