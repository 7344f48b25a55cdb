//! The mounted button in headless Chromium, with a scripted `fetch`.
#![allow(clippy::unwrap_used)]
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::{Object, Promise, Reflect};
use seekpass_button::exports::{mount, ButtonHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{CustomEvent, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/fake_fetch.js")]
extern "C" {
    #[wasm_bindgen(js_name = installFakeFetch)]
    fn install_fake_fetch();
    #[wasm_bindgen(js_name = callCount)]
    fn call_count() -> u32;
    #[wasm_bindgen(js_name = callInfo)]
    fn call_info(i: u32) -> String;
    fn respond(i: u32, status: u16, content_type: &str, body: &str);
    #[wasm_bindgen(js_name = failNetwork)]
    fn fail_network(i: u32);
    #[wasm_bindgen(js_name = nextTick)]
    fn next_tick(ms: u32) -> Promise;
}

/// Every `seekpass:*` event seen: name, detail keys, detail.
type EventLog = Rc<RefCell<Vec<(String, Vec<String>, Object)>>>;

struct Fixture {
    host: HtmlElement,
    root: ShadowRoot,
    handle: Option<ButtonHandle>,
    events: EventLog,
    _listeners: Vec<EventListener>,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(mut h) = self.handle.take() {
            h.destroy();
        }
        self.host.remove();
    }
}

/// The DOM `js/element.js` draws before the wasm runs (`spView`), which the view adopts.
#[wasm_bindgen(module = "/js/view.js")]
extern "C" {
    /// The element's own placeholder DOM (one definition, shared with js/element.js).
    #[wasm_bindgen(js_name = drawView)]
    fn draw_view(root: &ShadowRoot, options: &JsValue) -> HtmlElement;
}

/// Draws the placeholder the element draws before the wasm runs, through the element's code.
fn draw_placeholder(root: &ShadowRoot) {
    use seekpass_button::core::messages::{Locale, Message};
    use seekpass_button::core::surface::ViewState;
    use seekpass_button::core::wire::WireEnum;
    let options = Object::new();
    let set = |k: &str, v: JsValue| Reflect::set(&options, &k.into(), &v).unwrap();
    set("state", ViewState::Idle.as_str().into());
    set("label", Locale::En.text(Message::Label).into());
    set("disabled", false.into());
    set("message", JsValue::NULL);
    let mark = js_sys::Array::new();
    for (d, class) in seekpass_button::core::surface::MARK_PATHS {
        mark.push(&js_sys::Array::of2(&(*d).into(), &(*class).into()));
    }
    set("mark", mark.into());
    draw_view(root, &options);
}

fn fixture(attrs: &[(&str, &str)]) -> Fixture {
    install_fake_fetch();
    Fixture::mount_more(attrs)
}

impl Fixture {
    /// Mounts another button without resetting the fake fetch.
    fn mount_more(attrs: &[(&str, &str)]) -> Fixture {
        let doc = web_sys::window().unwrap().document().unwrap();
        let host: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
        for (k, v) in attrs {
            host.set_attribute(k, v).unwrap();
        }
        doc.body().unwrap().append_child(&host).unwrap();
        let root = host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))
            .unwrap();
        let events: EventLog = Rc::new(RefCell::new(Vec::new()));
        let listeners = [
            "seekpass:ready",
            "seekpass:click",
            "seekpass:navigate",
            "seekpass:retry",
            "seekpass:error",
        ]
        .iter()
        .map(|name| {
            let log = events.clone();
            EventListener::new(&host, *name, move |e| {
                let e: &CustomEvent = e.unchecked_ref();
                let detail: Object = e.detail().unchecked_into();
                let keys = Object::keys(&detail)
                    .iter()
                    .map(|k| k.as_string().unwrap())
                    .collect();
                log.borrow_mut().push((e.type_(), keys, detail));
            })
        })
        .collect();
        draw_placeholder(&root);
        let handle = Some(mount(host.clone(), root.clone(), false).unwrap());
        Fixture {
            host,
            root,
            handle,
            events,
            _listeners: listeners,
        }
    }
}

const GOOD: &[(&str, &str)] = &[
    ("endpoint", "/api/seekpass/add"),
    ("credential-type", "education"),
    ("credential-ref", "grad-2024-0042"),
    ("environment", "staging"),
];

