//! The SEEK Pass mark as a PNG for the email button (email clients show no SVG), drawn from the
//! button's own paths (`MARK_PATHS`) by resvg: a white shield and an accent tick on the accent
//! square, so it reads on light and dark mail alike.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{Options, Tree};
use seekpass_button::core::surface::MARK_PATHS;

/// The side of the PNG in pixels: 24 CSS pixels at 2× density.
pub const SIDE: u32 = 48;

/// The mark as a PNG, `SIDE` pixels square.
pub fn png() -> Result<Vec<u8>, String> {
    let mut svg = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><rect width=\"24\" height=\"24\" rx=\"5\" fill=\"#0d3880\"/>",
    );
    for (d, class) in MARK_PATHS {
        let paint = if *class == "mark-tick" {
            "fill=\"none\" stroke=\"#0d3880\" stroke-width=\"2.4\" stroke-linecap=\"round\" stroke-linejoin=\"round\""
        } else {
            "fill=\"#ffffff\""
        };
        svg.push_str(&format!("<path d=\"{d}\" {paint}/>"));
    }
    svg.push_str("</svg>");
    let tree = Tree::from_str(&svg, &Options::default()).map_err(|e| format!("mark: {e}"))?;
    let mut pixmap = Pixmap::new(SIDE, SIDE).ok_or("mark: empty")?;
    let scale = SIDE as f32 / 24.0;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| format!("mark: {e}"))
}

/// `GET /email/seekpass-mark.png`: the email button's mark, drawn once.
pub async fn serve() -> Response {
    static PNG: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();
    match PNG.get_or_init(png) {
        Ok(bytes) => (
            [
                (axum::http::header::CONTENT_TYPE, "image/png"),
                (axum::http::header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            bytes.clone(),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the email mark cannot be drawn");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
