//! The partner's record store: which learner holds which credential, and its data. The proxy
//! builds SEEK Pass payloads from here, never from the browser.

use std::path::Path;

use seekpass_button::core::payload::{
    item_id, AddRequest, BatchItem, BatchRequest, CredentialData, DigitalIdentity, Education,
    EnglishProficiency, FieldError, Microcredential, Rule, ValidationErrors,
};
use seekpass_button::{CredentialType, DocumentType, WireEnum};
use serde::Deserialize;
use serde_json::Value;

/// A learner of the demo partner.
#[derive(Debug, Clone, Deserialize)]
pub struct Learner {
    /// Stable user id (what the session resolves to).
    pub id: String,
    /// Shown on the demo page.
    pub display_name: String,
}

/// A credential's data in its SEEK Pass model.
#[derive(Debug, Clone)]
pub enum Credential {
    /// Education qualification.
    Education(Education),
    /// English proficiency.
    EnglishProficiency(EnglishProficiency),
    /// Microcredential.
    Microcredential(Microcredential),
    /// Digital identity.
    DigitalIdentity(DigitalIdentity),
}

/// One credential held by one learner.
#[derive(Debug, Clone)]
pub struct Record {
    /// The opaque reference the button sends.
    pub reference: String,
    /// The learner who owns it.
    pub owner: String,
    /// A title for the demo page.
    pub title: String,
    /// The document type sent to SEEK Pass.
    pub document_type: DocumentType,
    /// The document (URL or OpenCerts JSON), if any.
    pub document: Option<String>,
    /// The credential fields.
    pub credential: Credential,
}

#[derive(Deserialize)]
struct RawRecord {
    reference: String,
    owner: String,
    title: String,
    credential_type: String,
    document_type: String,
    #[serde(default)]
    document: Option<String>,
    credential: Value,
}

#[derive(Deserialize)]
struct RawFile {
    learners: Vec<Learner>,
    credentials: Vec<RawRecord>,
}

/// All records, loaded and checked at start-up.
#[derive(Debug, Clone)]
pub struct RecordStore {
    /// Learners.
    pub learners: Vec<Learner>,
    records: Vec<Record>,
}

impl Record {
    /// The credential's name as anyone may see it: the course, test or microcredential and its
    /// issuer, never the person's name, scores or dates. What an entry link's landing shows,
    /// since mail scanners keep copies of it; a digital identity has no name, so it is `None`.
    pub fn public_title(&self) -> Option<String> {
        match &self.credential {
            Credential::Education(e) => {
                Some(format!("{}, {}", e.course_name, e.education_provider))
            }
            Credential::EnglishProficiency(e) => {
                Some(format!("{}, {}", e.test_name, e.test_provider))
            }
            Credential::Microcredential(m) => {
                Some(format!("{}, {}", m.microcredential_name, m.issuer_name))
            }
            Credential::DigitalIdentity(_) => None,
        }
    }

    /// The record's credential type.
    pub fn credential_type(&self) -> CredentialType {
        match self.credential {
            Credential::Education(_) => CredentialType::Education,
            Credential::EnglishProficiency(_) => CredentialType::EnglishProficiency,
            Credential::Microcredential(_) => CredentialType::Microcredential,
            Credential::DigitalIdentity(_) => CredentialType::DigitalIdentity,
        }
    }

    /// The validated single-credential add request with SEEK Pass id `id`.
    pub fn add_request(&self, id: &str) -> Result<Value, ValidationErrors> {
        fn build<C: CredentialData + serde::Serialize + Clone>(
            r: &Record,
            id: &str,
            c: &C,
        ) -> Result<Value, ValidationErrors> {
            let req = AddRequest::new(id, r.document_type, c.clone(), r.document.clone());
            req.validate()?;
            Ok(serde_json::to_value(&req).unwrap_or(Value::Null))
        }
        match &self.credential {
            Credential::Education(c) => build(self, id, c),
            Credential::EnglishProficiency(c) => build(self, id, c),
            Credential::Microcredential(c) => build(self, id, c),
            Credential::DigitalIdentity(c) => build(self, id, c),
        }
    }
}

