//! The SEEK Pass developer pages' own samples (`tests/fixtures/seekpass-docs`): the core models,
//! the redirect gate and the status reader accept each one.
#![allow(clippy::unwrap_used)]
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use seekpass_button::core::payload::{
    AddRequest, BatchRequest, CredentialData, DigitalIdentity, Education, EnglishProficiency,
    Microcredential,
};
use seekpass_button::core::status::{read_status, StatusAnswer, SubmissionStatus};
use seekpass_button::{
    accept_redirect, CredentialType, Environment, ProxyResponse, RedirectAnswer,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Every fixture, as `(file name, parsed JSON)`.
fn fixtures() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seekpass-docs");
    let mut all: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).unwrap())
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

fn single<C: CredentialData + DeserializeOwned>(name: &str, body: &Value) {
    let req: AddRequest<C> = serde_json::from_value(body.clone()).unwrap();
    req.validate()
        .unwrap_or_else(|e| panic!("{name}: our model refuses the docs' sample: {e}"));
}

#[test]
fn every_fixture_names_its_page_and_is_accepted_by_our_models() {
    let all = fixtures();
    assert!(all.len() >= 15, "fixtures present: {}", all.len());
    let mut kinds = std::collections::BTreeSet::new();
    for (name, f) in &all {
        let source = f["source"].as_str().unwrap_or("");
        assert!(
            source.starts_with("https://developer.seekpass.co/"),
            "{name}: source"
        );
        assert!(f["origin"].is_string(), "{name}: origin");
        let body = &f["body"];
        let kind = f["kind"].as_str().unwrap();
        kinds.insert(kind.to_owned());
        match (kind, f["api"].as_str(), body["credential_type"].as_str()) {
            ("add_request", Some("v1"), Some("education")) => single::<Education>(name, body),
            ("add_request", Some("v1"), Some("english_proficiency")) => {
                single::<EnglishProficiency>(name, body)
            }
            ("add_request", Some("v1"), Some("microcredential")) => {
                single::<Microcredential>(name, body)
            }
            ("add_request", Some("v1"), Some("digital_identity")) => {
                single::<DigitalIdentity>(name, body)
            }
            ("add_request", Some("v1"), None) => {
                // The older v1 batch: we never send it, but its items are our single models.
                for item in body["credentials"].as_array().unwrap() {
                    assert_eq!(item["credential_type"], "education", "{name}");
                    let c: Education =
                        serde_json::from_value(item["data"]["credential"].clone()).unwrap();
                    let mut checker = seekpass_button::core::payload::Checker::default();
                    c.check(&mut checker);
                    checker.finish().unwrap();
                    assert_ne!(
                        item["id"], body["id"],
                        "{name}: item id differs from the batch's"
                    );
                }
            }
            ("add_request", Some("v2"), _) => {
                let batch: BatchRequest = serde_json::from_value(body.clone()).unwrap();
                batch.validate(CredentialType::Batch).unwrap();
                assert_eq!(
                    serde_json::to_value(&batch).unwrap(),
                    *body,
                    "{name}: round trip"
                );
                assert_eq!(
                    CredentialType::Batch.spec().add_path,
                    f["path"].as_str().unwrap()
                );
            }
            ("add_response", _, _) => {
                let env = Environment::Staging;
                let uri = body["redirect_uri"].as_str().unwrap();
                let ok = accept_redirect(uri, &env).unwrap();
                assert_eq!(ok.as_str(), uri, "{name}");
                // The same answer as SEEK Pass's encoder writes it (`&` as `\u0026`), decoded.
                let escaped = body.to_string().replace('&', "\\u0026");
                let decoded: RedirectAnswer = serde_json::from_str(&escaped).unwrap();
                let resp = ProxyResponse {
                    status: 200,
                    content_type: Some("application/json"),
                    retry_after: None,
                    body: Some(&decoded),
                };
                let raw = seekpass_button::classify_response(&resp, 0).unwrap();
                assert_eq!(accept_redirect(&raw, &env).unwrap().as_str(), uri);
            }
            ("status_single", _, _) => {
                let decoded: StatusAnswer = serde_json::from_value(body.clone()).unwrap();
                let status = read_status(&ProxyResponse {
                    status: 200,
                    content_type: Some("application/json"),
                    retry_after: None,
                    body: Some(&decoded),
                })
                .unwrap();
                assert_ne!(
                    status,
                    SubmissionStatus::Unknown,
                    "{name}: documented value"
                );
                assert_eq!(status.to_string(), body["status"].as_str().unwrap());
            }
            ("status_multiple", _, _) => {
                for c in body["credentials"].as_array().unwrap() {
                    let s = SubmissionStatus::from_wire(c["status"].as_str().unwrap());
                    assert_ne!(s, SubmissionStatus::Unknown, "{name}");
                }
            }
            other => panic!("{name}: unexpected fixture {other:?}"),
        }
    }
    for kind in [
        "add_request",
        "add_response",
        "status_single",
        "status_multiple",
    ] {
        assert!(kinds.contains(kind), "a fixture of kind {kind}");
    }
}

#[test]
fn the_add_path_of_each_v1_sample_is_the_tables() {
    for (name, f) in fixtures() {
        let (Some("v1"), Some(ty)) = (f["api"].as_str(), f["body"]["credential_type"].as_str())
        else {
            continue;
        };
        let ty = <CredentialType as seekpass_button::WireEnum>::parse(ty).unwrap();
        assert_eq!(ty.spec().add_path, f["path"].as_str().unwrap(), "{name}");
    }
}
