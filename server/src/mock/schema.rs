//! The mock's own tables of what SEEK Pass documents, written from the developer pages
//! (`seekpass-api.md` §3, §4) and checked against the raw JSON of each request.
//!
//! Deliberately independent of `seekpass_button::core::payload`: the proxy serialises with those
//! structs, so a mock that deserialised with them would agree with any mistake they make. Field
//! names, paths and scopes here are literals copied from the docs, not the core's constants.
//! [`super::check`] walks a body against them; `json_schema` and `field_reference` publish them
//! for partners, so what the mock enforces and what the docs say cannot differ.

/// The shape of one documented field.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A string.
    Str,
    /// A string or null.
    StrOrNull,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD` or null.
    DateOrNull,
    /// `YYYY` or null.
    YearOrNull,
    /// `YYYY` or `YYYY-MM-DD`.
    YearOrDate,
    /// `true` or `false`.
    Bool,
    /// An array of strings.
    Strings,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// An object with these fields.
    Object(&'static [Field]),
    /// An array of objects with these fields.
    Objects(&'static [Field]),
    /// `partner_chain`: null or an array of `{name}`.
    PartnerChain,
    /// A CEFR level: the docs say only "string"; the levels are inferred (see [`CEFR_LEVELS`]).
    Cefr,
}

/// One documented field: name, whether required, shape.
#[derive(Debug, Clone, Copy)]
pub struct Field(pub &'static str, pub bool, pub Kind);

const REQ: bool = true;
const OPT: bool = false;

/// `partner_chain`, where each page places it.
pub const PARTNER: Field = Field("partner_chain", OPT, Kind::PartnerChain);

/// One `partner_chain` link.
pub const PARTNER_LINK: &[Field] = &[Field("name", REQ, Kind::Str)];

/// The Council of Europe's CEFR levels (Companion Volume, plus levels included). The pages call
/// each `cefr_scores` member a "CEFR score" of type string and show no value: that it must be one
/// of these is INFERRED, and stricter than SEEK Pass may be, so a band score sent by mistake
/// (`"6.5"`) fails here instead of showing wrongly on SEEK.
pub const CEFR_LEVELS: &[&str] = &[
    "Pre-A1", "A1", "A2", "A2+", "B1", "B1+", "B2", "B2+", "C1", "C2",
];

/// `data.credential` of an education qualification (education-field-descriptions).
pub const EDUCATION: &[Field] = &[
    Field("full_name", REQ, Kind::Str),
    Field("education_provider", REQ, Kind::Str),
    Field("course_name", REQ, Kind::Str),
    // Required unless `awaiting_graduation`; checked in `check_rules`.
    Field("conferral_year", OPT, Kind::YearOrNull),
    Field("awaiting_graduation", OPT, Kind::Bool),
    Field("has_majors", OPT, Kind::Bool),
    Field("majors", OPT, Kind::Strings),
    Field("with_honours", OPT, Kind::Bool),
    Field(
        "transcript",
        OPT,
        Kind::Object(&[
            Field(
                "overall",
                REQ,
                Kind::Object(&[
                    Field("issuance_date", REQ, Kind::Date),
                    Field("score", OPT, Kind::Str),
                ]),
            ),
            Field(
                "subjects",
                REQ,
                Kind::Objects(&[
                    Field("name", REQ, Kind::Str),
                    Field("code", REQ, Kind::Str),
                    Field("credit", OPT, Kind::Str),
                    Field("score", OPT, Kind::Str),
                    Field("grade", REQ, Kind::Str),
                    Field("completion_date", REQ, Kind::YearOrDate),
                ]),
            ),
        ]),
    ),
    PARTNER,
];

const CEFR: &[Field] = &[
    Field("combined", OPT, Kind::Cefr),
    Field("reading", OPT, Kind::Cefr),
    Field("listening", OPT, Kind::Cefr),
    Field("speaking", OPT, Kind::Cefr),
    Field("writing", OPT, Kind::Cefr),
];

/// `data.credential` of an English proficiency result (english-proficiency-field-descriptions).
pub const ENGLISH: &[Field] = &[
    Field("full_name", REQ, Kind::Str),
    Field("test_provider", REQ, Kind::Str),
    Field("test_name", REQ, Kind::Str),
    Field("completion_date", REQ, Kind::Date),
    Field("expiry_date", OPT, Kind::Date),
    Field(
        "test_scores",
        REQ,
        Kind::Object(&[
            Field("cefr_scores", REQ, Kind::Object(CEFR)),
            Field(
                "overall",
                REQ,
                Kind::Object(&[
                    Field("score", REQ, Kind::Str),
                    Field("scale", REQ, Kind::Str),
                ]),
            ),
            Field(
                "subskills",
                OPT,
                Kind::Objects(&[
                    Field("skill", REQ, Kind::Str),
                    Field("score", REQ, Kind::Str),
                ]),
            ),
            // One rendering of the page places it here.
            PARTNER,
        ]),
    ),
    PARTNER,
];

/// `data.credential` of a microcredential (microcredential-field-descriptions).
pub const MICROCREDENTIAL: &[Field] = &[
    Field("full_name", REQ, Kind::Str),
    Field("issuer_name", REQ, Kind::Str),
    Field("microcredential_name", REQ, Kind::Str),
    Field("issue_date", REQ, Kind::Date),
    Field("expiry_date", OPT, Kind::Date),
    Field("assessment_result", OPT, Kind::StrOrNull),
    PARTNER,
];

/// `data.credential` of a digital identity, newer page.
pub const IDENTITY: &[Field] = &[
    Field("full_name", REQ, Kind::Str),
    Field("date_of_birth", OPT, Kind::DateOrNull),
    Field(
        "identity_document_validity",
        REQ,
        Kind::OneOf(&["manual", "government_database", "verifiable_credential"]),
    ),
    Field(
        "identity_document_liveness",
        REQ,
        Kind::OneOf(&["automated", "in_person"]),
    ),
    Field(
        "identity_document_person_match",
        REQ,
        Kind::OneOf(&["manual", "automated", "government_database"]),
    ),
];

/// `data.credential` of a digital identity, older page.
pub const IDENTITY_OLDER: &[Field] = &[
    Field("full_name", REQ, Kind::Str),
    Field(
        "identity_verification_level",
        REQ,
        Kind::OneOf(&["basic", "standard"]),
    ),
];

/// A v2 batch item's optional `assets`: at most one `{asset_id, asset_type, asset_data}`.
pub const ASSET: &[Field] = &[
    Field("asset_id", REQ, Kind::Str),
    Field("asset_type", REQ, Kind::OneOf(&["pdf", "jpg", "png"])),
    Field("asset_data", OPT, Kind::StrOrNull),
];

/// A documented single credential type: wire name, `document_type` values, credential fields,
/// OAuth scope, app path.
#[derive(Debug, Clone, Copy)]
pub struct DocType {
    /// `credential_type`.
    pub name: &'static str,
    /// Allowed `document_type` values.
    pub documents: &'static [&'static str],
    /// `data.credential` field tables; a credential must match one of them.
    pub fields: &'static [&'static [Field]],
    /// The OAuth scope an add of this type needs.
    pub scope: &'static str,
    /// The v2 batch key holding items of this type.
    pub batch_key: &'static str,
    /// The app path of its redirect.
    pub app_path: &'static str,
    /// What the docs leave open about this type, each tagged as `seekpass-api.md` tags it;
    /// published with the schema and the field reference.
    pub notes: &'static [&'static str],
}

/// The single credential types, as documented.
pub const TYPES: &[DocType] = &[
    DocType {
        name: "education",
        documents: &["pdf", "open_cert", "none"],
        fields: &[EDUCATION],
        scope: "write.education",
        batch_key: "education_items",
        app_path: "/partner/add/education",
        notes: &[
            "`conferral_year` is required (`YYYY`) unless `awaiting_graduation` is true, when it is null [CONFIRMED].",
            "`data.document`: a URL of the PDF (`pdf`), the OpenCert document as a JSON string (`open_cert`), null (`none`) [CONFIRMED, newer pages; the older page required an OpenCert document].",
        ],
    },
    DocType {
        name: "english_proficiency",
        documents: &["english_assessment"],
        fields: &[ENGLISH],
        scope: "write.english_proficiency",
        batch_key: "english_proficiency_items",
        app_path: "/partner/add/englishProficiency",
        notes: &[
            "The add path's name `english_proficiency.json` is UNCONFIRMED (the docs write `<type>.json`); the app path `/partner/add/englishProficiency` (camelCase) is CONFIRMED.",
            "`data.document`: a URL of the Test Report Form as a PDF [CONFIRMED; required on the older page, optional on the newer, so the mock requires it for `english_assessment`].",
            "Each `cefr_scores` member is documented only as a string \"CEFR score\"; that it must be a CEFR level (`B2`, `C1`, …) is INFERRED. The mock and the reference proxy refuse anything else, so a test's own band (`6.5`) fails before production.",
            "`overall.score`, `overall.scale` and `subskills[].score` are free strings on the test's own scale, e.g. `7.5` on `0-9` [CONFIRMED as strings; no format is documented].",
        ],
    },
    DocType {
        name: "microcredential",
        documents: &["pdf", "png", "jpg", "open_cert", "none"],
        fields: &[MICROCREDENTIAL],
        scope: "write.microcredential",
        batch_key: "microcredential_items",
        app_path: "/partner/add/microcredential",
        notes: &[
            "The add path is INFERRED from the documented `<type>.json` rule; the app path is CONFIRMED.",
            "`data.document`: a URL of the file (`pdf`, `png`, `jpg`), the OpenCert document as a JSON string (`open_cert`), null (`none`) [CONFIRMED]. `assessment_result` is free text, e.g. `85%` or `Pass`.",
        ],
    },
    DocType {
        name: "digital_identity",
        documents: &["none"],
        fields: &[IDENTITY, IDENTITY_OLDER],
        scope: "write.digital_identity",
        batch_key: "digital_identity",
        // UNCONFIRMED: never shown in the docs.
        app_path: "/partner/add/digitalIdentity",
        notes: &[
            "The add path is INFERRED and the app path `/partner/add/digitalIdentity` is UNCONFIRMED: neither is shown in the docs.",
            "Two schemas are documented: the newer (`identity_document_validity`, `_liveness`, `_person_match`) and the older (`identity_verification_level`); a credential must match one. `partner_chain` sits under `data`, not in the credential.",
        ],
    },
];

/// Every documented OAuth scope (`seekpass-api.md` §2).
pub const SCOPES: &[&str] = &[
    "write.education",
    "write.english_proficiency",
    "write.microcredential",
    "write.digital_identity",
    "read.digital_identity",
];

/// The documented app path of every batch redirect.
pub const BATCH_APP_PATH: &str = "/partner/add/batch";

/// What an add endpoint expects.
#[derive(Debug, Clone, Copy)]
pub enum Endpoint {
    /// `POST /api/partner/v1/add/<type>.json`: the v1 single envelope.
    V1Single(&'static DocType),
    /// `POST /api/partner/v1/add/batch.json` (older page, "under development").
    V1Batch,
    /// `POST /api/partner/v2/add/requests/batch.json`.
    V2Batch,
}

/// The endpoint at `path`, if SEEK Pass documents one there.
pub fn endpoint(path: &str) -> Option<Endpoint> {
    if path == "/api/partner/v1/add/batch.json" {
        return Some(Endpoint::V1Batch);
    }
    if path == "/api/partner/v2/add/requests/batch.json" {
        return Some(Endpoint::V2Batch);
    }
    let name = path
        .strip_prefix("/api/partner/v1/add/")?
        .strip_suffix(".json")?;
    TYPES
        .iter()
        .find(|t| t.name == name)
        .map(Endpoint::V1Single)
}

/// The documented single type named `name`.
pub fn doc_type(name: &str) -> Option<&'static DocType> {
    TYPES.iter().find(|t| t.name == name)
}
