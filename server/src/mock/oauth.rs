//! `POST /api/partner/v1/oauth/token.json`: the client-credentials grant.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::schema::SCOPES;
use super::{lock, mock_error, MockState};
use subtle::ConstantTimeEq;

/// Checks the grant, the client and the scopes, then issues an expiring bearer token.
pub async fn token(
    State(mock): State<Arc<MockState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(resp) = mock
        .fault("/api/partner/v1/oauth/token.json", &headers)
        .await
    {
        return resp;
    }
    mock.token_requests.fetch_add(1, Ordering::Relaxed);
    let form_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !form_type.starts_with("application/x-www-form-urlencoded") {
        return mock_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    }
    let form = decode_form(&String::from_utf8_lossy(&body));
    if form.get("grant_type").map(String::as_str) != Some("client_credentials") {
        return mock_error(StatusCode::BAD_REQUEST, "unsupported_grant_type");
    }
    let id_ok = form
        .get("client_id")
        .is_some_and(|c| bool::from(c.as_bytes().ct_eq(mock.client_id.as_bytes())));
    let secret_ok = form
        .get("client_secret")
        .is_some_and(|c| bool::from(c.as_bytes().ct_eq(mock.client_secret.as_bytes())));
    if !id_ok || !secret_ok {
        return mock_error(StatusCode::UNAUTHORIZED, "invalid_client");
    }
    let requested = form.get("scope").map(String::as_str).unwrap_or("");
    let scopes: Vec<String> = requested
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let known = scopes.iter().all(|s| SCOPES.contains(&s.as_str()));
    if scopes.is_empty() || !known {
        return mock_error(StatusCode::BAD_REQUEST, "invalid_scope");
    };
    let token = hex::encode(rand::random::<[u8; 24]>());
    let secs = mock.token_secs.load(Ordering::Relaxed);
    let expires_at = mock.clock.now() + secs;
    lock(&mock.tokens).insert(token.clone(), (scopes, expires_at));
    let body = json!({ "access_token": token, "token_type": "Bearer", "expires_in": secs, "scope": requested });
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// Decodes `application/x-www-form-urlencoded` text.
pub fn decode_form(text: &str) -> HashMap<String, String> {
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
