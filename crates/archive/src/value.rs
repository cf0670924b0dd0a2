//! Helpers over `serde_json::Value` that every JSON-reading parser needs.
//!
//! One rule for text fields: a string that is empty or only white space is no value
//! (`None`). Whether the surrounding white space of a value is kept is said by the name:
//! [`str_exact`] keeps the value as written (free text whose spacing is the author's),
//! [`str_trimmed`] trims it (names, labels, ids, URLs and other short values that exports
//! pad by accident).

use serde_json::{Map, Value};

/// A string field exactly as written; `None` when the field is missing, not a string,
/// or blank (empty or only white space).
///
/// ```
/// use freehold_archive::value::str_exact;
/// let v = serde_json::json!({"text": "  hi ", "blank": " \n", "n": 1});
/// assert_eq!(str_exact(&v, "text"), Some("  hi "));
/// assert_eq!(str_exact(&v, "blank"), None);
/// assert_eq!(str_exact(&v, "n"), None);
/// assert_eq!(str_exact(&v, "missing"), None);
/// ```
pub fn str_exact<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// A string field with its surrounding white space trimmed; `None` when the field is
/// missing, not a string, or blank.
///
/// ```
/// use freehold_archive::value::str_trimmed;
/// let v = serde_json::json!({"name": "  Ada ", "blank": "   "});
/// assert_eq!(str_trimmed(&v, "name"), Some("Ada"));
/// assert_eq!(str_trimmed(&v, "blank"), None);
/// ```
pub fn str_trimmed<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A scalar as text: a string (trimmed; blank is no value), a number as JSON writes it,
/// or a boolean (`true`/`false`). Exports that went through XML or through more than one
/// JSON writer give the same field as any of these (`"123"` or `123`, `"1"` or `true`).
/// Arrays, objects and `null` are no text.
///
/// ```
/// use freehold_archive::value::scalar_text;
/// use serde_json::json;
/// assert_eq!(scalar_text(&json!(" 12 ")).as_deref(), Some("12"));
/// assert_eq!(scalar_text(&json!(12)).as_deref(), Some("12"));
/// assert_eq!(scalar_text(&json!(true)).as_deref(), Some("true"));
/// assert_eq!(scalar_text(&json!("  ")), None);
/// assert_eq!(scalar_text(&json!([1])), None);
/// ```
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The field `key` as text, by [`scalar_text`].
///
/// ```
/// use freehold_archive::value::text;
/// let v = serde_json::json!({"id": 1234, "tweetId": " 99 "});
/// assert_eq!(text(&v, "id").as_deref(), Some("1234"));
/// assert_eq!(text(&v, "tweetId").as_deref(), Some("99"));
/// assert_eq!(text(&v, "missing"), None);
/// ```
pub fn text(v: &Value, key: &str) -> Option<String> {
    scalar_text(v.get(key)?)
}

/// The array under `key`, or an empty slice when it is missing or not an array.
///
/// ```
/// use freehold_archive::value::array;
/// let v = serde_json::json!({"a": [1, 2], "b": "x"});
/// assert_eq!(array(&v, "a").len(), 2);
/// assert!(array(&v, "b").is_empty());
/// ```
pub fn array<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Adds `key: value` to a row's `extra`, creating the map when there is none yet.
///
/// ```
/// use freehold_archive::value::put;
/// let mut extra = None;
/// put(&mut extra, "raw", "17-05-1988");
/// put(&mut extra, "year_hidden", false);
/// let extra = extra.unwrap();
/// assert_eq!((extra["raw"].as_str(), extra["year_hidden"].as_bool()), (Some("17-05-1988"), Some(false)));
/// ```
pub fn put(extra: &mut Option<Map<String, Value>>, key: &str, value: impl Into<Value>) {
    extra
        .get_or_insert_with(Map::new)
        .insert(key.to_string(), value.into());
}

/// The object's fields minus `mapped`, for a row's `extra` (None when nothing is left).
/// Every other field is kept, `null` and `""` included: see [`extra_without_empty`] for
/// the sources that write an empty value for every unset field.
///
/// ```
/// use freehold_archive::value::extra_without;
/// let v = serde_json::json!({"id": "1", "text": "hi", "source": "web"});
/// let extra = extra_without(&v, &["id", "text"]).unwrap();
/// assert_eq!(extra.len(), 1);
/// assert_eq!(extra["source"], "web");
/// assert!(extra_without(&v, &["id", "text", "source"]).is_none());
/// let empty = serde_json::json!({"id": "1", "place": "", "geo": null});
/// assert_eq!(extra_without(&empty, &["id"]).unwrap().len(), 2);
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

/// The object's fields minus `mapped`, `null` and `""`, for a row's `extra` (None when
/// nothing is left). For sources whose empty values say nothing: a saved Hyves XML
/// response writes every unset field as an empty element, so keeping them would fill
/// `extra` with noise. A string of white space is kept (it is not empty).
///
/// ```
/// use freehold_archive::value::extra_without_empty;
/// let v = serde_json::json!({"id": "1", "mood": "", "city": null, "sign": " ", "n": 0});
/// let extra = extra_without_empty(&v, &["id"]).unwrap();
/// assert_eq!(extra.len(), 2);
/// assert_eq!(extra["sign"], " ");
/// assert_eq!(extra["n"], 0);
/// assert!(extra_without_empty(&serde_json::json!({"mood": ""}), &[]).is_none());
/// ```
pub fn extra_without_empty(v: &Value, mapped: &[&str]) -> Option<Map<String, Value>> {
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

/// An integer that may be stored as a string (`"5980"` or `5980`). A JSON number with a
/// fraction (`640.0`, a timestamp `1.6e9`) is cut to its whole part, as exports that
/// went through JavaScript write whole numbers; a string must be an integer.
///
/// ```
/// use freehold_archive::value::integer;
/// assert_eq!(integer(&serde_json::json!("5980")), Some(5980));
/// assert_eq!(integer(&serde_json::json!(" 12 ")), Some(12));
/// assert_eq!(integer(&serde_json::json!(7)), Some(7));
/// assert_eq!(integer(&serde_json::json!(640.0)), Some(640));
/// assert_eq!(integer(&serde_json::json!(7.9)), Some(7));
/// assert_eq!(integer(&serde_json::json!("7.5")), None);
/// assert_eq!(integer(&serde_json::json!(true)), None);
/// ```
pub fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
