//! The button's state machine, config parsing, messages and contract, natively.
#![allow(clippy::unwrap_used)]
#![cfg(not(target_arch = "wasm32"))]

use seekpass_button::core::config::{
    parse_config, ConfigProblem, CredentialRef, RawConfig, Target, Variant,
};
use seekpass_button::core::contract::{credential_key, proxy_request, uuid_v4};
use seekpass_button::core::machine::{Effect, Input, Machine, Notice, Phase};
use seekpass_button::core::messages::{Locale, Message};
use seekpass_button::{
    accept_redirect, CredentialType, Environment, ErrorCode as E, Failure, RetryPolicy, WireEnum,
};

fn redirect() -> seekpass_button::ValidatedRedirect {
    accept_redirect(
        "https://app.seekpass.co/partner/add/batch#clientId=a&content=b",
        &Environment::Production,
    )
    .unwrap()
}

fn click(m: &mut Machine, now_ms: u64) -> Vec<Effect> {
    m.handle(
        Input::Click {
            now_ms,
            online: true,
            tab: false,
        },
        0.5,
    )
}

fn failed(m: &mut Machine, code: E, now_ms: u64) -> Vec<Effect> {
    m.handle(
        Input::Failed {
            failure: Failure::new(code),
            now_ms,
        },
        1.0,
    )
}

#[test]
fn one_click_one_request_then_navigation() {
    let mut m = Machine::new(RetryPolicy::default(), false);
    assert_eq!(click(&mut m, 0), [Effect::Fetch { attempt: 1 }]);
    for _ in 0..5 {
        assert_eq!(click(&mut m, 1), [], "repeats while busy do nothing");
    }
    assert_eq!(m.phase(), Phase::Busy);
    let effects = m.handle(Input::Succeeded(redirect()), 0.5);
    assert!(matches!(effects[..], [Effect::Navigate(_)]), "{effects:?}");
    assert_eq!(m.phase(), Phase::Navigating);
    // The event follows the navigation that really happens (threats.md item 65).
    assert_eq!(
        m.handle(Input::Navigated, 0.5),
        [Effect::Emit(Notice::Navigate {
            credential_type: CredentialType::Batch
        })]
    );
    assert_eq!(click(&mut m, 2), []);
    assert_eq!(m.handle(Input::Departed, 0.5), []);
    assert_eq!(m.phase(), Phase::Idle);
}

#[test]
fn retries_then_gives_up_with_one_error_event() {
    let mut m = Machine::new(RetryPolicy::default(), false);
    click(&mut m, 0);
    // The machine keeps the retry's deadline; the host wakes it there.
    assert_eq!(failed(&mut m, E::Network, 10), []);
    assert_eq!(m.next_deadline(), Some(10 + 500));
    assert_eq!(
        m.handle(Input::Timeout { now_ms: 509 }, 0.5),
        [],
        "an early wake-up does nothing"
    );
    assert_eq!(
        m.handle(Input::Timeout { now_ms: 510 }, 0.5),
        [
            Effect::Emit(Notice::Retry { attempt: 2 }),
            Effect::Fetch { attempt: 2 }
        ]
    );
    assert_eq!(m.next_deadline(), None);
    assert_eq!(failed(&mut m, E::ServerUnavailable, 600), []);
    assert_eq!(m.next_deadline(), Some(600 + 1000));
    m.handle(Input::Timeout { now_ms: 1600 }, 0.5);
    let effects = failed(&mut m, E::Timeout, 1700);
    assert_eq!(
        effects,
        [Effect::Emit(Notice::Error {
            code: E::Timeout,
            reason: None,
            retryable: true,
            retry_after_secs: None
        })]
    );
    assert_eq!((m.phase(), m.error()), (Phase::Failed, Some(E::Timeout)));
    assert_eq!(
        click(&mut m, 2000),
        [Effect::Fetch { attempt: 1 }],
        "try again starts over"
    );
}

#[test]
fn non_retryable_failures_end_at_once() {
    for code in [
        E::Rejected,
        E::Forbidden,
        E::NotAuthenticated,
        E::InvalidResponse,
        E::RedirectRejected,
    ] {
        let mut m = Machine::new(RetryPolicy::default(), false);
        click(&mut m, 0);
        let effects = failed(&mut m, code, 1);
        assert!(
            matches!(effects[..], [Effect::Emit(Notice::Error { code: c, .. })] if c == code),
            "{code}"
        );
    }
}

