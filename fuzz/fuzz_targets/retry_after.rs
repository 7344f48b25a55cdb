//! `Retry-After` parsing never panics and never claims a wait for text that is neither form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seekpass_button::parse_retry_after;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = std::str::from_utf8(data) else { return };
    if let Some(secs) = parse_retry_after(value, 1_795_824_000) {
        let v = value.trim_matches([' ', '\t']);
        let digits = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
        assert!(digits || (v.len() == 29 && v.ends_with(" GMT")), "accepted {value:?} as {secs}");
    }
});
