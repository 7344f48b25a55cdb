//! A small strict JSON reader for the proxy's answers.
//!
//! The widget reads only two tiny documents, so it carries this instead of serde_json
//! (about 12 KB gzip of wasm). It is stricter than `JSON.parse`: duplicate keys, a byte-order
//! mark, lone surrogates and nesting deeper than [`MAX_DEPTH`] are errors, because a proxy that
//! sends them is ambiguous about which `redirect_uri` it meant.

mod parser;

use parser::Parser;

use super::text::push_hex;

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 32;

/// A parsed JSON value. Numbers are checked for syntax and then dropped: no field we read is one.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number,
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in document order, keys unique.
    Object(Vec<(String, Json)>),
}

/// The document is not JSON, or breaks one of this reader's stricter rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonError;

impl Json {
    /// Parses a complete document; whitespace around it is allowed, nothing else.
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let mut p = Parser {
            text,
            b: text.as_bytes(),
            i: 0,
        };
        let v = p.value(0)?;
        p.ws();
        if p.i == p.b.len() {
            Ok(v)
        } else {
            Err(JsonError)
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Writes `s` as a JSON string literal, escaping quotes, backslashes and control characters.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                push_hex(&mut out, c as u8);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