/// The validated v2 batch request for `records` with request id `batch_id`. Item ids are
/// `<batch_id>-<type>-<n>` ([`item_id`]), so they differ from the request's and each other's.
pub fn batch_request(
    ty: CredentialType,
    records: &[&Record],
    batch_id: &str,
) -> Result<Value, ValidationErrors> {
    let mut batch = BatchRequest {
        credential_id: batch_id.to_owned(),
        ..BatchRequest::default()
    };
    fn push<C: Clone>(items: &mut Vec<BatchItem<C>>, batch_id: &str, ty: CredentialType, c: &C) {
        let credential_id = item_id(batch_id, ty, items.len() + 1);
        items.push(BatchItem {
            credential_id,
            fields: Some(c.clone()),
        });
    }
    let mut identities = Vec::new();
    for r in records {
        let item_ty = r.credential_type();
        match &r.credential {
            Credential::Education(c) => push(&mut batch.education_items, batch_id, item_ty, c),
            Credential::EnglishProficiency(c) => {
                push(&mut batch.english_proficiency_items, batch_id, item_ty, c)
            }
            Credential::Microcredential(c) => {
                push(&mut batch.microcredential_items, batch_id, item_ty, c)
            }
            Credential::DigitalIdentity(c) => push(&mut identities, batch_id, item_ty, c),
        }
    }
    // A batch holds at most one digital identity.
    if identities.len() > 1 {
        return Err(ValidationErrors(vec![FieldError {
            path: "digital_identity".into(),
            rule: Rule::Duplicate,
        }]));
    }
    batch.digital_identity = identities.pop();
    batch.validate(ty)?;
    Ok(serde_json::to_value(&batch).unwrap_or(Value::Null))
}

impl RecordStore {
    /// Loads and validates the store; any invalid record is an error naming its reference.
    pub fn load(path: &Path) -> Result<RecordStore, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::parse(&text)
    }

    /// Parses and validates a store from JSON text.
    pub fn parse(text: &str) -> Result<RecordStore, String> {
        let raw: RawFile = serde_json::from_str(text).map_err(|e| format!("records: {e}"))?;
        let mut records = Vec::new();
        for r in raw.credentials {
            let bad = |what: &str| format!("record {}: {what}", r.reference);
            let ty = CredentialType::parse(&r.credential_type)
                .ok_or_else(|| bad("unknown credential_type"))?;
            let document_type = DocumentType::parse(&r.document_type)
                .ok_or_else(|| bad("unknown document_type"))?;
            let parse = |v: Value| -> Result<Credential, String> {
                let de = |e: serde_json::Error| bad(&e.to_string());
                Ok(match ty {
                    CredentialType::Education => {
                        Credential::Education(serde_json::from_value(v).map_err(de)?)
                    }
                    CredentialType::EnglishProficiency => {
                        Credential::EnglishProficiency(serde_json::from_value(v).map_err(de)?)
                    }
                    CredentialType::Microcredential => {
                        Credential::Microcredential(serde_json::from_value(v).map_err(de)?)
                    }
                    CredentialType::DigitalIdentity => {
                        Credential::DigitalIdentity(serde_json::from_value(v).map_err(de)?)
                    }
                    _ => return Err(bad("batches are built from records, not stored")),
                })
            };
            let record = Record {
                credential: parse(r.credential.clone())?,
                reference: r.reference.clone(),
                owner: r.owner.clone(),
                title: r.title.clone(),
                document_type,
                document: r.document.clone(),
            };
            record
                .add_request("validation-probe")
                .map_err(|e| bad(&e.to_string()))?;
            records.push(record);
        }
        Ok(RecordStore {
            learners: raw.learners,
            records,
        })
    }

    /// The record with this reference.
    pub fn get(&self, reference: &str) -> Option<&Record> {
        self.records.iter().find(|r| r.reference == reference)
    }

    /// How many records are loaded.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no record is loaded.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The records `user` owns, in file order.
    pub fn owned_by<'a>(&'a self, user: &'a str) -> impl Iterator<Item = &'a Record> + 'a {
        self.records.iter().filter(move |r| r.owner == user)
    }
}
