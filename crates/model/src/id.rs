//! Deterministic ids.
//!
//! Every row's id is derived from the source so that importing the same archive twice, or
//! two overlapping archives, writes the same rows once. Where the platform has its own id
//! the id is readable (`tw:post:1234`); where it has none, a hash of the identifying
//! fields is used.

use sha2::{Digest, Sha256};

/// The first 32 hex digits (128 bits) of the SHA-256 of `parts`, each part separated by
/// a unit separator so that `("ab", "c")` and `("a", "bc")` differ.
///
/// ```
/// let a = freehold_model::id::hash_parts(&["Ana", "2020"]);
/// assert_eq!(a.len(), 32);
/// assert_eq!(a, freehold_model::id::hash_parts(&["Ana", "2020"]));
/// assert_ne!(a, freehold_model::id::hash_parts(&["Ana2", "020"]));
/// ```
pub fn hash_parts(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update([0x1f]);
        }
        hasher.update(part.as_bytes());
    }
    hex(&hasher.finalize()[..16])
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// `<owner>#<kind>:<value>`: the id of a row that belongs to another row.
///
/// ```
/// assert_eq!(freehold_model::id::child("tw:post:1", "hashtag", "rust"), "tw:post:1#hashtag:rust");
/// ```
pub fn child(owner: &str, kind: &str, value: &str) -> String {
    format!("{owner}#{kind}:{value}")
}

/// The id of an import, from the SHA-256 hex of its archive.
pub fn import_id(source_sha256: &str) -> String {
    format!("import:{}", &source_sha256[..source_sha256.len().min(32)])
}
