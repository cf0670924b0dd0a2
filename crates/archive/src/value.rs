//! Helpers over `serde_json::Value` that every JSON-reading parser needs.

use serde_json::{Map, Value};

/// The object's fields minus `mapped`, for a row's `extra` (None when nothing is left).
///
/// ```
/// use freehold_archive::value::extra_without;
/// let v = serde_json::json!({"id": "1", "text": "hi", "source": "web"});
/// let extra = extra_without(&v, &["id", "text"]).unwrap();
/// assert_eq!(extra.len(), 1);
/// assert_eq!(extra["source"], "web");
/// assert!(extra_without(&v, &["id", "text", "source"]).is_none());
/// ```
pub fn extra_without(v: &Value, mapped: &[&str]) -> Option<Map<String, Value>> {
    let map = v.as_object()?;
    let rest: Map<String, Value> = map
        .iter()
        .filter(|(k, _)| !mapped.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (!rest.is_empty()).then_some(rest)
}

/// The object's fields minus `mapped`, taken by value: the same as [`extra_without`]
/// without copying the fields that stay (None when nothing is left, or `v` is not an
/// object).
///
/// ```
/// use freehold_archive::value::into_extra;
/// let v = serde_json::json!({"id": "1", "text": "hi", "source": "web"});
/// let extra = into_extra(v, &["id", "text"]).unwrap();
/// assert_eq!(extra.len(), 1);
/// assert_eq!(extra["source"], "web");
/// assert!(into_extra(serde_json::json!({"id": "1"}), &["id"]).is_none());
/// ```
pub fn into_extra(v: Value, mapped: &[&str]) -> Option<Map<String, Value>> {
    let Value::Object(mut map) = v else {
        return None;
    };
    map.retain(|k, _| !mapped.contains(&k.as_str()));
    (!map.is_empty()).then_some(map)
}

/// A number that may be stored as a string (`"4.8897"` or `4.8897`).
///
/// ```
/// use freehold_archive::value::number;
/// assert_eq!(number(&serde_json::json!(" 4.5 ")), Some(4.5));
/// assert_eq!(number(&serde_json::json!(2)), Some(2.0));
/// assert_eq!(number(&serde_json::json!("x")), None);
/// ```
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// An integer that may be stored as a string (`"5980"` or `5980`).
///
/// ```
/// use freehold_archive::value::integer;
/// assert_eq!(integer(&serde_json::json!("5980")), Some(5980));
/// assert_eq!(integer(&serde_json::json!(7)), Some(7));
/// assert_eq!(integer(&serde_json::json!("7.5")), None);
/// ```
pub fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
