//! The redirect gate against every vector of `threats.md` §2 A and §3, each with its reason.
#![allow(clippy::unwrap_used)]
#![cfg(not(target_arch = "wasm32"))]

use seekpass_button::{
    accept_redirect, accept_redirect_for_client, Environment, RedirectError as R,
};

const CID: &str = "730845ab-0a0d-4f4d-9c98-d871755d3ce9";
const CONTENT: &str = "d8a8eb57-c64f-4fc1-b362-b8df28fbf0a3";

fn prod_edu() -> String {
    format!("https://app.seekpass.co/partner/add/education#clientId={CID}&documentType=open_cert&content={CONTENT}")
}

fn reject(raw: &str, env: &Environment) -> R {
    match accept_redirect(raw, env) {
        Ok(_) => panic!("accepted: {raw}"),
        Err(e) => e,
    }
}

#[test]
fn documented_redirects_are_accepted_unchanged() {
    let staging = format!(
        "https://app.seekpass-staging.com/partner/add/education#clientId={CID}&documentType=open_cert&content={CONTENT}"
    );
    let ok = accept_redirect(&staging, &Environment::Staging).unwrap();
    assert_eq!(ok.as_str(), staging);
    let batch = "https://app.seekpass-staging.com/partner/add/batch#clientId=730845ab-0a0d-4f4d-9c98-d871755d3ce9&content=b4ce8d4e-f293-4492-9d7a-4210bdbe099e";
    assert_eq!(
        accept_redirect(batch, &Environment::Staging)
            .unwrap()
            .as_str(),
        batch
    );
    assert_eq!(
        accept_redirect(&prod_edu(), &Environment::Production)
            .unwrap()
            .as_str(),
        prod_edu()
    );
}

#[test]
fn literal_u0026_is_repaired_and_nothing_else_is() {
    let curl = prod_edu().replace('&', "\\u0026");
    assert_eq!(
        accept_redirect(&curl, &Environment::Production)
            .unwrap()
            .as_str(),
        prod_edu()
    );
    // Twice-escaped: one repair leaves `\&`, which the charset rule refuses.
    let twice = prod_edu().replace('&', "\\\\u0026");
    assert_eq!(reject(&twice, &Environment::Production), R::Charset);
    for other in ["\\U0026", "\\x26", "%5Cu0026", "&amp;", "%26"] {
        let raw = prod_edu().replace('&', other);
        let reason = reject(&raw, &Environment::Production);
        assert!(
            matches!(
                reason,
                R::Charset | R::Fragment | R::RedirectShapeUnexpected
            ),
            "{other}: {reason:?}"
        );
    }
    // \u0026amp; repairs to &amp; — a key named `amp;documentType`.
    let amp = prod_edu().replace('&', "\\u0026amp;");
    assert_eq!(
        reject(&amp, &Environment::Production),
        R::RedirectShapeUnexpected
    );
}

#[test]
fn unicode_escape_for_at_sign_is_not_decoded() {
    let raw = format!("https://app.seekpass.co\\u0040evil.com/partner/add/education#clientId={CID}&documentType=pdf&content=x");
    assert_eq!(reject(&raw, &Environment::Production), R::Charset);
}

