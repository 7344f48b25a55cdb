//! Starts a real server on loopback for each test and talks to it over HTTP.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::Duration;

use seekpass_server::config::{MockAppOrigin, Upstream, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET};
use seekpass_server::session::SignedCookie;
use seekpass_server::{start, Config, Running};
use serde_json::{json, Value};

pub const SESSION_KEY: [u8; 32] = [7; 32];

pub fn config() -> Config {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        upstream: Upstream::Mock,
        api_base: None,
        // In mock mode the proxy's calls to the mock are connections to this same server, so a
        // burst of N clicks holds up to 2N connections: room for the thousand-click test.
        limits: seekpass_server::serve::Limits {
            max_connections: 4096,
            ..seekpass_server::serve::Limits::default()
        },
        secure_cookies: false,
        public_host: None,
        public_origin: None,
        demo: true,
        rate: seekpass_server::rate::RateLimits::default(),
        client_id: MOCK_CLIENT_ID.into(),
        client_secret: MOCK_CLIENT_SECRET.into(),
        session_key: SESSION_KEY.to_vec(),
        id_key: vec![9; 32],
        id_prefix: "test".into(),
        upstream_timeout: Duration::from_secs(5),
        www_dir: root.join("www"),
        dist_dir: root.join("dist"),
        records_path: root.join("server/demo/records.json"),
        mock_app_origin: MockAppOrigin::This,
        link_key: Some(seekpass_server::links::MOCK_LINK_KEY.to_vec()),
        revoked_links: None,
        sign_in_url: "/".into(),
    }
}

/// No rate limits, for load tests that are about something else.
pub fn unlimited() -> seekpass_server::rate::RateLimits {
    seekpass_server::rate::RateLimits {
        user_add: None,
        user_status: None,
        addr_add: None,
        addr_status: None,
        trusted_proxies: Default::default(),
    }
}

pub struct Server {
    pub running: Running,
    pub base: String,
    pub http: reqwest::Client,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.running.task.abort();
    }
}

pub async fn server_with(config: Config) -> Server {
    std::env::set_var("SEEKPASS_QUIET", "1");
    let running = start(config).await.unwrap();
    let base = format!("http://{}", running.addr);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Server {
        running,
        base,
        http,
    }
}

pub async fn server() -> Server {
    server_with(config()).await
}

pub fn cookie(user: &str) -> String {
    let set = SignedCookie::new(SESSION_KEY.to_vec()).issue(user);
    set.split(';').next().unwrap().to_owned()
}

impl Server {
    /// A button-shaped call to the proxy as `user`.
    pub async fn add(
        &self,
        user: Option<&str>,
        body: Value,
    ) -> (u16, Value, reqwest::header::HeaderMap) {
        let mut req = self
            .http
            .post(format!("{}/api/seekpass/add", self.base))
            .header("Content-Type", "application/json")
            .header("X-SEEKPass-Widget", "0.1.0")
            .header("Sec-Fetch-Site", "same-origin");
        if let Some(u) = user {
            req = req.header("Cookie", cookie(u));
        }
        let resp = req.body(body.to_string()).send().await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
            headers,
        )
    }

    pub async fn add_one(&self, user: &str, ty: &str, reference: &str) -> (u16, Value) {
        let (s, v, _) = self
            .add(
                Some(user),
                json!({ "credentialType": ty, "credentialRef": reference }),
            )
            .await;
        (s, v)
    }

    pub async fn control(&self, body: Value) -> Value {
        self.http
            .post(format!("{}/mock/control", self.base))
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn stats(&self) -> Value {
        self.http
            .get(format!("{}/mock/stats", self.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// A mock access token with `scope`, fetched directly.
    pub async fn token(&self, scope: &str) -> String {
        let body = format!("grant_type=client_credentials&client_id={MOCK_CLIENT_ID}&client_secret={MOCK_CLIENT_SECRET}&scope={}", scope.replace(' ', "+"));
        let resp: Value = self
            .http
            .post(format!("{}/api/partner/v1/oauth/token.json", self.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        resp["access_token"].as_str().unwrap().to_owned()
    }
}

/// The real `seekpass-server` binary, started with `env` on a free loopback port; killed on drop.
pub struct Binary {
    pub child: std::process::Child,
    pub base: String,
    pub addr: std::net::SocketAddr,
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Binary {
    pub fn start(env: &[(&str, &str)]) -> Binary {
        Binary::spawn(env, false)
    }

    /// As [`Binary::start`], with JSON request logs on stderr, piped: take `child.stderr`.
    pub fn with_logs(env: &[(&str, &str)]) -> Binary {
        Binary::spawn(env, true)
    }

    fn spawn(env: &[(&str, &str)], logs: bool) -> Binary {
        use std::io::Read;
        use std::process::{Command, Stdio};
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_seekpass-server"));
        cmd.current_dir(&root)
            .env("SEEKPASS_LISTEN", "127.0.0.1:0")
            .env_remove("RUST_LOG")
            .env_remove("SEEKPASS_ENV")
            .stdout(Stdio::piped());
        if logs {
            cmd.env("SEEKPASS_LOG_FORMAT", "json")
                .env_remove("SEEKPASS_QUIET")
                .stderr(Stdio::piped());
        } else {
            cmd.env("SEEKPASS_QUIET", "1").stderr(Stdio::null());
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 256];
        let n = stdout.read(&mut first).unwrap();
        let line = String::from_utf8_lossy(&first[..n]).into_owned();
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        let addr = base.trim_start_matches("http://").parse().unwrap();
        Binary { child, base, addr }
    }

    /// Resident memory of the process, in bytes.
    pub fn rss(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap();
        kb * 1024
    }
}

/// One raw HTTP/1.1 exchange on a new connection (`Connection: close`); the whole answer.
pub fn raw_http(addr: std::net::SocketAddr, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut c = std::net::TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c.write_all(request).unwrap();
    let mut out = Vec::new();
    let _ = c.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}
