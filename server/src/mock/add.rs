//! `POST /api/partner/v1/add/<type>.json`: validates with the same models the proxy uses and
//! answers `201 {"redirect_uri": ...}`, escaping `&` as `\u0026` as SEEK Pass's encoder does.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use seekpass_button::core::payload::{
    AddRequest, BatchRequest, CredentialData, DigitalIdentity, Education, EnglishProficiency,
    Microcredential, ValidationErrors,
};
use seekpass_button::{CredentialType, DocumentType, Scope, WireEnum, TYPES};
use serde::de::DeserializeOwned;
use serde_json::json;

use super::{lock, mock_error, MockState, Submission, ID_WINDOW_SECS};

/// Handles every add endpoint; the type comes from the path.
pub async fn add(
    State(mock): State<Arc<MockState>>,
    Path(file): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = format!("/api/partner/v1/add/{file}");
    if let Some(resp) = mock.fault(&path, &headers).await {
        return resp;
    }
    mock.add_requests.fetch_add(1, Ordering::Relaxed);
    let Some(ty) = TYPES
        .iter()
        .find(|t| t.add_path == path)
        .map(|t| t.credential_type)
    else {
        return mock_error(StatusCode::NOT_FOUND, "not_found");
    };
    let Some(granted) = mock.bearer_scopes(&headers) else {
        return mock_error(StatusCode::UNAUTHORIZED, "invalid_token");
    };
    let checked = match ty {
        CredentialType::Education => single::<Education>(&body),
        CredentialType::EnglishProficiency => single::<EnglishProficiency>(&body),
        CredentialType::Microcredential => single::<Microcredential>(&body),
        CredentialType::DigitalIdentity => single::<DigitalIdentity>(&body),
        CredentialType::Batch | CredentialType::BatchMicrocredential => batch(ty, &body),
    };
    let (id, document_type, needed) = match checked {
        Ok(ok) => ok,
        Err(Invalid::Malformed) => return mock_error(StatusCode::BAD_REQUEST, "malformed_json"),
        Err(Invalid::Fields(errors)) => {
            let fields: Vec<_> = errors
                .0
                .iter()
                .map(|e| json!({ "path": e.path, "rule": e.rule.as_str() }))
                .collect();
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                axum::Json(json!({ "error": "invalid_payload", "fields": fields })),
            )
                .into_response();
        }
    };
    if !needed.iter().all(|s| granted.contains(s)) {
        return mock_error(StatusCode::FORBIDDEN, "insufficient_scope");
    }
    let now = mock.clock.now();
    let content = {
        let mut subs = lock(&mock.submissions);
        let fresh = subs
            .get(&id)
            .filter(|s| now - s.created_at < ID_WINDOW_SECS)
            .map(|s| s.content.clone());
        fresh.unwrap_or_else(|| {
            // Unknown, or older than 48 h (its data is gone): a new request and a new link.
            let content = seekpass_button::core::contract::uuid_v4(rand::random());
            let sub = Submission {
                content: content.clone(),
                credential_type: ty,
                document_type,
                created_at: now,
                finalized: None,
            };
            subs.insert(id.clone(), sub);
            content
        })
    };
    let redirect = redirect_uri(
        &mock.app_origin,
        &mock.client_id,
        ty,
        document_type,
        &content,
    );
    // SEEK Pass's JSON encoder escapes `&` as `\u0026`; the mock does the same.
    let text = json!({ "redirect_uri": redirect })
        .to_string()
        .replace('&', "\\u0026");
    (
        StatusCode::CREATED,
        [("content-type", "application/json")],
        text,
    )
        .into_response()
}

/// The app URL for a submission.
pub fn redirect_uri(
    origin: &str,
    client_id: &str,
    ty: CredentialType,
    doc: Option<DocumentType>,
    content: &str,
) -> String {
    let doc = doc
        .map(|d| format!("&documentType={}", d.as_str()))
        .unwrap_or_default();
    format!(
        "{origin}{}#clientId={client_id}{doc}&content={content}",
        ty.spec().redirect_path
    )
}

enum Invalid {
    Malformed,
    Fields(ValidationErrors),
}

type Checked = Result<(String, Option<DocumentType>, Vec<Scope>), Invalid>;

fn single<C: CredentialData + DeserializeOwned>(body: &[u8]) -> Checked {
    let req: AddRequest<C> = serde_json::from_slice(body).map_err(|_| Invalid::Malformed)?;
    req.validate().map_err(Invalid::Fields)?;
    let doc = req.document_type.and_then(|d| d.known());
    Ok((req.id, doc, C::TYPE.spec().scopes.to_vec()))
}

fn batch(ty: CredentialType, body: &[u8]) -> Checked {
    let req: BatchRequest = serde_json::from_slice(body).map_err(|_| Invalid::Malformed)?;
    req.validate(ty).map_err(Invalid::Fields)?;
    let mut needed = Vec::new();
    let mut need = |present: bool, t: CredentialType| {
        if present {
            needed.extend_from_slice(t.spec().scopes);
        }
    };
    need(
        req.digital_identity.is_some(),
        CredentialType::DigitalIdentity,
    );
    need(!req.education_items.is_empty(), CredentialType::Education);
    need(
        !req.english_proficiency_items.is_empty(),
        CredentialType::EnglishProficiency,
    );
    need(
        !req.microcredential_items.is_empty(),
        CredentialType::Microcredential,
    );
    Ok((req.credential_id, None, needed))
}
