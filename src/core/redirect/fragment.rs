//! The fragment rule: `clientId`, `content` and (except batches) `documentType`, each once.

use super::RedirectError;
use crate::core::credential::{CredentialType, DocumentType};
use crate::core::wire::WireEnum;

/// Longest id value accepted; the documented ids are 36-character UUIDs.
const MAX_ID_LEN: usize = 64;

/// The parameters of a well-formed fragment, borrowed from it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Fragment<'a> {
    pub client_id: &'a str,
    pub content: &'a str,
    pub document_type: Option<DocumentType>,
}

#[derive(Clone, Copy)]
enum Key {
    ClientId,
    DocumentType,
    Content,
}

impl Key {
    fn parse(s: &str) -> Option<Key> {
        match s {
            "clientId" => Some(Key::ClientId),
            "documentType" => Some(Key::DocumentType),
            "content" => Some(Key::Content),
            _ => None,
        }
    }
}

/// Checks a fragment (without `#`) against the shape SEEK Pass uses for `ty`.
pub(crate) fn parse_fragment(
    fragment: &str,
    ty: CredentialType,
) -> Result<Fragment<'_>, RedirectError> {
    if fragment.is_empty() || fragment.contains('#') {
        return Err(RedirectError::Fragment);
    }
    let mut client_id = None;
    let mut content = None;
    let mut document_type = None;
    for pair in fragment.split('&') {
        let (key, value) = pair.split_once('=').ok_or(RedirectError::Fragment)?;
        let key = Key::parse(key).ok_or(RedirectError::RedirectShapeUnexpected)?;
        if value.is_empty() {
            return Err(RedirectError::Fragment);
        }
        let slot_taken = match key {
            Key::ClientId => client_id.replace(id(value)?).is_some(),
            Key::Content => content.replace(id(value)?).is_some(),
            Key::DocumentType => {
                if ty.is_batch() {
                    return Err(RedirectError::RedirectShapeUnexpected);
                }
                let doc = DocumentType::parse(value)
                    .filter(|d| ty.allows(*d))
                    .ok_or(RedirectError::RedirectShapeUnexpected)?;
                document_type.replace(doc).is_some()
            }
        };
        if slot_taken {
            return Err(RedirectError::Fragment);
        }
    }
    let (Some(client_id), Some(content)) = (client_id, content) else {
        return Err(RedirectError::Fragment);
    };
    if !ty.is_batch() && document_type.is_none() {
        return Err(RedirectError::Fragment);
    }
    Ok(Fragment {
        client_id,
        content,
        document_type,
    })
}

/// An id value: 1 to 64 of `[0-9A-Za-z-]`, which a URL parser never re-encodes.
fn id(value: &str) -> Result<&str, RedirectError> {
    let ok = value.len() <= MAX_ID_LEN
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        Ok(value)
    } else {
        Err(RedirectError::Fragment)
    }
}
