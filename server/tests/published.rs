//! What the mock publishes for partners: `docs/schema/*.schema.json` and
//! `docs/credential-fields.md` are fresh (`UPDATE_GENERATED=1 cargo test -p seekpass-server
//! --test published` rewrites them), and the mock gives every verdict of
//! `tests/fixtures/payload-cases.json`, the table an independent JSON Schema validator is held to
//! in `tests/conformance/json-schema.test.mjs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use seekpass_server::mock::envelope::check;
use seekpass_server::mock::schema::endpoint;
use seekpass_server::mock::{field_reference, json_schema};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Compares `want` with the file at `rel`, or writes it under `UPDATE_GENERATED=1`.
fn fresh(rel: &str, want: &str) {
    let path = root().join(rel);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{rel} is stale: run `UPDATE_GENERATED=1 cargo test -p seekpass-server --test published`"
    );
}

#[test]
fn the_schemas_and_the_field_reference_are_fresh() {
    let schemas = json_schema::all();
    assert_eq!(schemas.len(), 5);
    for (name, schema) in schemas {
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        fresh(&format!("docs/schema/{name}"), &text);
    }
    fresh("docs/credential-fields.md", &field_reference::markdown());
}

/// Applies a case's edits to its fixture's body: `set` (pointer → value), then `remove`.
fn body(case: &Value) -> (String, Value) {
    let fixture = read_json(
        &root()
            .join("tests/fixtures/seekpass-docs")
            .join(case["fixture"].as_str().unwrap()),
    );
    let mut body = fixture["body"].clone();
    for (pointer, value) in case["set"].as_object().into_iter().flatten() {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = body.pointer_mut(parent).expect(pointer);
        match target {
            Value::Array(items) => items[key.parse::<usize>().unwrap()] = value.clone(),
            _ => target[key] = value.clone(),
        }
    }
    for pointer in case["remove"].as_array().into_iter().flatten() {
        let pointer = pointer.as_str().unwrap();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let removed = body
            .pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .and_then(|m| m.remove(key));
        assert!(removed.is_some(), "{pointer} is not in the fixture");
    }
    (fixture["path"].as_str().unwrap().to_owned(), body)
}

#[test]
fn the_mock_gives_every_verdict_of_the_case_table() {
    let table = read_json(&root().join("tests/fixtures/payload-cases.json"));
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 60);
    let mut wrong = Vec::new();
    for case in cases {
        let (path, body) = body(case);
        let endpoint = endpoint(&path).expect(&path);
        let verdict = check(endpoint, &serde_json::to_vec(&body).unwrap());
        if verdict.is_ok() != case["valid"].as_bool().unwrap() {
            wrong.push(format!("{}: {verdict:?}", case["name"]));
        }
    }
    assert!(
        wrong.is_empty(),
        "the mock disagrees:\n{}",
        wrong.join("\n")
    );
}
