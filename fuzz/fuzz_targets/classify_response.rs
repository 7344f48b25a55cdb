//! The classifier never panics, and a redirect it hands on has passed through the gate intact.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seekpass_button::{interpret_response, Environment, ProxyResponse, RedirectAnswer};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = u16::from_le_bytes([data[0], data[1]]) % 700;
    let content_type = match data[2] % 4 {
        0 => None,
        1 => Some("application/json"),
        2 => Some("application/json; charset=utf-8"),
        _ => Some("text/html"),
    };
    let Ok(body) = std::str::from_utf8(&data[3..]) else { return };
    // serde_json stands in for the browser's JSON.parse and the web layer's reading of it.
    let decoded = serde_json::from_str::<RedirectAnswer>(body).ok();
    let resp = ProxyResponse {
        status,
        content_type,
        retry_after: Some(body.get(..4).unwrap_or("")),
        body: decoded.as_ref(),
    };
    if let Ok(ok) = interpret_response(&resp, &Environment::Staging, None, 1_795_824_000) {
        let parsed = url::Url::parse(ok.as_str()).expect("accepted URLs parse");
        assert_eq!(parsed.host_str(), Some("app.seekpass-staging.com"));
        assert!((200..300).contains(&status));
    }
});
