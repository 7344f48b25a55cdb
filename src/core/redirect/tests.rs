//! Each layer of the gate on its own, so a broken layer cannot hide behind another.

use super::gate::{check_authority, check_charset, check_path, strip_scheme};
use super::RedirectError as R;
use crate::core::credential::CredentialType;
use crate::core::env::Environment;

#[test]
fn charset_layer() {
    assert_eq!(
        check_charset("https://a/b#c=d&e=f-_.~!$'()*+,;:@?%"),
        Ok(())
    );
    for bad in [
        "\\", "\"", "<", ">", "`", "{", "}", "|", "^", " ", "\t", "\u{7f}", "\u{0}", "é", "。",
    ] {
        assert_eq!(
            check_charset(&format!("https://a/{bad}")),
            Err(R::Charset),
            "{bad:?}"
        );
    }
    assert_eq!(check_charset("!~"), Ok(()));
}

#[test]
fn scheme_layer() {
    let p = Environment::Production;
    let dev = Environment::parse("http://127.0.0.1:9").unwrap();
    assert_eq!(strip_scheme("https://x", &p), Ok("x"));
    assert_eq!(strip_scheme("http://x", &dev), Ok("x"));
    assert_eq!(strip_scheme("https://x", &dev), Err(R::Scheme));
    assert_eq!(strip_scheme("Https://x", &p), Err(R::NonCanonical));
    assert_eq!(strip_scheme("https:x", &p), Err(R::Host));
    assert_eq!(strip_scheme("https:/x", &p), Err(R::Host));
    assert_eq!(strip_scheme("http://x", &p), Err(R::Scheme));
    assert_eq!(strip_scheme("https", &p), Err(R::Scheme));
    assert_eq!(strip_scheme("", &p), Err(R::Scheme));
    assert_eq!(
        strip_scheme("https://app.seekpass.co/x", &dev),
        Err(R::EnvMismatch)
    );
    assert_eq!(
        strip_scheme("https://app.seekpass-staging.com/x", &dev),
        Err(R::EnvMismatch)
    );
    assert_eq!(
        strip_scheme("https://app.seekpass.cox/x", &dev),
        Err(R::Scheme)
    );
}

#[test]
fn authority_layer() {
    let p = Environment::Production;
    let dev = Environment::parse("http://localhost:3000").unwrap();
    assert_eq!(check_authority("app.seekpass.co", &p), Ok(()));
    // Right host, but user info: refused on its own.
    assert_eq!(check_authority("u@app.seekpass.co", &p), Err(R::Userinfo));
    assert_eq!(check_authority("u:p@app.seekpass.co", &p), Err(R::Userinfo));
    assert_eq!(
        check_authority("app.seekpass.co:443", &p),
        Err(R::NonCanonical)
    );
    assert_eq!(
        check_authority("app.seekpass.co:", &p),
        Err(R::NonCanonical)
    );
    assert_eq!(check_authority("app.seekpass.co:1", &p), Err(R::Port));
    assert_eq!(check_authority("App.seekpass.co", &p), Err(R::NonCanonical));
    assert_eq!(
        check_authority("app.seekpass-staging.com", &p),
        Err(R::EnvMismatch)
    );
    assert_eq!(check_authority("seekpass.co", &p), Err(R::Host));
    assert_eq!(check_authority("", &p), Err(R::Host));
    assert_eq!(check_authority("localhost:3000", &dev), Ok(()));
    assert_eq!(check_authority("localhost", &dev), Err(R::Port));
    assert_eq!(check_authority("localhost:80", &dev), Err(R::NonCanonical));
    assert_eq!(check_authority("localhost:443", &dev), Err(R::Port));
    assert_eq!(check_authority("localhost:30000", &dev), Err(R::Port));
}

