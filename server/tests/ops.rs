//! Operations and hardening over real sockets: stalled and idle clients, the connection cap,
//! request time and size limits, graceful shutdown, health, readiness, metrics, logs that name
//! route templates only, static files with precompressed siblings, and the session cookie.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{config, server, server_with};
use seekpass_server::serve::Limits;
use seekpass_server::session::{Resolver, SignedCookie};

fn limits(header: u64, idle: u64, request: u64) -> Limits {
    Limits {
        header_read: Duration::from_secs(header),
        idle: Duration::from_secs(idle),
        request: Duration::from_secs(request),
        ..Limits::default()
    }
}

/// Reads until the server closes the connection; returns what arrived and how long it took.
fn read_to_close(mut s: TcpStream, max: Duration) -> (String, Duration) {
    s.set_read_timeout(Some(max)).unwrap();
    let start = Instant::now();
    let mut all = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => all.extend_from_slice(&buf[..n]),
            Err(e) => panic!("still open after {:?}: {e}", start.elapsed()),
        }
    }
    (String::from_utf8_lossy(&all).into_owned(), start.elapsed())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stalled_or_idle_client_is_dropped() {
    let s = server_with(seekpass_server::Config {
        limits: limits(2, 4, 3),
        ..config()
    })
    .await;
    let addr = s.running.addr;
    // Half a request line, then nothing (threats.md item 53).
    let stalled = tokio::task::spawn_blocking(move || {
        let mut c = TcpStream::connect(addr).unwrap();
        c.write_all(b"GET /healthz HT").unwrap();
        read_to_close(c, Duration::from_secs(20))
    });
    // A full request on a keep-alive connection, then silence.
    let idle = tokio::task::spawn_blocking(move || {
        let mut c = TcpStream::connect(addr).unwrap();
        c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        read_to_close(c, Duration::from_secs(20))
    });
    let (_, took) = stalled.await.unwrap();
    assert!(
        took < Duration::from_secs(5),
        "stalled headers dropped after {took:?}"
    );
    let (answer, took) = idle.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        took < Duration::from_secs(8),
        "idle connection dropped after {took:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn connections_beyond_the_cap_wait_for_a_free_slot() {
    let s = server_with(seekpass_server::Config {
        limits: Limits {
            max_connections: 1,
            ..limits(10, 60, 30)
        },
        ..config()
    })
    .await;
    let addr = s.running.addr;
    let holder = TcpStream::connect(addr).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let waiting = tokio::task::spawn_blocking(move || {
        let start = Instant::now();
        let mut c = TcpStream::connect(addr).unwrap();
        c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let (answer, _) = read_to_close(c, Duration::from_secs(10));
        (answer, start.elapsed())
    });
    tokio::time::sleep(Duration::from_millis(800)).await;
    drop(holder);
    let (answer, took) = waiting.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        took >= Duration::from_millis(700),
        "served only after the slot freed: {took:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_requests_get_408_and_big_bodies_413() {
    let s = server_with(seekpass_server::Config {
        limits: Limits {
            body_bytes: 1024,
            ..limits(10, 60, 1)
        },
        ..config()
    })
    .await;
    let slow = s
        .http
        .post(format!("{}/api/partner/v1/oauth/token.json", s.base))
        .header("X-Mock-Delay-Ms", "3000")
        .send()
        .await
        .unwrap();
    assert_eq!(slow.status(), 408);
    let big = s
        .http
        .post(format!("{}/api/seekpass/add", s.base))
        .header("Content-Type", "application/json")
        .body(vec![b' '; 4096])
        .send()
        .await
        .unwrap();
    assert_eq!(big.status(), 413);
}