#[test]
fn rate_limits_wait_or_cool_down() {
    let mut m = Machine::new(RetryPolicy::default(), false);
    click(&mut m, 0);
    let f = Failure {
        retry_after_secs: Some(2),
        ..Failure::new(E::RateLimited)
    };
    assert_eq!(
        m.handle(
            Input::Failed {
                failure: f,
                now_ms: 5
            },
            0.5
        ),
        []
    );
    assert_eq!(m.next_deadline(), Some(5 + 2000));
    m.handle(Input::Timeout { now_ms: 2005 }, 0.5);
    let f = Failure {
        retry_after_secs: Some(120),
        ..Failure::new(E::RateLimited)
    };
    let effects = m.handle(
        Input::Failed {
            failure: f,
            now_ms: 2100,
        },
        0.5,
    );
    assert_eq!(m.next_deadline(), Some(2100 + 120_000));
    assert_eq!(
        effects[0],
        Effect::Emit(Notice::Error {
            code: E::RateLimited,
            reason: None,
            retryable: true,
            retry_after_secs: Some(120)
        })
    );
    assert_eq!(click(&mut m, 3000), [], "cooling down");
    m.handle(Input::Timeout { now_ms: 122_100 }, 0.5);
    assert_eq!(m.next_deadline(), None);
    assert_eq!(click(&mut m, 122_200), [Effect::Fetch { attempt: 1 }]);
    // Absent or huge Retry-After values are clamped to 1..=300 s.
    for (given, want) in [(None, 1), (Some(0), 1), (Some(99_999), 300)] {
        let mut m = Machine::new(
            RetryPolicy {
                max_attempts: 1,
                ..RetryPolicy::default()
            },
            false,
        );
        click(&mut m, 0);
        let f = Failure {
            retry_after_secs: given,
            ..Failure::new(E::RateLimited)
        };
        m.handle(
            Input::Failed {
                failure: f,
                now_ms: 1,
            },
            0.5,
        );
        assert_eq!(m.next_deadline(), Some(1 + want * 1000));
    }
}

#[test]
fn navigate_reports_the_buttons_type_not_the_paths() {
    let mut m =
        Machine::new(RetryPolicy::default(), false).for_type(CredentialType::BatchMicrocredential);
    click(&mut m, 0);
    m.handle(Input::Succeeded(redirect()), 0.5);
    let effects = m.handle(Input::Navigated, 0.5);
    assert_eq!(redirect().credential_type(), CredentialType::Batch);
    assert!(matches!(
        effects[0],
        Effect::Emit(Notice::Navigate {
            credential_type: CredentialType::BatchMicrocredential
        })
    ));
}

#[test]
fn offline_fails_without_a_request() {
    let mut m = Machine::new(RetryPolicy::default(), false);
    let effects = m.handle(
        Input::Click {
            now_ms: 0,
            online: false,
            tab: false,
        },
        0.5,
    );
    assert_eq!(
        effects,
        [Effect::Emit(Notice::Error {
            code: E::Offline,
            reason: None,
            retryable: true,
            retry_after_secs: None
        })]
    );
}

#[test]
fn lifecycle_resets_and_removal() {
    let mut m = Machine::new(RetryPolicy::default(), false);
    click(&mut m, 0);
    assert_eq!(m.handle(Input::PageRestored, 0.5), [Effect::CancelFetch]);
    assert_eq!(m.phase(), Phase::Idle);
    assert_eq!(m.handle(Input::PageRestored, 0.5), [], "idle stays idle");
    click(&mut m, 0);
    assert_eq!(m.handle(Input::Removed, 0.5), [Effect::CancelFetch]);
    assert_eq!(
        m.handle(Input::Succeeded(redirect()), 0.5),
        [],
        "a late answer after removal does nothing"
    );
    assert_eq!(click(&mut m, 1), []);
    let mut m = Machine::new(RetryPolicy::default(), true);
    assert_eq!((m.phase(), click(&mut m, 0)), (Phase::Disabled, vec![]));
    m.handle(Input::SetDisabled(false), 0.5);
    assert_eq!(click(&mut m, 0), [Effect::Fetch { attempt: 1 }]);
    assert_eq!(
        m.handle(Input::SetDisabled(true), 0.5),
        [Effect::CancelFetch]
    );
}

