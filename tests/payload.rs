//! Payload models: the documented samples validate; each required field removed does not.
#![allow(clippy::unwrap_used)]
#![cfg(not(target_arch = "wasm32"))]

use seekpass_button::core::payload::*;
use seekpass_button::CredentialType;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// The education sample of `seekpass-api.md` §3.3, identifiers as documented.
fn education_sample() -> Value {
    json!({"id":"seek-pass-test-a9a4839f-53d9-4064-8b0b-1348113a33f8","document_type":"open_cert",
        "credential_type":"education","data":{"credential":{"full_name":"John Smith",
        "education_provider":"University of Melbourne","course_name":"Bachelor of Commerce",
        "conferral_year":"2024","has_majors":true,"majors":["Finance"],"with_honours":true},
        "document":"<OPEN_CERTS>"}})
}

fn english_sample() -> Value {
    json!({"id":"ielts-0001","credential_type":"english_proficiency","document_type":"english_assessment",
        "data":{"credential":{"full_name":"Siti Rahma","test_provider":"British Council","test_name":"IELTS Academic",
        "completion_date":"2025-03-14","expiry_date":"2027-03-14",
        "test_scores":{"cefr_scores":{"combined":"C1","reading":"C1"},"overall":{"score":"7.5","scale":"0-9"},
        "subskills":[{"skill":"reading","score":"8.0"}]}},"document":"https://example.com/trf.pdf"}})
}

fn micro_sample() -> Value {
    json!({"id":"mc-1","credential_type":"microcredential","document_type":"pdf",
        "data":{"credential":{"full_name":"Jane Doe","issuer_name":"Acme Academy","microcredential_name":"Data Literacy",
        "issue_date":"2024-02-29","assessment_result":"85%"},"document":"https://example.com/certificate.pdf"}})
}

fn identity_sample() -> Value {
    json!({"id":"fa651300-0000-4000-8000-000000000001","document_type":"none","credential_type":"digital_identity",
        "data":{"credential":{"full_name":"John Doe","date_of_birth":"1990-01-31",
        "identity_document_validity":"government_database","identity_document_liveness":"automated",
        "identity_document_person_match":"automated"}}})
}

fn errors<C: CredentialData + DeserializeOwned>(v: Value) -> Vec<String> {
    let req: AddRequest<C> = serde_json::from_value(v).expect("shape deserialises");
    match req.validate() {
        Ok(()) => vec![],
        Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
    }
}

fn without(mut v: Value, path: &str) -> Value {
    let (parent, leaf) = path.rsplit_once('.').unwrap_or(("", path));
    let mut node = &mut v;
    for seg in parent.split('.').filter(|s| !s.is_empty()) {
        node = &mut node[seg];
    }
    node.as_object_mut()
        .unwrap()
        .remove(leaf)
        .expect("field present");
    v
}

fn each_required_is_enforced<C: CredentialData + DeserializeOwned>(
    sample: Value,
    required: &[&str],
) {
    assert_eq!(errors::<C>(sample.clone()), Vec::<String>::new());
    for path in required {
        let errs = errors::<C>(without(sample.clone(), path));
        assert!(
            errs.contains(&format!("{path}: required")),
            "{path}: {errs:?}"
        );
    }
}

#[test]
fn education_sample_and_required_fields() {
    each_required_is_enforced::<Education>(
        education_sample(),
        &[
            "id",
            "credential_type",
            "document_type",
            "data",
            "data.credential",
            "data.document",
            "data.credential.full_name",
            "data.credential.education_provider",
            "data.credential.course_name",
            "data.credential.conferral_year",
        ],
    );
}

#[test]
fn english_sample_and_required_fields() {
    each_required_is_enforced::<EnglishProficiency>(
        english_sample(),
        &[
            "data.credential.full_name",
            "data.credential.test_provider",
            "data.credential.test_name",
            "data.credential.completion_date",
            "data.credential.test_scores",
            "data.credential.test_scores.cefr_scores",
            "data.credential.test_scores.overall",
            "data.credential.test_scores.overall.score",
            "data.credential.test_scores.overall.scale",
        ],
    );
}

#[test]
fn cefr_members_must_be_levels() {
    for bad in [
        json!("Band 6.5"),
        json!("b2"),
        json!(6.5),
        json!({}),
        json!(""),
    ] {
        let mut sample = english_sample();
        sample["data"]["credential"]["test_scores"]["cefr_scores"]["speaking"] = bad.clone();
        assert_eq!(
            errors::<EnglishProficiency>(sample),
            vec!["data.credential.test_scores.cefr_scores.speaking: enum".to_owned()],
            "{bad}"
        );
    }
    let mut sample = english_sample();
    sample["data"]["credential"]["test_scores"]["cefr_scores"] = json!({"combined":"B2+","reading":"Pre-A1","listening":"A2+","speaking":"B1+","writing":"C2"});
    let parsed: AddRequest<EnglishProficiency> = serde_json::from_value(sample.clone()).unwrap();
    assert!(parsed.validate().is_ok());
    assert_eq!(serde_json::to_value(&parsed).unwrap(), sample);
}

#[test]
fn microcredential_and_identity_required_fields() {
    each_required_is_enforced::<Microcredential>(
        micro_sample(),
        &[
            "data.credential.full_name",
            "data.credential.issuer_name",
            "data.credential.microcredential_name",
            "data.credential.issue_date",
            "data.document",
        ],
    );
    each_required_is_enforced::<DigitalIdentity>(
        identity_sample(),
        &[
            "data.credential.full_name",
            "data.credential.identity_document_validity",
            "data.credential.identity_document_liveness",
            "data.credential.identity_document_person_match",
        ],
    );
}