#[test]
fn path_layer() {
    assert_eq!(
        check_path("/partner/add/education"),
        Ok(CredentialType::Education)
    );
    assert_eq!(
        check_path("/partner/add/batch/microcredential"),
        Ok(CredentialType::BatchMicrocredential)
    );
    assert_eq!(
        check_path("/partner/add/englishProficiency"),
        Ok(CredentialType::EnglishProficiency)
    );
    assert_eq!(check_path("/partner/add/english_proficiency"), Err(R::Path));
    assert_eq!(check_path("/partner/add/%2E%2E"), Err(R::NonCanonical));
    assert_eq!(check_path("/partner/add/.."), Err(R::NonCanonical));
    assert_eq!(check_path("/partner/./add/education"), Err(R::NonCanonical));
    assert_eq!(check_path("/partner/add/..education"), Err(R::Path));
    assert_eq!(check_path("/partner/add/"), Err(R::Path));
}

#[test]
fn fragment_layer() {
    use super::fragment::parse_fragment;
    use crate::core::credential::DocumentType;
    let f = parse_fragment(
        "clientId=a&documentType=pdf&content=b",
        CredentialType::Education,
    )
    .unwrap();
    assert_eq!(
        (f.client_id, f.content, f.document_type),
        ("a", "b", Some(DocumentType::Pdf))
    );
    let f = parse_fragment("content=b&clientId=a", CredentialType::Batch).unwrap();
    assert_eq!(f.document_type, None);
    assert_eq!(
        parse_fragment(
            &format!("clientId={}&content=b", "x".repeat(64)),
            CredentialType::Batch
        )
        .map(|_| ()),
        Ok(())
    );
    assert_eq!(
        parse_fragment("clientId=a&content=b&content=b", CredentialType::Batch).map(|_| ()),
        Err(R::Fragment)
    );
    assert_eq!(
        parse_fragment("clientId=a&clientId=a&content=b", CredentialType::Batch).map(|_| ()),
        Err(R::Fragment)
    );
    assert_eq!(
        parse_fragment("clientId=a&content=b_", CredentialType::Batch).map(|_| ()),
        Err(R::Fragment)
    );
    assert_eq!(
        parse_fragment("clientId=a&content=", CredentialType::Batch).map(|_| ()),
        Err(R::Fragment)
    );
    assert_eq!(
        parse_fragment("", CredentialType::Batch).map(|_| ()),
        Err(R::Fragment)
    );
    // A second `#` is a fragment error even where a later rule would have another name for it.
    let second_hash = parse_fragment(
        "clientId=a&documentType=pdf#x&content=b",
        CredentialType::Education,
    );
    assert_eq!(second_hash.map(|_| ()), Err(R::Fragment));
}

#[test]
fn credential_table_has_one_row_per_type_in_order() {
    use crate::core::credential::{ApiVersion, TYPES};
    use crate::core::wire::WireEnum;
    assert_eq!(TYPES.len(), CredentialType::ALL.len());
    for ty in CredentialType::ALL {
        assert_eq!(ty.spec().credential_type, *ty);
        assert_eq!(
            CredentialType::from_redirect_path(ty.spec().redirect_path),
            Some(*ty)
        );
        // Single credentials use the documented v1 endpoints; batches exist only in v2.
        let prefix = match ty.api_version() {
            ApiVersion::V1 => "/api/partner/v1/add/",
            ApiVersion::V2 => "/api/partner/v2/add/requests/",
        };
        assert!(ty.spec().add_path.starts_with(prefix) && ty.spec().add_path.ends_with(".json"));
        assert_eq!(ty.api_version() == ApiVersion::V2, ty.is_batch());
        assert!(!ty.spec().scopes.is_empty());
        assert_eq!(CredentialType::parse(ty.as_str()), Some(*ty));
    }
    assert!(CredentialType::Batch.is_batch() && CredentialType::BatchMicrocredential.is_batch());
    assert!(!CredentialType::Education.is_batch());
}

#[test]
fn batch_family_accepts_either_batch_redirect_and_single_types_only_their_own() {
    use crate::core::wire::WireEnum;
    for button in CredentialType::ALL {
        for redirect in CredentialType::ALL {
            let expected = button == redirect || (button.is_batch() && redirect.is_batch());
            assert_eq!(
                button.accepts_redirect_of(*redirect),
                expected,
                "{button} / {redirect}"
            );
        }
    }
}
