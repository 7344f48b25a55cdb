//! Holds the lock of the build tools; their binaries are built with `-p wasm-bindgen-cli -p wasm-pack`.
