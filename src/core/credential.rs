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

/// Expands the one table below into [`TYPES`] and per-field accessors. The accessors are
/// separate `match`es so the browser build, which needs only redirect paths and document types,
/// carries no API paths or scopes (threats.md item 11 checks the built files for them).
macro_rules! credential_table {
    ($($ty:ident: $add:literal, $redirect:literal, [$($doc:ident),*], [$($scope:ident),*];)+) => {
        /// The single table of credential types, one row per [`CredentialType`], in order.
        pub const TYPES: &[TypeSpec] = &[$(TypeSpec {
            credential_type: CredentialType::$ty,
            add_path: $add,
            redirect_path: $redirect,
            document_types: &[$(DocumentType::$doc),*],
            scopes: &[$(Scope::$scope),*],
        },)+];

        impl CredentialType {
            /// Path of the SEEK Pass add endpoint.
            pub fn add_path(&self) -> &'static str {
                match self { $(CredentialType::$ty => $add,)+ }
            }

            /// Path of the SEEK Pass app page.
            pub fn redirect_path(&self) -> &'static str {
                match self { $(CredentialType::$ty => $redirect,)+ }
            }

            /// Allowed `document_type` values (empty for batches).
            pub fn document_types(&self) -> &'static [DocumentType] {
                match self { $(CredentialType::$ty => &[$(DocumentType::$doc),*],)+ }
            }

            /// OAuth scopes the access token must carry.
            pub fn scopes(&self) -> &'static [Scope] {
                match self { $(CredentialType::$ty => &[$(Scope::$scope),*],)+ }
            }
        }
    };
}

// The single table. Values marked UNCONFIRMED are not in the stored SEEK Pass docs
// (`seekpass-api.md` §3.1 and §11); change them here and only here.
credential_table! {
    Education: "/api/partner/v1/add/education.json", "/partner/add/education",
        [Pdf, OpenCert, None], [WriteEducation];
    // UNCONFIRMED add path: `englishProficiency.json` is not ruled out; this one matches credential_type and the scope.
    EnglishProficiency: "/api/partner/v1/add/english_proficiency.json", "/partner/add/englishProficiency",
        [EnglishAssessment], [WriteEnglishProficiency];
    Microcredential: "/api/partner/v1/add/microcredential.json", "/partner/add/microcredential",
        [Pdf, Png, Jpg, OpenCert, None], [WriteMicrocredential];
    // UNCONFIRMED redirect path: never seen; camelCase by analogy with `englishProficiency`.
    DigitalIdentity: "/api/partner/v1/add/digital_identity.json", "/partner/add/digitalIdentity",
        [None], [WriteDigitalIdentity];
    Batch: "/api/partner/v1/add/batch.json", "/partner/add/batch",
        [], [WriteEducation, WriteEnglishProficiency, WriteMicrocredential, WriteDigitalIdentity];
    // UNCONFIRMED: this path pair is named in the product brief but in none of the docs.
    BatchMicrocredential: "/api/partner/v1/add/batch/microcredential.json", "/partner/add/batch/microcredential",
        [], [WriteMicrocredential];
}

impl CredentialType {
    /// This type's row of [`TYPES`].
    pub fn spec(&self) -> TypeSpec {
        TypeSpec {
            credential_type: *self,
            add_path: self.add_path(),
            redirect_path: self.redirect_path(),
            document_types: self.document_types(),
            scopes: self.scopes(),
        }
    }

    /// The type whose app redirect path is exactly `path`.
    pub fn from_redirect_path(path: &str) -> Option<CredentialType> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.redirect_path() == path)
    }

    /// Whether this type sends several credentials at once.
    pub fn is_batch(&self) -> bool {
        self.document_types().is_empty()
    }

    /// Whether `doc` is an allowed `document_type` for this type.
    pub fn allows(&self, doc: DocumentType) -> bool {
        self.document_types().contains(&doc)
    }
}
