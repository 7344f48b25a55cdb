//! Response classification, the body cap, `Retry-After` and the retry policy. In the browser
//! the body is parsed by `JSON.parse` (tests/button.rs drives that path with malformed bodies);
//! natively serde_json stands in for it.
#![allow(clippy::unwrap_used)]
#![cfg(not(target_arch = "wasm32"))]

use seekpass_button::{
    classify_response, interpret_response, parse_retry_after, BodyCap, Environment, ErrorCode as E,
    Failure, ProxyResponse, RedirectAnswer, RedirectError, RetryDecision, RetryPolicy, WireEnum,
    MAX_BODY_LEN,
};

const JSON: Option<&str> = Some("application/json");
const GOOD: &str = "https://app.seekpass.co/partner/add/batch#clientId=a&content=b";

/// The answer as the web layer hands it on: the body decoded when it is JSON of the answer's
/// shape within the cap (leaked: tests only).
fn resp<'a>(status: u16, content_type: Option<&'a str>, body: &str) -> ProxyResponse<'a> {
    let decoded = (body.len() <= MAX_BODY_LEN)
        .then(|| serde_json::from_str::<RedirectAnswer>(body).ok())
        .flatten();
    ProxyResponse {
        status,
        content_type,
        retry_after: None,
        body: decoded.map(|d| &*Box::leak(Box::new(d))),
    }
}

fn code(r: &ProxyResponse<'_>) -> E {
    classify_response(r, 0).unwrap_err().code
}

