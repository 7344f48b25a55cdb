//! Digital identity (`credential_type: "digital_identity"`, `seekpass-api.md` §3.6).
//!
//! Two generations of the schema exist: the newer one describes three checks, the older one a
//! single verification level. A payload must carry one or the other, complete.

use serde::{Deserialize, Serialize};

use super::{Checker, CredentialData, Rule};
use crate::core::credential::CredentialType;
use crate::core::wire::{wire_enum, Choice};

wire_enum! {
    /// How the identity document was checked.
    pub enum DocumentValidity {
        /// A person looked at the document.
        Manual = "manual",
        /// Checked against a government database.
        GovernmentDatabase = "government_database",
        /// A cryptographically verifiable source.
        VerifiableCredential = "verifiable_credential",
    }
}

wire_enum! {
    /// How liveness was established.
    pub enum Liveness {
        /// An automated liveness check.
        Automated = "automated",
        /// The document was handed over in person.
        InPerson = "in_person",
    }
}

wire_enum! {
    /// How the person was matched to the document.
    pub enum PersonMatch {
        /// A person compared photo and document.
        Manual = "manual",
        /// Automated face match.
        Automated = "automated",
        /// Matched against a government database.
        GovernmentDatabase = "government_database",
    }
}

wire_enum! {
    /// The older schema's single verification level.
    pub enum VerificationLevel {
        /// Basic.
        Basic = "basic",
        /// Standard.
        Standard = "standard",
    }
}

/// `data.credential` of a digital identity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DigitalIdentity {
    /// The person's full name.
    #[serde(default)]
    pub full_name: String,
    /// `YYYY-MM-DD`, recommended when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    /// Newer schema: how the document was validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_document_validity: Option<Choice<DocumentValidity>>,
    /// Newer schema: how liveness was checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_document_liveness: Option<Choice<Liveness>>,
    /// Newer schema: how the person was matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_document_person_match: Option<Choice<PersonMatch>>,
    /// Older schema: the verification level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_verification_level: Option<Choice<VerificationLevel>>,
}

impl CredentialData for DigitalIdentity {
    const TYPE: CredentialType = CredentialType::DigitalIdentity;

    fn check(&self, c: &mut Checker) {
        c.text("full_name", &self.full_name);
        c.date("date_of_birth", self.date_of_birth.as_deref(), false);
        let newer = self.identity_document_validity.is_some()
            || self.identity_document_liveness.is_some()
            || self.identity_document_person_match.is_some();
        match (&self.identity_verification_level, newer) {
            (Some(_), true) => c.fail("identity_verification_level", Rule::NotAllowed),
            (Some(level), false) => {
                c.choice("identity_verification_level", Some(level));
            }
            (None, _) => {
                c.choice(
                    "identity_document_validity",
                    self.identity_document_validity.as_ref(),
                );
                c.choice(
                    "identity_document_liveness",
                    self.identity_document_liveness.as_ref(),
                );
                c.choice(
                    "identity_document_person_match",
                    self.identity_document_person_match.as_ref(),
                );
            }
        }
    }
}
