//! The QR code of an entry link, for print and PDFs: error correction level Q (a quarter of the
//! code may be smudged, folded or covered by a stamp), the four-module quiet zone the standard
//! asks for, black on white. SVG for documents that scale; PNG at 10 pixels a module for those
//! that do not. `npm test` decodes both with zbarimg, a decoder nobody here wrote.

use std::path::Path;

use qrcode::{Color, EcLevel, QrCode};
use resvg::tiny_skia::{Color as Paint, Pixmap, Rect, Transform};

/// Modules of white around the code (ISO/IEC 18004's quiet zone).
const QUIET: usize = 4;
/// Pixels per module in the PNG: about 3 cm wide for a short link at 300 dpi.
const SCALE: usize = 10;

fn code(link: &str) -> Result<QrCode, String> {
    QrCode::with_error_correction_level(link, EcLevel::Q).map_err(|e| format!("QR code: {e}"))
}

/// The QR code of `link` as an SVG document.
pub fn svg(link: &str) -> Result<String, String> {
    Ok(code(link)?
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .module_dimensions(SCALE as u32, SCALE as u32)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build())
}

/// The QR code of `link` as a PNG.
pub fn png(link: &str) -> Result<Vec<u8>, String> {
    let code = code(link)?;
    let width = code.width();
    let side = u32::try_from((width + 2 * QUIET) * SCALE).map_err(|_| "QR code too large")?;
    let mut pixmap = Pixmap::new(side, side).ok_or("QR code too large")?;
    pixmap.fill(Paint::WHITE);
    let mut black = resvg::tiny_skia::Paint::default();
    black.set_color(Paint::BLACK);
    black.anti_alias = false;
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color != Color::Dark {
            continue;
        }
        let (x, y) = ((i % width + QUIET) * SCALE, (i / width + QUIET) * SCALE);
        let cell = Rect::from_xywh(x as f32, y as f32, SCALE as f32, SCALE as f32);
        if let Some(cell) = cell {
            pixmap.fill_rect(cell, &black, Transform::identity(), None);
        }
    }
    pixmap.encode_png().map_err(|e| format!("PNG: {e}"))
}

/// Writes the QR code of `link` to `file`, SVG or PNG by its extension.
pub fn write(link: &str, file: &Path) -> Result<(), String> {
    let bytes = match file.extension().and_then(|e| e.to_str()) {
        Some("svg") => svg(link)?.into_bytes(),
        Some("png") => png(link)?,
        _ => return Err("--qr takes a file ending in .svg or .png".into()),
    };
    std::fs::write(file, bytes).map_err(|e| format!("cannot write {}: {e}", file.display()))
}
