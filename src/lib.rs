//! The "Add to SEEK Pass" button.
//!
//! A partner page's button asks the partner's own backend for a SEEK Pass `redirect_uri`, and
//! this crate decides whether that URL may be followed. [`core`] holds every decision as pure
//! Rust (tested natively); the browser layer and the JavaScript exports are compiled for
//! `wasm32` only.

pub mod core;
#[cfg(target_arch = "wasm32")]
pub mod exports;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use crate::core::classify::{
    classify_response, interpret_response, BodyCap, Failure, ProxyResponse, RedirectAnswer,
    MAX_BODY_LEN,
};
pub use crate::core::credential::{
    ApiVersion, CredentialType, DocumentType, Scope, TypeSpec, TYPES,
};
pub use crate::core::env::{
    ConfigError, Environment, LoopbackOrigin, PRODUCTION_HOST, STAGING_HOST,
};
pub use crate::core::error::ErrorCode;
pub use crate::core::redirect::{
    accept_redirect, accept_redirect_bound, accept_redirect_for_client, accept_redirect_for_type,
    repair, RedirectError, ValidatedRedirect, MAX_REDIRECT_LEN,
};
pub use crate::core::retry::{RetryDecision, RetryPolicy};
pub use crate::core::retry_after::parse_retry_after;
pub use crate::core::wire::{Choice, WireEnum};
