//! The email button for an entry link: a "bulletproof" button that works in Gmail, Outlook
//! (Windows desktop through VML, the others through the link), Apple Mail and Yahoo. Live text on
//! a coloured link, so it reads with images off and survives dark-mode recolouring (both colours
//! are set, so a client that inverts one inverts the other); a PNG mark with an empty `alt` (the
//! text already says SEEK Pass); inline styles only; no script, no form, no SVG, no table (so no
//! `role` for Windows Mail to drop); square corners, since `border-radius` is lost in Outlook for
//! Windows and Windows Mail; `lang` set. `npm test` lints it against the caniemail data with
//! `@jsx-email/doiuse-email`.

use seekpass_button::core::messages::{Locale, Message};
use seekpass_button::WireEnum;

use crate::markup::escape;

/// Where the mark's PNG is served (by the reference server: [`super::mark`]).
pub const MARK_PATH: &str = "/email/seekpass-mark.png";
/// The button's colours: the web button's accent and text.
const ACCENT: &str = "#0d3880";
const TEXT: &str = "#ffffff";

/// The snippet for `link`, its mark served from `origin`, its text in `locale`. A fallback line
/// under the button carries the link as text, for clients that drop styles or links.
pub fn snippet(link: &str, origin: &str, locale: Locale) -> String {
    let href = escape(link);
    let label = escape(locale.text(Message::Label));
    let lang = locale.as_str();
    let mark = escape(&format!("{origin}{MARK_PATH}"));
    format!(
        "<!-- Add to SEEK Pass: the email button (seekpass-button). Paste it where the button goes. -->
<div lang=\"{lang}\" dir=\"ltr\" style=\"margin:16px 0;\">
<!--[if mso]>
<v:roundrect xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:w=\"urn:schemas-microsoft-com:office:word\" href=\"{href}\" style=\"height:48px;v-text-anchor:middle;width:280px;\" arcsize=\"17%\" stroke=\"f\" fillcolor=\"{ACCENT}\">
<w:anchorlock/>
<center style=\"color:{TEXT};font-family:Arial,sans-serif;font-size:16px;font-weight:bold;\">{label}</center>
</v:roundrect>
<![endif]-->
<!--[if !mso]><!-->
<a href=\"{href}\" style=\"display:inline-block;padding:12px 24px;border:2px solid {ACCENT};background-color:{ACCENT};color:{TEXT};font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;line-height:24px;text-decoration:none;\"><img src=\"{mark}\" width=\"24\" height=\"24\" alt=\"\" style=\"border:0;margin-right:8px;vertical-align:middle;\">{label}</a>
<!--<![endif]-->
</div>
<p lang=\"{lang}\" style=\"margin:0 0 16px;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:20px;\"><a href=\"{href}\">{href}</a></p>
"
    )
}
