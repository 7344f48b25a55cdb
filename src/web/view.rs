//! The button's DOM inside its shadow root, built with `createElement` and `textContent` only
//! (no HTML parsing, so it works under Trusted Types), and updated from the machine's phase.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, HtmlAnchorElement, HtmlButtonElement, ShadowRoot};

use super::dom::{cast, element};
use crate::core::error::ErrorCode;
use crate::core::machine::Phase;
use crate::core::messages::{Locale, Message};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// What the view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The machine's phase, with the failure code when failed.
    Phase(Phase, Option<ErrorCode>),
    /// The configuration is unusable.
    Unavailable,
    /// Idle, and the credential is already in the wallet: the click opens it.
    Added,
}

/// Handles to the rendered elements.
pub struct View {
    button: HtmlButtonElement,
    label: Element,
    status: Element,
    link: HtmlAnchorElement,
}

impl View {
    /// Replaces the shadow root's content with a fresh button.
    pub fn build(doc: &Document, root: &ShadowRoot) -> Result<View, JsValue> {
        root.set_text_content(None);
        let container = element(doc, "div", Some("container"), "container")?;
        let button: HtmlButtonElement = cast(element(doc, "button", Some("button"), "button")?)?;
        button.set_type("button");
        let mark = element(doc, "span", None, "mark")?;
        mark.set_attribute("aria-hidden", "true")?;
        let mark_svg = logo(doc)?;
        mark.append_child(&mark_svg)?;
        let label = element(doc, "span", Some("label"), "label")?;
        let spinner = element(doc, "span", None, "spinner")?;
        spinner.set_attribute("aria-hidden", "true")?;
        button.append_child(&mark)?;
        button.append_child(&label)?;
        button.append_child(&spinner)?;
        let status = element(doc, "p", Some("message"), "message")?;
        status.set_attribute("role", "status")?;
        status.set_attribute("aria-live", "polite")?;
        let link: HtmlAnchorElement = cast(element(doc, "a", Some("link"), "link")?)?;
        link.set_hidden(true);
        container.append_child(&button)?;
        container.append_child(&status)?;
        container.append_child(&link)?;
        root.append_child(&container)?;
        Ok(View {
            button,
            label,
            status,
            link,
        })
    }

    /// The clickable button.
    pub fn button(&self) -> &HtmlButtonElement {
        &self.button
    }

    /// The fallback link shown when a new tab was blocked.
    pub fn link(&self) -> &HtmlAnchorElement {
        &self.link
    }

    /// Shows `look` in `locale`.
    pub fn render(&self, look: Look, locale: Locale) {
        let (state, label, message, visible) = match look {
            Look::Unavailable => (
                "unavailable",
                Message::Label,
                Some(Message::Unavailable),
                true,
            ),
            Look::Phase(Phase::Idle, _) => ("idle", Message::Label, None, false),
            Look::Added => ("added", Message::View, None, false),
            Look::Phase(Phase::Busy, _) => ("busy", Message::Label, Some(Message::Busy), false),
            Look::Phase(Phase::Navigating, _) => (
                "navigating",
                Message::Label,
                Some(Message::Navigating),
                false,
            ),
            Look::Phase(Phase::Disabled, _) => ("disabled", Message::Label, None, false),
            Look::Phase(Phase::Failed, code) => {
                let message = Message::for_error(code.unwrap_or(ErrorCode::Internal));
                ("error", Message::Retry, Some(message), true)
            }
        };
        let b = &self.button;
        let _ = b.set_attribute("data-state", state);
        let busy = matches!(state, "busy" | "navigating");
        let _ = b.set_attribute("aria-busy", if busy { "true" } else { "false" });
        // Busy buttons stay focusable (aria-disabled), so keyboard users do not lose their place.
        if busy {
            let _ = b.set_attribute("aria-disabled", "true");
        } else {
            let _ = b.remove_attribute("aria-disabled");
        }
        b.set_disabled(matches!(state, "disabled" | "unavailable"));
        self.label.set_text_content(Some(locale.text(label)));
        self.status
            .set_text_content(message.map(|m| locale.text(m)));
        let _ = self.status.set_attribute(
            "class",
            if visible {
                "message"
            } else {
                "message visually-hidden"
            },
        );
        self.link
            .set_text_content(Some(locale.text(Message::OpenLink)));
        if look != Look::Phase(Phase::Failed, Some(ErrorCode::PopupBlocked)) {
            self.link.set_hidden(true);
            let _ = self.link.remove_attribute("href");
        }
    }

    /// Reveals the fallback link (its `href` is set by the navigator) when `show` is true.
    pub fn show_link_if(&self, show: bool) {
        if show {
            self.link.set_hidden(false);
        }
    }
}

/// The SEEK Pass mark, drawn with SVG DOM calls.
fn logo(doc: &Document) -> Result<Element, JsValue> {
    let svg = doc.create_element_ns(Some(SVG_NS), "svg")?;
    svg.set_attribute("viewBox", "0 0 24 24")?;
    svg.set_attribute("focusable", "false")?;
    let shield = doc.create_element_ns(Some(SVG_NS), "path")?;
    shield.set_attribute("d", "M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Z")?;
    shield.set_attribute("class", "mark-shield")?;
    let tick = doc.create_element_ns(Some(SVG_NS), "path")?;
    tick.set_attribute("d", "m8 12.5 2.6 2.6L16.2 9.5")?;
    tick.set_attribute("class", "mark-tick")?;
    svg.append_child(&shield)?;
    svg.append_child(&tick)?;
    Ok(svg)
}
