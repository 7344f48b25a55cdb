//! Batch requests: several credentials, one redirect (`seekpass-api.md` §4), in the v2 schema
//! of `POST /api/partner/v2/add/requests/batch.json`: `credential_id` for the request,
//! `digital_identity` and `*_items` of `{credential_id, fields}`.
//!
//! Every item's `credential_id` differs from the request's and from every other item's; see
//! [`item_id`]. Items carry no `assets` (the asynchronous upload flow is not modelled), so
//! batch items carry no documents.

use serde::{Deserialize, Serialize};

use super::{
    Checker, CredentialData, DigitalIdentity, Education, EnglishProficiency, Microcredential, Rule,
    ValidationErrors,
};
use crate::core::credential::CredentialType;
use crate::core::wire::WireEnum;

/// Most items in one batch (no documented limit; keeps one request bounded).
pub const MAX_BATCH_ITEMS: usize = 50;

/// The id of the `n`th (1-based) item of type `ty` in batch `batch_id`: `<batch>-<type>-<n>`,
/// the shape of the docs' batch sample. Distinct from the batch id and from every other item's.
pub fn item_id(batch_id: &str, ty: CredentialType, n: usize) -> String {
    format!("{batch_id}-{}-{n}", ty.as_str())
}

/// One item of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "C: serde::de::DeserializeOwned"))]
pub struct BatchItem<C> {
    /// The partner's id for this item, unique within the batch.
    #[serde(default)]
    pub credential_id: String,
    /// The credential's fields.
    #[serde(default = "none")]
    pub fields: Option<C>,
}

fn none<T>() -> Option<T> {
    None
}

/// A batch add request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchRequest {
    /// The partner's id for the whole batch (the 48 h idempotency key).
    #[serde(default)]
    pub credential_id: String,
    /// At most one digital identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_identity: Option<BatchItem<DigitalIdentity>>,
    /// Education qualifications.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education_items: Vec<BatchItem<Education>>,
    /// Microcredentials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub microcredential_items: Vec<BatchItem<Microcredential>>,
    /// English proficiency results.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub english_proficiency_items: Vec<BatchItem<EnglishProficiency>>,
}

impl BatchRequest {
    /// Number of credentials in the batch.
    pub fn len(&self) -> usize {
        usize::from(self.digital_identity.is_some())
            + self.education_items.len()
            + self.microcredential_items.len()
            + self.english_proficiency_items.len()
    }

    /// Whether the batch holds no credential.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Validates for `ty` ([`CredentialType::Batch`] or [`CredentialType::BatchMicrocredential`]).
    pub fn validate(&self, ty: CredentialType) -> Result<(), ValidationErrors> {
        let mut c = Checker::default();
        c.id("credential_id", &self.credential_id);
        if self.is_empty() {
            c.fail("items", Rule::Required);
        } else if self.len() > MAX_BATCH_ITEMS {
            c.fail("items", Rule::TooLong);
        }
        let micro_only = ty == CredentialType::BatchMicrocredential;
        if !ty.is_batch() {
            c.fail("credential_type", Rule::Enum);
        }
        let mut ids: Vec<&str> = vec![self.credential_id.as_str()];
        if let Some(item) = &self.digital_identity {
            if micro_only {
                c.fail("digital_identity", Rule::NotAllowed);
            }
            c.at("digital_identity", |c| check_item(c, item, &mut ids));
        }
        check_items(
            &mut c,
            "education_items",
            &self.education_items,
            micro_only,
            &mut ids,
        );
        check_items(
            &mut c,
            "english_proficiency_items",
            &self.english_proficiency_items,
            micro_only,
            &mut ids,
        );
        check_items(
            &mut c,
            "microcredential_items",
            &self.microcredential_items,
            false,
            &mut ids,
        );
        c.finish()
    }
}

fn check_items<'a, C: CredentialData>(
    c: &mut Checker,
    name: &str,
    items: &'a [BatchItem<C>],
    forbidden: bool,
    ids: &mut Vec<&'a str>,
) {
    if items.is_empty() {
        return;
    }
    if forbidden {
        c.fail(name, Rule::NotAllowed);
    }
    c.at(name, |c| c.each(items, |c, item| check_item(c, item, ids)));
}

fn check_item<'a, C: CredentialData>(
    c: &mut Checker,
    item: &'a BatchItem<C>,
    ids: &mut Vec<&'a str>,
) {
    c.id("credential_id", &item.credential_id);
    if ids.contains(&item.credential_id.as_str()) {
        c.fail("credential_id", Rule::Duplicate);
    }
    ids.push(&item.credential_id);
    c.object("fields", item.fields.as_ref(), |c, f| f.check(c));
}
