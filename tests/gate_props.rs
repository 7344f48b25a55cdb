//! Property tests of the repair and the gate, with the `url` crate's WHATWG parser as oracle.
#![allow(clippy::unwrap_used)]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use seekpass_button::{accept_redirect, repair, Environment, ValidatedRedirect, WireEnum, TYPES};

fn envs() -> Vec<Environment> {
    vec![
        Environment::Production,
        Environment::Staging,
        Environment::parse("http://127.0.0.1:8080").unwrap(),
        Environment::parse("http://localhost:3000").unwrap(),
    ]
}

/// Everything a navigation could be fooled by, checked with an independent parser.
fn assert_sound(ok: &ValidatedRedirect, env: &Environment) {
    let s = ok.as_str();
    let u = url::Url::parse(s).expect("accepted string parses");
    assert_eq!(u.as_str(), s, "canonical");
    assert_eq!(u.scheme(), env.scheme());
    assert_eq!(u.host_str(), Some(env.host()));
    assert_eq!(u.port(), env.port());
    assert_eq!(u.username(), "");
    assert_eq!(u.password(), None);
    assert_eq!(u.query(), None);
    assert!(
        TYPES.iter().any(|t| t.redirect_path == u.path()),
        "path {}",
        u.path()
    );
    assert!(u.fragment().is_some_and(|f| !f.is_empty()));
}

prop_compose! {
    fn id()(s in "[0-9A-Za-z-]{1,64}") -> String { s }
}

prop_compose! {
    /// A well-formed redirect for a random type, document type, ids, order and environment.
    fn valid()(ty in 0..TYPES.len(), doc in 0usize..8, cid in id(), content in id(),
               order in Just(()).prop_perturb(|_, mut rng| rng.random::<u8>() % 6),
               env in 0usize..4) -> (String, Environment) {
        let spec = &TYPES[ty];
        let mut params = vec![format!("clientId={cid}"), format!("content={content}")];
        if !spec.document_types.is_empty() {
            let d = spec.document_types[doc % spec.document_types.len()];
            params.push(format!("documentType={}", d.as_str()));
        }
        match order {
            0 => {}
            1 => params.reverse(),
            2 => params.rotate_left(1),
            3 => params.rotate_right(1),
            4 => params.swap(0, 1),
            _ => { let n = params.len(); params.swap(0, n - 1) }
        }
        let env = envs().swap_remove(env);
        (format!("{}{}#{}", env.app_origin(), spec.redirect_path, params.join("&")), env)
    }
}

const HOSTILE: &[char] = &[
    '@', '\\', '/', ':', '.', '#', '?', '%', '&', '\t', '\0', '。', 'ｓ', 'а', '％', ' ', '=', 'A',
    '\n',
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn repair_is_idempotent_and_adds_no_structure(s in ".{0,64}|[\\\\u0026@/:#a-z]{0,64}") {
        let once = repair(&s).into_owned();
        let twice = repair(&once).into_owned();
        prop_assert_eq!(&twice, &once);
        prop_assert!(!once.contains("\\u0026"));
        for c in ['@', '/', '\\', ':', '#'] {
            prop_assert!(once.matches(c).count() <= s.matches(c).count(), "{} grew", c);
        }
    }

    #[test]
    fn every_valid_redirect_is_accepted_with_either_separator((raw, env) in valid()) {
        let plain = accept_redirect(&raw, &env);
        prop_assert!(plain.is_ok(), "{} {:?}", raw, plain);
        let escaped = accept_redirect(&raw.replace('&', "\\u0026"), &env);
        prop_assert_eq!(plain.as_ref().map(|v| v.as_str()), escaped.as_ref().map(|v| v.as_str()));
        assert_sound(&plain.unwrap(), &env);
    }

    #[test]
    fn one_hostile_edit_is_rejected_or_still_sound((raw, env) in valid(), at in any::<prop::sample::Index>(),
                                                    c in prop::sample::select(HOSTILE), replace in any::<bool>()) {
        let mut chars: Vec<char> = raw.chars().collect();
        let i = at.index(chars.len());
        if replace { chars[i] = c } else { chars.insert(i, c) }
        let mutated: String = chars.into_iter().collect();
        if let Ok(ok) = accept_redirect(&mutated, &env) {
            assert_sound(&ok, &env);
        }
    }

    #[test]
    fn arbitrary_strings_are_rejected_or_sound(s in ".{0,200}", e in 0usize..4) {
        let env = envs().swap_remove(e);
        if let Ok(ok) = accept_redirect(&s, &env) {
            assert_sound(&ok, &env);
        }
    }

    #[test]
    fn prefixed_strings_are_rejected_or_sound(tail in "[ -~]{0,120}", e in 0usize..4) {
        // Arbitrary printable tails after the right origin reach the deeper layers of the gate.
        let env = envs().swap_remove(e);
        let s = format!("{}/partner/add/{tail}", env.app_origin());
        if let Ok(ok) = accept_redirect(&s, &env) {
            assert_sound(&ok, &env);
        }
    }

    #[test]
    fn dangerous_schemes_never_pass(payload in "[ -~]{0,40}", scheme in prop::sample::select(&["javascript:", "data:", "vbscript:", "JaVaScRiPt:", "java\tscript:", " javascript:"][..])) {
        let s = format!("{scheme}{payload}");
        for env in envs() {
            prop_assert!(accept_redirect(&s, &env).is_err());
        }
    }

    #[test]
    fn errors_never_echo_input(s in "[a-z]{12,40}") {
        // Twelve letters in a row occur in no error code, so a match could only be an echo.
        let raw = format!("https://{s}.example/{s}");
        let err = accept_redirect(&raw, &Environment::Production).unwrap_err();
        prop_assert!(!err.to_string().contains(&s[..12]));
    }
}
