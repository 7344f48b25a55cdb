//! One attempt at the partner proxy (or the integrator's `getRedirectUri`), with a timeout and
//! an abort handle. The request body is serialised with serde-wasm-bindgen and sent with
//! gloo-net; status, headers and body come from gloo-net's `Response`. The body is read as a
//! stream, counted, and cancelled at the cap; its JSON is parsed by the browser's `JSON.parse`
//! and read into the core's answer types ([`FromJs`]). What comes back goes straight to the
//! core's classifier and gate.
//!
//! Not gloo-net's request builder, nor serde-wasm-bindgen's `from_value`: measured on the
//! release build they add 2.6 KB and 11.9 KB brotli (README "Size and speed").

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, Response};
use gloo_timers::callback::Timeout;
use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, ReadableStreamDefaultReader, RequestCredentials, RequestInit,
    RequestMode, RequestRedirect, ResponseType, TextDecoder,
};

use super::dom;
use super::error::{failure_from_gloo, failure_from_js};
use crate::core::classify::{classify_response, BodyCap, Failure, ProxyResponse, RedirectAnswer};
use crate::core::contract::ProxyRequest;
use crate::core::error::ErrorCode;
use crate::core::status::StatusAnswer;

/// A core answer type read from the value `JSON.parse` returned; `None` unless it has the
/// type's shape (an object whose member is a string).
pub trait FromJs: Sized {
    /// Reads `value`.
    fn from_js(value: &JsValue) -> Option<Self>;
}

/// The string member `key` of an object.
fn string_member(value: &JsValue, key: &str) -> Option<String> {
    dom::property(value, key)?.as_string()
}

impl FromJs for RedirectAnswer {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(RedirectAnswer {
            redirect_uri: string_member(value, "redirect_uri")?,
        })
    }
}

impl FromJs for StatusAnswer {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(StatusAnswer {
            status: string_member(value, "status")?,
        })
    }
}

/// A running attempt; dropping it cancels its timer, [`Attempt::abort`] cancels the request.
pub struct Attempt {
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
    _timer: Timeout,
}

/// What the proxy answered, owned; [`Answer::view`] lends it to the core.
pub struct Answer<B> {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<String>,
    body: Option<B>,
}

impl<B> Answer<B> {
    /// The answer as the core reads it.
    pub fn view(&self) -> ProxyResponse<'_, B> {
        ProxyResponse {
            status: self.status,
            content_type: self.content_type.as_deref(),
            retry_after: self.retry_after.as_deref(),
            body: self.body.as_ref(),
        }
    }
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
        let answer = self.exchange::<RedirectAnswer>(req).await?;
        classify_response(&answer.view(), now_unix)
    }

    /// Sends `req` and reads the answer: status, the headers the core reads, and a success
    /// body read as `B` (an opaque redirect is status 0 with no body).
    pub async fn exchange<B: FromJs>(&self, req: &ProxyRequest) -> Result<Answer<B>, Failure> {
        let response = self.send(req).await?;
        // gloo-net exposes the status, which is 0 for an opaque redirect too; the type says which.
        let status = if response.type_() == ResponseType::Opaqueredirect {
            0
        } else {
            response.status()
        };
        let headers = response.headers();
        let get = |n: &str| headers.get(n);
        let body = if (200..300).contains(&status) {
            self.read_json(&response)
                .await?
                .as_ref()
                .and_then(B::from_js)
        } else {
            // Error bodies are never read: the status decides, and server text never shows.
            None
        };
        Ok(Answer {
            status,
            content_type: get("content-type"),
            retry_after: get("retry-after"),
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

    /// Builds the request (web-sys `RequestInit`: gloo-net's builder would re-parse the URL and
    /// link `core::fmt`) and sends it with gloo-net.
    async fn send(&self, req: &ProxyRequest) -> Result<Response, Failure> {
        let js = |e: JsValue| failure_from_js(&e, self.timed_out.get());
        let headers = Headers::new().map_err(js)?;
        for (name, value) in &req.headers {
            headers.set(name, value).map_err(js)?;
        }
        let init = RequestInit::new();
        init.set_method(req.method);
        init.set_headers(&headers);
        if let Some(body) = &req.body {
            let value = serde_wasm_bindgen::to_value(body)
                .map_err(|_| Failure::new(ErrorCode::Internal))?;
            let text = js_sys::JSON::stringify(&value).map_err(js)?;
            init.set_body(&text);
        }
        init.set_mode(RequestMode::SameOrigin);
        init.set_credentials(RequestCredentials::SameOrigin);
        // A redirect here is a login page or worse; never follow it with our body.
        init.set_redirect(RequestRedirect::Manual);
        init.set_signal(Some(&self.controller.signal()));
        let request = web_sys::Request::new_with_str_and_init(&req.url, &init).map_err(js)?;
        Request::from(request)
            .send()
            .await
            .map_err(|e| failure_from_gloo(&e, self.timed_out.get()))
    }

    /// Reads the body as a stream, stopping (and cancelling the stream, which closes the
    /// connection) once it passes the cap; then `JSON.parse`. A body that is not UTF-8 JSON is
    /// `None`; one over the cap is a failure.
    async fn read_json(&self, response: &Response) -> Result<Option<JsValue>, Failure> {
        let js = |e: JsValue| failure_from_js(&e, self.timed_out.get());
        let Some(stream) = response.body() else {
            return Ok(None);
        };
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        let mut cap = BodyCap::default();
        let mut bytes = Vec::new();
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(js)?;
            if Reflect::get(&chunk, &"done".into()).is_ok_and(|d| d.is_truthy()) {
                break;
            }
            let value: Uint8Array = Reflect::get(&chunk, &"value".into())
                .map_err(js)?
                .unchecked_into();
            let len = value.length() as usize;
            if !cap.admit(len) {
                let _ = reader.cancel();
                return Err(Failure::new(ErrorCode::InvalidResponse));
            }
            let start = bytes.len();
            bytes.resize(start + len, 0);
            value.copy_to(&mut bytes[start..]);
        }
        // The Fetch Standard's UTF-8 decode: a leading byte-order mark dropped, bad bytes
        // replaced (then refused by `JSON.parse` or the gate).
        let text = TextDecoder::new()
            .and_then(|d| d.decode_with_u8_array(&bytes))
            .map_err(js)?;
        Ok(js_sys::JSON::parse(&text).ok())
    }
}
