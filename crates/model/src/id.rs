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

/// The first 16 hex digits (64 bits) of [`hash_parts`]: the hash part of synthetic ids
/// that need not be as long (profile fields, LinkedIn companies and conversations).
///
/// ```
/// use freehold_model::id::{hash_parts, short_hash};
/// assert_eq!(short_hash(&["a", "b"]).len(), 16);
/// assert!(hash_parts(&["a", "b"]).starts_with(&short_hash(&["a", "b"])));
/// ```
pub fn short_hash(parts: &[&str]) -> String {
    let mut full = hash_parts(parts);
    full.truncate(16);
    full
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

/// `<account>#<field>:<short hash of parts>`: the id of one profile field of an account,
/// the parts being what tells two values of the same field apart (the value, a date).
///
/// ```
/// use freehold_model::id::{profile_field, short_hash};
/// assert_eq!(
///     profile_field("tw:account:1", "bio", &["hello"]),
///     format!("tw:account:1#bio:{}", short_hash(&["hello"])),
/// );
/// ```
pub fn profile_field(account: &str, field: &str, parts: &[&str]) -> String {
    child(account, field, &short_hash(parts))
}

/// The ids of one platform: `<prefix>:<kind>:<native>`, for instance `tw:post:1234`.
///
/// Every parser formats its ids through its platform's `Ids`, so that the prefix and the
/// kind words are written once. The ids are part of the data contract (databases and
/// links depend on them): the methods only join their parts, they never change them.
///
/// ```
/// use freehold_model::id::Ids;
/// assert_eq!(Ids::TWITTER.account("12"), "tw:account:12");
/// assert_eq!(Ids::HYVES.post("blog:9"), "hy:post:blog:9");
/// assert_eq!(Ids::FACEBOOK.of("page", "x"), "fb:page:x");
/// assert_eq!(Ids::LINKEDIN.native("account", "li:account:noor"), Some("noor"));
/// assert_eq!(Ids::LINKEDIN.native("account", "tw:account:1"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ids {
    prefix: &'static str,
}

impl Ids {
    /// Twitter/X: `tw`.
    pub const TWITTER: Ids = Ids::new("tw");
    /// Facebook: `fb`.
    pub const FACEBOOK: Ids = Ids::new("fb");
    /// Hyves: `hy`.
    pub const HYVES: Ids = Ids::new("hy");
    /// LinkedIn: `li`.
    pub const LINKEDIN: Ids = Ids::new("li");

    /// The ids under `prefix` (`tw`, `fb`, …).
    pub const fn new(prefix: &'static str) -> Ids {
        Ids { prefix }
    }

    /// The platform prefix.
    pub const fn prefix(self) -> &'static str {
        self.prefix
    }

    /// `<prefix>:<kind>:<native>`.
    pub fn of(self, kind: &str, native: &str) -> String {
        format!("{}:{kind}:{native}", self.prefix)
    }

    /// `<prefix>:<kind>:<hash_parts(parts)>`: a synthetic id, for rows the platform gives
    /// no id (the full 32 hex digits of [`hash_parts`]).
    ///
    /// ```
    /// use freehold_model::id::{Ids, hash_parts};
    /// assert_eq!(Ids::FACEBOOK.hashed("group", &["x"]), format!("fb:group:{}", hash_parts(&["x"])));
    /// ```
    pub fn hashed(self, kind: &str, parts: &[&str]) -> String {
        self.of(kind, &hash_parts(parts))
    }

    /// `<prefix>:<kind>:<short_hash(parts)>`: a synthetic id with the 16 hex digits of
    /// [`short_hash`].
    pub fn short_hashed(self, kind: &str, parts: &[&str]) -> String {
        self.of(kind, &short_hash(parts))
    }

    /// The part of `id` after `<prefix>:<kind>:`, when `id` is of that kind.
    pub fn native<'i>(self, kind: &str, id: &'i str) -> Option<&'i str> {
        id.strip_prefix(self.prefix)?
            .strip_prefix(':')?
            .strip_prefix(kind)?
            .strip_prefix(':')
    }

    /// An account: `<prefix>:account:<native>`.
    pub fn account(self, native: &str) -> String {
        self.of("account", native)
    }

    /// A post: `<prefix>:post:<native>`.
    pub fn post(self, native: &str) -> String {
        self.of("post", native)
    }

    /// A private message: `<prefix>:message:<native>`.
    pub fn message(self, native: &str) -> String {
        self.of("message", native)
    }

    /// A conversation: `<prefix>:conversation:<native>`.
    pub fn conversation(self, native: &str) -> String {
        self.of("conversation", native)
    }

    /// A media file: `<prefix>:media:<native>`.
    pub fn media(self, native: &str) -> String {
        self.of("media", native)
    }

    /// An album: `<prefix>:album:<native>`.
    pub fn album(self, native: &str) -> String {
        self.of("album", native)
    }

    /// A group: `<prefix>:group:<native>`.
    pub fn group(self, native: &str) -> String {
        self.of("group", native)
    }

    /// An event: `<prefix>:event:<native>`.
    pub fn event(self, native: &str) -> String {
        self.of("event", native)
    }

    /// A reaction: `<prefix>:reaction:<native>`.
    pub fn reaction(self, native: &str) -> String {
        self.of("reaction", native)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids the parsers wrote before `Ids` existed, byte for byte.
    #[test]
    fn ids_keep_their_historic_shape() {
        assert_eq!(Ids::TWITTER.post("1"), "tw:post:1");
        assert_eq!(Ids::TWITTER.message("2"), "tw:message:2");
        assert_eq!(Ids::TWITTER.media("3"), "tw:media:3");
        assert_eq!(Ids::TWITTER.conversation("4-5"), "tw:conversation:4-5");
        assert_eq!(Ids::HYVES.account("u1"), "hy:account:u1");
        assert_eq!(Ids::HYVES.album("a"), "hy:album:a");
        assert_eq!(Ids::HYVES.group("g"), "hy:group:g");
        assert_eq!(Ids::HYVES.event("e"), "hy:event:e");
        assert_eq!(Ids::FACEBOOK.reaction("r"), "fb:reaction:r");
        assert_eq!(
            Ids::LINKEDIN.short_hashed("company", &["acme"]),
            format!("li:company:{}", &hash_parts(&["acme"])[..16])
        );
        assert_eq!(Ids::FACEBOOK.native("account", "fb:accounts:x"), None);
        assert_eq!(Ids::FACEBOOK.native("account", "fb:account:"), Some(""));
    }

    #[test]
    fn short_hash_is_the_head_of_the_full_one() {
        let full = hash_parts(&["x", "y"]);
        assert_eq!(short_hash(&["x", "y"]), full[..16]);
        assert_ne!(short_hash(&["xy"]), short_hash(&["x", "y"]));
    }
}
