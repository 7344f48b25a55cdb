//! The SEEK Pass mock on its own, called the way the partner API is documented.
#![allow(clippy::unwrap_used)]

mod common;

use common::server;
use seekpass_server::config::{MOCK_CLIENT_ID, MOCK_CLIENT_SECRET};
use serde_json::{json, Value};

fn education_sample() -> Value {
    json!({"id":"seek-pass-test-a9a4839f-53d9-4064-8b0b-1348113a33f8","document_type":"open_cert",
        "credential_type":"education","data":{"credential":{"full_name":"John Smith",
        "education_provider":"University of Melbourne","course_name":"Bachelor of Commerce",
        "conferral_year":"2024","has_majors":true,"majors":["Finance"],"with_honours":true},
        "document":"<OPEN_CERTS>"}})
}

fn without(mut v: Value, path: &str) -> Value {
    let mut node = &mut v;
    let parts: Vec<&str> = path.split('.').collect();
    for seg in &parts[..parts.len() - 1] {
        node = &mut node[*seg];
    }
    node.as_object_mut()
        .unwrap()
        .remove(parts[parts.len() - 1])
        .unwrap();
    v
}

#[tokio::test(flavor = "multi_thread")]
async fn documented_education_sample_and_each_missing_field() {
    let s = server().await;
    let token = s.token("write.education").await;
    let post = |body: Value| {
        s.http
            .post(format!("{}/api/partner/v1/add/education.json", s.base))
            .bearer_auth(&token)
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
    };
    let resp = post(education_sample()).await.unwrap();
    assert_eq!(resp.status(), 201);
    let text = resp.text().await.unwrap();
    assert!(
        text.contains("\\u0026documentType=open_cert\\u0026content="),
        "escaped like SEEK Pass: {text}"
    );
    let parsed: Value = serde_json::from_str(&text).unwrap();
    let uri = parsed["redirect_uri"].as_str().unwrap();
    assert!(uri.starts_with(&format!(
        "{}/partner/add/education#clientId={MOCK_CLIENT_ID}&documentType=open_cert&content=",
        s.base
    )));
    for path in [
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
    ] {
        let resp = post(without(education_sample(), path)).await.unwrap();
        assert_eq!(resp.status(), 422, "{path}");
        let body: Value = resp.json().await.unwrap();
        let fields = body["fields"].as_array().unwrap();
        assert!(
            fields.contains(&json!({ "path": path, "rule": "required" })),
            "{path}: {body}"
        );
    }
    assert_eq!(post(json!("not an object")).await.unwrap().status(), 400);
}

#[tokio::test(flavor = "multi_thread")]
async fn token_endpoint_checks_grant_client_and_scope() {
    let s = server().await;
    let ask = |body: String| {
        s.http
            .post(format!("{}/api/partner/v1/oauth/token.json", s.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let form = |grant: &str, secret: &str, scope: &str| {
        format!(
            "grant_type={grant}&client_id={MOCK_CLIENT_ID}&client_secret={secret}&scope={scope}"
        )
    };
    assert_eq!(
        ask(form(
            "client_credentials",
            MOCK_CLIENT_SECRET,
            "write.education"
        ))
        .await
        .unwrap()
        .status(),
        200
    );
    assert_eq!(
        ask(form("password", MOCK_CLIENT_SECRET, "write.education"))
            .await
            .unwrap()
            .status(),
        400
    );
    assert_eq!(
        ask(form("client_credentials", "wrong", "write.education"))
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        ask(form(
            "client_credentials",
            MOCK_CLIENT_SECRET,
            "write.everything"
        ))
        .await
        .unwrap()
        .status(),
        400
    );
    assert_eq!(
        ask(form("client_credentials", MOCK_CLIENT_SECRET, ""))
            .await
            .unwrap()
            .status(),
        400
    );
    let body: Value = ask(form(
        "client_credentials",
        MOCK_CLIENT_SECRET,
        "write.education+write.microcredential",
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);

    // Bearer and scope checks on the add endpoints; tokens expire on the mock clock.
    let micro_only = s.token("write.microcredential").await;
    let add = |token: String| {
        s.http
            .post(format!("{}/api/partner/v1/add/education.json", s.base))
            .bearer_auth(token)
            .body(education_sample().to_string())
            .send()
    };
    assert_eq!(add(micro_only).await.unwrap().status(), 403);
    assert_eq!(add("made-up".into()).await.unwrap().status(), 401);
    let good = s.token("write.education").await;
    assert_eq!(add(good.clone()).await.unwrap().status(), 201);
    s.control(json!({ "advance_secs": 3601 })).await;
    assert_eq!(add(good).await.unwrap().status(), 401);
}

#[tokio::test(flavor = "multi_thread")]
async fn status_api_single_and_up_to_thirty() {
    let s = server().await;
    let token = s.token("write.education").await;
    let resp = s
        .http
        .post(format!("{}/api/partner/v1/add/education.json", s.base))
        .bearer_auth(&token)
        .body(education_sample().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let id = "seek-pass-test-a9a4839f-53d9-4064-8b0b-1348113a33f8";
    let one: Value = s
        .http
        .get(format!(
            "{}/api/partner/v1/submissions/{id}/status.json",
            s.base
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        one,
        json!({ "id": id, "status": "incomplete", "finalized_at": null })
    );
    let many = |ids: Vec<String>| {
        s.http
            .post(format!("{}/api/partner/v1/submissions/status.json", s.base))
            .bearer_auth(&token)
            .body(json!({ "ids": ids }).to_string())
            .send()
    };
    let mut ids: Vec<String> = (0..29).map(|i| format!("unknown-{i}")).collect();
    ids.push(id.into());
    let body: Value = many(ids.clone()).await.unwrap().json().await.unwrap();
    assert_eq!(body["credentials"].as_array().unwrap().len(), 1);
    ids.push("one-too-many".into());
    assert_eq!(many(ids).await.unwrap().status(), 422);
    let missing = s
        .http
        .get(format!(
            "{}/api/partner/v1/submissions/nope/status.json",
            s.base
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn header_knobs_inject_errors_and_latency() {
    let s = server().await;
    let token = s.token("write.education").await;
    let started = std::time::Instant::now();
    let resp = s
        .http
        .post(format!("{}/api/partner/v1/add/education.json", s.base))
        .bearer_auth(&token)
        .header("X-Mock-Status", "503")
        .header("X-Mock-Delay-Ms", "150")
        .body(education_sample().to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 503);
    assert!(started.elapsed() >= std::time::Duration::from_millis(150));
}
