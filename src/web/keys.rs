//! Idempotency keys: one random v4 UUID per page and credential, kept across retries and clicks
//! and shared by every button for that credential. Never logged, stored or evented.

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use crate::core::contract::uuid_v4;

thread_local! {
    // A page has a handful of credentials; a list is smaller in wasm than a hash map.
    static KEYS: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// The key for `credential` (see [`crate::core::contract::credential_key`]), made on first use.
pub fn key_for(credential: &str) -> Result<String, JsValue> {
    let known = KEYS.with(|keys| {
        keys.borrow()
            .iter()
            .find(|(c, _)| c == credential)
            .map(|(_, k)| k.clone())
    });
    if let Some(k) = known {
        return Ok(k);
    }
    let crypto = super::dom::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .crypto()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes)?;
    let key = uuid_v4(bytes);
    KEYS.with(|keys| keys.borrow_mut().push((credential.to_owned(), key.clone())));
    Ok(key)
}