#[test]
fn older_identity_schema_validates() {
    let older = json!({"id":"fa651300-1","document_type":"none","credential_type":"digital_identity",
        "data":{"credential":{"full_name":"John Doe","identity_verification_level":"basic"}}});
    assert_eq!(errors::<DigitalIdentity>(older), Vec::<String>::new());
}

#[test]
fn formats_and_enums_are_checked_without_echoing_values() {
    let mut v = education_sample();
    v["id"] = json!("has space");
    v["document_type"] = json!("secret-doc-type");
    v["data"]["credential"]["conferral_year"] = json!("24");
    v["data"]["credential"]["transcript"] = json!({"overall":{"issuance_date":"2024-13-01"},
        "subjects":[{"name":"Maths","code":"M1","grade":"A","completion_date":"2024-02-30"}]});
    let errs = errors::<Education>(v);
    assert_eq!(
        errs,
        [
            "id: id",
            "document_type: enum",
            "data.credential.conferral_year: year",
            "data.credential.transcript.overall.issuance_date: date",
            "data.credential.transcript.subjects[0].completion_date: year_or_date"
        ]
    );
    assert!(!errs.join(" ").contains("secret"));

    let mut v = micro_sample();
    v["document_type"] = json!("open_cert");
    v["credential_type"] = json!("education");
    v["data"]["credential"]["expiry_date"] = json!("2024/01/01");
    v["data"]["document"] = json!("  ");
    assert_eq!(
        errors::<Microcredential>(v),
        [
            "credential_type: enum",
            "data.credential.expiry_date: date",
            "data.document: required"
        ]
    );

    let mut v = education_sample();
    v["data"]["credential"]["awaiting_graduation"] = json!(true);
    assert_eq!(
        errors::<Education>(v.clone()),
        ["data.credential.conferral_year: not_allowed"]
    );
    v["data"]["credential"]["conferral_year"] = Value::Null;
    assert_eq!(errors::<Education>(v), Vec::<String>::new());

    let mut v = identity_sample();
    v["data"]["document"] = json!("https://example.com/id.pdf");
    v["data"]["credential"]["identity_document_liveness"] = json!(7);
    assert_eq!(
        errors::<DigitalIdentity>(v),
        [
            "data.credential.identity_document_liveness: enum",
            "data.document: not_allowed"
        ]
    );
}

#[test]
fn document_urls_must_be_https() {
    for (doc, ok) in [
        ("https://example.com/c.pdf", true),
        ("http://example.com/c.pdf", false),
        ("https://", false),
        ("javascript:x", false),
    ] {
        let mut v = micro_sample();
        v["data"]["document"] = json!(doc);
        assert_eq!(errors::<Microcredential>(v).is_empty(), ok, "{doc}");
    }
}

#[test]
fn built_requests_serialise_to_the_documented_shape() {
    let edu = Education {
        full_name: "John Smith".into(),
        education_provider: "University of Melbourne".into(),
        course_name: "Bachelor of Commerce".into(),
        conferral_year: Some("2024".into()),
        has_majors: Some(true),
        majors: Some(vec!["Finance".into()]),
        with_honours: Some(true),
        ..Default::default()
    };
    let req = AddRequest::new(
        "seek-pass-test-a9a4839f-53d9-4064-8b0b-1348113a33f8",
        seekpass_button::DocumentType::OpenCert,
        edu,
        Some("<OPEN_CERTS>".into()),
    );
    req.validate().unwrap();
    assert_eq!(serde_json::to_value(&req).unwrap(), education_sample());
}

#[test]
fn batches() {
    let item =
        |id: &str| json!({"credential_id": id, "fields": micro_sample()["data"]["credential"]});
    let batch: BatchRequest = serde_json::from_value(json!({"credential_id":"b-1",
        "microcredential_items":[item("m-1"), item("m-2")]}))
    .unwrap();
    batch.validate(CredentialType::Batch).unwrap();
    batch
        .validate(CredentialType::BatchMicrocredential)
        .unwrap();
    assert!(batch.validate(CredentialType::Education).is_err());

    let mixed: BatchRequest = serde_json::from_value(json!({"credential_id":"b-2",
        "digital_identity":{"credential_id":"d-1","fields":identity_sample()["data"]["credential"]},
        "education_items":[{"credential_id":"e-1","fields":education_sample()["data"]["credential"]}],
        "microcredential_items":[item("m-1"), item("m-1"), {"credential_id":"m-3"}]})).unwrap();
    let errs: Vec<String> = mixed
        .validate(CredentialType::Batch)
        .unwrap_err()
        .0
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        errs,
        [
            "microcredential_items[1].credential_id: duplicate",
            "microcredential_items[2].fields: required"
        ]
    );
    let errs = mixed
        .validate(CredentialType::BatchMicrocredential)
        .unwrap_err()
        .to_string();
    assert!(
        errs.contains("digital_identity: not_allowed")
            && errs.contains("education_items: not_allowed"),
        "{errs}"
    );

    let empty: BatchRequest = serde_json::from_value(json!({"credential_id":""})).unwrap();
    assert_eq!(
        empty
            .validate(CredentialType::Batch)
            .unwrap_err()
            .to_string(),
        "credential_id: required; items: required"
    );
}
