//! Revoked entry links: a file of link ids, one per line (`SEEKPASS_REVOKED_LINKS`), read again
//! whenever it changes, so `seekpass-server link --revoke <id>` takes effect on a running server
//! without a restart. A configured file that cannot be read refuses every link (fail closed).

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// The revocation list, cached by the file's modification time and length.
pub struct Revocations {
    path: Option<PathBuf>,
    cache: Mutex<Cache>,
}

#[derive(Default)]
struct Cache {
    stamp: Option<(SystemTime, u64)>,
    ids: HashSet<String>,
}

impl Revocations {
    /// The list in `path`; `None` revokes nothing.
    pub fn new(path: Option<PathBuf>) -> Revocations {
        Revocations {
            path,
            cache: Mutex::new(Cache::default()),
        }
    }

    /// Whether the link `id` may not be used: revoked, or the list is unreadable.
    pub fn refuses(&self, id: &str) -> bool {
        let Some(path) = &self.path else {
            return false;
        };
        let Ok(mut cache) = self.cache.lock() else {
            return true;
        };
        let stamp = match std::fs::metadata(path) {
            Ok(m) => m.modified().ok().map(|t| (t, m.len())),
            // No file yet: nothing has been revoked.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                cache.ids.clear();
                cache.stamp = None;
                return false;
            }
            Err(_) => return true,
        };
        if stamp.is_none() || stamp != cache.stamp {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    cache.ids = text.lines().map(|l| l.trim().to_owned()).collect();
                    cache.stamp = stamp;
                }
                Err(e) => {
                    tracing::error!(error = %e, "the revoked-links file cannot be read; refusing every link");
                    return true;
                }
            }
        }
        cache.ids.contains(id)
    }
}

/// Appends `id` to the revocation file at `path`.
pub fn revoke(path: &Path, id: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    writeln!(file, "{id}")
}
