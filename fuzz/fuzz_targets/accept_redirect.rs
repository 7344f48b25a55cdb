//! The gate never panics, and whatever it accepts is a canonical URL on the environment's host.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seekpass_button::{accept_redirect, Environment};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    // The first byte picks the environment so one corpus covers all three.
    let env = match data.first().map(|b| b % 3) {
        Some(0) => Environment::Production,
        Some(1) => Environment::Staging,
        _ => Environment::parse("http://127.0.0.1:8080").expect("valid loopback origin"),
    };
    if let Ok(ok) = accept_redirect(raw, &env) {
        let parsed = url::Url::parse(ok.as_str()).expect("accepted URLs parse");
        assert_eq!(parsed.as_str(), ok.as_str(), "canonical");
        assert_eq!(parsed.host_str(), Some(env.host()));
        assert_eq!(parsed.port(), env.port());
        assert_eq!(parsed.scheme(), env.scheme());
        assert!(parsed.username().is_empty() && parsed.password().is_none() && parsed.query().is_none());
    }
});
