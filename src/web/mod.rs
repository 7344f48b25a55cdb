//! The browser side: the only code that touches the DOM, `fetch`, timers and navigation.
//! Each file is one concern; every decision is delegated to [`crate::core`].

pub mod button;
pub mod dom;
pub mod error;
pub mod events;
mod flights;
pub mod keys;
pub mod navigate;
pub mod panic;
mod run;
pub mod transport;
pub mod view;
