//! Small helpers over `serde_json::Value` and ids.

use freehold_model::Account;
use freehold_model::id::Ids;
use serde_json::{Map, Value};

/// The platform name.
pub(crate) const PLATFORM: &str = "twitter";

/// The ids of this platform (`tw:…`).
pub(crate) const IDS: Ids = Ids::TWITTER;

/// Ids and counts are strings in YTD archives and numbers in Grailbird ones.
pub(crate) use freehold_archive::value::text;

/// A field as written, only when it is not blank: Twitter's strings are kept exactly
/// (tweet text keeps its spacing, ids and URLs are not padded).
pub(crate) use freehold_archive::value::str_exact;

/// An id field: `<key>_str` first (exact), then `<key>` as a string or an integer. A
/// Grailbird `id` number is only used when it is an exact integer.
pub(crate) fn id_of(v: &Value, key: &str) -> Option<String> {
    if let Some(s) = str_exact(v, &format!("{key}_str")) {
        return Some(s.to_string());
    }
    match v.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => n.as_u64().map(|n| n.to_string()),
        _ => None,
    }
}

pub(crate) use freehold_archive::value::{integer, number};

pub(crate) use freehold_archive::value::{extra_without, into_extra};

/// `extra` with `key` put back as written when its value is `unread` (a mapped field,
/// a date say, that could not be read): an unreadable value is reported and kept,
/// never dropped.
pub(crate) fn with_unread(
    extra: Option<Map<String, Value>>,
    key: &str,
    unread: Option<Value>,
) -> Option<Map<String, Value>> {
    let mut extra = extra;
    if let Some(raw) = unread.filter(|v| !v.is_null()) {
        freehold_archive::value::put(&mut extra, key, raw);
    }
    extra
}

/// Unwraps a YTD record envelope `{"<key>": {...}}`; a bare object is returned as it is
/// (some early archives have no envelope).
pub(crate) fn unwrap<'v>(v: &'v Value, key: &str) -> &'v Value {
    match v.get(key) {
        Some(inner) if inner.is_object() => inner,
        _ => v,
    }
}

/// Unwraps a YTD record envelope by value, like [`unwrap`].
pub(crate) fn unwrap_owned(v: Value, key: &str) -> Value {
    match v {
        Value::Object(mut map) if map.get(key).is_some_and(Value::is_object) => {
            map.remove(key).unwrap_or_default()
        }
        v => v,
    }
}

/// A stub account known only by its numeric id (followers, DM partners, ...).
pub(crate) fn stub_account(native: &str) -> Account {
    Account {
        id: IDS.account(native),
        platform: PLATFORM.into(),
        native_id: Some(native.to_string()),
        ..Account::default()
    }
}

/// An account with a known handle.
pub(crate) fn named_account(native: &str, handle: Option<&str>, name: Option<&str>) -> Account {
    Account {
        handle: handle.map(str::to_string),
        display_name: name.map(str::to_string),
        profile_url: handle.map(|h| format!("https://twitter.com/{h}")),
        ..stub_account(native)
    }
}

/// Whether a string is a plausible numeric account id (not `-1`, `0` or empty).
pub(crate) fn is_real_id(s: &str) -> bool {
    !s.is_empty() && s != "0" && s.bytes().all(|b| b.is_ascii_digit())
}

/// A profile field id.
pub(crate) use freehold_model::id::profile_field as field_id;

/// Emits records read from one file, with a shared path.
pub(crate) use freehold_archive::FileSink as Out;

pub(crate) use freehold_archive::value::array;

/// The real account ids in the string array under `key`.
pub(crate) fn real_ids<'v>(v: &'v Value, key: &str) -> impl Iterator<Item = &'v str> {
    array(v, key)
        .iter()
        .filter_map(Value::as_str)
        .filter(|u| is_real_id(u))
}

/// `(short, expanded)` link pairs from a list of url objects, e.g. `url`/`expanded_url`
/// in tweets, `url`/`expanded` in DMs, `shortUrl`/`expandedUrl` in note tweets.
pub(crate) fn url_pairs(list: &[Value], short: &str, long: &str) -> Vec<(String, String)> {
    list.iter()
        .filter_map(|u| {
            Some((
                str_exact(u, short)?.to_string(),
                str_exact(u, long)?.to_string(),
            ))
        })
        .collect()
}

/// Reports a record that names no usable id (`no-id`): it cannot be identified, so it
/// is skipped.
pub(crate) fn skipped_without_id(out: &mut Out<'_, '_>, loc: &str, message: &str) {
    out.cx.diagnose(
        freehold_archive::Severity::Warning,
        freehold_archive::codes::NO_ID,
        Some(&out.path),
        Some(loc.to_string()),
        message,
    );
}