impl Fixture {
    fn button(&self) -> HtmlElement {
        self.root
            .query_selector("button")
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap()
    }
    fn state(&self) -> String {
        self.button().get_attribute("data-state").unwrap()
    }
    fn message(&self) -> String {
        self.root
            .query_selector(".message")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    }
    fn names(&self) -> Vec<String> {
        self.events
            .borrow()
            .iter()
            .map(|(n, _, _)| n.clone())
            .collect()
    }
    fn last(&self, name: &str) -> (Vec<String>, Object) {
        let events = self.events.borrow();
        let (_, keys, detail) = events.iter().rev().find(|(n, _, _)| n == name).unwrap();
        (keys.clone(), detail.clone())
    }
}

fn get(o: &Object, key: &str) -> JsValue {
    Reflect::get(o, &key.into()).unwrap()
}

async fn tick(ms: u32) {
    JsFuture::from(next_tick(ms)).await.unwrap();
}

/// Waits until `done` holds, checking every 10 ms, and fails the test after 5 s: the wasm's
/// request and its answer take a few tasks, many more in a browser that has just started on a
/// loaded machine, so a fixed wait is a flake waiting for a slow run.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        tick(10).await;
    }
    panic!("waited 5 s for {what}");
}

/// Waits until the fake fetch has recorded `n` calls.
async fn calls_reach(n: u32) {
    until(&format!("{n} fetch calls"), || call_count() >= n).await;
}

