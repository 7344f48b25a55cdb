//! The second outside review (threats.md §G, items 59–71), each finding driven the way it was
//! found: the real binary or a real server on loopback, raw sockets where the finding needs
//! them (extension methods, h2c frames, a forged `Host`).
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{config, raw_http, server, server_with, Binary};
use serde_json::json;

const JANE: &str = "learner-jane";
const ID_KEY: &str = "abababababababababababababababababababababababababababababababab";
const SESSION_KEY: &str = "0707070707070707070707070707070707070707070707070707070707070707";

/// Item 59: 1,000 distinct 64 KB extension methods leave the metrics and the process as they
/// were. With the raw method as a label this was 64 MB of `/metrics`, for good.
#[test]
fn extension_methods_do_not_grow_metrics_or_memory() {
    let bin = Binary::start(&[]);
    let host = format!("Host: {}\r\n", bin.addr);
    let request = |method: &str, path: &str| {
        raw_http(
            bin.addr,
            format!(
                "{method} {path} HTTP/1.1\r\n{host}Connection: close\r\nContent-Length: 0\r\n\r\n"
            )
            .as_bytes(),
        )
    };
    // Warm up every path once so allocator pools exist before the baseline.
    for _ in 0..20 {
        request("GET", "/metrics");
        request("BREW", "/api/seekpass/add");
    }
    let before = bin.rss();
    let filler = "A".repeat(64 * 1024);
    for i in 0..1000 {
        let answer = request(&format!("X{i:04}{filler}"), "/api/seekpass/add");
        assert!(
            answer.starts_with("HTTP/1.1 405"),
            "{}",
            &answer[..answer.len().min(80)]
        );
    }
    let metrics = request("GET", "/metrics");
    let grown = bin.rss().saturating_sub(before);
    let methods: std::collections::BTreeSet<&str> = metrics
        .split("method=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let shown: Vec<&str> = methods.iter().map(|m| &m[..m.len().min(12)]).collect();
    assert!(
        methods.len() <= 10,
        "{} method labels: {shown:?}",
        methods.len()
    );
    assert!(methods.contains("OTHER"), "{shown:?}");
    assert!(
        metrics.len() < 64 * 1024,
        "/metrics is {} bytes",
        metrics.len()
    );
    assert!(grown < 16 * 1024 * 1024, "RSS grew {grown} bytes");
}

/// Reads until the server closes; how long that took, or `None` if it stayed open past `max`.
fn closed_within(s: &mut TcpStream, max: Duration) -> Option<Duration> {
    let start = Instant::now();
    let mut buf = [0u8; 1024];
    s.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    while start.elapsed() < max {
        match s.read(&mut buf) {
            Ok(0) => return Some(start.elapsed()),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => return Some(start.elapsed()),
        }
    }
    None
}

/// Item 60: four clients that send the h2c preface and a PING every (idle − 1) s are dropped
/// within the header and idle limits, and a normal client of a 4-connection server is served.
#[tokio::test(flavor = "multi_thread")]
async fn h2c_clients_pinging_cannot_hold_the_connection_slots() {
    let s = server_with(seekpass_server::Config {
        limits: seekpass_server::serve::Limits {
            header_read: Duration::from_secs(2),
            idle: Duration::from_secs(4),
            request: Duration::from_secs(3),
            max_connections: 4,
            ..seekpass_server::serve::Limits::default()
        },
        ..config()
    })
    .await;
    let addr = s.running.addr;
    const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    const SETTINGS: &[u8] = &[0, 0, 0, 4, 0, 0, 0, 0, 0];
    const PING: &[u8] = &[0, 0, 8, 6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8];
    let clients: Vec<_> = (0..4)
        .map(|_| {
            tokio::task::spawn_blocking(move || {
                let mut c = TcpStream::connect(addr).unwrap();
                c.write_all(PREFACE).unwrap();
                let _ = c.write_all(SETTINGS);
                let start = Instant::now();
                // A PING every 3 s (idle − 1) until the server hangs up or 15 s pass.
                while start.elapsed() < Duration::from_secs(15) {
                    if closed_within(&mut c, Duration::from_secs(3)).is_some() {
                        return Some(start.elapsed());
                    }
                    if c.write_all(PING).is_err() {
                        return Some(start.elapsed());
                    }
                }
                None
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let normal = tokio::task::spawn_blocking(move || {
        let start = Instant::now();
        let answer = raw_http(
            addr,
            format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        (answer, start.elapsed())
    });
    for c in clients {
        let held = c.await.unwrap();
        assert!(
            held.is_some_and(|d| d < Duration::from_secs(7)),
            "an h2c client held its slot for {held:?}"
        );
    }
    let (answer, took) = normal.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(took < Duration::from_secs(8), "served after {took:?}");
}

/// Item 61: the id covers the endpoint and type, so every pair of shapes over the same
/// references has its own id.
#[test]
fn every_shape_over_the_same_references_has_its_own_id() {
    use seekpass_button::CredentialType as T;
    use seekpass_server::keys::submission_id;
    let id = |ty, refs: &[&str]| {
        let refs: Vec<String> = refs.iter().map(|r| (*r).to_owned()).collect();
        submission_id(&[1; 32], "p", "u", ty, &refs)
    };
    let one = ["mc-0007"];
    let ids = [
        id(T::Microcredential, &one),
        id(T::Batch, &one),
        id(T::BatchMicrocredential, &one),
    ];
    assert!(
        ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2],
        "{ids:?}"
    );
    let two = ["mc-0007", "mc-0008"];
    assert_ne!(id(T::Batch, &two), id(T::BatchMicrocredential, &two));
    assert_eq!(
        id(T::Batch, &two),
        id(T::Batch, &two),
        "derived, so repeatable"
    );
    assert_ne!(id(T::Education, &one), id(T::Microcredential, &one));
}

fn link(v: &serde_json::Value) -> String {
    v["redirect_uri"].as_str().unwrap_or_default().to_owned()
}

/// Item 61 through the proxy and a mock that replays a reused id's first link byte for byte,
/// as SEEK Pass documents: single, batch-of-one, batch and batch-of-microcredentials over the
/// same references each get their own link, and the same one again on a repeat.
#[tokio::test(flavor = "multi_thread")]
async fn single_and_batch_shapes_over_the_same_references_each_get_their_link() {
    let s = server().await;
    let mut links = Vec::new();
    for round in 0..2 {
        let shapes = [
            json!({ "credentialType": "microcredential", "credentialRef": "mc-0007" }),
            json!({ "credentialType": "batch", "credentialRefs": ["mc-0007"] }),
            json!({ "credentialType": "batch_microcredential", "credentialRefs": ["mc-0007"] }),
            json!({ "credentialType": "batch", "credentialRefs": ["mc-0007", "mc-0008"] }),
            json!({ "credentialType": "batch_microcredential", "credentialRefs": ["mc-0007", "mc-0008"] }),
        ];
        for (i, shape) in shapes.iter().enumerate() {
            let (status, body, _) = s.add(Some(JANE), shape.clone()).await;
            assert_eq!(status, 200, "{shape}: {body}");
            if round == 0 {
                links.push(link(&body));
            } else {
                assert_eq!(link(&body), links[i], "{shape}: the same link again");
            }
        }
    }
    let distinct: std::collections::BTreeSet<_> = links.iter().collect();
    assert_eq!(distinct.len(), links.len(), "{links:#?}");
    assert!(links[0].contains("/partner/add/microcredential#"));
    assert!(links[1].contains("/partner/add/batch#"));
}

/// Item 61, the mock itself: a reused id gets the first request's `redirect_uri` byte for
/// byte, even from another endpoint.
#[tokio::test(flavor = "multi_thread")]
async fn the_mock_replays_a_reused_id_with_the_original_link() {
    let s = server().await;
    let token = s
        .token("write.education write.microcredential write.english_proficiency write.digital_identity")
        .await;
    let post = |path: String, body: serde_json::Value| {
        let s = &s;
        let token = token.clone();
        async move {
            let r = s
                .http
                .post(format!("{}{path}", s.base))
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let fixture = |name: &str| -> serde_json::Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/seekpass-docs")
            .join(name);
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let single = fixture("microcredential-v1-pdf.json");
    let mut first = single["body"].clone();
    first["id"] = json!("reused-id-1");
    let path = single["path"].as_str().unwrap().to_owned();
    let (status, original) = post(path.clone(), first.clone()).await;
    assert_eq!(status, 201, "{original}");
    first["data"]["credential"]["full_name"] = json!("Another Name");
    let (_, again) = post(path, first).await;
    assert_eq!(again, original, "byte for byte");
    let batch = fixture("batch-v2.json");
    let mut body = batch["body"].clone();
    body["credential_id"] = json!("reused-id-1");
    let (status, from_batch) = post(batch["path"].as_str().unwrap().to_owned(), body).await;
    assert_eq!(status, 201, "{from_batch}");
    assert_eq!(
        from_batch, original,
        "the first link, whatever the endpoint"
    );
}

/// Items 62 and 63: a hanging token endpoint is asked once for six concurrent adds, which all
/// answer within about one upstream timeout, and 200 `/readyz` probes send at most 5 token
/// requests; 30 s tokens are cached, so 10 concurrent adds fetch one.
#[tokio::test(flavor = "multi_thread")]
async fn token_failures_are_shared_and_short_tokens_cached() {
    let s = Arc::new(
        server_with(seekpass_server::Config {
            upstream_timeout: Duration::from_secs(1),
            ..config()
        })
        .await,
    );
    s.control(json!({ "faults": [{ "path": "/api/partner/v1/oauth/token.json", "delay_ms": 3000, "status": 503, "times": 1000 }] }))
        .await;
    let start = Instant::now();
    let adds: Vec<_> = (0..6)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move { s.add_one(JANE, "education", "grad-2024-0042").await.0 })
        })
        .collect();
    for a in adds {
        assert_eq!(a.await.unwrap(), 504);
    }
    let took = start.elapsed();
    assert!(took < Duration::from_millis(2500), "six adds took {took:?}");
    for _ in 0..200 {
        let r = s
            .http
            .get(format!("{}/readyz", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 503);
    }
    let fetched = s.running.state.proxy.seekpass.token_requests();
    assert!(fetched <= 5, "{fetched} token requests");

    let fresh = Arc::new(server().await);
    fresh.control(json!({ "token_secs": 30 })).await;
    let adds: Vec<_> = (0..10)
        .map(|_| {
            let s = fresh.clone();
            tokio::spawn(async move { s.add_one(JANE, "education", "grad-2024-0042").await.0 })
        })
        .collect();
    for a in adds {
        assert_eq!(a.await.unwrap(), 200);
    }
    assert_eq!(fresh.running.state.proxy.seekpass.token_requests(), 1);
}

/// Item 66: `/mock/app/finish` takes only same-origin JSON; a cross-site `text/plain` POST
/// changes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn mock_finish_refuses_cross_site_text_plain() {
    let s = server().await;
    let (_, body) = s.add_one(JANE, "education", "grad-2024-0042").await;
    let content = link(&body).split("content=").nth(1).unwrap().to_owned();
    let finish = |ct: &'static str, site: &'static str| {
        let s = &s;
        let content = content.clone();
        async move {
            s.http
                .post(format!("{}/mock/app/finish", s.base))
                .header("Content-Type", ct)
                .header("Sec-Fetch-Site", site)
                .header("Origin", "https://evil.example")
                .body(json!({ "content": content, "accept": true }).to_string())
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(finish("text/plain", "cross-site").await, 403);
    assert_eq!(finish("application/json", "cross-site").await, 403);
    let status = s
        .http
        .get(format!(
            "{}/api/seekpass/status/education/grad-2024-0042",
            s.base
        ))
        .header("Cookie", common::cookie(JANE))
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = status.json().await.unwrap();
    assert_eq!(v["status"], "incomplete", "unchanged");
    let same = s
        .http
        .post(format!("{}/mock/app/finish", s.base))
        .header("Content-Type", "text/plain")
        .body(json!({ "content": content, "accept": true }).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), 415, "same-origin, but not JSON");
}

/// Items 67 and 68: no directory answer is a protocol-relative redirect, and every answer of
/// the negotiated `/dist` files varies on `Accept-Encoding`.
#[tokio::test(flavor = "multi_thread")]
async fn no_protocol_relative_redirects_and_vary_on_encoding() {
    let dist = std::env::temp_dir().join(format!("sp-dist-review-{}", std::process::id()));
    std::fs::create_dir_all(dist.join("cdn")).unwrap();
    std::fs::write(dist.join("cdn/app.js"), "console.log('plain');").unwrap();
    std::fs::write(dist.join("cdn/app.js.br"), b"BROTLI").unwrap();
    std::fs::write(dist.join("cdn/app.js.gz"), b"GZIP").unwrap();
    let s = server_with(seekpass_server::Config {
        dist_dir: dist.clone(),
        ..config()
    })
    .await;
    for path in [
        "//mock",
        "//examples",
        "//bench",
        "//dist",
        "/dist//cdn",
        "//dist/cdn",
        "/dist/cdn",
        "/mock",
        "/examples",
    ] {
        let answer = raw_http(
            s.running.addr,
            format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                s.running.addr
            )
            .as_bytes(),
        );
        let location = answer.lines().find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("location:")
                .map(|v| v.trim().to_owned())
        });
        match location {
            None => assert!(answer.starts_with("HTTP/1.1 404"), "{path}: {answer}"),
            Some(to) => {
                assert!(
                    to.starts_with('/') && !to.starts_with("//"),
                    "{path} → {to}"
                );
                assert!(to.starts_with(path), "{path} → {to} stays in its directory");
            }
        }
    }
    for encoding in ["br", "gzip", "identity"] {
        let r = s
            .http
            .get(format!("{}/dist/cdn/app.js", s.base))
            .header("Accept-Encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let vary = r.headers()["vary"].to_str().unwrap().to_ascii_lowercase();
        assert!(vary.contains("accept-encoding"), "{encoding}: {vary}");
    }
    std::fs::remove_dir_all(dist).unwrap();
}

/// Item 69: after DNS rebinding the browser sends the attacker's name as `Host` (and as
/// `Origin`); the server answers 421 and changes nothing.
#[test]
fn a_foreign_host_is_misdirected() {
    let bin = Binary::start(&[]);
    let port = bin.addr.port();
    let control = |host: &str| {
        let body = r#"{"advance_secs": 60}"#;
        raw_http(
            bin.addr,
            format!(
                "POST /mock/control HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
    };
    let rebound = format!("attacker.example:{port}");
    assert!(control(&rebound).starts_with("HTTP/1.1 421"));
    let page = raw_http(
        bin.addr,
        format!("GET / HTTP/1.1\r\nHost: {rebound}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert!(page.starts_with("HTTP/1.1 421"), "{page}");
    assert!(
        !page.to_ascii_lowercase().contains("set-cookie"),
        "no demo session"
    );
    for ok in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        assert!(control(&ok).starts_with("HTTP/1.1 200"), "{ok}");
    }
    let health = raw_http(
        bin.addr,
        format!("GET /healthz HTTP/1.1\r\nHost: 10.0.0.7:{port}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert!(
        health.starts_with("HTTP/1.1 200"),
        "probes may use any Host: {health}"
    );
}

/// Item 70: outside mock mode `GET /` signs nobody in unless `SEEKPASS_DEMO=1`; without
/// records or the demo the server does not start.
#[test]
fn the_demo_is_off_outside_mock_mode() {
    let outside = |env: &str, demo: bool| {
        let mut vars = vec![
            ("SEEKPASS_ENV", env),
            ("SEEKPASS_CLIENT_ID", "partner-client"),
            ("SEEKPASS_CLIENT_SECRET", "partner-secret"),
            ("SEEKPASS_ID_KEY", ID_KEY),
            ("SEEKPASS_SESSION_KEY", SESSION_KEY),
            ("SEEKPASS_RECORDS", "server/demo/records.json"),
        ];
        if demo {
            vars.push(("SEEKPASS_DEMO", "1"));
        }
        let bin = Binary::start(&vars);
        raw_http(
            bin.addr,
            format!(
                "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                bin.addr
            )
            .as_bytes(),
        )
        .to_ascii_lowercase()
    };
    for env in ["staging", "production"] {
        let page = outside(env, false);
        assert!(page.starts_with("http/1.1 200"), "{page}");
        assert!(!page.contains("set-cookie"), "{env}: {page}");
        assert!(
            !page.contains("credentials</h1>"),
            "{env}: the static index, not the demo"
        );
        assert!(
            outside(env, true).contains("set-cookie: sp_demo_session="),
            "{env} with SEEKPASS_DEMO=1"
        );
    }
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_seekpass-server"))
        .env("SEEKPASS_ENV", "staging")
        .env("SEEKPASS_CLIENT_ID", "c")
        .env("SEEKPASS_CLIENT_SECRET", "s")
        .env("SEEKPASS_ID_KEY", ID_KEY)
        .env("SEEKPASS_SESSION_KEY", SESSION_KEY)
        .env("SEEKPASS_LISTEN", "127.0.0.1:0")
        .env_remove("SEEKPASS_RECORDS")
        .env_remove("SEEKPASS_DEMO")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("SEEKPASS_RECORDS"));
}

/// Item 71: one user sending 200 adds at once gets 429 with `Retry-After` past the limit and
/// SEEK Pass sees at most the limit; another user is unaffected; the per-address bucket holds
/// for any number of users from one address.
#[tokio::test(flavor = "multi_thread")]
async fn one_user_cannot_spend_the_quota() {
    use seekpass_server::rate::{Rate, RateLimits};
    let s = Arc::new(
        server_with(seekpass_server::Config {
            rate: RateLimits {
                user_add: Rate::new(10, 60),
                ..common::unlimited()
            },
            ..config()
        })
        .await,
    );
    let adds: Vec<_> = (0..200)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move {
                s.add(
                    Some(JANE),
                    json!({ "credentialType": "education", "credentialRef": "grad-2024-0042" }),
                )
                .await
            })
        })
        .collect();
    let mut ok = 0;
    for a in adds {
        let (status, body, headers) = a.await.unwrap();
        match status {
            200 => ok += 1,
            429 => {
                assert_eq!(body["error"]["code"], "rate_limited");
                let wait: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
                assert!((1..=60).contains(&wait), "{wait}");
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(ok, 10);
    assert!(s.stats().await["add_requests"].as_u64().unwrap() <= 10);
    assert_eq!(
        s.add_one("learner-raj", "education", "grad-2023-0107")
            .await
            .0,
        200
    );
    // Per address: 30 from one address, whoever signs in (unknown users' clicks end in 404).
    let s = server_with(seekpass_server::Config {
        rate: RateLimits {
            addr_add: Rate::new(30, 60),
            ..common::unlimited()
        },
        ..config()
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..36 {
        let user = format!("user-{i}");
        statuses.push(s.add_one(&user, "education", "grad-2024-0042").await.0);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 404).count(),
        30,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        6,
        "{statuses:?}"
    );
}