#[test]
fn parser_vectors_of_section_3() {
    let p = Environment::Production;
    let tail = format!("/partner/add/education#clientId={CID}&documentType=pdf&content={CONTENT}");
    let cases: Vec<(String, R)> = vec![
        (
            format!("https://app.seekpass.co@evil.com{tail}"),
            R::Userinfo,
        ),
        (
            format!("https://app.seekpass.co:443@evil.com{tail}"),
            R::Userinfo,
        ),
        (
            format!("https://user:pass@app.seekpass.co{tail}"),
            R::Userinfo,
        ),
        (format!("https://evil.com#@app.seekpass.co{tail}"), R::Host),
        (
            format!("https://evil.com\\@app.seekpass.co{tail}"),
            R::Charset,
        ),
        (format!("https:/\\evil.com{tail}"), R::Charset),
        (format!("https:evil.com{tail}"), R::Host),
        (format!("https:/evil.com{tail}"), R::Host),
        (format!("//evil.com{tail}"), R::Scheme),
        (format!("https://app.seekpass.co.evil.com{tail}"), R::Host),
        (format!("https://app.seekpass.co%2eevil.com{tail}"), R::Host),
        (
            format!("https://app.seekpass.co。evil.com{tail}"),
            R::Charset,
        ),
        (
            format!("https://app.seekpass.co\\u0026.evil.com{tail}"),
            R::Host,
        ),
        (format!("https://app.seekpass.co.{tail}"), R::Host),
        (format!("https://app.ｓeekpass.co{tail}"), R::Charset),
        (format!("https://app.seek\tpass.co{tail}"), R::Charset),
        (format!("https://аpp.seekpass.co{tail}"), R::Charset),
        (format!("https://xn--pp-6kc.seekpass.co{tail}"), R::Host),
        (format!("https://APP.SEEKPASS.CO{tail}"), R::NonCanonical),
        (
            format!("https://app.seekpass.co:443{tail}"),
            R::NonCanonical,
        ),
        (format!("https://app.seekpass.co:{tail}"), R::NonCanonical),
        (format!("HTTPS://app.seekpass.co{tail}"), R::NonCanonical),
        (format!("https://app.seekpass.co:8443{tail}"), R::Port),
        (format!("http://app.seekpass.co{tail}"), R::Scheme),
        ("https://evil.com/".to_owned(), R::Host),
        ("https://127.0.0.1/".to_owned(), R::Host),
        ("https://0x7f.1/".to_owned(), R::Host),
        ("https://[::1]/".to_owned(), R::Host),
        (
            format!("https://app.seekpass.co%00.evil.com{tail}"),
            R::Host,
        ),
        (" https://app.seekpass.co/".to_owned(), R::Charset),
        ("\0https://app.seekpass.co/".to_owned(), R::Charset),
    ];
    for (raw, want) in cases {
        assert_eq!(reject(&raw, &p), want, "{raw:?}");
    }
}

#[test]
fn dangerous_schemes() {
    let p = Environment::Production;
    for raw in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "blob:https://app.seekpass.co/1",
        "file:///etc/passwd",
        "vbscript:msgbox",
    ] {
        assert!(matches!(reject(raw, &p), R::Scheme | R::Charset), "{raw}");
    }
    assert_eq!(reject("java\tscript:alert(1)", &p), R::Charset);
}

#[test]
fn wrong_paths() {
    let p = Environment::Production;
    let frag = format!("#clientId={CID}&documentType=pdf&content=x");
    for (path, want) in [
        ("/partner/add/../../evil", R::NonCanonical),
        ("/partner/add/%2e%2e/evil", R::NonCanonical),
        ("/partner/add/./education", R::NonCanonical),
        ("/partner/add/education/", R::Path),
        ("//partner/add/education", R::Path),
        ("/partner/add/education;x", R::Path),
        ("/partner/add/educatio%6E", R::Path),
        ("/partner/add/unknownType", R::Path),
        ("/u0040evil.com/partner/add/education", R::Path),
        ("", R::Path),
        ("/", R::Path),
    ] {
        let raw = format!("https://app.seekpass.co{path}{frag}");
        assert_eq!(reject(&raw, &p), want, "{path}");
    }
}

#[test]
fn fragment_and_query_shapes() {
    let p = Environment::Production;
    let base = "https://app.seekpass.co/partner/add/education";
    let batch = "https://app.seekpass.co/partner/add/batch";
    for (raw, want) in [
        (
            format!("{base}?clientId=a&documentType=pdf&content=b"),
            R::Query,
        ),
        (
            format!("{base}?x=1#clientId=a&documentType=pdf&content=b"),
            R::Query,
        ),
        (
            format!("{base}#clientId=a&documentType=pdf&content=b&extra=1"),
            R::RedirectShapeUnexpected,
        ),
        (
            format!("{base}#clientId=a&clientId=b&documentType=pdf&content=c"),
            R::Fragment,
        ),
        (format!("{base}#clientId=a&documentType=pdf"), R::Fragment),
        (format!("{base}#content=a&documentType=pdf"), R::Fragment),
        (format!("{base}#clientId=a&content=b"), R::Fragment),
        (
            format!("{base}#clientId=&documentType=pdf&content=b"),
            R::Fragment,
        ),
        (
            format!("{base}#clientId=a#b&documentType=pdf&content=c"),
            R::Fragment,
        ),
        (format!("{base}#"), R::Fragment),
        (base.to_owned(), R::Fragment),
        (
            format!("{base}#clientId=a&&documentType=pdf&content=b"),
            R::Fragment,
        ),
        (
            format!("{base}#clientId=a&documentType&content=b"),
            R::Fragment,
        ),
        (
            format!("{base}#clientId=a%20b&documentType=pdf&content=c"),
            R::Fragment,
        ),
        (
            format!("{base}#clientId=a.b&documentType=pdf&content=c"),
            R::Fragment,
        ),
        (
            format!("{base}#clientId=a=b&documentType=pdf&content=c"),
            R::Fragment,
        ),
        (
            format!(
                "{base}#clientId={}&documentType=pdf&content=c",
                "a".repeat(65)
            ),
            R::Fragment,
        ),
        (
            format!("{base}#clientId=a&documentType=png&content=c"),
            R::RedirectShapeUnexpected,
        ),
        (
            format!("{base}#clientId=a&documentType=english_assessment&content=c"),
            R::RedirectShapeUnexpected,
        ),
        (
            format!("{base}#clientId=a&documentType=PDF&content=c"),
            R::RedirectShapeUnexpected,
        ),
        (
            format!("{base}#clientId=a&documentType=pdf&documentType=pdf&content=c"),
            R::Fragment,
        ),
        (
            format!("{batch}#clientId=a&documentType=none&content=c"),
            R::RedirectShapeUnexpected,
        ),
        (format!("{batch}#clientId=a"), R::Fragment),
        (
            format!("{base}#ClientId=a&documentType=pdf&content=b"),
            R::RedirectShapeUnexpected,
        ),
    ] {
        assert_eq!(reject(&raw, &p), want, "{raw}");
    }
    // Parameter order is not significant, and the string is kept as sent.
    let reordered = format!("{base}#content=c&documentType=none&clientId=a");
    assert_eq!(accept_redirect(&reordered, &p).unwrap().as_str(), reordered);
}