#[test]
fn success_bodies() {
    let body = format!(r#"{{"redirect_uri":"{GOOD}"}}"#);
    for status in [200, 201, 299] {
        assert_eq!(
            classify_response(&resp(status, JSON, &body), 0).unwrap(),
            GOOD
        );
    }
    for ct in [
        "application/json; charset=utf-8",
        "Application/JSON",
        " application/json ;x=1",
    ] {
        assert_eq!(
            classify_response(&resp(201, Some(ct), &body), 0).unwrap(),
            GOOD
        );
    }
    // Extra fields are ignored; the JSON escape \u0026 is decoded by the parser itself.
    let extra = r#"{"a":[1,2.5e3,{"b":null}],"redirect_uri":"x\u0026y","c":true}"#;
    assert_eq!(
        classify_response(&resp(201, JSON, extra), 0).unwrap(),
        "x&y"
    );
    let doubly = r#"{"redirect_uri":"x\\u0026y"}"#;
    assert_eq!(
        classify_response(&resp(201, JSON, doubly), 0).unwrap(),
        "x\\u0026y"
    );
}

#[test]
fn malformed_success_is_invalid_response() {
    for body in [
        "",
        "null",
        "[]",
        "7",
        "{}",
        r#"{"redirect_uri":null}"#,
        r#"{"redirect_uri":7}"#,
        r#"{"redirect_uri":["x"]}"#,
        r#"{"redirect_uri":"a""#,
        r#"{'redirect_uri':'a'}"#,
    ] {
        assert_eq!(code(&resp(201, JSON, body)), E::InvalidResponse, "{body}");
    }
    let body = format!(r#"{{"redirect_uri":"{GOOD}"}}"#);
    for ct in [
        None,
        Some("text/html"),
        Some("text/plain"),
        Some("application/jsonx"),
        Some("application/json-seq"),
    ] {
        assert_eq!(code(&resp(200, ct, &body)), E::InvalidResponse, "{ct:?}");
    }
    let big = format!(
        r#"{{"redirect_uri":"{GOOD}","pad":"{}"}}"#,
        "a".repeat(17_000)
    );
    assert_eq!(code(&resp(201, JSON, &big)), E::InvalidResponse);
    assert_eq!(code(&resp(204, None, "")), E::InvalidResponse);
}

#[test]
fn statuses_map_to_codes() {
    let body = r#"{"error":{"code":"whatever"}}"#;
    for (status, want) in [
        (0, E::NotAuthenticated),
        (302, E::NotAuthenticated),
        (401, E::NotAuthenticated),
        (403, E::Forbidden),
        (400, E::Rejected),
        (404, E::Rejected),
        (422, E::Rejected),
        (408, E::Timeout),
        (409, E::ServerUnavailable),
        (500, E::ServerUnavailable),
        (502, E::ServerUnavailable),
        (503, E::ServerUnavailable),
        (504, E::ServerUnavailable),
        (100, E::InvalidResponse),
        (600, E::InvalidResponse),
    ] {
        assert_eq!(code(&resp(status, JSON, body)), want, "{status}");
    }
    // A gateway's HTML page is never read.
    assert_eq!(
        code(&resp(502, Some("text/html"), "<h1>Bad gateway</h1>")),
        E::ServerUnavailable
    );
}

#[test]
fn rate_limited_carries_retry_after() {
    let mut r = resp(429, JSON, "{}");
    assert_eq!(
        classify_response(&r, 0).unwrap_err(),
        Failure::new(E::RateLimited)
    );
    r.retry_after = Some("2");
    assert_eq!(
        classify_response(&r, 0).unwrap_err().retry_after_secs,
        Some(2)
    );
    r.retry_after = Some("soon");
    assert_eq!(classify_response(&r, 0).unwrap_err().retry_after_secs, None);
}

#[test]
fn interpret_runs_the_gate() {
    let env = Environment::Production;
    let body = format!(r#"{{"redirect_uri":"{}"}}"#, GOOD.replace('&', "\\\\u0026"));
    assert_eq!(
        interpret_response(&resp(201, JSON, &body), &env, None, 0)
            .unwrap()
            .as_str(),
        GOOD
    );
    let evil = r#"{"redirect_uri":"https://evil.com/partner/add/batch#clientId=a&content=b"}"#;
    let f = interpret_response(&resp(201, JSON, evil), &env, None, 0).unwrap_err();
    assert_eq!(
        (f.code, f.redirect),
        (E::RedirectRejected, Some(RedirectError::Host))
    );
    let f = interpret_response(&resp(201, JSON, &body), &env, Some("zzz"), 0).unwrap_err();
    assert_eq!(f.redirect, Some(RedirectError::ClientMismatch));
}

#[test]
fn retry_after_values() {
    for (v, want) in [
        ("3", Some(3)),
        ("0", Some(0)),
        (" 5 ", Some(5)),
        ("-1", None),
        ("abc", None),
        ("", None),
        ("1.5", None),
        ("+3", None),
        ("99999999999", Some(u32::MAX)),
        ("99999999999999999999999", Some(u32::MAX)),
        ("Sun, 06 Nov 1994 08:49:37 GMT", Some(0)),
        ("Sun, 06 Nov 1994 08:49:37 UTC", None),
        ("Sun, 31 Feb 1994 08:49:37 GMT", None),
        ("Sunday, 06-Nov-94 08:49:37 GMT", None),
        ("Sun, 06 Nov 1994 08:49:37 GMTé", None),
        ("Sun, 06 Nov 199é 08:49:37 GMT", None),
    ] {
        assert_eq!(parse_retry_after(v, 1_000_000_000), want, "{v:?}");
    }
    // 2026-11-28T00:00:10Z is 10 s after 2026-11-28T00:00:00Z = 1795824000.
    assert_eq!(
        parse_retry_after("Sat, 28 Nov 2026 00:00:10 GMT", 1_795_824_000),
        Some(10)
    );
    assert_eq!(
        parse_retry_after("Thu, 29 Feb 2024 00:00:00 GMT", 1_709_164_800),
        Some(0)
    );
    assert_eq!(
        parse_retry_after("Thu, 29 Feb 2024 00:00:30 GMT", 1_709_164_800),
        Some(30)
    );
}

#[test]
fn retry_policy_follows_r_d() {
    let p = RetryPolicy::default();
    let f = |c| Failure::new(c);
    for c in [E::Network, E::Timeout, E::ServerUnavailable] {
        assert!(matches!(
            p.decide(1, &f(c), 0, 1.0),
            RetryDecision::Retry { delay_ms: 500 }
        ));
        assert!(matches!(
            p.decide(2, &f(c), 0, 0.0),
            RetryDecision::Retry { delay_ms: 500 }
        ));
        assert_eq!(p.decide(3, &f(c), 0, 1.0), RetryDecision::GiveUp);
    }
    for c in E::ALL.iter().filter(|c| {
        !matches!(
            c,
            E::Network | E::Timeout | E::ServerUnavailable | E::RateLimited
        )
    }) {
        assert_eq!(p.decide(1, &f(*c), 0, 0.5), RetryDecision::GiveUp, "{c}");
    }
    let limited = |secs| Failure {
        retry_after_secs: secs,
        ..f(E::RateLimited)
    };
    assert_eq!(
        p.decide(1, &limited(Some(2)), 0, 0.5),
        RetryDecision::Retry { delay_ms: 2000 }
    );
    assert_eq!(
        p.decide(1, &limited(Some(10)), 0, 0.5),
        RetryDecision::Retry { delay_ms: 10_000 }
    );
    assert_eq!(
        p.decide(1, &limited(Some(11)), 0, 0.5),
        RetryDecision::GiveUp
    );
    assert_eq!(p.decide(1, &limited(None), 0, 0.5), RetryDecision::GiveUp);
    assert_eq!(
        p.decide(1, &f(E::Network), 29_800, 1.0),
        RetryDecision::GiveUp
    );
    assert_eq!(p.backoff(1, 1.0), 500);
    assert_eq!(p.backoff(2, 1.0), 1000);
    assert_eq!(p.backoff(5, 1.0), 4000);
    assert_eq!(p.backoff(40, 0.0), 2000);
    assert_eq!(p.backoff(1, 7.0), 500);
}

#[test]
fn retry_after_zero_waits_the_backoff_and_counts_as_an_attempt() {
    let p = RetryPolicy::default();
    let zero = Failure {
        retry_after_secs: Some(0),
        ..Failure::new(E::RateLimited)
    };
    // Never at once: the jittered backoff is the floor.
    assert_eq!(
        p.decide(1, &zero, 0, 0.0),
        RetryDecision::Retry { delay_ms: 250 }
    );
    assert_eq!(
        p.decide(1, &zero, 0, 1.0),
        RetryDecision::Retry { delay_ms: 500 }
    );
    assert_eq!(
        p.decide(2, &zero, 500, 1.0),
        RetryDecision::Retry { delay_ms: 1000 }
    );
    assert_eq!(
        p.decide(3, &zero, 1500, 1.0),
        RetryDecision::GiveUp,
        "3 attempts in all"
    );
    // A longer Retry-After wins over the backoff.
    let three = Failure {
        retry_after_secs: Some(3),
        ..Failure::new(E::RateLimited)
    };
    assert_eq!(
        p.decide(1, &three, 0, 1.0),
        RetryDecision::Retry { delay_ms: 3000 }
    );
}

#[test]
fn body_size_cap_is_exactly_16_kib_however_it_arrives() {
    // One chunk or many, the count is the same and stops past 16 KiB.
    for chunks in [
        vec![16 * 1024],
        vec![8 * 1024, 8 * 1024],
        vec![1; 16 * 1024],
        vec![0, 16 * 1024, 0],
    ] {
        let mut cap = BodyCap::default();
        assert!(chunks.iter().all(|n| cap.admit(*n)), "{}", chunks.len());
        assert!(!cap.admit(1), "one byte more");
    }
    let mut cap = BodyCap::default();
    assert!(!cap.admit(usize::MAX), "no overflow");
    assert!(!cap.admit(1), "stays refused");
    assert_eq!(MAX_BODY_LEN, 16 * 1024);
}

#[test]
fn http_dates_field_by_field() {
    const NOW: u64 = 0;
    let ok = "Thu, 01 Jan 1970 01:02:03 GMT";
    assert_eq!(parse_retry_after(ok, NOW), Some(3723));
    assert_eq!(
        parse_retry_after("Thu, 01 Jan 1970 00:00:59 GMT", NOW),
        Some(59)
    );
    assert_eq!(
        parse_retry_after("Thu, 01 Jan 1970 00:01:00 GMT", NOW),
        Some(60)
    );
    assert_eq!(
        parse_retry_after("Thu, 01 Jan 1970 23:00:00 GMT", NOW),
        Some(82_800)
    );
    for (date, secs) in [
        ("Thu, 01 Jan 1970 00:59:00 GMT", 3540),
        ("Thu, 01 Jan 1970 23:59:59 GMT", 86_399),
        ("Sat, 31 Jan 1970 00:00:00 GMT", 30 * 86_400),
    ] {
        assert_eq!(parse_retry_after(date, NOW), Some(secs), "{date}");
    }
    assert_eq!(
        parse_retry_after("Sun, 01 Feb 1970 00:00:00 GMT", NOW),
        Some(31 * 86_400)
    );
    assert_eq!(
        parse_retry_after("Fri, 01 Jan 1971 00:00:00 GMT", NOW),
        Some(365 * 86_400)
    );
    assert_eq!(
        parse_retry_after("Thu, 01 Jan 1970 00:00:60 GMT", NOW),
        Some(60),
        "leap second"
    );
    // One broken field at a time; every other field is valid.
    for bad in [
        "Thu; 01 Jan 1970 01:02:03 GMT",
        "Thu,_01 Jan 1970 01:02:03 GMT",
        "Xyz, 01 Jan 1970 01:02:03 GMT",
        "Thu, 01_Jan 1970 01:02:03 GMT",
        "Thu, 01 Jan_1970 01:02:03 GMT",
        "Thu, 01 Jan 1970_01:02:03 GMT",
        "Thu, 01 Jan 1970 01_02:03 GMT",
        "Thu, 01 Jan 1970 01:02_03 GMT",
        "Thu, 01 Jan 1970 01:02:03 UTC",
        "Thu, 01 Foo 1970 01:02:03 GMT",
        "Thu, 0x Jan 1970 01:02:03 GMT",
        "Thu, 01 Jan 19x0 01:02:03 GMT",
        "Thu, 01 Jan 1970 0x:02:03 GMT",
        "Thu, 01 Jan 1970 01:0x:03 GMT",
        "Thu, 01 Jan 1970 01:02:0x GMT",
        "Thu, 00 Jan 1970 01:02:03 GMT",
        "Thu, 32 Jan 1970 01:02:03 GMT",
        "Thu, 01 Jan 1969 01:02:03 GMT",
        "Thu, 01 Jan 1970 24:00:00 GMT",
        "Thu, 01 Jan 1970 00:60:00 GMT",
        "Thu, 01 Jan 1970 00:00:61 GMT",
        "Thu, 29 Feb 1900 00:00:00 GMT",
        "Thu, 29 Feb 2100 00:00:00 GMT",
        "Thu, 29 Feb 2023 00:00:00 GMT",
        "Thu, 31 Apr 2024 00:00:00 GMT",
    ] {
        assert_eq!(parse_retry_after(bad, NOW), None, "{bad}");
    }
    // Leap years: 2000 yes (÷400), 2024 yes, 1900 and 2100 no (÷100).
    let feb29 = |y: u32| parse_retry_after(&format!("Thu, 29 Feb {y} 00:00:00 GMT"), 0).is_some();
    assert!(feb29(2000) && feb29(2024) && !feb29(1900) && !feb29(2100) && !feb29(2023));
    // Days before a date count leap days exactly.
    assert_eq!(
        parse_retry_after("Thu, 01 Mar 2024 00:00:00 GMT", 1_709_164_800),
        Some(86_400)
    );
    assert_eq!(
        parse_retry_after("Thu, 01 Mar 2001 00:00:00 GMT", 983_404_800 - 86_400),
        Some(86_400)
    );
}
