//! One attempt at the partner proxy (or the integrator's `getRedirectUri`), with a timeout and
//! an abort handle. What comes back goes straight to the core's classifier and gate.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, RequestCredentials, RequestInit, RequestMode, RequestRedirect,
    Response, ResponseType,
};

use super::error::failure_from_js;
use crate::core::classify::{classify_response, Failure, ProxyResponse, MAX_BODY_LEN};
use crate::core::contract::ProxyRequest;
use crate::core::error::ErrorCode;

/// What the proxy answered, owned; [`Answer::view`] lends it to the core.
pub struct Answer {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<String>,
    body: String,
}

impl Answer {
    /// The answer as the core reads it.
    pub fn view(&self) -> ProxyResponse<'_> {
        ProxyResponse {
            status: self.status,
            content_type: self.content_type.as_deref(),
            retry_after: self.retry_after.as_deref(),
            body: &self.body,
        }
    }
}

/// A running attempt; dropping it cancels its timer, [`Attempt::abort`] cancels the request.
pub struct Attempt {
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
    _timer: Timeout,
}

impl Attempt {
    /// Starts the clock for an attempt of at most `timeout_ms`.
    pub fn start(timeout_ms: u32) -> Result<Attempt, JsValue> {
        let controller = AbortController::new()?;
        let timed_out = Rc::new(Cell::new(false));
        let (flag, signal_owner) = (timed_out.clone(), controller.clone());
        let timer = Timeout::new(timeout_ms, move || {
            flag.set(true);
            signal_owner.abort();
        });
        Ok(Attempt {
            controller,
            timed_out,
            _timer: timer,
        })
    }

    /// Cancels the request, if it is still running.
    pub fn abort(&self) {
        self.controller.abort();
    }

    /// Sends `req` and returns the raw `redirect_uri`, or a failure.
    pub async fn fetch(&self, req: &ProxyRequest, now_unix: u64) -> Result<String, Failure> {
        let answer = self.exchange(req).await?;
        classify_response(&answer.view(), now_unix)
    }

    /// Sends `req` and reads the answer: status, the headers the core reads, and the body up to
    /// the cap (an opaque redirect is status 0 with no body).
    pub async fn exchange(&self, req: &ProxyRequest) -> Result<Answer, Failure> {
        let response = self
            .send(req)
            .await
            .map_err(|e| failure_from_js(&e, self.timed_out.get()))?;
        let status = if response.type_() == ResponseType::Opaqueredirect {
            0
        } else {
            response.status()
        };
        let headers = response.headers();
        let content_type = headers.get("content-type").ok().flatten();
        let retry_after = headers.get("retry-after").ok().flatten();
        let declared_len = headers
            .get("content-length")
            .ok()
            .flatten()
            .and_then(|l| l.trim().parse::<usize>().ok());
        let body = if status == 0 || declared_len.is_some_and(|l| l > MAX_BODY_LEN) {
            // Too big to be an answer: do not read it; the core refuses the empty body.
            String::new()
        } else {
            self.text(&response).await?
        };
        Ok(Answer {
            status,
            content_type,
            retry_after,
            body,
        })
    }

    /// Calls the integrator's `getRedirectUri()` and awaits its promise of a string.
    pub async fn call_hook(&self, hook: &Function) -> Result<String, Failure> {
        let value = hook
            .call0(&JsValue::NULL)
            .map_err(|e| failure_from_js(&e, false))?;
        let value = JsFuture::from(Promise::resolve(&value))
            .await
            .map_err(|e| failure_from_js(&e, false))?;
        value
            .as_string()
            .ok_or(Failure::new(ErrorCode::InvalidResponse))
    }

    async fn send(&self, req: &ProxyRequest) -> Result<Response, JsValue> {
        let headers = Headers::new()?;
        for (name, value) in &req.headers {
            headers.set(name, value)?;
        }
        let init = RequestInit::new();
        init.set_method(req.method);
        init.set_headers(&headers);
        if !req.body.is_empty() {
            init.set_body(&JsValue::from_str(&req.body));
        }
        init.set_mode(RequestMode::SameOrigin);
        init.set_credentials(RequestCredentials::SameOrigin);
        // A redirect here is a login page or worse; never follow it with our body.
        init.set_redirect(RequestRedirect::Manual);
        init.set_signal(Some(&self.controller.signal()));
        let win = super::dom::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let response = JsFuture::from(win.fetch_with_str_and_init(&req.url, &init)).await?;
        response.dyn_into::<Response>()
    }

    async fn text(&self, response: &Response) -> Result<String, Failure> {
        let promise = response
            .text()
            .map_err(|e| failure_from_js(&e, self.timed_out.get()))?;
        let text = JsFuture::from(promise)
            .await
            .map_err(|e| failure_from_js(&e, self.timed_out.get()))?;
        Ok(text.as_string().unwrap_or_default())
    }
}