#[test]
fn shared_results_and_blocked_popups() {
    let mut m = Machine::new(RetryPolicy::default(), false);
    click(&mut m, 0);
    let effects = m.handle(Input::SharedResult(Ok(CredentialType::Education)), 0.5);
    assert_eq!(
        effects,
        [Effect::Emit(Notice::Navigate {
            credential_type: CredentialType::Education
        })]
    );
    assert_eq!(m.phase(), Phase::Navigating);
    let mut m = Machine::new(RetryPolicy::default(), false);
    click(&mut m, 0);
    let effects = m.handle(Input::SharedResult(Err(Failure::new(E::Network))), 0.5);
    assert!(
        matches!(
            effects[..],
            [Effect::Emit(Notice::Error {
                code: E::Network,
                ..
            })]
        ),
        "shared failures are final"
    );
    let mut m = Machine::new(RetryPolicy::default(), false);
    click(&mut m, 0);
    m.handle(Input::Succeeded(redirect()), 0.5);
    let effects = m.handle(Input::NavigationFailed(Failure::new(E::PopupBlocked)), 0.5);
    assert!(matches!(
        effects[..],
        [Effect::Emit(Notice::Error {
            code: E::PopupBlocked,
            retryable: false,
            ..
        })]
    ));
    // No `navigate` event was sent for the blocked tab; the fallback's own click opens it.
    assert_eq!(m.phase(), Phase::Failed);
    assert_eq!(
        m.handle(Input::Navigated, 0.5),
        [Effect::Emit(Notice::Navigate {
            credential_type: CredentialType::Batch
        })]
    );
    assert_eq!(m.handle(Input::Departed, 0.5), []);
    assert_eq!(m.phase(), Phase::Idle);
    assert_eq!(
        m.handle(Input::Navigated, 0.5),
        [],
        "nothing pending any more"
    );
    let mut m = Machine::new(RetryPolicy::default(), false);
    click(&mut m, 0);
    m.handle(
        Input::Failed {
            failure: Failure::new(E::Network),
            now_ms: 1,
        },
        0.5,
    );
    assert_eq!(
        m.handle(Input::Navigated, 0.5),
        [],
        "only a blocked tab has a fallback"
    );
}

fn raw(attrs: &[(&str, &str)]) -> RawConfig {
    RawConfig {
        attributes: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..RawConfig::default()
    }
}

