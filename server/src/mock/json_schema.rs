//! JSON Schema (draft 2020-12) of each documented add request, written from the same tables the
//! mock enforces, so partners can generate models or validate in any language and the schema
//! cannot say something the mock does not. `server/tests/published.rs` keeps `docs/schema/` fresh
//! and holds both to one table of accepted and refused bodies.

use serde_json::{json, Map, Value};

use super::schema::{DocType, Field, Kind, ASSET, CEFR_LEVELS, PARTNER_LINK, TYPES};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";
const YEAR: &str = "^[0-9]{4}$";
const DATE: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
/// A string with something other than white space in it, as the mock's "required" means.
const NON_BLANK: &str = "\\S";

/// Every published schema: its file name under `docs/schema/` and its document.
pub fn all() -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = TYPES
        .iter()
        .map(|ty| (format!("v1-{}.schema.json", ty.name), v1_single(ty)))
        .collect();
    out.push(("v2-batch.schema.json".to_owned(), v2_batch()));
    out
}

/// The schema of `POST /api/partner/v1/add/<type>.json`.
pub fn v1_single(ty: &DocType) -> Value {
    let file_types: Vec<&str> = ty
        .documents
        .iter()
        .copied()
        .filter(|d| *d != "none")
        .collect();
    let mut data = object(&[]);
    data["properties"] = json!({
        "credential": credential(ty),
        "document": {"type": ["string", "null"]},
        "partner_chain": kind(Kind::PartnerChain),
    });
    data["required"] = json!(["credential"]);
    let mut rules = Vec::new();
    if ty.documents.contains(&"none") {
        rules.push(json!({
            "if": {"properties": {"document_type": {"const": "none"}}},
            "then": {"properties": {"data": {"properties": {"document": {"type": "null"}}}}},
        }));
    }
    if !file_types.is_empty() {
        rules.push(json!({
            "if": {"properties": {"document_type": {"enum": file_types}}},
            "then": {"properties": {"data": {
                "required": ["document"],
                "properties": {"document": {"type": "string", "minLength": 1}},
            }}},
        }));
    }
    json!({
        "$schema": DRAFT,
        "title": format!("SEEK Pass add request: {} (API v1)", ty.name),
        "description": describe(ty),
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": NON_BLANK},
            "credential_type": {"const": ty.name},
            "document_type": {"enum": ty.documents},
            "data": data,
        },
        "required": ["id", "credential_type", "document_type", "data"],
        "additionalProperties": false,
        "allOf": rules,
    })
}

/// The schema of `POST /api/partner/v2/add/requests/batch.json`.
pub fn v2_batch() -> Value {
    let mut properties = Map::new();
    properties.insert(
        "credential_id".to_owned(),
        json!({"type": "string", "pattern": NON_BLANK}),
    );
    let mut some_item = Vec::new();
    for ty in TYPES {
        let single = ty.name == "digital_identity";
        let mut item = object(&[]);
        item["properties"] = json!({
            "credential_id": {"type": "string", "pattern": NON_BLANK},
            "fields": credential(ty),
        });
        item["required"] = json!(["credential_id", "fields"]);
        if !single {
            item["properties"]["assets"] = json!({
                "type": "array", "maxItems": 1, "items": object(ASSET),
            });
        }
        let (value, present) = if single {
            (item, json!({"required": [ty.batch_key]}))
        } else {
            (
                json!({"type": "array", "items": item}),
                json!({"required": [ty.batch_key],
                       "properties": {ty.batch_key: {"minItems": 1}}}),
            )
        };
        properties.insert(ty.batch_key.to_owned(), value);
        some_item.push(present);
    }
    json!({
        "$schema": DRAFT,
        "title": "SEEK Pass add request: batch (API v2)",
        "description": "Item fields are each type's v1 `data.credential`. Beyond this schema: every \
            item's `credential_id` differs from the batch's and from every other item's. \
            `right_to_work_items`, `career_history` and `universal_credential_items` are \
            documented keys whose item schemas the docs do not show in full; they are left out.",
        "type": "object",
        "properties": properties,
        "required": ["credential_id"],
        "additionalProperties": false,
        "anyOf": some_item,
    })
}

fn describe(ty: &DocType) -> String {
    let mut text = format!(
        "POST /api/partner/v1/add/{}.json with scope `{}`; the redirect's app path is `{}`.",
        ty.name, ty.scope, ty.app_path
    );
    for note in ty.notes {
        text.push(' ');
        text.push_str(note);
    }
    text
}

/// `data.credential`: one documented table, or any of several (digital identity's two pages).
fn credential(ty: &DocType) -> Value {
    match ty.fields {
        [one] => object(one),
        many => json!({"anyOf": many.iter().map(|t| object(t)).collect::<Vec<_>>()}),
    }
}

/// An object with exactly `fields`: other keys are refused, as the mock refuses them.
fn object(fields: &[Field]) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for Field(name, req, k) in fields {
        properties.insert((*name).to_owned(), kind(*k));
        if *req {
            required.push(*name);
        }
    }
    let mut schema = json!({"type": "object", "properties": properties,
        "required": required, "additionalProperties": false});
    if fields.iter().any(|f| f.0 == "conferral_year") {
        // The one rule across fields: a year unless awaiting graduation (`check_rules`).
        schema["if"] = json!({"not": {"required": ["awaiting_graduation"],
            "properties": {"awaiting_graduation": {"const": true}}}});
        schema["then"] = json!({"required": ["conferral_year"],
            "properties": {"conferral_year": {"type": "string"}}});
    }
    schema
}

fn kind(k: Kind) -> Value {
    match k {
        Kind::Str => json!({"type": "string", "pattern": NON_BLANK}),
        Kind::StrOrNull => json!({"type": ["string", "null"]}),
        Kind::Date => json!({"type": "string", "pattern": DATE}),
        Kind::DateOrNull => json!({"type": ["string", "null"], "pattern": DATE}),
        Kind::YearOrNull => json!({"type": ["string", "null"], "pattern": YEAR}),
        Kind::YearOrDate => {
            json!({"type": "string", "anyOf": [{"pattern": YEAR}, {"pattern": DATE}]})
        }
        Kind::Bool => json!({"type": "boolean"}),
        Kind::Strings => json!({"type": "array", "items": {"type": "string"}}),
        Kind::OneOf(values) => json!({"type": "string", "enum": values}),
        Kind::Object(fields) => object(fields),
        Kind::Objects(fields) => json!({"type": "array", "items": object(fields)}),
        Kind::PartnerChain => json!({"type": ["array", "null"], "items": object(PARTNER_LINK)}),
        Kind::Cefr => json!({"type": "string", "enum": CEFR_LEVELS}),
    }
}
