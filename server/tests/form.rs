//! Contract v1's form mode (the button as a plain HTML form): a same-origin page that goes on to
//! the gated link (not a `303`, which a page's `form-action 'self'` refuses), the same derived id
//! on a repeat, CSRF by fetch metadata or `Origin`, and a failure page in the
//! person's language that carries neither server text nor the link.
#![allow(clippy::unwrap_used)]

mod common;

use common::{config, cookie, server, server_with, Server};
use serde_json::json;

const JANE: &str = "learner-jane";

struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

async fn post(s: &Server, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut req = s
        .http
        .post(format!("{}/api/seekpass/add", s.base))
        .header("Content-Type", "application/x-www-form-urlencoded");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.body(body.to_owned()).send().await.unwrap();
    Answer {
        status: resp.status().as_u16(),
        headers: resp.headers().clone(),
        body: resp.text().await.unwrap(),
    }
}

fn signed_in(site: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("Sec-Fetch-Site", site.to_owned()),
        ("Cookie", cookie(JANE)),
    ]
}

async fn send(s: &Server, headers: Vec<(&str, String)>, body: &str) -> Answer {
    let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post(s, &h, body).await
}

/// The first link's `href` on a page, as written (escaped).
fn first_href(body: &str) -> &str {
    body.split("<a href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
}

/// The link a continue page goes on to: its refresh target, which its `<a>` repeats.
fn link_of(a: &Answer) -> String {
    assert_eq!(a.status, 200, "{}", a.body);
    let after = a
        .body
        .split("http-equiv=\"refresh\" content=\"0; url=")
        .nth(1)
        .unwrap();
    let link = after.split('"').next().unwrap().replace("&#38;", "&");
    let href = first_href(&a.body);
    assert_eq!(
        href.replace("&#38;", "&"),
        link,
        "the link repeats the refresh"
    );
    link
}

const EDUCATION: &str = "credentialType=education&credentialRef=grad-2024-0042";

#[tokio::test]
async fn a_same_origin_form_gets_a_page_that_goes_on_to_the_link_and_the_same_link_again() {
    let s = server().await;
    let first = send(&s, signed_in("same-origin"), EDUCATION).await;
    let link = link_of(&first);
    assert_eq!(first.headers["cache-control"], "no-store");
    assert_eq!(first.headers["referrer-policy"], "no-referrer");
    assert!(
        first.headers.get("location").is_none(),
        "not a redirect a CSP could refuse"
    );
    let csp = first.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("form-action 'none'"),
        "{csp}"
    );
    assert!(
        first.body.contains("<title>Opening SEEK Pass…</title>"),
        "{}",
        first.body
    );
    assert!(
        link.contains("/partner/add/education#"),
        "a SEEK Pass app link"
    );
    assert!(!link.contains("\\u0026"), "repaired");
    // The JSON contract and a double submit get the very same link (one derived id).
    let again = send(&s, signed_in("same-origin"), EDUCATION).await;
    assert_eq!(link_of(&again), link);
    let (code, body) = s.add_one(JANE, "education", "grad-2024-0042").await;
    assert_eq!(
        (code, body["redirect_uri"].as_str().unwrap()),
        (200, link.as_str())
    );
    // A batch: one `credentialRefs` field per reference.
    let batch = send(
        &s,
        signed_in("same-origin"),
        "credentialType=batch_microcredential&credentialRefs=mc-0007&credentialRefs=mc-0008",
    )
    .await;
    assert!(link_of(&batch).contains("/partner/add/"), "{}", batch.body);
}

