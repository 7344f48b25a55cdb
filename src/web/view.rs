//! The button's DOM inside its shadow root: drawn by the element before the wasm runs
//! (`createElement` and `textContent` only, so it works under Trusted Types), adopted here and
//! updated from the machine's phase.

use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlButtonElement, ShadowRoot};

use super::dom::cast;
use crate::core::error::ErrorCode;
use crate::core::machine::Phase;
use crate::core::messages::{Locale, Message};
use crate::core::surface::ViewState;
use crate::core::wire::WireEnum;

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
    fallback: HtmlButtonElement,
}

impl View {
    /// Adopts the button the element drew in `root` before the wasm ran (`js/element.js`,
    /// `spView`), so the upgrade changes nothing on screen. Fails if it is not there.
    pub fn build(root: &ShadowRoot) -> Result<View, JsValue> {
        let find = |selector: &str| -> Result<Element, JsValue> {
            root.query_selector(selector)?
                .ok_or_else(|| JsValue::from_str("no placeholder"))
        };
        Ok(View {
            button: cast(find("button.button")?)?,
            label: find(".label")?,
            status: find(".message")?,
            fallback: cast(find("button.link")?)?,
        })
    }

    /// The clickable button.
    pub fn button(&self) -> &HtmlButtonElement {
        &self.button
    }

    /// The button shown when a new tab was blocked: its own click (a fresh user activation)
    /// opens the redirect, which stays in the wasm and never enters the DOM (threats.md 65).
    pub fn fallback(&self) -> &HtmlButtonElement {
        &self.fallback
    }

    /// Shows `look` in `locale`; `cooling` while a rate limit's cooldown refuses clicks.
    pub fn render(&self, look: Look, locale: Locale, cooling: bool) {
        let (state, label, message, visible) = match look {
            Look::Unavailable => (
                ViewState::Unavailable,
                Message::Label,
                Some(Message::Unavailable),
                true,
            ),
            Look::Phase(Phase::Idle, _) => (ViewState::Idle, Message::Label, None, false),
            Look::Added => (ViewState::Added, Message::View, None, false),
            Look::Phase(Phase::Busy, _) => {
                (ViewState::Busy, Message::Label, Some(Message::Busy), false)
            }
            Look::Phase(Phase::Navigating, _) => (
                ViewState::Navigating,
                Message::Label,
                Some(Message::Navigating),
                false,
            ),
            Look::Phase(Phase::Disabled, _) => (ViewState::Disabled, Message::Label, None, false),
            // The label keeps its purpose after a failure: the message, which describes the
            // button, says what happened and whether trying again helps (accessibility.md A9);
            // and the button keeps its box (A16).
            Look::Phase(Phase::Failed, code) => (
                ViewState::Error,
                Message::Label,
                Some(Message::for_error(code.unwrap_or(ErrorCode::Internal))),
                true,
            ),
        };
        let b = &self.button;
        let _ = b.set_attribute("data-state", state.as_str());
        let busy = matches!(state, ViewState::Busy | ViewState::Navigating);
        let _ = b.set_attribute("aria-busy", if busy { "true" } else { "false" });
        // Unavailable buttons stay focusable (aria-disabled, never the native `disabled`), so a
        // keyboard user keeps their place and can read why (accessibility.md A2); a click on
        // them reaches no machine that accepts it.
        // In a rate limit's cooldown too: a click would do nothing until it ends (A8).
        if busy || cooling || matches!(state, ViewState::Disabled | ViewState::Unavailable) {
            let _ = b.set_attribute("aria-disabled", "true");
        } else {
            let _ = b.remove_attribute("aria-disabled");
        }
        self.label.set_text_content(Some(locale.text(label)));
        // The live region is written only when its text changes: each write is announced, and
        // a retry redraws the same text (accessibility.md A14).
        let text = message.map(|m| locale.text(m));
        if self.status.text_content().as_deref() != Some(text.unwrap_or("")) {
            self.status.set_text_content(text);
        }
        let _ = self.status.set_attribute(
            "class",
            if visible {
                "message"
            } else {
                "message visually-hidden"
            },
        );
        self.fallback
            .set_text_content(Some(locale.text(Message::OpenLink)));
        self.fallback
            .set_hidden(look != Look::Phase(Phase::Failed, Some(ErrorCode::PopupBlocked)));
    }
}
