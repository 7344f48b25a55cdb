//! The outside review's server findings (threats.md §F): mock control (54) and the token cache
//! (55). Items 52, 53, 57 and 58 are in `proxy.rs` and `ops.rs`.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::server;
use serde_json::json;

const JANE: &str = "learner-jane";

#[tokio::test(flavor = "multi_thread")]
async fn mock_control_takes_same_origin_json_with_bounded_values() {
    let s = server().await;
    let url = format!("{}/mock/control", s.base);
    let post = |content_type: &'static str, extra: Option<(&'static str, String)>, body: String| {
        let mut req = s
            .http
            .post(&url)
            .header("Content-Type", content_type)
            .body(body);
        if let Some((k, v)) = extra {
            req = req.header(k, v);
        }
        req.send()
    };
    let clear = json!({ "clear_faults": true }).to_string();
    // What a page on another site could send: a simple text/plain POST, or any cross-site fetch.
    assert_eq!(
        post("text/plain", None, clear.clone())
            .await
            .unwrap()
            .status(),
        415
    );
    let cross = post(
        "application/json",
        Some(("Sec-Fetch-Site", "cross-site".into())),
        clear.clone(),
    );
    assert_eq!(cross.await.unwrap().status(), 403);
    let elsewhere = post(
        "application/json",
        Some(("Origin", "https://evil.example".into())),
        clear.clone(),
    );
    assert_eq!(elsewhere.await.unwrap().status(), 403);
    let own = post("application/json", Some(("Origin", s.base.clone())), clear);
    assert_eq!(own.await.unwrap().status(), 200);
    // Out of range, overflowing or not: refused whole; the clock does not move.
    let before = s.control(json!({})).await["now"].as_i64().unwrap();
    for secs in [i64::MAX, i64::MIN, 11 * 366 * 86_400] {
        let r = post(
            "application/json",
            None,
            json!({ "advance_secs": secs }).to_string(),
        );
        assert_eq!(r.await.unwrap().status(), 400, "{secs}");
    }
    let after = s.control(json!({})).await["now"].as_i64().unwrap();
    assert!(
        (after - before).abs() <= 2,
        "clock unchanged: {before} → {after}"
    );
    // Later calls are fine.
    assert_eq!(s.add_one(JANE, "education", "grad-2024-0042").await.0, 200);
    assert!(
        s.control(json!({ "advance_secs": 3600 })).await["now"]
            .as_i64()
            .unwrap()
            >= after + 3600
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_token_call_for_one_scope_set_does_not_delay_another() {
    let s = std::sync::Arc::new(server().await);
    // Scope set B (education) gets its token first.
    assert_eq!(s.add_one(JANE, "education", "grad-2024-0042").await.0, 200);
    // The next token call (scope set A, microcredential) takes 3 s.
    s.control(
        json!({ "faults": [{ "path": "/api/partner/v1/oauth/token.json", "delay_ms": 3000 }] }),
    )
    .await;
    let slow = {
        let s = s.clone();
        tokio::spawn(async move {
            let start = Instant::now();
            let status = s.add_one(JANE, "microcredential", "mc-0007").await.0;
            (status, start.elapsed())
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let start = Instant::now();
    assert_eq!(s.add_one(JANE, "education", "grad-2024-0042").await.0, 200);
    let fast = start.elapsed();
    assert!(
        fast < Duration::from_millis(1000),
        "cached scope waited {fast:?}"
    );
    let (status, took) = slow.await.unwrap();
    assert_eq!(status, 200);
    assert!(
        took >= Duration::from_millis(2500),
        "the slow one really was slow: {took:?}"
    );
}

#[test]
fn token_lifetimes_are_bounded() {
    use seekpass_server::token::{Token, MAX_TOKEN_SECS};
    let t = Token::issued("t".into(), i64::MAX - 10, Some(i64::MAX));
    assert_eq!(t.expires_at, i64::MAX, "no overflow");
    let t = Token::issued("t".into(), 1000, Some(i64::MAX));
    assert_eq!(t.expires_at, 1000 + MAX_TOKEN_SECS);
    let t = Token::issued("t".into(), 1000, Some(-5));
    assert_eq!(t.expires_at, 1001);
    assert!(
        t.usable(1000, None) && !t.usable(1001, None),
        "a 1 s token lives 1 s"
    );
    // Item 63: a short-lived token is renewed half-way, not never cached.
    let t = Token::issued("t".into(), 1000, Some(30));
    assert!(t.usable(1014, None) && !t.usable(1015, None));
    let t = Token::issued("t".into(), 1000, Some(3600));
    assert!(
        t.usable(4539, None) && !t.usable(4540, None),
        "60 s ahead at most"
    );
    let t = Token::issued("t".into(), 1000, None);
    assert!(t.usable(1000, None) && !t.usable(1000, Some("t")));
}