#[test]
fn every_type_has_a_working_path_and_document_types() {
    use seekpass_button::{WireEnum, TYPES};
    for spec in TYPES {
        let frag = match spec.document_types.first() {
            Some(doc) => format!("clientId=a&documentType={}&content=b", doc.as_str()),
            None => "clientId=a&content=b".to_owned(),
        };
        let raw = format!("https://app.seekpass.co{}#{frag}", spec.redirect_path);
        let ok = accept_redirect(&raw, &Environment::Production).unwrap();
        assert_eq!(ok.credential_type(), spec.credential_type);
        for doc in spec.document_types {
            let raw = format!(
                "https://app.seekpass.co{}#clientId=a&documentType={}&content=b",
                spec.redirect_path,
                doc.as_str()
            );
            assert!(
                accept_redirect(&raw, &Environment::Production).is_ok(),
                "{raw}"
            );
        }
    }
}

#[test]
fn environment_and_client_mismatch() {
    let staging = prod_edu().replace("app.seekpass.co", "app.seekpass-staging.com");
    assert_eq!(reject(&prod_edu(), &Environment::Staging), R::EnvMismatch);
    assert_eq!(reject(&staging, &Environment::Production), R::EnvMismatch);
    let dev = Environment::parse("http://127.0.0.1:8080").unwrap();
    assert_eq!(reject(&prod_edu(), &dev), R::EnvMismatch);
    let p = Environment::Production;
    assert!(accept_redirect_for_client(&prod_edu(), &p, Some(CID)).is_ok());
    assert_eq!(
        accept_redirect_for_client(&prod_edu(), &p, Some("other")).unwrap_err(),
        R::ClientMismatch
    );
}

#[test]
fn development_loopback_origin() {
    let dev = Environment::parse("http://127.0.0.1:8080").unwrap();
    let ok = "http://127.0.0.1:8080/partner/add/batch#clientId=a&content=b";
    assert_eq!(accept_redirect(ok, &dev).unwrap().as_str(), ok);
    for (raw, want) in [
        (
            "https://127.0.0.1:8080/partner/add/batch#clientId=a&content=b",
            R::Scheme,
        ),
        (
            "http://127.0.0.1:8081/partner/add/batch#clientId=a&content=b",
            R::Port,
        ),
        (
            "http://127.0.0.1:08080/partner/add/batch#clientId=a&content=b",
            R::Port,
        ),
        (
            "http://127.0.0.1/partner/add/batch#clientId=a&content=b",
            R::Port,
        ),
        (
            "http://localhost:8080/partner/add/batch#clientId=a&content=b",
            R::Host,
        ),
        (
            "http://127.0.0.1:80/partner/add/batch#clientId=a&content=b",
            R::NonCanonical,
        ),
    ] {
        assert_eq!(reject(raw, &dev), want, "{raw}");
    }
    // A production button never follows plain http, even to loopback.
    assert_eq!(reject(ok, &Environment::Production), R::Scheme);
}

