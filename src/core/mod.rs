//! The pure core: no browser, no wasm-bindgen. Everything that decides lives here and is
//! tested natively; the web layer only carries these decisions out.

pub mod classify;
pub mod config;
pub mod contract;
pub mod credential;
pub mod details;
pub mod env;
pub mod error;
pub mod flight;
pub mod machine;
pub mod messages;
pub mod payload;
pub mod redirect;
pub mod retry;
pub mod retry_after;
pub mod status;
pub mod surface;
pub mod text;
pub mod wire;
