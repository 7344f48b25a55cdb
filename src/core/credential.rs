//! The credential types SEEK Pass accepts, in one table: endpoint, redirect path, document
//! types and OAuth scope.

use super::wire::{wire_enum, WireEnum};

wire_enum! {
    /// A kind of credential a button can add.
    pub enum CredentialType {
        /// Education qualification.
        Education = "education",
        /// English proficiency test result.
        EnglishProficiency = "english_proficiency",
        /// Learning and development (microcredential).
        Microcredential = "microcredential",
        /// Digital identity.
        DigitalIdentity = "digital_identity",
        /// Several credentials of mixed types in one request.
        Batch = "batch",
        /// Several microcredentials in one request.
        BatchMicrocredential = "batch_microcredential",
    }
}

wire_enum! {
    /// The `document_type` of a credential (and `documentType` in a redirect fragment).
    pub enum DocumentType {
        /// A URL to a PDF.
        Pdf = "pdf",
        /// A URL to a PNG image.
        Png = "png",
        /// A URL to a JPEG image.
        Jpg = "jpg",
        /// An OpenCerts / OpenAttestation 2.0 document as a JSON string.
        OpenCert = "open_cert",
        /// No document.
        None = "none",
        /// An English assessment result (a PDF URL or nothing).
        EnglishAssessment = "english_assessment",
    }
}

wire_enum! {
    /// An OAuth scope of the SEEK Pass partner API.
    pub enum Scope {
        /// Add education credentials.
        WriteEducation = "write.education",
        /// Add English proficiency credentials.
        WriteEnglishProficiency = "write.english_proficiency",
        /// Add microcredentials.
        WriteMicrocredential = "write.microcredential",
        /// Add digital identities.
        WriteDigitalIdentity = "write.digital_identity",
    }
}

/// Everything the widget and proxy need to know about one credential type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeSpec {
    /// The type this row describes.
    pub credential_type: CredentialType,
    /// Path of the SEEK Pass add endpoint, e.g. `/api/partner/v1/add/education.json`.
    pub add_path: &'static str,
    /// Path of the SEEK Pass app page the user is sent to, e.g. `/partner/add/education`.
    pub redirect_path: &'static str,
    /// Allowed `document_type` values; empty for batches, whose redirect has no `documentType`.
    pub document_types: &'static [DocumentType],
    /// Scopes the access token must carry.
    pub scopes: &'static [Scope],
}

use DocumentType as D;
use Scope as S;

/// The single table of credential types. Values marked UNCONFIRMED are not in the stored
/// SEEK Pass docs (see `seekpass-api.md` §3.1 and §11); change them here and only here.
pub const TYPES: &[TypeSpec] = &[
    TypeSpec {
        credential_type: CredentialType::Education,
        add_path: "/api/partner/v1/add/education.json",
        redirect_path: "/partner/add/education",
        document_types: &[D::Pdf, D::OpenCert, D::None],
        scopes: &[S::WriteEducation],
    },
    TypeSpec {
        credential_type: CredentialType::EnglishProficiency,
        // UNCONFIRMED: `englishProficiency.json` is not ruled out; this matches credential_type and the scope.
        add_path: "/api/partner/v1/add/english_proficiency.json",
        redirect_path: "/partner/add/englishProficiency",
        document_types: &[D::EnglishAssessment],
        scopes: &[S::WriteEnglishProficiency],
    },
    TypeSpec {
        credential_type: CredentialType::Microcredential,
        add_path: "/api/partner/v1/add/microcredential.json",
        redirect_path: "/partner/add/microcredential",
        document_types: &[D::Pdf, D::Png, D::Jpg, D::OpenCert, D::None],
        scopes: &[S::WriteMicrocredential],
    },
    TypeSpec {
        credential_type: CredentialType::DigitalIdentity,
        add_path: "/api/partner/v1/add/digital_identity.json",
        // UNCONFIRMED: never seen; camelCase by analogy with `englishProficiency`.
        redirect_path: "/partner/add/digitalIdentity",
        document_types: &[D::None],
        scopes: &[S::WriteDigitalIdentity],
    },
    TypeSpec {
        credential_type: CredentialType::Batch,
        add_path: "/api/partner/v1/add/batch.json",
        redirect_path: "/partner/add/batch",
        document_types: &[],
        scopes: &[
            S::WriteEducation,
            S::WriteEnglishProficiency,
            S::WriteMicrocredential,
            S::WriteDigitalIdentity,
        ],
    },
    TypeSpec {
        credential_type: CredentialType::BatchMicrocredential,
        // UNCONFIRMED: the path pair is named in the product brief but in none of the docs.
        add_path: "/api/partner/v1/add/batch/microcredential.json",
        redirect_path: "/partner/add/batch/microcredential",
        document_types: &[],
        scopes: &[S::WriteMicrocredential],
    },
];

impl CredentialType {
    /// This type's row of [`TYPES`].
    pub fn spec(&self) -> &'static TypeSpec {
        // The table has one row per variant (checked by a unit test), in declaration order.
        &TYPES[Self::ALL.iter().position(|t| t == self).unwrap_or(0)]
    }

    /// The type whose app redirect path is exactly `path`.
    pub fn from_redirect_path(path: &str) -> Option<CredentialType> {
        TYPES
            .iter()
            .find(|t| t.redirect_path == path)
            .map(|t| t.credential_type)
    }

    /// Whether this type sends several credentials at once.
    pub fn is_batch(&self) -> bool {
        self.spec().document_types.is_empty()
    }

    /// Whether `doc` is an allowed `document_type` for this type.
    pub fn allows(&self, doc: DocumentType) -> bool {
        self.spec().document_types.contains(&doc)
    }
}