#[test]
fn config_table() {
    let base = [
        ("endpoint", "/api/seekpass/add"),
        ("credential-type", "education"),
        ("credential-ref", "grad-2024-0042"),
    ];
    let ok = parse_config(&raw(&base)).unwrap();
    assert_eq!(
        ok.environment,
        Environment::Production,
        "production is the default"
    );
    assert_eq!(
        (ok.variant, ok.target, ok.locale),
        (Variant::Accent, Target::SelfTab, Locale::En)
    );
    assert_eq!(ok.reference, CredentialRef::One("grad-2024-0042".into()));
    let with = |extra: &[(&str, &str)]| {
        let mut all = base.to_vec();
        all.extend_from_slice(extra);
        parse_config(&raw(&all))
    };
    for (extra, want) in [
        (
            &[("environment", "https://evil.example")][..],
            ConfigProblem::BadEnvironment,
        ),
        (&[("environment", "dev")][..], ConfigProblem::BadEnvironment),
        (&[("variant", "neon")][..], ConfigProblem::BadAppearance),
        (&[("target", "_top")][..], ConfigProblem::BadAppearance),
        (
            &[("data-client-secret", "x")][..],
            ConfigProblem::SecretAttribute,
        ),
        (&[("access_token", "x")][..], ConfigProblem::SecretAttribute),
        (
            &[("data-full-name", "x")][..],
            ConfigProblem::PersonalDataAttribute,
        ),
        (
            &[("date-of-birth", "x")][..],
            ConfigProblem::PersonalDataAttribute,
        ),
    ] {
        assert_eq!(with(extra), Err(want), "{extra:?}");
    }
    for (endpoint, ok) in [
        ("/x", true),
        ("//evil.example/x", false),
        ("javascript:alert(1)", false),
        ("https://evil.example/x", false),
        ("/a b", false),
        ("/a\\b", false),
        ("", false),
    ] {
        let r = parse_config(&raw(&[
            ("endpoint", endpoint),
            ("credential-type", "education"),
            ("credential-ref", "r"),
        ]));
        assert_eq!(r.is_ok(), ok, "{endpoint}");
    }
    assert_eq!(
        parse_config(&raw(&base[1..])),
        Err(ConfigProblem::MissingEndpoint)
    );
    let hook = RawConfig {
        has_redirect_hook: true,
        ..raw(&base[1..])
    };
    assert_eq!(parse_config(&hook).unwrap().endpoint, None);
    assert_eq!(
        parse_config(&raw(&[base[0], base[2]])),
        Err(ConfigProblem::MissingCredentialType)
    );
    assert_eq!(
        parse_config(&raw(&[base[0], ("credential-type", "passport"), base[2]])),
        Err(ConfigProblem::UnknownCredentialType)
    );
    assert_eq!(
        parse_config(&raw(&[base[0], base[1], ("credential-ref", "has space")])),
        Err(ConfigProblem::BadReference)
    );
    let batch = parse_config(&raw(&[
        base[0],
        ("credential-type", "batch"),
        ("credential-refs", "a, b\nc"),
    ]))
    .unwrap();
    assert_eq!(
        batch.reference,
        CredentialRef::Many(vec!["a".into(), "b".into(), "c".into()])
    );
    assert_eq!(
        parse_config(&raw(&[base[0], ("credential-type", "batch")])),
        Err(ConfigProblem::MissingReference)
    );
    let data = parse_config(&raw(&[
        ("data-endpoint", "/x"),
        ("data-credential-type", "microcredential"),
        ("data-credential-ref", "m"),
        ("data-full-width", ""),
    ]))
    .unwrap();
    assert!(data.full_width);
    let lang = RawConfig {
        page_lang: Some("th-TH".into()),
        ..raw(&base)
    };
    assert_eq!(parse_config(&lang).unwrap().locale, Locale::Th);
    assert!(with(&[("disabled", "")]).unwrap().disabled);
    assert!(!with(&[("disabled", "false")]).unwrap().disabled);
}

#[test]
fn messages_and_locales() {
    for (tag, want) in [
        ("en", Locale::En),
        ("id-ID", Locale::Id),
        ("in", Locale::Id),
        ("TH", Locale::Th),
        ("ms_MY", Locale::Ms),
        ("zh-HK", Locale::ZhHk),
        ("zh-Hant-HK", Locale::ZhHk),
        ("zh-CN", Locale::En),
        ("fr", Locale::En),
        ("", Locale::En),
    ] {
        assert_eq!(Locale::negotiate(tag), want, "{tag}");
    }
    for locale in Locale::ALL {
        for code in E::ALL {
            assert!(!locale.text(Message::for_error(*code)).is_empty());
        }
        assert!(
            locale.text(Message::Label).contains("SEEK Pass"),
            "{locale}"
        );
        let view = locale.text(Message::View);
        assert!(view.contains("SEEK Pass") && view != locale.text(Message::Label));
    }
    assert_eq!(Locale::En.text(Message::View), "View in SEEK Pass");
    assert_eq!(Message::for_error(E::NotAuthenticated), Message::SignIn);
}

#[test]
fn contract_v1_request() {
    let config = parse_config(&raw(&[
        ("endpoint", "/api/seekpass/add"),
        ("credential-type", "batch"),
        ("credential-refs", "a b"),
    ]))
    .unwrap();
    let req = proxy_request(&config, "k").unwrap();
    assert_eq!(
        serde_json::to_string(&req.body).unwrap(),
        r#"{"credentialType":"batch","credentialRefs":["a","b"]}"#
    );
    assert_eq!(req.method, "POST");
    let names: Vec<&str> = req.headers.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "Content-Type",
            "Accept",
            "X-SEEKPass-Widget",
            "Idempotency-Key"
        ]
    );
    assert_eq!(credential_key(&config), "/api/seekpass/add|batch|a,b");
    let uuid = uuid_v4([0xff; 16]);
    assert_eq!(uuid, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
}

