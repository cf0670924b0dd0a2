//! Small helpers over item values and ids.

use freehold_model::id;
use serde_json::{Map, Value};

/// The platform name.
pub(crate) const PLATFORM: &str = "hyves";

pub(crate) fn account_id(userid: &str) -> String {
    format!("hy:account:{userid}")
}

pub(crate) fn post_id(kind: &str, native: &str) -> String {
    format!("hy:post:{kind}:{native}")
}

pub(crate) fn media_id(native: &str) -> String {
    format!("hy:media:{native}")
}

pub(crate) fn album_id(native: &str) -> String {
    format!("hy:album:{native}")
}

pub(crate) fn group_id(native: &str) -> String {
    format!("hy:group:{native}")
}

/// A field as text: a non-empty string (trimmed), or a number.
pub(crate) fn text(v: &Value, key: &str) -> Option<String> {
    scalar(v.get(key)?)
}

/// A value as text: a non-empty string (trimmed), or a number or boolean.
pub(crate) fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A body: a non-empty string exactly as written (whitespace kept).
pub(crate) fn body(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
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

/// A number that may be stored as a string.
pub(crate) fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The object's fields minus `mapped` and empty strings, as `extra` (None when nothing
/// is left).
pub(crate) fn extra_without(v: &Value, mapped: &[&str]) -> Option<Map<String, Value>> {
    let map = v.as_object()?;
    let rest: Map<String, Value> = map
        .iter()
        .filter(|(k, v)| !mapped.contains(&k.as_str()) && !is_empty(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (!rest.is_empty()).then_some(rest)
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

/// Adds `key: value` to an `extra` map, creating it.
pub(crate) fn put(extra: &mut Option<Map<String, Value>>, key: &str, value: impl Into<Value>) {
    extra
        .get_or_insert_with(Map::new)
        .insert(key.to_string(), value.into());
}

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
pub(crate) fn field_id(account: &str, field: &str, parts: &[&str]) -> String {
    id::child(account, field, &id::hash_parts(parts)[..16])
}

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