#[wasm_bindgen_test]
async fn mounts_ready_with_label_and_version() {
    let f = fixture(GOOD);
    assert_eq!(f.state(), "idle");
    assert_eq!(f.button().text_content().unwrap(), "Add to SEEK Pass");
    assert_eq!(f.button().get_attribute("part").as_deref(), Some("button"));
    let (keys, detail) = f.last("seekpass:ready");
    assert_eq!(keys, ["version"]);
    assert_eq!(
        get(&detail, "version").as_string().unwrap(),
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(call_count(), 0);
}

#[wasm_bindgen_test]
async fn five_fast_clicks_send_one_request_with_the_contract() {
    let f = fixture(GOOD);
    for _ in 0..5 {
        f.button().click();
    }
    calls_reach(1).await;
    tick(20).await;
    assert_eq!(call_count(), 1);
    assert_eq!(f.state(), "busy");
    assert_eq!(
        f.button().get_attribute("aria-busy").as_deref(),
        Some("true")
    );
    let info: serde_json::Value = serde_json::from_str(&call_info(0)).unwrap();
    assert_eq!(info["url"], "/api/seekpass/add");
    assert_eq!(info["method"], "POST");
    assert_eq!(info["credentials"], "same-origin");
    assert_eq!(info["redirect"], "manual");
    assert_eq!(
        info["body"],
        r#"{"credentialType":"education","credentialRef":"grad-2024-0042"}"#
    );
    assert_eq!(info["headers"]["content-type"], "application/json");
    assert_eq!(info["headers"]["accept"], "application/json");
    assert_eq!(
        info["headers"]["x-seekpass-widget"],
        env!("CARGO_PKG_VERSION")
    );
    let key = info["headers"]["idempotency-key"].as_str().unwrap();
    assert_eq!(key.len(), 36);
    assert_eq!(&key[14..15], "4");
    assert_eq!(f.names(), ["seekpass:ready", "seekpass:click"]);
    assert_eq!(f.last("seekpass:click").0, ["credentialType"]);
}

#[wasm_bindgen_test]
async fn errors_show_the_catalogue_message_and_a_typed_event() {
    let f = fixture(GOOD);
    f.button().click();
    calls_reach(1).await;
    respond(
        0,
        401,
        "application/json",
        r#"{"error":{"code":"ZZ-CANARY <img src=x>"}}"#,
    );
    until("the error state", || f.state() == "error").await;
    assert_eq!(
        f.message(),
        "Your session has expired. Please sign in again."
    );
    // A refusal is not offered as "Try again" (it would fail the same way): the plain label,
    // with the message saying what helps (sign in again).
    assert_eq!(f.button().text_content().unwrap(), "Add to SEEK Pass");
    let (keys, detail) = f.last("seekpass:error");
    assert_eq!(keys, ["code", "retryable"]);
    assert_eq!(
        get(&detail, "code").as_string().unwrap(),
        "not_authenticated"
    );
    assert_eq!(get(&detail, "retryable"), JsValue::FALSE);
    assert!(!f.root.inner_html().contains("CANARY"));
    assert_eq!(call_count(), 1, "401 is never retried");

    // Clicked again (after signing in): same idempotency key; an off-environment redirect is
    // refused by the gate.
    f.button().click();
    calls_reach(2).await;
    assert_eq!(call_count(), 2);
    let key = |i| {
        serde_json::from_str::<serde_json::Value>(&call_info(i)).unwrap()["headers"]
            ["idempotency-key"]
            .clone()
    };
    assert_eq!(key(0), key(1));
    respond(
        1,
        201,
        "application/json",
        r#"{"redirect_uri":"https://app.seekpass.co/partner/add/education#clientId=a&documentType=pdf&content=ZZ-CANARY"}"#,
    );
    until("a second error", || {
        f.names().iter().filter(|n| *n == "seekpass:error").count() == 2
    })
    .await;
    let (keys, detail) = f.last("seekpass:error");
    assert_eq!(keys, ["code", "retryable", "reason"]);
    assert_eq!(
        get(&detail, "code").as_string().unwrap(),
        "redirect_rejected"
    );
    assert_eq!(get(&detail, "reason").as_string().unwrap(), "env_mismatch");
    assert_eq!(f.message(), "Something went wrong. Please try again later.");
}

#[wasm_bindgen_test]
async fn network_failures_are_retried_with_the_same_key() {
    let f = fixture(GOOD);
    f.button().click();
    calls_reach(1).await;
    fail_network(0);
    // The first backoff is 250–500 ms (core::retry): nothing is sent at once.
    tick(100).await;
    assert_eq!(call_count(), 1, "not before the backoff");
    calls_reach(2).await;
    until("the retry event", || {
        f.names().iter().any(|n| n == "seekpass:retry")
    })
    .await;
    assert_eq!(f.last("seekpass:retry").0, ["attempt"]);
    respond(1, 503, "text/html", "<h1>down</h1>");
    calls_reach(3).await;
    assert_eq!(call_count(), 3);
    respond(2, 422, "application/json", "{}");
    until("the error event", || {
        f.names().iter().any(|n| n == "seekpass:error")
    })
    .await;
    assert_eq!(
        get(&f.last("seekpass:error").1, "code")
            .as_string()
            .unwrap(),
        "rejected"
    );
    let keys: Vec<_> = (0..3)
        .map(|i| {
            serde_json::from_str::<serde_json::Value>(&call_info(i)).unwrap()["headers"]
                ["idempotency-key"]
                .clone()
        })
        .collect();
    assert!(keys.iter().all(|k| *k == keys[0]));
}

#[wasm_bindgen_test]
async fn pageshow_from_bfcache_resets_a_busy_button() {
    let f = fixture(GOOD);
    f.button().click();
    calls_reach(1).await;
    assert_eq!(f.state(), "busy");
    let init = web_sys::PageTransitionEventInit::new();
    init.set_persisted(true);
    let event = web_sys::PageTransitionEvent::new_with_event_init_dict("pageshow", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    assert_eq!(f.state(), "idle");
    assert!(
        serde_json::from_str::<serde_json::Value>(&call_info(0)).unwrap()["aborted"]
            .as_bool()
            .unwrap()
    );
    f.button().click();
    calls_reach(2).await;
    assert_eq!(call_count(), 2, "usable again");
}

#[wasm_bindgen_test]
async fn removal_mid_request_aborts_and_never_navigates() {
    let mut f = fixture(GOOD);
    f.button().click();
    calls_reach(1).await;
    f.handle.take().unwrap().destroy();
    assert!(
        serde_json::from_str::<serde_json::Value>(&call_info(0)).unwrap()["aborted"]
            .as_bool()
            .unwrap()
    );
    // A late answer changes nothing: no navigation, no event.
    respond(
        0,
        201,
        "application/json",
        r#"{"redirect_uri":"https://app.seekpass-staging.com/partner/add/batch#clientId=a&content=b"}"#,
    );
    tick(20).await;
    assert_eq!(f.names(), ["seekpass:ready", "seekpass:click"]);
    f.button().click();
    tick(5).await;
    assert_eq!(call_count(), 1, "a destroyed button ignores clicks");
}

#[wasm_bindgen_test]
async fn cancelled_click_sends_nothing() {
    let f = fixture(GOOD);
    let options = gloo_events::EventListenerOptions::enable_prevent_default();
    let _cancel = EventListener::new_with_options(&f.host, "seekpass:click", options, |e| {
        e.prevent_default()
    });
    f.button().click();
    tick(5).await;
    assert_eq!(call_count(), 0);
    assert_eq!(f.state(), "idle");
}

#[wasm_bindgen_test]
async fn bad_configuration_is_refused_at_mount() {
    for attrs in [
        &[("credential-type", "education"), ("credential-ref", "r1")][..],
        &[
            ("endpoint", "javascript:alert(1)"),
            ("credential-type", "education"),
            ("credential-ref", "r1"),
        ],
        &[
            ("endpoint", "//evil.example/x"),
            ("credential-type", "education"),
            ("credential-ref", "r1"),
        ],
        &[
            ("endpoint", "/x"),
            ("credential-type", "passport"),
            ("credential-ref", "r1"),
        ],
        &[
            ("endpoint", "/x"),
            ("credential-type", "education"),
            ("credential-ref", "r1"),
            ("environment", "https://evil.example"),
        ],
        &[
            ("endpoint", "/x"),
            ("credential-type", "education"),
            ("credential-ref", "r1"),
            ("data-client-secret", "ZZ-CANARY"),
        ],
        &[
            ("endpoint", "/x"),
            ("credential-type", "education"),
            ("credential-ref", "r1"),
            ("data-full-name", "Jane"),
        ],
        &[("endpoint", "/x"), ("credential-type", "batch")],
    ] {
        let f = fixture(attrs);
        assert_eq!(f.state(), "unavailable", "{attrs:?}");
        // Focusable and announced as unavailable, never natively disabled (accessibility.md A2);
        // the click below reaches it and sends nothing.
        assert_eq!(
            f.button().get_attribute("aria-disabled").as_deref(),
            Some("true")
        );
        assert!(!f.button().has_attribute("disabled"));
        assert_eq!(f.message(), "The SEEK Pass button is unavailable.");
        let (keys, detail) = f.last("seekpass:error");
        assert_eq!(keys, ["code", "retryable", "reason"]);
        assert_eq!(get(&detail, "code").as_string().unwrap(), "config_invalid");
        assert!(!get(&detail, "reason")
            .as_string()
            .unwrap()
            .contains("CANARY"));
        assert!(!f.names().contains(&"seekpass:ready".to_owned()));
        f.button().click();
        tick(1).await;
        assert_eq!(call_count(), 0);
    }
}

#[wasm_bindgen_test]
async fn locale_comes_from_the_attribute_or_the_page() {
    let mut attrs = GOOD.to_vec();
    attrs.push(("locale", "id-ID"));
    assert_eq!(
        fixture(&attrs).button().text_content().unwrap(),
        "Tambahkan ke SEEK Pass"
    );
    attrs.pop();
    attrs.push(("lang", "zh-Hant-HK"));
    assert_eq!(
        fixture(&attrs).button().text_content().unwrap(),
        "加入 SEEK Pass"
    );
    attrs.pop();
    attrs.push(("locale", "fr"));
    assert_eq!(
        fixture(&attrs).button().text_content().unwrap(),
        "Add to SEEK Pass"
    );
}

#[wasm_bindgen_test]
async fn offline_fails_fast_without_a_request() {
    let f = fixture(GOOD);
    let nav = web_sys::window().unwrap().navigator();
    let desc = Object::new();
    Reflect::set(&desc, &"value".into(), &JsValue::FALSE).unwrap();
    Reflect::set(&desc, &"configurable".into(), &JsValue::TRUE).unwrap();
    Object::define_property(&nav, &"onLine".into(), &desc);
    f.button().click();
    Reflect::delete_property(&nav, &"onLine".into()).unwrap();
    tick(5).await;
    assert_eq!(call_count(), 0);
    assert_eq!(
        get(&f.last("seekpass:error").1, "code")
            .as_string()
            .unwrap(),
        "offline"
    );
}

#[wasm_bindgen_test]
async fn two_buttons_for_one_credential_share_one_request() {
    let a = fixture(GOOD);
    let b = Fixture::mount_more(GOOD);
    a.button().click();
    b.button().click();
    calls_reach(1).await;
    tick(20).await;
    assert_eq!(call_count(), 1, "one flight per credential");
    assert_eq!(
        (a.state(), b.state()),
        ("busy".to_owned(), "busy".to_owned())
    );
    respond(0, 422, "application/json", "{}");
    until("both in error", || {
        a.state() == "error" && b.state() == "error"
    })
    .await;
    assert_eq!(
        (a.state(), b.state()),
        ("error".to_owned(), "error".to_owned())
    );
    assert_eq!(
        get(&b.last("seekpass:error").1, "code")
            .as_string()
            .unwrap(),
        "rejected"
    );

    let mut other = GOOD.to_vec();
    other[2] = ("credential-ref", "grad-2024-0099");
    let c = Fixture::mount_more(&other);
    a.button().click();
    c.button().click();
    calls_reach(3).await;
    assert_eq!(call_count(), 3, "different credentials fly separately");
    let key = |i| {
        serde_json::from_str::<serde_json::Value>(&call_info(i)).unwrap()["headers"]
            ["idempotency-key"]
            .clone()
    };
    assert_eq!(key(0), key(1), "the same credential keeps its key");
    assert_ne!(key(1), key(2));
}

#[wasm_bindgen_test]
async fn the_browser_parses_the_answer_and_only_its_shape_counts() {
    let good = "https://app.seekpass-staging.com/partner/add/education#clientId=a&documentType=pdf&content=b";
    let big = format!(
        r#"{{"redirect_uri":"{good}","pad":"{}"}}"#,
        "a".repeat(17_000)
    );
    let mut bodies: Vec<String> = [
        "",
        "null",
        "[]",
        "7",
        "{}",
        r#"{"redirect_uri":null}"#,
        r#"{"redirect_uri":7}"#,
        r#"{"redirect_uri":["x"]}"#,
        r#"{"redirect_uri":"a""#,
        r#"{"redirect_uri":"a"} x"#,
        r#"{'redirect_uri':'a'}"#,
        r#"{"redirect_uri":"a",}"#,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    bodies.push(big);
    for (i, body) in bodies.iter().enumerate() {
        // A reference of its own, so no earlier button's flight is shared.
        let reference = format!("parse-{i}");
        let f = fixture(&[GOOD[0], GOOD[1], ("credential-ref", &reference), GOOD[3]]);
        f.button().click();
        respond(0, 201, "application/json", body);
        until("the error event", || {
            f.names().iter().any(|n| n == "seekpass:error")
        })
        .await;
        let (_, detail) = f.last("seekpass:error");
        let code = get(&detail, "code").as_string().unwrap();
        if code != "invalid_response" {
            web_sys::console::log_1(
                &format!("{i}: {code} for {}", &body[..body.len().min(40)]).into(),
            );
        }
        assert_eq!(code, "invalid_response");
    }
    // JSON escapes are decoded by the parser; the literal six characters are repaired. The new
    // tab is refused (window.open returns null), so the test page never leaves or opens a tab:
    // a redirect that passed the gate ends in `popup_blocked`, and no `seekpass:navigate` is
    // sent for a tab that never opened (threats.md item 65).
    let win = web_sys::window().unwrap();
    let real_open = Reflect::get(&win, &"open".into()).unwrap();
    Reflect::set(
        &win,
        &"open".into(),
        &js_sys::Function::new_no_args("return null"),
    )
    .unwrap();
    for (i, body) in [
        format!(r#"{{"redirect_uri":"{}"}}"#, good.replace('&', "\\u0026")),
        format!(r#"{{"redirect_uri":"{}"}}"#, good.replace('&', "\\\\u0026")),
        format!(r#"{{"a":[1,2.5e3,{{"b":null}}],"redirect_uri":"{good}","c":true}}"#),
    ]
    .iter()
    .enumerate()
    {
        let reference = format!("escape-{i}");
        let f = fixture(&[
            ("target", "new-tab"),
            GOOD[0],
            GOOD[1],
            ("credential-ref", &reference),
            GOOD[3],
        ]);
        f.button().click();
        respond(0, 201, "application/json", body);
        until("the error event", || {
            f.names().iter().any(|n| n == "seekpass:error")
        })
        .await;
        let (_, detail) = f.last("seekpass:error");
        let code = get(&detail, "code").as_string().unwrap_or_default();
        if code != "popup_blocked" {
            web_sys::console::log_1(&format!("{body}: {code} {:?}", f.names()).into());
        }
        assert_eq!(code, "popup_blocked", "the gate accepted it");
        assert!(!f.names().contains(&"seekpass:navigate".to_owned()));
    }
    Reflect::set(&win, &"open".into(), &real_open).unwrap();
}

#[wasm_bindgen_test]
fn mount_without_the_elements_drawing_fails_cleanly() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    let root = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .unwrap();
    // The element then shows its fallback and reports `wasm_unavailable` (js/element.js).
    assert!(mount(host, root, false).is_err());
}