#[tokio::test]
async fn a_cross_site_post_is_refused_and_nothing_reaches_seek_pass() {
    let s = server().await;
    let before = s.stats().await["add_requests"].as_u64().unwrap();
    for site in ["cross-site", "same-site", "none"] {
        let a = send(&s, signed_in(site), EDUCATION).await;
        assert_eq!(a.status, 403, "{site}");
        assert!(a.headers.get("location").is_none());
        assert!(a.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert!(!a.body.contains("<form"), "a refusal offers no retry");
    }
    // No fetch metadata (an older browser): the Origin decides.
    let host = s.base.trim_start_matches("http://").to_owned();
    let foreign = vec![
        ("Origin", "https://evil.example".to_owned()),
        ("Cookie", cookie(JANE)),
    ];
    assert_eq!(send(&s, foreign, EDUCATION).await.status, 403);
    let none = vec![("Cookie", cookie(JANE))];
    assert_eq!(
        send(&s, none, EDUCATION).await.status,
        403,
        "neither header"
    );
    let own = vec![
        ("Origin", format!("http://{host}")),
        ("Cookie", cookie(JANE)),
    ];
    assert_eq!(send(&s, own, EDUCATION).await.status, 200);
    assert_eq!(
        s.stats().await["add_requests"].as_u64().unwrap(),
        before + 1,
        "only the same-origin post reached SEEK Pass"
    );
}

#[tokio::test]
async fn a_configured_public_origin_is_the_only_origin_without_metadata() {
    let s = server_with(seekpass_server::Config {
        public_origin: Some("https://partner.example".into()),
        public_host: Some("partner.example".into()),
        ..config()
    })
    .await;
    let host = s.base.trim_start_matches("http://").to_owned();
    let own_host = vec![
        ("Origin", format!("http://{host}")),
        ("Cookie", cookie(JANE)),
    ];
    assert_eq!(send(&s, own_host, EDUCATION).await.status, 403);
    let public = vec![
        ("Origin", "https://partner.example".to_owned()),
        ("Cookie", cookie(JANE)),
    ];
    assert_eq!(send(&s, public, EDUCATION).await.status, 200);
}

#[tokio::test]
async fn failures_are_a_small_page_in_the_persons_language() {
    let s = server().await;
    // Signed out (a cross-site post carries no SameSite=Strict cookie either): 401, in Thai
    // from the button's own `locale` field, no retry (it cannot help), back to a same-origin page.
    let referer = format!("{}/course/42?tab=1", s.base);
    let a = post(
        &s,
        &[("Sec-Fetch-Site", "same-origin"), ("Referer", &referer)],
        &format!("{EDUCATION}&locale=th"),
    )
    .await;
    assert_eq!(a.status, 401);
    assert_eq!(a.headers["cache-control"], "no-store");
    assert!(a.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'none'"));
    assert!(a.body.contains("lang=\"th\""), "{}", a.body);
    assert!(
        a.body.contains(&format!("href=\"{referer}\"")),
        "{}",
        a.body
    );
    // The title and heading say it failed (not the button's label, WCAG 2.4.2).
    assert!(
        a.body.contains("<title>ไม่ได้เพิ่มลงใน SEEK Pass</title>"),
        "{}",
        a.body
    );
    assert!(!a.body.contains("<form"));
    // Another user's record answers as a missing one; a foreign Referer gives no back link;
    // the language follows Accept-Language.
    let b = post(
        &s,
        &[
            ("Sec-Fetch-Site", "same-origin"),
            ("Cookie", &cookie("learner-raj")),
            ("Referer", "https://evil.example/x"),
            ("Accept-Language", "id-ID,id;q=0.9"),
        ],
        EDUCATION,
    )
    .await;
    assert_eq!(b.status, 404);
    assert!(b.body.contains("lang=\"id\""));
    assert!(!b.body.contains("evil.example"), "{}", b.body);
    assert!(
        b.body.contains("<a href=\"/\">Ke halaman utama</a>"),
        "always a way back: {}",
        b.body
    );
    // SEEK Pass down: retryable, so "Try again" posts the same fields back.
    s.control(json!({ "faults": [{ "path": "/api/partner/v1/add/education.json", "status": 503, "body": "upstream secret text", "times": 10 }] }))
        .await;
    let c = send(&s, signed_in("same-origin"), EDUCATION).await;
    assert_eq!(c.status, 503, "{}", c.body);
    assert!(c
        .body
        .contains("<form method=\"post\" action=\"/api/seekpass/add\">"));
    assert!(c
        .body
        .contains("name=\"credentialRef\" value=\"grad-2024-0042\""));
    assert!(!c.body.contains("secret") && !c.body.contains("seekpass.co"));
    // Malformed fields: 400, nothing echoed.
    let d = send(
        &s,
        signed_in("same-origin"),
        "credentialType=education&credentialRef=%3Cscript%3E",
    )
    .await;
    assert_eq!(d.status, 400);
    assert!(!d.body.contains("script"));
    let e = send(
        &s,
        signed_in("same-origin"),
        "credentialType=education&credentialRef=a&extra=1",
    )
    .await;
    assert_eq!(e.status, 400);
}

#[tokio::test]
async fn the_back_link_never_leaves_the_site() {
    // threats.md item 75: a same-origin Referer whose path reads as another host.
    let s = server().await;
    for path in [
        "//evil.example/phish",
        "/.//evil.example/x",
        "/\\evil.example/x",
    ] {
        let referer = format!("{}{path}", s.base);
        let a = post(
            &s,
            &[("Sec-Fetch-Site", "same-origin"), ("Referer", &referer)],
            EDUCATION,
        )
        .await;
        assert_eq!(a.status, 401);
        let href = first_href(&a.body);
        let resolved = reqwest::Url::parse(&s.base).unwrap().join(href).unwrap();
        assert_eq!(
            resolved.origin(),
            reqwest::Url::parse(&s.base).unwrap().origin(),
            "{path} gave {href}"
        );
    }
}
