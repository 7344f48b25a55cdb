//! The button's configuration, read from element attributes and checked before anything runs.

use crate::core::credential::CredentialType;
use crate::core::env::Environment;
use crate::core::messages::Locale;
use crate::core::text::contains;
use crate::core::wire::WireEnum;

/// Most references a batch button may carry.
pub const MAX_BATCH_REFS: usize = 50;

mod options;

pub use options::{ConfigProblem, Size, Target, Variant};

/// What the proxy is asked to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialRef {
    /// One credential.
    One(String),
    /// A batch.
    Many(Vec<String>),
}

/// A checked button configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ButtonConfig {
    /// The partner proxy path; `None` when the integrator supplies `getRedirectUri`.
    pub endpoint: Option<String>,
    /// The credential type.
    pub credential_type: CredentialType,
    /// The opaque reference(s) the proxy looks up.
    pub reference: CredentialRef,
    /// Where redirects may go.
    pub environment: Environment,
    /// Colours.
    pub variant: Variant,
    /// Size.
    pub size: Size,
    /// Stretch to the container's width.
    pub full_width: bool,
    /// Display language.
    pub locale: Locale,
    /// Same tab or new tab.
    pub target: Target,
    /// Ignore clicks.
    pub disabled: bool,
    /// Print error codes to the console.
    pub debug: bool,
    /// The partner's public OAuth client id, to match against the redirect's `clientId`.
    pub client_id: Option<String>,
    /// Where to ask whether the credential is already in the wallet (`status-endpoint`).
    pub status_endpoint: Option<String>,
}

/// What the web layer read from the element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawConfig {
    /// Every attribute, name lower-cased, `data-` prefix kept.
    pub attributes: Vec<(String, String)>,
    /// The `credentialRefs` property, when it is an array of strings.
    pub refs_property: Option<Vec<String>>,
    /// Whether a `getRedirectUri` function was supplied.
    pub has_redirect_hook: bool,
    /// The nearest `lang` of the page, used when `locale` is absent.
    pub page_lang: Option<String>,
    /// Auto-mount held back an endpoint the page did not allow (a property only script sets).
    pub endpoint_refused: bool,
}

impl RawConfig {
    fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name || k.strip_prefix("data-") == Some(name))
            .map(|(_, v)| v.as_str())
    }

    fn flag(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v != "false")
    }
}

/// Checks a raw configuration.
pub fn parse_config(raw: &RawConfig) -> Result<ButtonConfig, ConfigProblem> {
    if raw.endpoint_refused {
        return Err(ConfigProblem::EndpointNotAllowed);
    }
    check_attribute_names(raw)?;
    let endpoint = match raw.get("endpoint") {
        Some(e) if is_endpoint(e) => Some(e.to_owned()),
        Some(_) => return Err(ConfigProblem::BadEndpoint),
        None if raw.has_redirect_hook => None,
        None => return Err(ConfigProblem::MissingEndpoint),
    };
    let status_endpoint = match raw.get("status-endpoint") {
        Some(e) if is_endpoint(e) => Some(e.to_owned()),
        Some(_) => return Err(ConfigProblem::BadStatusEndpoint),
        None => None,
    };
    let credential_type = raw
        .get("credential-type")
        .ok_or(ConfigProblem::MissingCredentialType)?;
    let credential_type =
        CredentialType::parse(credential_type).ok_or(ConfigProblem::UnknownCredentialType)?;
    let reference = parse_reference(raw, credential_type.is_batch())?;
    let environment = Environment::parse(raw.get("environment").unwrap_or("production"))
        .map_err(|_| ConfigProblem::BadEnvironment)?;
    let pick = |name: &str| raw.get(name).filter(|v| !v.is_empty());
    let variant = choose(pick("variant"), Variant::Accent)?;
    let size = choose(pick("size"), Size::Medium)?;
    let target = choose(pick("target"), Target::SelfTab)?;
    let locale = Locale::negotiate(
        raw.get("locale")
            .or(raw.page_lang.as_deref())
            .unwrap_or("en"),
    );
    let client_id = raw
        .get("client-id")
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    Ok(ButtonConfig {
        endpoint,
        credential_type,
        reference,
        environment,
        variant,
        size,
        full_width: raw.flag("full-width"),
        locale,
        target,
        disabled: raw.flag("disabled"),
        debug: raw.flag("debug"),
        client_id,
        status_endpoint,
    })
}

fn choose<T: WireEnum>(value: Option<&str>, default: T) -> Result<T, ConfigProblem> {
    value.map_or(Ok(default), |v| {
        T::parse(v).ok_or(ConfigProblem::BadAppearance)
    })
}

fn parse_reference(raw: &RawConfig, batch: bool) -> Result<CredentialRef, ConfigProblem> {
    if !batch {
        let one = raw
            .get("credential-ref")
            .filter(|r| !r.is_empty())
            .ok_or(ConfigProblem::MissingReference)?;
        return if is_reference(one) {
            Ok(CredentialRef::One(one.to_owned()))
        } else {
            Err(ConfigProblem::BadReference)
        };
    }
    let refs: Vec<String> = match &raw.refs_property {
        Some(list) => list.clone(),
        None => raw
            .get("credential-refs")
            .unwrap_or("")
            .split([',', ' ', '\n', '\t'])
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect(),
    };
    if refs.is_empty() {
        return Err(ConfigProblem::MissingReference);
    }
    if refs.len() > MAX_BATCH_REFS || !refs.iter().all(|r| is_reference(r)) {
        return Err(ConfigProblem::BadReference);
    }
    Ok(CredentialRef::Many(refs))
}

/// A same-origin absolute path: `/…`, not `//…`, printable ASCII without `\`, at most 512 bytes.
fn is_endpoint(e: &str) -> bool {
    e.starts_with('/')
        && !e.starts_with("//")
        && e.len() <= 512
        && e.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b'\\')
}

/// An opaque record reference: 1–128 of `A-Z a-z 0-9 . _ : -`, not dots alone. A reference is
/// a path segment of the status URL, where `.` and `..` would climb out of the status endpoint
/// (threats.md item 64).
pub fn is_reference(r: &str) -> bool {
    (1..=128).contains(&r.len())
        && r.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
        && !r.bytes().all(|b| b == b'.')
}

/// Secrets and personal data belong on the partner's server; refuse attributes that look like them.
fn check_attribute_names(raw: &RawConfig) -> Result<(), ConfigProblem> {
    const SECRET: &[&str] = &[
        "secret",
        "token",
        "password",
        "authorization",
        "api-key",
        "apikey",
        "bearer",
    ];
    const PERSONAL: &[&str] = &[
        "full-name",
        "fullname",
        "first-name",
        "last-name",
        "dob",
        "birth",
        "email",
        "phone",
        "passport",
        "address",
    ];
    for (name, _) in &raw.attributes {
        let name = name.strip_prefix("data-").unwrap_or(name).replace('_', "-");
        if SECRET.iter().any(|s| contains(&name, s)) {
            return Err(ConfigProblem::SecretAttribute);
        }
        if PERSONAL.iter().any(|s| contains(&name, s)) {
            return Err(ConfigProblem::PersonalDataAttribute);
        }
    }
    Ok(())
}
