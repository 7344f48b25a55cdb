//! Holds the lock of wasm-bindgen-cli; its binaries are built with `-p wasm-bindgen-cli`.
