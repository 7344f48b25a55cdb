//! Typed SEEK Pass add-request payloads (`seekpass-api.md` §3–4), validated before sending.
//!
//! Required strings default to empty and required objects to `None` when absent, so a missing
//! field is reported by [`Checker`] with its path and rule instead of by serde with its value.

mod batch;
mod check;
mod education;
mod english;
mod identity;
mod microcredential;

use serde::{Deserialize, Serialize};

use crate::core::credential::{CredentialType, DocumentType};
use crate::core::wire::Choice;

pub use batch::{item_id, BatchItem, BatchRequest, MAX_BATCH_ITEMS};
pub use check::{is_date, is_id, is_year, Checker, FieldError, Rule, ValidationErrors};
pub use education::{Education, Subject, Transcript, TranscriptOverall};
pub use english::{CefrLevel, CefrScores, EnglishProficiency, OverallScore, Subskill, TestScores};
pub use identity::{DigitalIdentity, DocumentValidity, Liveness, PersonMatch, VerificationLevel};
pub use microcredential::Microcredential;

/// The `data.credential` of one credential type.
pub trait CredentialData {
    /// The credential type this model belongs to.
    const TYPE: CredentialType;
    /// Checks the fields, reporting paths relative to the current position.
    fn check(&self, c: &mut Checker);
}

/// A link in a multi-level partner hierarchy (`partner_chain`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerLink {
    /// The intermediate partner's name.
    #[serde(default)]
    pub name: String,
}

/// Checks an optional `partner_chain` array.
pub(crate) fn check_partner_chain(c: &mut Checker, chain: Option<&Vec<PartnerLink>>) {
    if let Some(links) = chain {
        c.at("partner_chain", |c| {
            c.each(links, |c, l| c.text("name", &l.name))
        });
    }
}

/// A v1 single-credential add request: `POST /api/partner/v1/add/<type>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "C: serde::de::DeserializeOwned"))]
pub struct AddRequest<C> {
    /// The partner's id for this submission; the same id within 48 h returns the same redirect.
    #[serde(default)]
    pub id: String,
    /// Must be `C::TYPE`.
    #[serde(default)]
    pub credential_type: Option<Choice<CredentialType>>,
    /// One of the type's document types.
    #[serde(default)]
    pub document_type: Option<Choice<DocumentType>>,
    /// The credential and its document.
    #[serde(default)]
    pub data: Option<Envelope<C>>,
}

/// The `data` object of an add request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "C: serde::de::DeserializeOwned"))]
pub struct Envelope<C> {
    /// The type-specific fields.
    #[serde(default = "none")]
    pub credential: Option<C>,
    /// A URL or OpenCerts JSON string, as `document_type` says; `null` for `none`.
    #[serde(default)]
    pub document: Option<String>,
    /// Intermediate partners (the digital identity docs place it here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_chain: Option<Vec<PartnerLink>>,
}

fn none<T>() -> Option<T> {
    None
}

impl<C: CredentialData> AddRequest<C> {
    /// A request for `credential`, typed so it needs no further construction.
    pub fn new(
        id: impl Into<String>,
        document_type: DocumentType,
        credential: C,
        document: Option<String>,
    ) -> Self {
        AddRequest {
            id: id.into(),
            credential_type: Some(Choice::Known(C::TYPE)),
            document_type: Some(Choice::Known(document_type)),
            data: Some(Envelope {
                credential: Some(credential),
                document,
                partner_chain: None,
            }),
        }
    }

    /// Checks every rule, returning all broken ones with their paths.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Checker::default();
        c.id("id", &self.id);
        if let Some(ty) = c.choice("credential_type", self.credential_type.as_ref()) {
            if ty != C::TYPE {
                c.fail("credential_type", Rule::Enum);
            }
        }
        let doc_type = c.choice("document_type", self.document_type.as_ref());
        if doc_type.is_some_and(|d| !C::TYPE.allows(d)) {
            c.fail("document_type", Rule::Enum);
        }
        c.object("data", self.data.as_ref(), |c, data| {
            c.object("credential", data.credential.as_ref(), |c, cred| {
                cred.check(c)
            });
            check_document(c, doc_type, data.document.as_deref());
            check_partner_chain(c, data.partner_chain.as_ref());
        });
        c.finish()
    }
}

/// `document` must match `document_type`: absent for `none`, an `https://` URL for files,
/// non-empty JSON text for OpenCerts; optional for an English assessment.
fn check_document(c: &mut Checker, doc_type: Option<DocumentType>, document: Option<&str>) {
    let Some(doc_type) = doc_type else { return };
    let is_url = |d: &str| {
        d.len() > "https://".len() && d.starts_with("https://") && !d.contains(char::is_whitespace)
    };
    let rule = match (doc_type, document) {
        (DocumentType::None, Some(_)) => Some(Rule::NotAllowed),
        (DocumentType::None, None) | (DocumentType::EnglishAssessment, None) => None,
        (_, None) => Some(Rule::Required),
        (_, Some(d)) if d.len() > MAX_DOCUMENT_LEN => Some(Rule::TooLong),
        (DocumentType::OpenCert, Some(d)) => d.trim().is_empty().then_some(Rule::Required),
        (_, Some(d)) => (!is_url(d)).then_some(Rule::Url),
    };
    if let Some(rule) = rule {
        c.fail("document", rule);
    }
}

use check::MAX_DOCUMENT_LEN;