#[tokio::test(flavor = "multi_thread")]
async fn graceful_shutdown_lets_in_flight_requests_finish() {
    let mut s = server().await;
    let url = format!("{}/api/partner/v1/oauth/token.json", s.base);
    let http = s.http.clone();
    let started = Instant::now();
    let slow = tokio::spawn(async move {
        http.post(url)
            .header("X-Mock-Delay-Ms", "1000")
            .send()
            .await
            .map(|r| r.status().as_u16())
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    s.running.stop();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        TcpStream::connect(s.running.addr).is_err()
            || s.http
                .get(format!("{}/healthz", s.base))
                .send()
                .await
                .is_err(),
        "no new connections after stop"
    );
    // The mock refuses a token request without a form (415): what matters is that it is answered.
    assert_eq!(slow.await.unwrap().unwrap(), 415);
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "it really was in flight"
    );
    tokio::time::timeout(Duration::from_secs(5), &mut s.running.task)
        .await
        .unwrap()
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn health_readiness_and_metrics() {
    let s = server().await;
    let get = |path: &'static str| {
        let s = &s;
        async move {
            let r = s
                .http
                .get(format!("{}{path}", s.base))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    assert_eq!(get("/healthz").await.0, 200);
    let (code, body) = get("/readyz").await;
    assert_eq!(code, 200, "{body}");
    assert!(body.contains(r#""seekpass_token":"ok""#), "{body}");
    s.add_one("learner-jane", "education", "grad-2024-0042")
        .await;
    let status = s
        .http
        .get(format!("{}/api/seekpass/status/grad-2024-0042", s.base))
        .header("Cookie", common::cookie("learner-jane"))
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), 200);
    let (code, text) = get("/metrics").await;
    assert_eq!(code, 200);
    for want in [
        r#"seekpass_http_requests_total{method="GET",route="/api/seekpass/status/{references}",status="200"} 1"#,
        r#"seekpass_http_requests_total{method="POST",route="/api/seekpass/add",status="200"} 1"#,
        "seekpass_token_fetches_total ",
        r#"seekpass_upstream_latency_seconds_bucket{le="#,
        r#"call="add""#,
        "# EOF",
    ] {
        assert!(text.contains(want), "{want} in\n{text}");
    }
    assert!(!text.contains("grad-2024-0042"), "no reference in metrics");

    // Not ready when SEEK Pass cannot be reached: a base on a closed port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let cut_off = server_with(seekpass_server::Config {
        upstream: seekpass_server::config::Upstream::Staging,
        api_base: Some(seekpass_server::settings::api_base(&base).unwrap()),
        ..config()
    })
    .await;
    let r = cut_off
        .http
        .get(format!("{}/readyz", cut_off.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["seekpass_token"],
        "unavailable"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn static_files_precompressed_and_conditional() {
    let dist = std::env::temp_dir().join(format!("sp-dist-{}", std::process::id()));
    std::fs::create_dir_all(dist.join("cdn")).unwrap();
    std::fs::write(dist.join("cdn/app.js"), "console.log('plain');").unwrap();
    std::fs::write(dist.join("cdn/app.js.br"), b"BROTLI-BYTES").unwrap();
    let s = server_with(seekpass_server::Config {
        dist_dir: dist.clone(),
        ..config()
    })
    .await;
    let url = format!("{}/dist/cdn/app.js", s.base);
    let br = s
        .http
        .get(&url)
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    assert!(br.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert_eq!(br.headers()["x-content-type-options"], "nosniff");
    let modified = br.headers()["last-modified"].clone();
    assert_eq!(br.bytes().await.unwrap().as_ref(), b"BROTLI-BYTES");
    let plain = s.http.get(&url).send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let again = s
        .http
        .get(&url)
        .header("If-Modified-Since", modified)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    // Pages get the strict CSP; traversal stays inside the directory.
    let page = s
        .http
        .get(format!("{}/gate.html", s.base))
        .send()
        .await
        .unwrap();
    assert!(page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'none'"));
    let escape = s
        .http
        .get(format!("{}/dist/..%2f..%2fCargo.toml", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(escape.status(), 404);
    let app = s
        .http
        .get(format!("{}/partner/add/education", s.base))
        .send()
        .await
        .unwrap();
    assert!(app.text().await.unwrap().contains("local mock of the app"));
    std::fs::remove_dir_all(dist).unwrap();
}

#[test]
fn session_cookie_is_host_prefixed_over_https_and_never_tossed() {
    let secure = SignedCookie::with_security(vec![7; 32], true);
    let set = secure.issue("learner-jane");
    for part in [
        "__Host-sp_demo_session=learner-jane.",
        "Secure",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/",
        "Max-Age=28800",
    ] {
        assert!(set.contains(part), "{part} in {set}");
    }
    assert!(!set.contains("Domain"));
    let plain = SignedCookie::new(vec![7; 32]).issue("learner-jane");
    assert!(plain.starts_with("sp_demo_session=") && !plain.contains("Secure"));

    let valid = plain.split(';').next().unwrap().to_owned();
    let raj = SignedCookie::new(vec![7; 32]).issue("learner-raj");
    let raj = raj.split(';').next().unwrap().to_owned();
    let forged = "sp_demo_session=learner-raj.0000";
    let resolver = SignedCookie::new(vec![7; 32]);
    let user = |cookie: String| {
        let mut h = axum::http::HeaderMap::new();
        h.insert("cookie", cookie.parse().unwrap());
        resolver.user(&h)
    };
    assert_eq!(
        user(format!("{forged}; {valid}")).as_deref(),
        Some("learner-jane")
    );
    assert_eq!(
        user(format!("{valid}; {forged}")).as_deref(),
        Some("learner-jane")
    );
    assert_eq!(
        user(format!("{valid}; {raj}")),
        None,
        "two valid users: nobody"
    );
    assert_eq!(user(forged.to_owned()), None);
    // A plain-HTTP cookie does not count where the site is HTTPS.
    let mut h = axum::http::HeaderMap::new();
    h.insert("cookie", valid.parse().unwrap());
    assert_eq!(secure.user(&h), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn access_logs_name_route_templates_and_sigterm_drains() {
    use std::process::Command;
    let mut bin = common::Binary::with_logs(&[
        ("SEEKPASS_ID_KEY", &"ab".repeat(32)),
        ("SEEKPASS_SESSION_KEY", &"07".repeat(32)),
    ]);
    let base = bin.base.clone();
    let http = reqwest::Client::new();
    let cookie = SignedCookie::new(vec![7; 32]).issue("learner-jane");
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let status = http
        .get(format!("{base}/api/seekpass/status/grad-2024-0042"))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), 200);
    let slow = tokio::spawn({
        let http = http.clone();
        let url = format!("{base}/api/partner/v1/oauth/token.json");
        async move {
            http.post(url)
                .header("X-Mock-Delay-Ms", "800")
                .send()
                .await
                .map(|r| r.status().as_u16())
        }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let term = Command::new("kill")
        .args(["-TERM", &bin.child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    assert_eq!(
        slow.await.unwrap().unwrap(),
        415,
        "the in-flight request finished"
    );
    let exit = bin.child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    let mut logs = String::new();
    bin.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    let lines: Vec<serde_json::Value> = logs
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let served: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["fields"]["message"] == "served")
        .collect();
    assert!(
        served.iter().any(
            |l| l["span"]["route"] == "/api/seekpass/status/{references}"
                && l["fields"]["status"] == 200
        ),
        "{logs}"
    );
    assert!(
        !logs.contains("grad-2024-0042"),
        "no reference in logs (item 58):\n{logs}"
    );
    assert!(!logs.contains("learner-jane"), "no user in logs");
}

/// `--help` prints the usage and exits at once (it used to start a server); `--version` prints
/// the version; an unknown argument is refused with the usage, never a server.
#[test]
fn help_and_unknown_arguments_never_start_a_server() {
    let bin = env!("CARGO_BIN_EXE_seekpass-server");
    let run = |arg: &str| {
        std::process::Command::new(bin)
            .arg(arg)
            .env("SEEKPASS_LISTEN", "127.0.0.1:0")
            .output()
            .expect("runs")
    };
    let help = run("--help");
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.starts_with("seekpass-server:") && text.contains("SEEKPASS_CLIENT_SECRET"),
        "{text}"
    );
    assert!(
        !text.contains("http://127.0.0.1:0/"),
        "no server line: {text}"
    );
    let version = run("--version");
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("seekpass-server {}", env!("CARGO_PKG_VERSION"))
    );
    let wrong = run("--port=9");
    assert_eq!(wrong.status.code(), Some(2));
    assert!(wrong.stdout.is_empty());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("unknown argument \"--port=9\""));
}
