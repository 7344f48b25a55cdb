//! What the element's JavaScript and the wasm must agree on, in one place: attribute names,
//! the endpoints a markup-mounted button may call by default, event names and the view's state
//! names. `js/generated.js` and the unions in `js/index.d.ts` are rendered from this module (and
//! from the locale table and error codes) by `tests/generated.rs`; a stale file fails that test.

use super::wire::wire_enum;

wire_enum! {
    /// The events a button dispatches (names are the documented API).
    pub enum EventName {
        /// The button is mounted and usable.
        Ready = "seekpass:ready",
        /// The user clicked; cancelable.
        Click = "seekpass:click",
        /// Leaving for SEEK Pass.
        Navigate = "seekpass:navigate",
        /// A retry is about to be sent.
        Retry = "seekpass:retry",
        /// Something failed.
        Error = "seekpass:error",
        /// The status endpoint answered (`verified` shows the added state).
        Status = "seekpass:status",
    }
}

wire_enum! {
    /// The view's state, as its `data-state` attribute names it (styles select on it).
    pub enum ViewState {
        /// Ready for a click.
        Idle = "idle",
        /// Asking the proxy.
        Busy = "busy",
        /// Leaving for SEEK Pass.
        Navigating = "navigating",
        /// Disabled by the integrator.
        Disabled = "disabled",
        /// The click failed; the button offers to try again.
        Error = "error",
        /// Already in the wallet.
        Added = "added",
        /// The configuration (or the wasm) is unusable.
        Unavailable = "unavailable",
    }
}

/// The event the panic hook dispatches on the document; not part of the public API.
pub const PANIC_EVENT: &str = "seekpass-internal:panic";

/// The custom element's tag.
pub const TAG: &str = "seek-pass-button";

/// The attribute that marks a plain element for auto-mount (`data-*` on the host).
pub const AUTO_MOUNT_ATTRIBUTE: &str = "data-seekpass-button";

/// What an attribute holds, which decides its TypeScript type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrValue {
    /// Free text (a path, a reference, a tag).
    Text,
    /// A boolean flag: present is on.
    Flag,
    /// A [`crate::CredentialType`] wire name.
    CredentialType,
    /// `production`, `staging` or a loopback origin.
    Environment,
    /// A [`crate::core::config::Variant`] wire name.
    Variant,
    /// A [`crate::core::config::Size`] wire name.
    Size,
    /// A [`crate::core::config::Target`] wire name.
    Target,
}

/// An attribute the element observes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    /// Its name in markup (kebab-case).
    pub name: &'static str,
    /// What it holds.
    pub value: AttrValue,
    /// Whether every button needs it.
    pub required: bool,
    /// A note for its TypeScript declaration, or empty.
    pub doc: &'static str,
}

const fn attr(name: &'static str, value: AttrValue) -> Attribute {
    Attribute {
        name,
        value,
        required: false,
        doc: "",
    }
}

/// Every attribute the element observes.
pub const ATTRIBUTES: &[Attribute] = &[
    Attribute {
        doc: "Same-origin path of the partner proxy, e.g. `/api/seekpass/add`.",
        ..attr("endpoint", AttrValue::Text)
    },
    Attribute {
        required: true,
        ..attr("credential-type", AttrValue::CredentialType)
    },
    Attribute {
        doc: "Opaque reference the proxy looks up; never personal data.",
        ..attr("credential-ref", AttrValue::Text)
    },
    Attribute {
        doc: "Batch types: references separated by spaces or commas.",
        ..attr("credential-refs", AttrValue::Text)
    },
    attr("environment", AttrValue::Environment),
    attr("variant", AttrValue::Variant),
    attr("size", AttrValue::Size),
    attr("full-width", AttrValue::Flag),
    Attribute {
        doc: "`en`, `id`, `th`, `ms` or `zh-HK`; others fall back to `en`; defaults to the page's `lang`.",
        ..attr("locale", AttrValue::Text)
    },
    attr("target", AttrValue::Target),
    attr("disabled", AttrValue::Flag),
    attr("debug", AttrValue::Flag),
    Attribute {
        doc: "The partner's public OAuth client id; redirects for another client are refused.",
        ..attr("client-id", AttrValue::Text)
    },
    Attribute {
        doc: "Same-origin path of the proxy's status endpoint, e.g. `/api/seekpass/status`: asked on mount and when the page is shown again; `verified` shows \"View in SEEK Pass\".",
        ..attr("status-endpoint", AttrValue::Text)
    },
];

/// The mark's SVG paths (`d`, class) in a 24×24 view box: the shield and the tick.
pub const MARK_PATHS: &[(&str, &str)] = &[
    (
        "M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Z",
        "mark-shield",
    ),
    ("m8 12.5 2.6 2.6L16.2 9.5", "mark-tick"),
];

/// Contract v1's form-mode field names (also the JSON body's keys).
pub mod form_field {
    /// The credential type.
    pub const CREDENTIAL_TYPE: &str = "credentialType";
    /// A single credential's reference.
    pub const CREDENTIAL_REF: &str = "credentialRef";
    /// A batch's references, one field each.
    pub const CREDENTIAL_REFS: &str = "credentialRefs";
    /// The button's locale, for the failure page.
    pub const LOCALE: &str = "locale";
}

/// Which attribute each form field of the recommended markup fills (`renderButtonHtml`).
pub const FORM_FIELDS: &[(&str, &str)] = &[
    ("credential-type", form_field::CREDENTIAL_TYPE),
    ("credential-ref", form_field::CREDENTIAL_REF),
    ("credential-refs", form_field::CREDENTIAL_REFS),
    ("locale", form_field::LOCALE),
];

/// The endpoints a button mounted from markup may call unless the page's script allows more
/// (threats.md item 51), by attribute.
pub const DEFAULT_ENDPOINTS: &[(&str, &str)] = &[
    ("endpoint", "/api/seekpass/add"),
    ("status-endpoint", "/api/seekpass/status"),
];