#[test]
fn an_auto_mount_hold_refuses_the_config() {
    let mut r = raw(&[
        ("endpoint", "/api/seekpass/add"),
        ("credential-type", "education"),
        ("credential-ref", "grad-1"),
    ]);
    assert!(parse_config(&r).is_ok());
    r.endpoint_refused = true;
    assert_eq!(parse_config(&r), Err(ConfigProblem::EndpointNotAllowed));
    assert_eq!(
        ConfigProblem::EndpointNotAllowed.as_str(),
        "endpoint_not_allowed"
    );
}

#[test]
fn status_endpoint_config_url_and_answers() {
    use seekpass_button::core::status::{
        read_status, status_url, StatusAnswer, SubmissionStatus as S,
    };
    use seekpass_button::ProxyResponse;
    let single = parse_config(&raw(&[
        ("endpoint", "/api/seekpass/add"),
        ("credential-type", "education"),
        ("credential-ref", "grad-1"),
        ("status-endpoint", "/api/seekpass/status"),
    ]))
    .unwrap();
    assert_eq!(
        status_url(&single).as_deref(),
        Some("/api/seekpass/status/education/grad-1")
    );
    let batch = parse_config(&raw(&[
        ("endpoint", "/api/seekpass/add"),
        ("credential-type", "batch"),
        ("credential-refs", "a b"),
        ("data-status-endpoint", "/status/"),
    ]))
    .unwrap();
    assert_eq!(status_url(&batch).as_deref(), Some("/status/batch/a,b"));
    // Threats.md item 64: a reference of dots would climb out of the status endpoint.
    for dots in [".", "..", "...."] {
        let refused = parse_config(&raw(&[
            ("endpoint", "/api/seekpass/add"),
            ("credential-type", "education"),
            ("credential-ref", dots),
            ("status-endpoint", "/api/seekpass/status"),
        ]));
        assert!(refused.is_err(), "{dots} is not a reference");
    }
    assert!(seekpass_button::core::config::is_reference("v1.2"));
    let without = parse_config(&raw(&[
        ("endpoint", "/api/seekpass/add"),
        ("credential-type", "education"),
        ("credential-ref", "grad-1"),
    ]))
    .unwrap();
    assert_eq!(status_url(&without), None);
    for bad in [
        "https://evil.example/status",
        "//evil.example",
        "status",
        "",
    ] {
        let problem = parse_config(&raw(&[
            ("endpoint", "/api/seekpass/add"),
            ("credential-type", "education"),
            ("credential-ref", "grad-1"),
            ("status-endpoint", bad),
        ]));
        assert_eq!(problem, Err(ConfigProblem::BadStatusEndpoint), "{bad}");
    }

    let answer = |status: u16, ct: Option<&'static str>, body: &'static str| {
        let decoded = serde_json::from_str::<StatusAnswer>(body).ok();
        read_status(&ProxyResponse {
            status,
            content_type: ct,
            retry_after: None,
            body: decoded.as_ref(),
        })
    };
    let json = Some("application/json");
    for (value, want) in [
        ("verified", S::Verified),
        ("canceled", S::Canceled),
        ("incomplete", S::Incomplete),
        ("not_submitted", S::NotSubmitted),
        ("revoked", S::Unknown),
        ("unshared", S::Unknown),
        ("VERIFIED", S::Unknown),
        ("unknown", S::Unknown),
    ] {
        let body = format!(r#"{{"status":"{value}","finalized_at":null}}"#);
        let body: &'static str = Box::leak(body.into_boxed_str());
        assert_eq!(answer(200, json, body), Some(want), "{value}");
    }
    assert_eq!(answer(200, json, r#"{"status":1}"#), None);
    assert_eq!(answer(200, json, "{}"), None);
    assert_eq!(answer(200, json, "not json"), None);
    assert_eq!(
        answer(200, Some("text/html"), r#"{"status":"verified"}"#),
        None
    );
    assert_eq!(answer(404, json, r#"{"status":"verified"}"#), None);
    assert_eq!(answer(500, json, r#"{"status":"verified"}"#), None);
}
