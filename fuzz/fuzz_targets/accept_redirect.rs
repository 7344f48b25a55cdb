//! The gate never panics, and whatever it accepts is a canonical URL on the environment's host.
//! Bound to a button type (the last byte picks it), it accepts exactly the unbound verdicts whose
//! path belongs to the button's family, and refuses the rest with `type`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seekpass_button::{
    accept_redirect, accept_redirect_for_type, CredentialType, Environment, RedirectError, WireEnum,
};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    // The first byte picks the environment so one corpus covers all three.
    let env = match data.first().map(|b| b % 3) {
        Some(0) => Environment::Production,
        Some(1) => Environment::Staging,
        _ => Environment::parse("http://127.0.0.1:8080").expect("valid loopback origin"),
    };
    let button = CredentialType::ALL[usize::from(*data.last().unwrap_or(&0)) % CredentialType::ALL.len()];
    let unbound = accept_redirect(raw, &env);
    let bound = accept_redirect_for_type(raw, &env, button);
    match (&unbound, &bound) {
        (Ok(u), Ok(b)) => {
            assert_eq!(u, b);
            assert!(button.accepts_redirect_of(b.credential_type()));
        }
        (Ok(u), Err(e)) => {
            assert_eq!(*e, RedirectError::Type);
            assert!(!button.accepts_redirect_of(u.credential_type()));
        }
        (Err(u), Err(b)) => assert_eq!(u, b),
        (Err(_), Ok(_)) => panic!("the bound gate accepted what the gate refused"),
    }
    if let Ok(ok) = unbound {
        let parsed = url::Url::parse(ok.as_str()).expect("accepted URLs parse");
        assert_eq!(parsed.as_str(), ok.as_str(), "canonical");
        assert_eq!(parsed.host_str(), Some(env.host()));
        assert_eq!(parsed.port(), env.port());
        assert_eq!(parsed.scheme(), env.scheme());
        assert!(parsed.username().is_empty() && parsed.password().is_none() && parsed.query().is_none());
    }
});
