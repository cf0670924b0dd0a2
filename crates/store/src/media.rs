//! Copying media out of an archive, content-addressed by SHA-256.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use freehold_archive::{Archive, Entry};
use sha2::{Digest, Sha256};

use crate::Error;

/// Copies `entry` into `dir/<first two hex digits>/<sha256>.<ext>` and returns the
/// SHA-256 hex and the final path. The file is written under a temporary name and renamed,
/// so a crash never leaves a half-written file under a final name; the copy is readable
/// by its owner only. A file already present (same content) is not written again.
pub fn copy_content_addressed(
    archive: &Archive,
    entry: &Entry,
    dir: &Path,
) -> Result<(String, PathBuf), Error> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    crate::output::create_private_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".freehold-")
        .tempfile_in(dir)
        .map_err(io_err(dir))?;
    let sha = archive.read_entry(entry, |r| {
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = r.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            temp.write_all(&buf[..n])?;
        }
        temp.flush()?;
        Ok::<_, io::Error>(freehold_model::id::hex(&hasher.finalize()))
    })?;
    let target =
        stored_media_path(dir, &sha, Some(entry.file_name())).unwrap_or_else(|| dir.join(&sha));
    if let Some(sub) = target.parent() {
        crate::output::create_private_dir_all(sub)?;
    }
    // Only a regular file with the right size counts as the stored copy: a symlink (or
    // anything else) planted under the name is replaced by the real file. The rename
    // replaces the link itself, never what it points to.
    let stored = std::fs::symlink_metadata(&target)
        .is_ok_and(|m| m.file_type().is_file() && m.len() == entry.size);
    if !stored {
        temp.persist(&target).map_err(|e| Error::Io {
            path: target.clone(),
            source: e.error,
        })?;
    }
    Ok((sha, target))
}

/// Where [`copy_content_addressed`] stores a file with this SHA-256 and name in the
/// archive (`media.archive_path`): `dir/<first two hex digits>/<sha256>.<ext>`, the
/// extension lower-cased and kept only when it is short and alphanumeric. `None` for a
/// value that is not a SHA-256 in hex.
pub fn stored_media_path(dir: &Path, sha256: &str, archive_name: Option<&str>) -> Option<PathBuf> {
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let file = archive_name.map(|n| n.rsplit('/').next().unwrap_or(n));
    let ext = file
        .and_then(|f| f.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric()));
    let name = match ext {
        Some(ext) => format!("{sha256}.{ext}"),
        None => sha256.to_string(),
    };
    Some(dir.join(&sha256[..2]).join(name))
}
