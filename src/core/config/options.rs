//! The closed sets of values a button's attributes can take, and why a configuration fails.

use crate::core::wire::wire_enum;

wire_enum! {
    /// Colour scheme.
    pub enum Variant {
        /// Brand colour background (default).
        Accent = "accent",
        /// Dark background.
        Dark = "dark",
        /// Light background.
        Light = "light",
    }
}

wire_enum! {
    /// Where SEEK Pass opens.
    pub enum Target {
        /// The current tab (default; never blocked as a popup).
        SelfTab = "self",
        /// A new tab, opened inside the click.
        NewTab = "new-tab",
    }
}

wire_enum! {
    /// Why a configuration was refused; shown only to integrators (in `debug`), never with values.
    pub enum ConfigProblem {
        /// `endpoint` is missing and no `getRedirectUri` was given.
        MissingEndpoint = "missing_endpoint",
        /// `endpoint` is not a same-origin path such as `/api/seekpass/add`.
        BadEndpoint = "bad_endpoint",
        /// `status-endpoint` is not a same-origin path such as `/api/seekpass/status`.
        BadStatusEndpoint = "bad_status_endpoint",
        /// An auto-mounted button asked for an endpoint the page's script did not allow.
        EndpointNotAllowed = "endpoint_not_allowed",
        /// `credential-type` is missing.
        MissingCredentialType = "missing_credential_type",
        /// `credential-type` is not a known type.
        UnknownCredentialType = "unknown_credential_type",
        /// No `credential-ref` (or, for batches, `credential-refs`).
        MissingReference = "missing_reference",
        /// A reference is not 1–128 of `A-Z a-z 0-9 . _ : -`, or a batch has too many.
        BadReference = "bad_reference",
        /// `environment` is not `production`, `staging` or a loopback origin.
        BadEnvironment = "bad_environment",
        /// `variant`, `size` or `target` has an unknown value.
        BadAppearance = "bad_appearance",
        /// An attribute that looks like a secret (client secret, token); secrets stay on the server.
        SecretAttribute = "secret_attribute",
        /// An attribute that looks like personal data; the proxy looks the record up itself.
        PersonalDataAttribute = "personal_data_attribute",
    }
}

wire_enum! {
    /// Button size.
    pub enum Size {
        /// Compact.
        Small = "small",
        /// Default.
        Medium = "medium",
        /// Prominent.
        Large = "large",
    }
}
