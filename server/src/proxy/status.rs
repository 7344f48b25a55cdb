//! `GET /api/seekpass/status/{credential_type}/{references}`: whether the user's submission is
//! in the wallet, looked up under the same id the add derived (threats.md item 61).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use seekpass_button::core::config::MAX_BATCH_REFS;
use seekpass_button::core::status::{SubmissionStatus, REF_SEPARATOR};
use seekpass_button::{CredentialType, WireEnum};
use serde_json::{json, Value};

use super::{admit, cross_site, no_store, owned_records, scopes_for, ProxyError};
use crate::keys::submission_id;
use crate::rate::Endpoint;
use crate::state::ProxyState;
use crate::upstream::UpstreamError;

/// The status of the user's submission of `references` (joined by `,`, as the button sends a
/// batch) as `credential_type`. Answers `{"status", "finalized_at"}`; a status the docs do not
/// list is passed on as `unknown`, never as an error.
pub async fn status(
    State(proxy): State<Arc<ProxyState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((credential_type, references)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ProxyError> {
    let ty = CredentialType::parse(&credential_type).ok_or(ProxyError::BadRequest)?;
    lookup(&proxy, peer, &headers, Some(ty), &references).await
}

/// `GET /api/seekpass/status/{references}`, the path of v0.2 buttons: one reference is looked
/// up as its record's own type, several as a `batch`, which were the only shapes such a button
/// could have added.
pub async fn status_untyped(
    State(proxy): State<Arc<ProxyState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(references): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ProxyError> {
    lookup(&proxy, peer, &headers, None, &references).await
}

async fn lookup(
    proxy: &ProxyState,
    peer: SocketAddr,
    headers: &HeaderMap,
    ty: Option<CredentialType>,
    references: &str,
) -> Result<Response, ProxyError> {
    if cross_site(headers) {
        return Err(ProxyError::Forbidden);
    }
    let user = admit(proxy, Endpoint::Status, peer, headers)?;
    let refs: Vec<String> = references.split(REF_SEPARATOR).map(str::to_owned).collect();
    if refs.len() > MAX_BATCH_REFS {
        return Err(ProxyError::BadRequest);
    }
    let records = owned_records(proxy, &user, &refs)?;
    let ty = match ty {
        Some(ty) if ty.is_batch() => ty,
        // A single type names exactly one record, of that type.
        Some(ty) if records.len() == 1 && records[0].credential_type() == ty => ty,
        Some(_) => return Err(ProxyError::BadRequest),
        None if records.len() == 1 => records[0].credential_type(),
        None => CredentialType::Batch,
    };
    let id = submission_id(&proxy.ids.key, &proxy.ids.prefix, &user, ty, &refs);
    let (status, finalized_at) = match proxy.seekpass.status(&id, &scopes_for(ty, &records)).await {
        Ok(body) => (
            body.get("status")
                .and_then(Value::as_str)
                .map_or(SubmissionStatus::Unknown, SubmissionStatus::from_wire),
            body.get("finalized_at")
                .filter(|v| v.is_string())
                .cloned()
                .unwrap_or(Value::Null),
        ),
        // SEEK Pass knows no submission with this id: the user's record was never sent as this.
        Err(UpstreamError::Rejected) => (SubmissionStatus::NotSubmitted, Value::Null),
        Err(e) => return Err(e.into()),
    };
    Ok(no_store(
        StatusCode::OK,
        json!({ "status": status, "finalized_at": finalized_at }),
    ))
}
