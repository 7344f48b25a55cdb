//! Browser tests (headless Chromium via `wasm-pack test --headless --chrome`).
//!
//! They drive the exported, JavaScript-facing gate and check it against the browser's own
//! WHATWG URL parser.
#![allow(clippy::unwrap_used)]
#![cfg(all(target_arch = "wasm32", feature = "playground"))]

use js_sys::{Object, Reflect};
use seekpass_button::{accept_redirect, Environment};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// The exported functions take and return JavaScript values exactly as a page calls them.
use seekpass_button::exports::playground as exported;

const GOOD: &str = "https://app.seekpass-staging.com/partner/add/education#clientId=730845ab-0a0d-4f4d-9c98-d871755d3ce9&documentType=open_cert&content=d8a8eb57-c64f-4fc1-b362-b8df28fbf0a3";

fn get(o: &Object, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn exported_gate_accepts_the_documented_redirect_with_escaped_separators() {
    let curl_style = GOOD.replace('&', "\\u0026");
    let out = exported::check_redirect(curl_style.into(), "staging".into());
    assert_eq!(get(&out, "accepted"), JsValue::TRUE);
    assert_eq!(
        get(&out, "credentialType").as_string().as_deref(),
        Some("education")
    );
    // The verdict never carries the URL back to JavaScript.
    let keys = Object::keys(&out).join(",");
    assert_eq!(keys, "accepted,credentialType");
}

#[wasm_bindgen_test]
fn exported_gate_rejects_with_codes() {
    let cases: &[(JsValue, &str, &str, Option<&str>)] = &[
        (
            GOOD.into(),
            "production",
            "redirect_rejected",
            Some("env_mismatch"),
        ),
        (
            "https://app.seekpass.co@evil.com/partner/add/education#a".into(),
            "production",
            "redirect_rejected",
            Some("userinfo"),
        ),
        (
            "javascript:alert(1)".into(),
            "production",
            "redirect_rejected",
            Some("scheme"),
        ),
        (JsValue::NULL, "staging", "invalid_response", None),
        (JsValue::from_f64(7.0), "staging", "invalid_response", None),
        (GOOD.into(), "https://evil.example", "config_invalid", None),
    ];
    for (raw, env, code, reason) in cases {
        let out = exported::check_redirect(raw.clone(), JsValue::from_str(env));
        assert_eq!(get(&out, "accepted"), JsValue::FALSE, "{env} {raw:?}");
        assert_eq!(get(&out, "code").as_string().as_deref(), Some(*code));
        assert_eq!(get(&out, "reason").as_string().as_deref(), *reason);
    }
}

#[wasm_bindgen_test]
fn browser_parser_agrees_with_every_accepted_vector() {
    // Differential check (threats.md item 4): whatever the gate accepts, Chromium's URL parser
    // reads as the same string on the same host.
    let env = Environment::Staging;
    let mut accepted = 0;
    for raw in seekpass_vectors() {
        if let Ok(ok) = accept_redirect(&raw, &env) {
            accepted += 1;
            let parsed = web_sys::Url::new(ok.as_str()).unwrap();
            assert_eq!(parsed.href(), ok.as_str());
            assert_eq!(parsed.host(), "app.seekpass-staging.com");
            assert_eq!(parsed.protocol(), "https:");
        }
    }
    assert_eq!(accepted, 4);
}

fn seekpass_vectors() -> Vec<String> {
    let host = "https://app.seekpass-staging.com";
    let frag = "#clientId=c-1&documentType=pdf&content=x-2";
    let mut v: Vec<String> = [
        "/partner/add/education",
        "/partner/add/microcredential",
        "/partner/add/education/",
        "//partner/add/education",
        "/partner/add/%2e%2e/evil",
        "/partner/add/Education",
    ]
    .iter()
    .map(|p| format!("{host}{p}{frag}"))
    .collect();
    v.push(format!("{host}/partner/add/batch#clientId=a&content=b"));
    v.push(format!(
        "{host}/partner/add/batch/microcredential#content=b&clientId=a"
    ));
    v.push(format!("{host}:443/partner/add/batch#clientId=a&content=b"));
    v.push(format!("{host}./partner/add/batch#clientId=a&content=b"));
    v.push("https://APP.seekpass-staging.com/partner/add/batch#clientId=a&content=b".into());
    v
}
