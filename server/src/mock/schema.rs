//! The mock's own tables of what SEEK Pass documents, written from the developer pages
//! (`seekpass-api.md` §3, §4) and checked against the raw JSON of each request.
//!
//! Deliberately independent of `seekpass_button::core::payload`: the proxy serialises with those
//! structs, so a mock that deserialised with them would agree with any mistake they make. Field
//! names, paths and scopes here are literals copied from the docs, not the core's constants.

use serde_json::{Map, Value};

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
}

/// One documented field: name, whether required, shape.
#[derive(Debug, Clone, Copy)]
pub struct Field(pub &'static str, pub bool, pub Kind);

const REQ: bool = true;
const OPT: bool = false;

const PARTNER: Field = Field("partner_chain", OPT, Kind::PartnerChain);

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
                    Field("completion_date", REQ, Kind::Str),
                ]),
            ),
        ]),
    ),
    PARTNER,
];

const CEFR: &[Field] = &[
    Field("combined", OPT, Kind::Str),
    Field("reading", OPT, Kind::Str),
    Field("listening", OPT, Kind::Str),
    Field("speaking", OPT, Kind::Str),
    Field("writing", OPT, Kind::Str),
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
    },
    DocType {
        name: "english_proficiency",
        documents: &["english_assessment"],
        fields: &[ENGLISH],
        scope: "write.english_proficiency",
        batch_key: "english_proficiency_items",
        app_path: "/partner/add/englishProficiency",
    },
    DocType {
        name: "microcredential",
        documents: &["pdf", "png", "jpg", "open_cert", "none"],
        fields: &[MICROCREDENTIAL],
        scope: "write.microcredential",
        batch_key: "microcredential_items",
        app_path: "/partner/add/microcredential",
    },
    DocType {
        name: "digital_identity",
        documents: &["none"],
        fields: &[IDENTITY, IDENTITY_OLDER],
        scope: "write.digital_identity",
        batch_key: "digital_identity",
        // UNCONFIRMED: never shown in the docs.
        app_path: "/partner/add/digitalIdentity",
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

/// A problem with a request body: the field path and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted path, `[i]` for array items; empty for the whole body.
    pub path: String,
    /// What is wrong.
    pub rule: &'static str,
}

/// Collects problems while walking a document.
#[derive(Default)]
pub struct Report {
    /// Problems found, in document order.
    pub problems: Vec<Problem>,
}

impl Report {
    /// Records `rule` at `path`.
    pub fn fail(&mut self, path: &str, rule: &'static str) {
        self.problems.push(Problem {
            path: path.to_owned(),
            rule,
        });
    }

    /// Checks `value` (at `path`) as an object with exactly the documented `fields`.
    pub fn object(&mut self, path: &str, value: &Value, fields: &[Field]) {
        let Some(map) = value.as_object() else {
            return self.fail(path, "not_an_object");
        };
        for key in map.keys() {
            if !fields.iter().any(|f| f.0 == key) {
                self.fail(&join(path, key), "unknown_field");
            }
        }
        for Field(name, required, kind) in fields {
            match map.get(*name) {
                None if *required => self.fail(&join(path, name), "required"),
                None => {}
                Some(v) => self.value(&join(path, name), v, *kind),
            }
        }
        check_rules(self, path, map);
    }

    fn value(&mut self, path: &str, v: &Value, kind: Kind) {
        let ok = match kind {
            Kind::Str => v.as_str().is_some_and(|s| !s.trim().is_empty()),
            Kind::StrOrNull => v.is_null() || v.is_string(),
            Kind::Date => v.as_str().is_some_and(is_date),
            Kind::DateOrNull => v.is_null() || v.as_str().is_some_and(is_date),
            Kind::YearOrNull => v.is_null() || v.as_str().is_some_and(is_year),
            Kind::Bool => v.is_boolean(),
            Kind::Strings => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            Kind::OneOf(allowed) => v.as_str().is_some_and(|s| allowed.contains(&s)),
            Kind::Object(fields) => return self.object(path, v, fields),
            Kind::Objects(fields) => return self.objects(path, v, fields),
            Kind::PartnerChain => {
                if v.is_null() {
                    return;
                }
                return self.objects(path, v, &[Field("name", REQ, Kind::Str)]);
            }
        };
        if !ok {
            self.fail(path, "invalid");
        }
    }

    /// Checks `value` as an array of objects with the documented `fields`.
    pub fn objects(&mut self, path: &str, v: &Value, fields: &[Field]) {
        let Some(items) = v.as_array() else {
            return self.fail(path, "not_an_array");
        };
        for (i, item) in items.iter().enumerate() {
            self.object(&format!("{path}[{i}]"), item, fields);
        }
    }

    /// Checks a credential against the first of `tables` it matches (one table, or the two
    /// documented digital identity schemas).
    pub fn credential(&mut self, path: &str, v: &Value, tables: &[&[Field]]) {
        let mut best: Option<Report> = None;
        for table in tables {
            let mut r = Report::default();
            r.object(path, v, table);
            if best
                .as_ref()
                .is_none_or(|b| r.problems.len() < b.problems.len())
            {
                best = Some(r);
            }
        }
        if let Some(b) = best {
            self.problems.extend(b.problems);
        }
    }
}

/// Rules across fields that the tables cannot express.
fn check_rules(r: &mut Report, path: &str, map: &Map<String, Value>) {
    // Education: `conferral_year` is required unless awaiting graduation.
    if map.contains_key("education_provider") {
        let awaiting = map.get("awaiting_graduation") == Some(&Value::Bool(true));
        let year = map.get("conferral_year").and_then(Value::as_str);
        if !awaiting && year.is_none() {
            r.fail(&join(path, "conferral_year"), "required");
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|c| c.is_ascii_digit())
}
