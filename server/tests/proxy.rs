//! The reference proxy over HTTP, against the embedded mock over HTTP.
#![allow(clippy::unwrap_used)]

mod common;

use common::{config, server, server_with};
use seekpass_button::{accept_redirect, CredentialType, Environment};
use serde_json::json;

const JANE: &str = "learner-jane";

fn redirect(v: &serde_json::Value) -> String {
    v["redirect_uri"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_credential_type_and_batch_end_to_end() {
    let s = server().await;
    let env = Environment::parse(&s.base).unwrap();
    for (ty, reference) in [
        ("education", "grad-2024-0042"),
        ("english_proficiency", "ielts-2025-0311"),
        ("microcredential", "mc-0007"),
        ("digital_identity", "id-check-0001"),
    ] {
        let (status, body) = s.add_one(JANE, ty, reference).await;
        assert_eq!(status, 200, "{ty}: {body}");
        let r = redirect(&body);
        assert!(!r.contains("\\u0026") && r.contains('&'), "{r}");
        let ok = accept_redirect(&r, &env).unwrap();
        assert_eq!(ok.credential_type(), CredentialType::parse_wire(ty));
    }
    let all = json!({ "credentialType": "batch", "credentialRefs": ["grad-2024-0042", "ielts-2025-0311", "mc-0007", "id-check-0001"] });
    let (status, body, _) = s.add(Some(JANE), all).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        accept_redirect(&redirect(&body), &env)
            .unwrap()
            .credential_type(),
        CredentialType::Batch
    );
    assert!(!redirect(&body).contains("documentType"));
    let micro = json!({ "credentialType": "batch_microcredential", "credentialRefs": ["mc-0007", "mc-0008"] });
    let (status, body, _) = s.add(Some(JANE), micro).await;
    assert_eq!(status, 200, "{body}");
    // A microcredential batch is a v2 batch; SEEK Pass chooses the batch path it answers with.
    let answered = accept_redirect(&redirect(&body), &env)
        .unwrap()
        .credential_type();
    assert!(CredentialType::BatchMicrocredential.accepts_redirect_of(answered));
    let mixed = json!({ "credentialType": "batch_microcredential", "credentialRefs": ["mc-0007", "grad-2024-0042"] });
    assert_eq!(s.add(Some(JANE), mixed).await.0, 422);
}

trait ParseWire {
    fn parse_wire(s: &str) -> CredentialType;
}
impl ParseWire for CredentialType {
    fn parse_wire(s: &str) -> CredentialType {
        <CredentialType as seekpass_button::WireEnum>::parse(s).unwrap()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn same_click_same_link_within_48h_then_a_new_one() {
    let s = server().await;
    let first = redirect(&s.add_one(JANE, "education", "grad-2024-0042").await.1);
    let again = redirect(&s.add_one(JANE, "education", "grad-2024-0042").await.1);
    assert_eq!(first, again);
    s.control(json!({ "advance_secs": 47 * 3600 })).await;
    assert_eq!(
        redirect(&s.add_one(JANE, "education", "grad-2024-0042").await.1),
        first
    );
    s.control(json!({ "advance_secs": 3600 + 1 })).await;
    let later = redirect(&s.add_one(JANE, "education", "grad-2024-0042").await.1);
    assert_ne!(later, first, "after 48 h SEEK Pass makes a new request");
    // A second proxy with the same id key derives the same id (no shared state needed).
    let other = server_with(config()).await;
    let a = redirect(&other.add_one(JANE, "microcredential", "mc-0007").await.1);
    let b = redirect(&other.add_one(JANE, "microcredential", "mc-0007").await.1);
    assert_eq!(a, b);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_thousand_concurrent_clicks_with_a_cold_cache_fetch_one_token() {
    let s = common::server_with(seekpass_server::Config {
        rate: common::unlimited(),
        ..common::config()
    })
    .await;
    let s = std::sync::Arc::new(s);
    let mut tasks = Vec::new();
    for i in 0..1000 {
        let s = s.clone();
        let reference = ["grad-2024-0042", "grad-2024-0042", "grad-2024-0042"][i % 3];
        tasks.push(tokio::spawn(async move {
            s.add_one(JANE, "education", reference).await.0
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    assert_eq!(s.stats().await["token_requests"], 1);
    assert_eq!(s.running.state.proxy.seekpass.token_requests(), 1);
    assert_eq!(s.stats().await["add_requests"], 1000);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_token_is_refreshed_once_on_401() {
    let s = server().await;
    assert_eq!(s.add_one(JANE, "education", "grad-2024-0042").await.0, 200);
    assert_eq!(s.stats().await["token_requests"], 1);
    s.control(json!({ "expire_tokens": true })).await;
    assert_eq!(s.add_one(JANE, "education", "grad-2024-0042").await.0, 200);
    assert_eq!(s.stats().await["token_requests"], 2);
    assert_eq!(
        s.stats().await["add_requests"],
        3,
        "one refused with 401, one retried"
    );
    // Tokens are also renewed before they expire, without a 401.
    s.control(json!({ "advance_secs": 3600 - 30 })).await;
    assert_eq!(s.add_one(JANE, "education", "grad-2024-0042").await.0, 200);
    assert_eq!(s.stats().await["token_requests"], 3);
    assert_eq!(s.stats().await["add_requests"], 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn who_may_ask() {
    let s = server().await;
    // Another user's record and a missing one answer the same, byte for byte (threats.md 52).
    let theirs = s
        .add(
            Some(JANE),
            json!({ "credentialType": "education", "credentialRef": "grad-2023-0107" }),
        )
        .await;
    let missing = s
        .add(
            Some(JANE),
            json!({ "credentialType": "education", "credentialRef": "no-such-ref" }),
        )
        .await;
    assert_eq!(
        (theirs.0, &theirs.1),
        (404, &json!({ "error": { "code": "not_found" } }))
    );
    assert_eq!((theirs.0, &theirs.1), (missing.0, &missing.1));
    assert_eq!(
        theirs.2.get("cache-control"),
        missing.2.get("cache-control")
    );
    assert_eq!(
        theirs.2.get("content-length"),
        missing.2.get("content-length")
    );
    assert_eq!(
        s.add_one("learner-raj", "education", "grad-2024-0042")
            .await
            .0,
        404,
        "another user's record"
    );
    assert_eq!(
        s.add_one(JANE, "microcredential", "grad-2024-0042").await.0,
        400,
        "type must match the record"
    );
    let (status, body, _) = s
        .add(
            None,
            json!({ "credentialType": "education", "credentialRef": "grad-2024-0042" }),
        )
        .await;
    assert_eq!(
        (status, body),
        (401, json!({ "error": { "code": "not_authenticated" } }))
    );
    let (status, _, _) = s.add(Some(JANE), json!({ "credentialType": "education", "credentialRef": "grad-2024-0042", "full_name": "Mallory" })).await;
    assert_eq!(
        status, 400,
        "nothing but the reference is accepted from the browser"
    );
    let url = format!("{}/api/seekpass/add", s.base);
    let body =
        json!({ "credentialType": "education", "credentialRef": "grad-2024-0042" }).to_string();
    let send = |widget: bool, site: Option<&'static str>, ct: &'static str| {
        let mut r = s
            .http
            .post(&url)
            .header("Content-Type", ct)
            .header("Cookie", common::cookie(JANE))
            .header("Origin", "https://evil.example");
        if widget {
            r = r.header("X-SEEKPass-Widget", "0.1.0");
        }
        if let Some(site) = site {
            r = r.header("Sec-Fetch-Site", site);
        }
        r.body(body.clone()).send()
    };
    assert_eq!(
        send(false, Some("same-origin"), "application/json")
            .await
            .unwrap()
            .status(),
        403,
        "missing widget header"
    );
    assert_eq!(
        send(true, Some("cross-site"), "application/json")
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        send(true, Some("same-site"), "application/json")
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        send(true, Some("same-origin"), "text/plain")
            .await
            .unwrap()
            .status(),
        415
    );
    let ok = send(true, Some("same-origin"), "application/json")
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.headers()["cache-control"], "no-store");
    assert!(
        ok.headers()
            .keys()
            .all(|k| !k.as_str().starts_with("access-control-")),
        "no CORS, so no origin is reflected"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn upstream_failures_map_to_contract_codes() {
    let mut cfg = config();
    cfg.upstream_timeout = std::time::Duration::from_millis(300);
    let s = server_with(cfg).await;
    for (fault, status, code) in [
        (
            // Three times: the proxy tries a 5xx twice more (one blip is review3's test).
            json!({ "path": "/api/partner/v1/add/", "status": 500, "times": 3 }),
            503,
            "upstream_unavailable",
        ),
        (
            json!({ "path": "/api/partner/v1/add/", "status": 502, "body": "<html>gateway</html>", "times": 3 }),
            503,
            "upstream_unavailable",
        ),
        (
            json!({ "path": "/api/partner/v1/add/", "delay_ms": 1000 }),
            504,
            "upstream_timeout",
        ),
        (
            json!({ "path": "/api/partner/v1/add/", "status": 429, "retry_after": 7 }),
            429,
            "rate_limited",
        ),
        (
            json!({ "path": "/api/partner/v1/add/", "status": 422 }),
            422,
            "rejected",
        ),
        (
            json!({ "path": "/api/partner/v1/add/", "status": 201, "body": "{\"redirect_uri\":\"https://evil.example/partner/add/education#clientId=a&documentType=pdf&content=b\"}" }),
            502,
            "redirect_rejected",
        ),
        (
            json!({ "path": "/api/partner/v1/add/", "status": 201, "body": "not json" }),
            502,
            "upstream_bad_response",
        ),
        (
            json!({ "path": "/api/partner/v1/oauth/", "status": 401, "times": 1 }),
            502,
            "upstream_auth",
        ),
    ] {
        s.control(json!({ "faults": [fault], "expire_tokens": true }))
            .await;
        let (got, body, headers) = s
            .add(
                Some(JANE),
                json!({ "credentialType": "education", "credentialRef": "grad-2024-0042" }),
            )
            .await;
        assert_eq!(
            (got, body["error"]["code"].as_str().unwrap()),
            (status, code),
            "{fault}"
        );
        if status == 429 {
            assert_eq!(headers["retry-after"], "7");
        }
        s.control(json!({ "clear_faults": true })).await;
    }
    // The token failure is remembered (threats.md item 62): the next click gets it at once,
    // without a token request, and the one after the memory recovers.
    let tokens = s.stats().await["token_requests"].as_u64().unwrap();
    assert_eq!(s.add_one(JANE, "education", "grad-2024-0042").await.0, 502);
    assert_eq!(
        s.stats().await["token_requests"],
        tokens,
        "no new token call"
    );
    tokio::time::sleep(seekpass_server::token::FAILURE_MEMORY).await;
    assert_eq!(
        s.add_one(JANE, "education", "grad-2024-0042").await.0,
        200,
        "recovers"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn status_follows_the_submission() {
    let s = server().await;
    let status = |reference: &'static str| {
        let s = &s;
        async move {
            let r = s
                .http
                .get(format!("{}/api/seekpass/status/{reference}", s.base))
                .header("Cookie", common::cookie(JANE))
                .send()
                .await
                .unwrap();
            (
                r.status().as_u16(),
                r.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }
    };
    assert_eq!(
        status("education/grad-2024-0042").await,
        (
            200,
            json!({ "status": "not_submitted", "finalized_at": null })
        ),
        "nothing submitted yet"
    );
    assert_eq!(status("education/no-such-ref").await.0, 404);
    let link = redirect(&s.add_one(JANE, "education", "grad-2024-0042").await.1);
    redirect(&s.add_one(JANE, "microcredential", "mc-0007").await.1);
    assert_eq!(
        status("education/grad-2024-0042").await.1["status"],
        "incomplete"
    );
    let content = link.split("content=").nth(1).unwrap();
    let fin = s
        .http
        .post(format!("{}/mock/app/finish", s.base))
        .header("Content-Type", "application/json")
        .body(json!({ "content": content, "accept": true }).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(fin.status(), 200);
    let (code, body) = status("education/grad-2024-0042").await;
    assert_eq!((code, body["status"].as_str()), (200, Some("verified")));
    assert!(body["finalized_at"].as_str().unwrap().ends_with('Z'));
    // The v0.2 path without the type finds the same submission.
    assert_eq!(status("grad-2024-0042").await.1["status"], "verified");
    // The same reference as another shape is another submission (item 61).
    assert_eq!(
        status("batch/grad-2024-0042").await.1["status"],
        "not_submitted"
    );
    assert_eq!(
        status("microcredential/grad-2024-0042").await.0,
        400,
        "wrong type"
    );
    assert_eq!(status("nonsense/grad-2024-0042").await.0, 400);
    s.control(json!({ "advance_secs": 48 * 3600 })).await;
    assert_eq!(
        status("microcredential/mc-0007").await.1["status"],
        "canceled",
        "pending submissions expire after 48 h"
    );
    assert_eq!(
        status("education/grad-2023-0107").await,
        status("education/no-such-ref").await,
        "another user's record answers like a missing one"
    );
    assert_eq!(status("education/no-such-ref").await.0, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_page_signs_in_and_lists_buttons() {
    let s = server().await;
    let resp = s.http.get(format!("{}/", s.base)).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let set_cookie = resp.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));
    assert!(resp.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("'wasm-unsafe-eval'"));
    let html = resp.text().await.unwrap();
    assert_eq!(
        html.matches("<seek-pass-button").count(),
        6,
        "five credentials and one batch"
    );
    assert!(html.contains(&format!("environment=\"{}\"", s.base)));
    assert!(
        !html.contains("grad-2023-0107"),
        "only the learner's own records"
    );
    let wasm = s
        .http
        .get(format!("{}/gate.html", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.status(), 200);
    let app = s
        .http
        .get(format!("{}/partner/add/education", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(app.status(), 200);
    let escape = s
        .http
        .get(format!("{}/dist/../Cargo.toml", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(escape.status(), 404);
}
