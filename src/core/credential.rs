//! The credential types SEEK Pass accepts, in one table: API version, endpoint, redirect path,
//! document types and OAuth scope.

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

wire_enum! {
    /// A version of the SEEK Pass partner API; each credential type is sent to exactly one.
    pub enum ApiVersion {
        /// `/api/partner/v1/...`: the single-credential envelope `{id, credential_type, document_type, data}`.
        V1 = "v1",
        /// `/api/partner/v2/...`: the batch schema `{credential_id, digital_identity, *_items}`.
        V2 = "v2",
    }
}

/// Everything the widget and proxy need to know about one credential type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeSpec {
    /// The type this row describes.
    pub credential_type: CredentialType,
    /// The API version (and so the payload schema) of the add endpoint.
    pub api: ApiVersion,
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
    ($($ty:ident: $api:ident $add:literal, $redirect:literal, [$($doc:ident),*], [$($scope:ident),*];)+) => {
        /// The single table of credential types, one row per [`CredentialType`], in order.
        pub const TYPES: &[TypeSpec] = &[$(TypeSpec {
            credential_type: CredentialType::$ty,
            api: ApiVersion::$api,
            add_path: $add,
            redirect_path: $redirect,
            document_types: &[$(DocumentType::$doc),*],
            scopes: &[$(Scope::$scope),*],
        },)+];

        impl CredentialType {
            /// The API version of the add endpoint.
            pub fn api_version(&self) -> ApiVersion {
                match self { $(CredentialType::$ty => ApiVersion::$api,)+ }
            }

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
// (`seekpass-api.md` §3.1, §4 and §11); change them here and only here. Single credentials use
// the documented v1 endpoints (v2 single paths were never seen); batches exist only in v2.
credential_table! {
    Education: V1 "/api/partner/v1/add/education.json", "/partner/add/education",
        [Pdf, OpenCert, None], [WriteEducation];
    // UNCONFIRMED add path: `englishProficiency.json` is not ruled out; this one matches credential_type and the scope.
    EnglishProficiency: V1 "/api/partner/v1/add/english_proficiency.json", "/partner/add/englishProficiency",
        [EnglishAssessment], [WriteEnglishProficiency];
    Microcredential: V1 "/api/partner/v1/add/microcredential.json", "/partner/add/microcredential",
        [Pdf, Png, Jpg, OpenCert, None], [WriteMicrocredential];
    // UNCONFIRMED redirect path: never seen; camelCase by analogy with `englishProficiency`.
    DigitalIdentity: V1 "/api/partner/v1/add/digital_identity.json", "/partner/add/digitalIdentity",
        [None], [WriteDigitalIdentity];
    // UNCONFIRMED redirect path for v2 batches: only the v1 page showed `/partner/add/batch`.
    Batch: V2 "/api/partner/v2/add/requests/batch.json", "/partner/add/batch",
        [], [WriteEducation, WriteEnglishProficiency, WriteMicrocredential, WriteDigitalIdentity];
    // UNCONFIRMED: no separate endpoint is documented, so this is a v2 batch whose items are all
    // microcredentials; the app path is the product brief's, seen in none of the docs.
    BatchMicrocredential: V2 "/api/partner/v2/add/requests/batch.json", "/partner/add/batch/microcredential",
        [], [WriteMicrocredential];
}

impl CredentialType {
    /// This type's row of [`TYPES`].
    pub fn spec(&self) -> TypeSpec {
        TypeSpec {
            credential_type: *self,
            api: self.api_version(),
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

    /// Whether a redirect to `other`'s app path can answer a request of this type: its own
    /// path, or for the batch family either batch path (SEEK Pass chooses).
    pub fn accepts_redirect_of(&self, other: CredentialType) -> bool {
        *self == other || (self.is_batch() && other.is_batch())
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
