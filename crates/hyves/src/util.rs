//! Small helpers over item values and ids.

use freehold_model::id::Ids;
use serde_json::Value;

/// The platform name.
pub(crate) const PLATFORM: &str = "hyves";

/// The ids of this platform (`hy:…`).
pub(crate) const IDS: Ids = Ids::HYVES;

/// A post of one kind (`blog`, `scrap`, `wiewatwaar`, …): `hy:post:<kind>:<native>`.
pub(crate) fn post_id(kind: &str, native: &str) -> String {
    IDS.post(&format!("{kind}:{native}"))
}

/// Fields as text: XML gives every value as a string, JSON as strings, numbers or
/// booleans; both read the same.
pub(crate) use freehold_archive::value::{scalar_text, text};

/// A body: a non-blank string exactly as written (whitespace kept).
pub(crate) fn body(v: &Value, key: &str) -> Option<String> {
    freehold_archive::value::str_exact(v, key).map(str::to_string)
}

/// An id field: text with no spaces. Ids are opaque strings, never numbers to compute with.
pub(crate) fn id_of(v: &Value, key: &str) -> Option<String> {
    text(v, key).filter(|s| !s.contains(char::is_whitespace))
}

/// Whether `s` looks like a Data-API id: 16 hex characters (v1) or 34 letters and
/// digits (v2).
pub(crate) fn looks_like_id(s: &str) -> bool {
    (s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        || (s.len() == 34 && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A Hyves boolean: `true`/`false`, `1`/`0`, or a JSON boolean.
pub(crate) fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(s) => match s.trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

pub(crate) use freehold_archive::value::number;

/// Saved XML responses write every unset field as an empty element: those say nothing
/// and stay out of `extra`.
pub(crate) use freehold_archive::value::extra_without_empty;

pub(crate) use freehold_archive::value::put;

/// The username in a profile URL `http://<username>.hyves.nl/`.
///
/// `www`, `m`, `mini` and other site hosts are not usernames.
pub(crate) fn username_from_url(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .strip_prefix("http://")
        .or_else(|| url.trim().strip_prefix("https://"))?;
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let name = host
        .strip_suffix(".hyves.nl")
        .or_else(|| host.strip_suffix(".hyves.net"))?;
    if name.contains('.') || ["www", "m", "mini", "data", "cache", "api"].contains(&name) {
        return None;
    }
    crate::markup::is_username(name).then(|| name.to_string())
}

/// A profile field id.
pub(crate) use freehold_model::id::profile_field as field_id;

/// A list that may be a single object (XML) or an array (JSON).
pub(crate) fn list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_from_profile_urls() {
        assert_eq!(
            username_from_url("http://danielle-db.hyves.nl/").as_deref(),
            Some("danielle-db")
        );
        assert_eq!(
            username_from_url("https://Sem-V.hyves.nl/blog/").as_deref(),
            Some("sem-v")
        );
        assert_eq!(username_from_url("http://www.hyves.nl/"), None);
        assert_eq!(username_from_url("http://a.b.hyves.nl/"), None);
        assert_eq!(username_from_url("http://example.com/"), None);
    }

    #[test]
    fn id_shapes() {
        assert!(looks_like_id("c26fbee3459914f0"));
        assert!(looks_like_id("00901b0c9381ec501a148e26395f135437"));
        assert!(!looks_like_id("p0001"));
    }

    #[test]
    fn booleans() {
        assert_eq!(boolean(&Value::from("1")), Some(true));
        assert_eq!(boolean(&Value::from(false)), Some(false));
        assert_eq!(boolean(&Value::from("ja")), None);
    }
}