#[test]
fn development_origin_must_be_loopback() {
    use seekpass_button::ConfigError as C;
    for (s, want) in [
        ("http://evil.example:8080", C::NotLoopback),
        ("http://127.0.0.2:8080", C::NotLoopback),
        ("ftp://127.0.0.1:21", C::NotLoopback),
        ("http://127.0.0.1:0", C::BadPort),
        ("http://127.0.0.1:65536", C::BadPort),
        ("http://127.0.0.1:080", C::BadPort),
        ("http://127.0.0.1:", C::BadPort),
        ("http://user@127.0.0.1:8080", C::NotLoopback),
        ("http://127.0.0.1:8080/path", C::BadPort),
        ("Production", C::UnknownEnvironment),
        ("dev", C::UnknownEnvironment),
    ] {
        assert_eq!(Environment::parse(s), Err(want), "{s}");
    }
    assert_eq!(Environment::parse("").unwrap(), Environment::Production);
    assert_eq!(
        Environment::parse("http://localhost:3000/")
            .unwrap()
            .app_origin(),
        "http://localhost:3000"
    );
    assert_eq!(
        Environment::parse("http://127.0.0.1:80")
            .unwrap()
            .app_origin(),
        "http://127.0.0.1"
    );
    assert_eq!(
        Environment::parse("https://localhost:443")
            .unwrap()
            .app_origin(),
        "https://localhost"
    );
}

#[test]
fn size_limits() {
    let p = Environment::Production;
    assert_eq!(reject("", &p), R::Empty);
    let long = format!("{}&pad={}", prod_edu(), "a".repeat(2048));
    assert_eq!(reject(&long, &p), R::TooLong);
    let huge = "\\u0026".repeat(2_000_000);
    assert_eq!(reject(&huge, &p), R::TooLong);
}

#[test]
fn validated_redirect_does_not_print_the_url() {
    let ok = accept_redirect(&prod_edu(), &Environment::Production).unwrap();
    let shown = format!("{ok:?}");
    assert!(
        !shown.contains(CONTENT) && !shown.contains("seekpass"),
        "{shown}"
    );
    assert_eq!(
        shown,
        "ValidatedRedirect { credential_type: Education, .. }"
    );
}

#[test]
fn error_codes_are_stable_strings() {
    use seekpass_button::WireEnum;
    let all: Vec<&str> = R::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(
        all,
        [
            "empty",
            "too_long",
            "charset",
            "scheme",
            "host",
            "env_mismatch",
            "userinfo",
            "port",
            "path",
            "query",
            "fragment",
            "redirect_shape_unexpected",
            "client_mismatch",
            "type",
            "non_canonical"
        ]
    );
}

#[test]
fn length_cap_is_inclusive() {
    // Exactly MAX_REDIRECT_LEN bytes is still judged on its content, one more is too long.
    let p = Environment::Production;
    let base = "https://app.seekpass.co/partner/add/batch#clientId=a&content=".to_owned();
    let at_cap = format!(
        "{base}{}",
        "b".repeat(seekpass_button::MAX_REDIRECT_LEN - base.len())
    );
    assert_eq!(
        reject(&at_cap, &p),
        R::Fragment,
        "judged on content (id too long), not on length"
    );
    assert_eq!(reject(&format!("{at_cap}b"), &p), R::TooLong);
}

/// A valid production redirect for each credential type (batch family: no `documentType`).
fn valid_for(ty: seekpass_button::CredentialType) -> String {
    let doc = ty
        .document_types()
        .first()
        .map(|d| format!("&documentType={}", seekpass_button::WireEnum::as_str(d)))
        .unwrap_or_default();
    format!(
        "https://app.seekpass.co{}#clientId={CID}{doc}&content={CONTENT}",
        ty.redirect_path()
    )
}

#[test]
fn the_gate_bound_to_a_button_type_accepts_only_that_types_path() {
    use seekpass_button::{
        accept_redirect_bound, accept_redirect_for_type, CredentialType as T, WireEnum,
    };
    let env = Environment::Production;
    for button in T::ALL {
        for redirect in T::ALL {
            let raw = valid_for(*redirect);
            // Unbound, every valid redirect passes (the public behaviour is unchanged).
            assert_eq!(
                accept_redirect(&raw, &env).unwrap().credential_type(),
                *redirect
            );
            let bound = accept_redirect_for_type(&raw, &env, *button);
            let same_family = button == redirect || (button.is_batch() && redirect.is_batch());
            match bound {
                Ok(ok) => {
                    assert!(same_family, "{button} accepted {redirect}");
                    assert_eq!(ok.as_str(), raw);
                }
                Err(e) => {
                    assert!(!same_family, "{button} refused {redirect}");
                    assert_eq!(e, R::Type);
                }
            }
            // The client check still comes first.
            assert_eq!(
                accept_redirect_bound(&raw, &env, Some("other-client"), *button).unwrap_err(),
                R::ClientMismatch
            );
        }
    }
    assert_eq!(R::Type.code(), "type");
}
