//! The documented samples against the mock, over HTTP; the API version of each endpoint; batch
//! shapes through the proxy; status values the docs do not list.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use common::server;
use seekpass_button::core::payload::item_id;
use seekpass_button::CredentialType;
use seekpass_server::mock::envelope::{check, Refusal};
use seekpass_server::mock::schema::{endpoint, Endpoint};
use seekpass_server::records::{batch_request, RecordStore};
use serde_json::{json, Value};

const JANE: &str = "learner-jane";
const ALL_SCOPES: &str =
    "write.education write.english_proficiency write.microcredential write.digital_identity";

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/seekpass-docs")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const REQUESTS: &[&str] = &[
    "education-v1.json",
    "english-proficiency-v1.json",
    "microcredential-v1-pdf.json",
    "microcredential-v1-open-cert.json",
    "digital-identity-v1-older.json",
    "digital-identity-v1-newer.json",
    "batch-v1.json",
    "batch-v2.json",
];

async fn post(s: &common::Server, token: &str, path: &str, body: &Value) -> (u16, Value) {
    let resp = s
        .http
        .post(format!("{}{path}", s.base))
        .bearer_auth(token)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_mock_accepts_every_documented_request() {
    let s = server().await;
    let token = s.token(ALL_SCOPES).await;
    for name in REQUESTS {
        let f = fixture(name);
        let path = f["path"].as_str().unwrap();
        let (status, body) = post(&s, &token, path, &f["body"]).await;
        assert_eq!(status, 201, "{name}: {body}");
        let uri = body["redirect_uri"].as_str().unwrap();
        let batch = f["body"]["credential_type"].is_null();
        assert_eq!(uri.contains("/partner/add/batch#"), batch, "{name}: {uri}");
        assert_eq!(uri.contains("documentType="), !batch, "{name}: {uri}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_of_the_other_api_version_is_refused_by_name() {
    let s = server().await;
    let token = s.token(ALL_SCOPES).await;
    let v1_batch = fixture("batch-v1.json")["body"].clone();
    let v2_batch = fixture("batch-v2.json")["body"].clone();
    for (path, body) in [
        ("/api/partner/v1/add/batch.json", &v2_batch),
        ("/api/partner/v1/add/education.json", &v2_batch),
        ("/api/partner/v2/add/requests/batch.json", &v1_batch),
        (
            "/api/partner/v2/add/requests/batch.json",
            &fixture("education-v1.json")["body"],
        ),
    ] {
        let (status, answer) = post(&s, &token, path, body).await;
        assert_eq!(status, 400, "{path}: {answer}");
        assert_eq!(answer["error"], "wrong_api_version", "{path}");
        assert!(answer["detail"].as_str().unwrap().contains("path"));
    }
    // Scopes: a v2 batch needs every item type's scope.
    let narrow = s.token("write.education").await;
    let (status, _) = post(
        &s,
        &narrow,
        "/api/partner/v2/add/requests/batch.json",
        &v2_batch,
    )
    .await;
    assert_eq!(status, 403);
}

#[test]
fn the_mock_catches_what_a_shared_struct_would_let_through() {
    let v2 = endpoint("/api/partner/v2/add/requests/batch.json").unwrap();
    let fields = |body: Value| match check(v2, body.to_string().as_bytes()) {
        Err(Refusal::Fields(f)) => f,
        other => panic!("{other:?}"),
    };
    let base = fixture("batch-v2.json")["body"].clone();
    // An item id equal to the request's id (threats.md item 56).
    let mut same = base.clone();
    same["education_items"][0]["credential_id"] = base["credential_id"].clone();
    assert!(fields(same).contains(&("education_items[0].credential_id".into(), "duplicate_id")));
    // Two items with one id.
    let mut twice = base.clone();
    twice["education_items"][1]["credential_id"] =
        base["education_items"][0]["credential_id"].clone();
    assert!(fields(twice).contains(&("education_items[1].credential_id".into(), "duplicate_id")));
    // A misspelt field, a wrong date, a missing required field, an unknown enum value.
    let mut bad = base.clone();
    bad["microcredential_items"][0]["fields"]["issuer"] = json!("x");
    bad["microcredential_items"][0]["fields"]["issue_date"] = json!("31/08/2024");
    bad["english_proficiency_items"][0]["fields"]["test_scores"]["overall"]
        .as_object_mut()
        .unwrap()
        .remove("scale");
    bad["digital_identity"]["fields"]["identity_document_liveness"] = json!("video");
    let got = fields(bad);
    for want in [
        ("microcredential_items[0].fields.issuer", "unknown_field"),
        ("microcredential_items[0].fields.issue_date", "invalid"),
        (
            "english_proficiency_items[0].fields.test_scores.overall.scale",
            "required",
        ),
        (
            "digital_identity.fields.identity_document_liveness",
            "invalid",
        ),
    ] {
        assert!(
            got.contains(&(want.0.into(), want.1)),
            "{want:?} in {got:?}"
        );
    }
    assert!(matches!(
        check(v2, br#"{"credential_id":"b"}"#),
        Err(Refusal::Fields(f)) if f == [(String::new(), "no_items")]
    ));
    // Education: conferral year required unless awaiting graduation.
    let edu = endpoint("/api/partner/v1/add/education.json").unwrap();
    let mut sample = fixture("education-v1.json")["body"].clone();
    sample["data"]["credential"]["conferral_year"] = Value::Null;
    assert!(matches!(
        check(edu, sample.to_string().as_bytes()),
        Err(Refusal::Fields(_))
    ));
    sample["data"]["credential"]["awaiting_graduation"] = json!(true);
    assert!(check(edu, sample.to_string().as_bytes()).is_ok());
}

fn store() -> RecordStore {
    RecordStore::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("demo/records.json")).unwrap()
}

#[test]
fn the_proxys_payloads_for_the_demo_records_pass_the_mocks_checks() {
    let store = store();
    let jane: Vec<_> = store.owned_by(JANE).collect();
    assert!(jane.len() >= 4);
    for r in &jane {
        let ty = r.credential_type();
        let ep = endpoint(ty.spec().add_path).unwrap();
        assert!(
            matches!(ep, Endpoint::V1Single(_)),
            "{ty}: a v1 single path"
        );
        let body = r.add_request("test-id-1").unwrap();
        let ok = check(ep, body.to_string().as_bytes())
            .unwrap_or_else(|e| panic!("{ty}: {e:?} for {body}"));
        assert_eq!(ok.id, "test-id-1");
        assert_eq!(ok.scopes, [ty.spec().scopes[0].to_string()]);
    }
    let micro: Vec<_> = jane
        .iter()
        .copied()
        .filter(|r| r.credential_type() == CredentialType::Microcredential)
        .collect();
    let one_of_each: Vec<_> = jane
        .iter()
        .copied()
        .filter(|r| r.reference != "mc-0008")
        .collect();
    let v2 = endpoint(CredentialType::Batch.spec().add_path).unwrap();
    assert!(matches!(v2, Endpoint::V2Batch));
    for (ty, records) in [
        (CredentialType::Batch, &micro[..1]),
        (CredentialType::Batch, &micro[..]),
        (CredentialType::Batch, &one_of_each[..]),
        (CredentialType::Batch, &jane[..]),
        (CredentialType::BatchMicrocredential, &micro[..1]),
        (CredentialType::BatchMicrocredential, &micro[..]),
    ] {
        let body = batch_request(ty, records, "batch-1").unwrap();
        let ok = check(v2, body.to_string().as_bytes())
            .unwrap_or_else(|e| panic!("{ty} × {}: {e:?} for {body}", records.len()));
        assert_eq!(ok.id, "batch-1");
        assert_eq!(ok.item_ids.len(), records.len());
        assert!(!ok.item_ids.contains(&ok.id));
    }
    assert_eq!(
        item_id("b", CredentialType::Microcredential, 2),
        "b-microcredential-2"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_batch_shape_through_the_proxy() {
    let s = server().await;
    for (ty, refs) in [
        ("batch", vec!["mc-0007"]),
        ("batch", vec!["grad-2024-0042"]),
        ("batch", vec!["mc-0007", "mc-0008"]),
        (
            "batch",
            vec![
                "grad-2024-0042",
                "ielts-2025-0311",
                "mc-0007",
                "id-check-0001",
            ],
        ),
        ("batch_microcredential", vec!["mc-0007"]),
        ("batch_microcredential", vec!["mc-0008", "mc-0007"]),
    ] {
        let body = json!({ "credentialType": ty, "credentialRefs": refs });
        let (status, answer, _) = s.add(Some(JANE), body.clone()).await;
        assert_eq!(status, 200, "{ty} {refs:?}: {answer}");
        let (_, again, _) = s.add(Some(JANE), body).await;
        assert_eq!(again, answer, "a repeat gives the same link");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn any_status_value_is_survivable() {
    let s = server().await;
    let status = |refs: &'static str| {
        let s = &s;
        async move {
            let r = s
                .http
                .get(format!("{}/api/seekpass/status/{refs}", s.base))
                .header("Cookie", common::cookie(JANE))
                .send()
                .await
                .unwrap();
            let cache = r.headers()["cache-control"].to_str().unwrap().to_owned();
            (r.status().as_u16(), cache, r.json::<Value>().await.unwrap())
        }
    };
    s.add_one(JANE, "education", "grad-2024-0042").await;
    let batch = json!({ "credentialType": "batch", "credentialRefs": ["mc-0007", "mc-0008"] });
    assert_eq!(s.add(Some(JANE), batch).await.0, 200);
    for (forced, want) in [
        ("revoked", "unknown"),
        ("unshared", "unknown"),
        ("VERIFIED", "unknown"),
        ("verified", "verified"),
        ("", "incomplete"),
    ] {
        s.control(json!({ "status_override": forced })).await;
        for refs in ["grad-2024-0042", "mc-0007,mc-0008"] {
            let (code, cache, body) = status(refs).await;
            assert_eq!((code, cache.as_str()), (200, "no-store"), "{forced} {refs}");
            assert_eq!(body["status"], want, "{forced} {refs}: {body}");
            assert!(!body.to_string().contains(forced) || forced == want || forced.is_empty());
        }
    }
    assert_eq!(status("mc-0007,mc-0007").await.0, 400, "duplicate refs");
    let (code, _, body) = status("mc-0008").await;
    assert_eq!(
        (code, body["status"].as_str()),
        (200, Some("not_submitted")),
        "never sent alone"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_staging_mode_proxy_against_the_documented_stand_in() {
    use seekpass_server::config::{MockAppOrigin, Upstream};
    // Server A is only the documented stand-in for SEEK Pass (staging-host redirects); server B is
    // the proxy in staging mode, pointed at A with SEEKPASS_API_BASE, as a partner would run it.
    let stand_in = common::server_with(seekpass_server::Config {
        mock_app_origin: MockAppOrigin::Staging,
        ..common::config()
    })
    .await;
    let proxy = common::server_with(seekpass_server::Config {
        upstream: Upstream::Staging,
        api_base: Some(seekpass_server::settings::api_base(&stand_in.base).unwrap()),
        ..common::config()
    })
    .await;
    assert!(proxy.running.state.mock.is_none(), "B serves no mock");
    let staging = "https://app.seekpass-staging.com/partner/add/";
    for (ty, refs) in [
        ("education", vec!["grad-2024-0042"]),
        ("english_proficiency", vec!["ielts-2025-0311"]),
        ("microcredential", vec!["mc-0007"]),
        ("digital_identity", vec!["id-check-0001"]),
        ("batch", vec!["mc-0007"]),
        ("batch", vec!["mc-0007", "mc-0008"]),
        (
            "batch",
            vec![
                "grad-2024-0042",
                "ielts-2025-0311",
                "mc-0007",
                "id-check-0001",
            ],
        ),
        ("batch_microcredential", vec!["mc-0008"]),
    ] {
        let body = if refs.len() == 1 && !ty.starts_with("batch") {
            json!({ "credentialType": ty, "credentialRef": refs[0] })
        } else {
            json!({ "credentialType": ty, "credentialRefs": refs })
        };
        let (status, answer, _) = proxy.add(Some(JANE), body.clone()).await;
        assert_eq!(status, 200, "{ty} {refs:?}: {answer}");
        let uri = answer["redirect_uri"].as_str().unwrap();
        assert!(uri.starts_with(staging), "{uri}");
        assert_eq!(
            proxy.add(Some(JANE), body).await.1,
            answer,
            "repeat, same link"
        );
    }
    assert_eq!(stand_in.stats().await["add_requests"], 16);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_for_another_type_is_refused_as_upstream_invalid() {
    let s = server().await;
    let batch = format!(
        "{}/partner/add/batch#clientId={}&content=b4ce8d4e-f293-4492-9d7a-4210bdbe099e",
        s.base,
        seekpass_server::config::MOCK_CLIENT_ID
    );
    s.control(json!({ "faults": [{
        "path": "/api/partner/v1/add/education.json",
        "status": 201,
        "body": json!({ "redirect_uri": batch }).to_string(),
    }]}))
    .await;
    let (status, body) = s.add_one(JANE, "education", "grad-2024-0042").await;
    assert_eq!(
        (status, body),
        (502, json!({ "error": { "code": "upstream_invalid" } }))
    );
    // Without the fault the same request succeeds.
    assert_eq!(s.add_one(JANE, "education", "grad-2024-0042").await.0, 200);
}
