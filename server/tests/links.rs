//! Issue 26: entry links for email, print and SMS. The handle against the spec's vectors (computed
//! outside this code), and the landing over HTTP as a mail scanner and a person reach it: `GET`
//! and `HEAD` change nothing and call no SEEK Pass; only a same-origin `POST` does, with the
//! in-page button's derived id; printed links need the sign-in; tampered, expired and revoked
//! links reach nothing.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use common::{config, cookie, server, server_with, Server};
use seekpass_button::core::messages::Locale;
use seekpass_button::{CredentialType, WireEnum};
use seekpass_server::links::channel::Channel;
use seekpass_server::links::handle::{self, Claims, Refused};
use seekpass_server::links::MOCK_LINK_KEY;
use serde_json::Value;

const SCANNER: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edge/12.246 Gmail-content-sampling";

fn vectors() -> Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/link-vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn claims_of(v: &Value) -> Claims {
    Claims {
        channel: Channel::from_name(v["channel"].as_str().unwrap()).unwrap(),
        expires: v["expires"].as_u64().unwrap(),
        user: v["user"].as_str().unwrap().to_owned(),
        ty: CredentialType::parse(v["credentialType"].as_str().unwrap()).unwrap(),
        locale: v["locale"].as_str().map(|l| Locale::parse(l).unwrap()),
        refs: v["refs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_owned())
            .collect(),
    }
}

#[test]
fn the_handle_matches_the_spec_vectors() {
    let v = vectors();
    let key = hex::decode(v["key_hex"].as_str().unwrap()).unwrap();
    for case in v["valid"].as_array().unwrap() {
        let claims = claims_of(&case["claims"]);
        let handle = case["handle"].as_str().unwrap();
        assert_eq!(handle::mint(&key, &claims), handle);
        assert_eq!(handle::verify(&key, handle, 0), Ok(claims));
        assert!(handle.len() < 100, "{handle}");
    }
    for case in v["invalid"].as_array().unwrap() {
        let handle = case["handle"].as_str().unwrap();
        assert_eq!(
            handle::verify(&key, handle, 0),
            Err(Refused::Invalid),
            "{}",
            case["why"]
        );
    }
    let expired = &v["expired"];
    let now = expired["now"].as_u64().unwrap();
    let handle = expired["handle"].as_str().unwrap();
    assert_eq!(
        handle::verify(&key, handle, now),
        Err(Refused::Expired(Some(Locale::ZhHk)))
    );
    assert!(handle::verify(&key, handle, now - 1).is_ok());
}

fn link(channel: Channel, ty: CredentialType, refs: &[&str], locale: Option<Locale>) -> String {
    let claims = Claims {
        channel,
        expires: 4_000_000_000,
        user: "learner-jane".into(),
        ty,
        locale,
        refs: refs.iter().map(|r| (*r).to_owned()).collect(),
    };
    format!("/l/{}", handle::mint(&MOCK_LINK_KEY, &claims))
}

fn email_link() -> String {
    link(
        Channel::Email,
        CredentialType::Education,
        &["grad-2024-0042"],
        None,
    )
}

/// A `GET` as a browser or a scanner sends it.
async fn get(
    s: &Server,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut req = s.http.get(format!("{}{path}", s.base));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.unwrap();
    (
        resp.status().as_u16(),
        resp.headers().clone(),
        resp.text().await.unwrap(),
    )
}

/// The landing's form, posted.
async fn post(s: &Server, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let mut req = s
        .http
        .post(format!("{}{path}", s.base))
        .header("Content-Type", "application/x-www-form-urlencoded");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req
        .body("credentialType=education&credentialRef=grad-2024-0042")
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

const SAME: (&str, &str) = ("Sec-Fetch-Site", "same-origin");

fn unchanged(before: &Value, after: &Value) {
    assert_eq!(before["add_requests"], after["add_requests"]);
    assert_eq!(before["token_requests"], after["token_requests"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scanner_fetching_the_link_changes_nothing_and_sees_nothing_personal() {
    let s = server().await;
    let path = email_link();
    let before = s.stats().await;
    let head = s
        .http
        .head(format!("{}{path}", s.base))
        .header("User-Agent", SCANNER)
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
    let (status, headers, body) = get(&s, &path, &[("User-Agent", SCANNER)]).await;
    assert_eq!(status, 200);
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["x-robots-tag"], "noindex");
    assert!(
        body.contains("Bachelor of Commerce, University of Melbourne"),
        "{body}"
    );
    assert!(body.contains(&format!("action=\"{path}\"")), "{body}");
    for personal in ["Jane", "Citizen", "2024", "learner-jane"] {
        // The handle and the record's reference are opaque ids, not personal data.
        let text = body.replace(&path, "").replace("grad-2024-0042", "");
        assert!(!text.contains(personal), "{personal} on the page");
    }
    unchanged(&before, &s.stats().await);
    let metrics = get(&s, "/metrics", &[]).await.2;
    assert!(
        metrics.contains("seekpass_link_events_total{channel=\"email\",event=\"view\"} 2"),
        "{metrics}"
    );
    assert!(!metrics.contains("event=\"confirm\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_without_a_session_confirms_an_email_link_and_gets_the_same_link_again() {
    let s = server().await;
    let path = email_link();
    let (status, first) = post(&s, &path, &[SAME]).await;
    assert_eq!(status, 200, "{first}");
    assert!(
        first.contains("/partner/add/education#clientId="),
        "{first}"
    );
    let (_, second) = post(&s, &path, &[SAME]).await;
    assert_eq!(first, second, "the same SEEK Pass link within 48 h");
    // The in-page button derives the same id for the same user and credential.
    let (_, json) = s
        .add_one("learner-jane", "education", "grad-2024-0042")
        .await;
    let link = json["redirect_uri"].as_str().unwrap().replace('&', "&#38;");
    assert!(first.contains(&link), "{first}\n{link}");
    // The upgraded button on the landing posts JSON with its header.
    let resp = s
        .http
        .post(format!("{}{path}", s.base))
        .header("Content-Type", "application/json")
        .header("X-SEEKPass-Widget", "0.1.0")
        .header("Sec-Fetch-Site", "same-origin")
        .body(r#"{"credentialType":"education","credentialRef":"grad-2024-0042"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["redirect_uri"], json["redirect_uri"]);
    let metrics = get(&s, "/metrics", &[]).await.2;
    assert!(
        metrics.contains("seekpass_link_events_total{channel=\"email\",event=\"confirm\"} 3"),
        "{metrics}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cross_site_post_reaches_nothing() {
    let s = server().await;
    let path = email_link();
    let before = s.stats().await;
    let (status, _) = post(&s, &path, &[("Sec-Fetch-Site", "cross-site")]).await;
    assert_eq!(status, 403);
    let (status, _) = post(&s, &path, &[("Origin", "https://evil.example")]).await;
    assert_eq!(status, 403);
    let resp = s
        .http
        .post(format!("{}{path}", s.base))
        .header("Content-Type", "application/json")
        .header("Sec-Fetch-Site", "same-origin")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403, "JSON without the widget's header");
    unchanged(&before, &s.stats().await);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_printed_link_grants_nothing_without_the_sign_in() {
    let s = server().await;
    let path = link(
        Channel::Print,
        CredentialType::Education,
        &["grad-2024-0042"],
        None,
    );
    let before = s.stats().await;
    let (status, _, page) = get(&s, &path, &[]).await;
    assert_eq!(status, 200);
    assert!(page.contains("Sign in to add this credential"), "{page}");
    assert!(!page.contains("<form"), "no button before the sign-in");
    assert!(page.contains("href=\"/?next=%2Fl%2F1%7Ep%7E"), "{page}");
    assert_eq!(post(&s, &path, &[SAME]).await.0, 401);
    let raj = cookie("learner-raj");
    assert_eq!(post(&s, &path, &[SAME, ("Cookie", &raj)]).await.0, 401);
    let (_, _, other) = get(&s, &path, &[("Cookie", &raj)]).await;
    assert!(
        other.contains("Sign in with the account this credential was issued to"),
        "{other}"
    );
    unchanged(&before, &s.stats().await);
    // Signed in as its owner, through the demo's sign-in, which returns to the landing.
    let resp = s
        .http
        .get(format!("{}/?next={}", s.base, urlencode(&path)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], path.as_str());
    let jane = cookie("learner-jane");
    let (_, _, page) = get(&s, &path, &[("Cookie", &jane)]).await;
    assert!(page.contains("<form"), "{page}");
    let (status, body) = post(&s, &path, &[SAME, ("Cookie", &jane)]).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("/partner/add/education#"));
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn tampered_expired_and_revoked_links_reach_nothing() {
    let revoked = std::env::temp_dir().join(format!("seekpass-revoked-{}", std::process::id()));
    let _ = std::fs::remove_file(&revoked);
    let s = server_with(seekpass_server::Config {
        revoked_links: Some(revoked.clone()),
        ..config()
    })
    .await;
    let path = email_link();
    let before = s.stats().await;
    let tampered = path.replace("learner-jane", "learner-raj");
    let (status, _, page) = get(&s, &tampered, &[("Accept-Language", "id-ID,id;q=0.9")]).await;
    assert_eq!(status, 404);
    assert!(page.contains("Tautan ini tidak berfungsi"), "{page}");
    assert_eq!(post(&s, &tampered, &[SAME]).await.0, 404);
    assert_eq!(get(&s, "/l/not-a-link", &[]).await.0, 404);
    // Another learner's record under Jane's name: refused as not valid.
    let foreign = link(
        Channel::Email,
        CredentialType::Education,
        &["grad-2023-0107"],
        None,
    );
    assert_eq!(get(&s, &foreign, &[]).await.0, 404);
    // Revoked while the server runs.
    let id = path.rsplit('~').next().unwrap();
    seekpass_server::links::revoked::revoke(&revoked, id).unwrap();
    let (status, _, page) = get(&s, &path, &[]).await;
    assert_eq!(status, 410);
    assert!(page.contains("This link has expired"), "{page}");
    assert_eq!(post(&s, &path, &[SAME]).await.0, 410);
    // Expired: a 90-second link, the clock moved past it.
    let short = Claims {
        channel: Channel::Sms,
        // The mock's clock has not been moved yet: it reads the wall clock.
        expires: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 90,
        user: "learner-jane".into(),
        ty: CredentialType::Education,
        locale: Some(Locale::Th),
        refs: vec!["grad-2024-0042".into()],
    };
    let short = format!("/l/{}", handle::mint(&MOCK_LINK_KEY, &short));
    assert_eq!(get(&s, &short, &[]).await.0, 200);
    s.control(serde_json::json!({ "advance_secs": 91 })).await;
    // In the language the sender chose, whatever the browser asks for.
    let (status, _, page) = get(&s, &short, &[("Accept-Language", "en")]).await;
    assert_eq!(status, 410);
    assert!(page.contains("ลิงก์นี้หมดอายุแล้ว"), "{page}");
    assert_eq!(post(&s, &short, &[SAME]).await.0, 410);
    unchanged(&before, &s.stats().await);
    let _ = std::fs::remove_file(&revoked);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_landing_speaks_the_links_language_and_lists_a_batch() {
    let s = server().await;
    let path = link(
        Channel::Email,
        CredentialType::Batch,
        &["grad-2024-0042", "id-check-0001"],
        Some(Locale::Th),
    );
    let (status, _, page) = get(&s, &path, &[("Accept-Language", "en")]).await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"th\""), "{page}");
    assert!(
        page.contains("เพิ่มลงใน SEEK Pass"),
        "the button's label in Thai"
    );
    assert!(
        page.contains("ตัวตนที่ยืนยันแล้วของคุณ"),
        "the identity's title in Thai"
    );
    assert!(page.contains("credentialRefs"), "a batch's form fields");
    let (status, body) = post(&s, &path, &[SAME]).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("/partner/add/batch#"), "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_email_mark_is_a_png() {
    let s = server().await;
    let resp = s
        .http
        .get(format!("{}/email/seekpass-mark.png", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/png");
    let bytes = resp.bytes().await.unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: 48 × 48.
    assert_eq!(&bytes[16..24], &[0, 0, 0, 48, 0, 0, 0, 48]);
}
